//! Times single edits on a generated workspace:
//! `cargo run --release -p throughline-store --example edit_timing -- 10000`.
use std::time::Instant;
use throughline_core::gen::{generate, GenOptions};
use throughline_core::model::Goal;
use throughline_store::{Edit, Options, Workspace};

fn main() {
    let people: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let map = generate(&GenOptions::new(people, 1));
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("w.throughline");
    let mut ws = Workspace::create(&path, &map, true, Options::default()).expect("create");
    let mut times = Vec::new();
    for n in 0..40 {
        let goal = Goal {
            id: format!("t-{n}"),
            title: "Timing goal".into(),
            level: None,
            owner: map.people[(n * 37) % map.people.len()].id.clone(),
            set_by: None,
            measure: None,
            target: Some(1.0),
            due: None,
            status: None,
            supports: Some(vec![map.goals[10].id.clone()]),
            values: None,
        };
        let t = Instant::now();
        ws.apply(&Edit::CreateGoal { goal }).expect("edit");
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "edit: median {:.2} ms, max {:.2} ms",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
