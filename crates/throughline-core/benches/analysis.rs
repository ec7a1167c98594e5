//! Analysis speed: index + rules on generated organisations of 10,000 and 100,000 people.
//! Target (issue #2): analysis alone <= 200 ms at 100,000 people on the 2-core machine.

use criterion::{criterion_group, criterion_main, Criterion};
use throughline_core::gen::{generate, GenOptions};
use throughline_core::{analysis, format, Org};

fn bench(c: &mut Criterion) {
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    for people in [10_000usize, 100_000] {
        let map = generate(&GenOptions::new(people, 1));
        let mut group = c.benchmark_group(format!("{people}_people"));
        group.sample_size(10);
        group.bench_function("analyse (index + rules)", |b| {
            b.iter(|| analysis::analyse(map.clone(), as_of))
        });
        let org = Org::new(map.clone().into());
        group.bench_function("rules only", |b| {
            b.iter(|| analysis::analyse_org(&org, as_of))
        });
        let text = format::write_map(&map);
        group.bench_function("read + validate", |b| {
            b.iter(|| format::read_map(&text).expect("valid"))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
