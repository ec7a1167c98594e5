//! Prints how long each rule takes on a generated organisation, and how many findings it
//! makes: `cargo run --release -p throughline-core --example rule_timings -- 100000 [messy]`.

use std::time::Instant;
use throughline_core::gen::{generate, GenOptions};
use throughline_core::rules::{Ctx, REGISTRY};
use throughline_core::Org;

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
