//! Times the effect of a change (the notice after each edit): the fingerprints of every
//! finding, and the effect against them, on a generated organisation:
//! `cargo run --release -p throughline-core --example effect_timing -- 10000 [messy]`
use std::time::Instant;
use throughline_core::gen::{generate, GenOptions};
use throughline_core::{analysis, effect, Org};

/// The allocator the shipped binaries use (ARCHITECTURE.md, "The allocator"), so that
/// these figures are the binaries'.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let people: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let mut opts = GenOptions::new(people, 1);
    opts.messy = args.iter().any(|a| a == "messy");
    let org = Org::new(generate(&opts).into());
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    let a = analysis::run(&org, as_of);
    let related: usize = a.hits.iter().map(|h| h.related.len()).sum();
    for _ in 0..3 {
        let t = Instant::now();
        let prints = effect::fingerprints(&org, &a);
        let fp = t.elapsed();
        let t = Instant::now();
        let e = effect::effect(&prints, &org, &a);
        println!(
            "{people} people, {} findings ({related} related ids): fingerprints {:.1} ms, effect {:.1} ms ({} new)",
            a.hits.len(),
            fp.as_secs_f64() * 1e3,
            t.elapsed().as_secs_f64() * 1e3,
            e.new
        );
    }
}
