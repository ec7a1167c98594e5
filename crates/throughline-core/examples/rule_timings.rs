//! Prints how long each rule takes on a generated organisation, and how many findings it
//! makes, and what the index costs built and patched for one goal:
//! `cargo run --release -p throughline-core --example rule_timings -- 100000 [messy]`.

use std::time::Instant;
use throughline_core::gen::{generate, GenOptions};
use throughline_core::rules::{Ctx, REGISTRY};
use throughline_core::Org;

/// The allocator the shipped binaries use (ARCHITECTURE.md, "The allocator"), so that
/// these figures are the binaries'.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let people: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let mut opts = GenOptions::new(people, 1);
    opts.messy = std::env::args().any(|a| a == "messy");
    let map = generate(&opts);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let shared = std::sync::Arc::new(map.clone());
    for _ in 0..3 {
        let t = Instant::now();
        drop(Org::new(shared.clone()));
        println!("index again: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    }
    // What an edit of one goal's measure costs the index: patched in place, as the app does.
    let mut patched = Org::new(shared.clone());
    let mut edited = map.clone();
    let mut took = Vec::new();
    // Each version is kept alive, as the store keeps the map: dropping one is not the index's.
    let mut versions = Vec::new();
    for i in 0..30 {
        let g = (i * 7919) % edited.goals.len();
        edited.goals[g].measure = Some(edited.measures[i % edited.measures.len()].id.clone());
        let next = std::sync::Arc::new(edited.clone());
        versions.push(next.clone());
        let t = Instant::now();
        patched.rebind_goal(next, g as u32);
        took.push(t.elapsed().as_secs_f64() * 1e3);
    }
    took.sort_by(f64::total_cmp);
    println!(
        "index patched for one goal (Org::rebind_goal), median of 30: {:.2} ms",
        took[15]
    );
    drop((patched, versions));
    let t = Instant::now();
    let org = Org::new(shared);
    println!(
        "{:<26} {:>8.1} ms",
        "index (Org::new)",
        t.elapsed().as_secs_f64() * 1e3
    );
    let settings = map.settings_or_default();
    let cx = Ctx {
        org: &org,
        as_of,
        settings: &settings,
    };
    for rule in REGISTRY.iter() {
        let mut out = Vec::new();
        let t = Instant::now();
        (rule.check)(&cx, &mut out);
        println!(
            "{:<26} {:>8.1} ms {:>8} findings",
            rule.id,
            t.elapsed().as_secs_f64() * 1e3,
            out.len()
        );
    }
    let rounds = if std::env::var_os("RUN_ONLY").is_some() {
        30
    } else {
        3
    };
    for _ in 0..rounds {
        let t = Instant::now();
        let analysis = throughline_core::analysis::run(&org, as_of);
        println!(
            "{:<26} {:>8.1} ms {:>8} findings (messages not written)",
            "all (analysis::run)",
            t.elapsed().as_secs_f64() * 1e3,
            analysis.hits.len()
        );
    }
    let t = Instant::now();
    let report = throughline_core::analysis::analyse_org(&org, as_of);
    println!(
        "{:<26} {:>8.1} ms {:>8} findings",
        "all, every message (analyse_org)",
        t.elapsed().as_secs_f64() * 1e3,
        report.findings.len()
    );
}
