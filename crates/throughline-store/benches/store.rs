//! Workspace file speed (issue #3 targets on the 2-core machine):
//! import of a 100,000-person map <= 5 s; open + load a 10,000-person workspace <= 1 s;
//! one edit, commit included, <= 5 ms median.

use criterion::{criterion_group, criterion_main, Criterion};
use std::time::Duration;
use throughline_core::gen::{generate, GenOptions};
use throughline_core::model::Goal;
use throughline_store::{Edit, Options, Workspace};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = generate(&GenOptions::new(100_000, 1));
    let mut g = c.benchmark_group("workspace");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.bench_function("import 100,000 people", |b| {
        let path = dir.path().join("big.throughline");
        b.iter(|| {
            Workspace::create_file(&path, &big, true).expect("import");
        })
    });
    drop(big);

    let map = generate(&GenOptions::new(10_000, 1));
    let path = dir.path().join("ten-k.throughline");
    drop(Workspace::create(&path, &map, true, Options::default()).expect("import"));
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("open + load 10,000 people", |b| {
        b.iter(|| Workspace::open(&path, Options::default()).expect("open"))
    });
    g.finish();

    let mut ws = Workspace::open(&path, Options::default()).expect("open");
    let owner = map.people[500].id.clone();
    let target = map.goals[10].id.clone();
    let mut n = 0u64;
    let mut e = c.benchmark_group("edit at 10,000 people");
    e.sample_size(200);
    e.bench_function("put goal (commit included)", |b| {
        b.iter(|| {
            n += 1;
            let goal = bench_goal(n, &owner, &target);
            ws.apply(&Edit::CreateGoal { goal }).expect("edit")
        })
    });
    e.bench_function("undo + redo (two commits)", |b| {
        b.iter(|| {
            ws.undo().expect("undo");
            ws.redo().expect("redo");
        })
    });
    // What the app does after an edit (commit, one new analysed revision, the panels) is
    // measured through the app's own calls: throughline-app-core's `edit_refresh` example.
    e.finish();
}

/// A new goal `bench-N` of `owner` that supports `supports`.
fn bench_goal(n: u64, owner: &str, supports: &str) -> Goal {
    Goal {
        id: format!("bench-{n}"),
        title: "Benchmark goal".into(),
        level: None,
        owner: owner.to_string(),
        set_by: None,
        measure: None,
        target: Some(1.0),
        due: None,
        status: None,
        supports: Some(vec![supports.to_string()]),
        values: None,
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
