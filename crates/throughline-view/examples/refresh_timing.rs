//! Times what the app recomputes after an edit, piece by piece, on a generated organisation:
//! `cargo run --release -p throughline-view --example refresh_timing -- 10000`.
use std::time::Instant;
use throughline_core::gen::{generate, GenOptions};
use throughline_core::{analysis, Org};
use throughline_view::{build_view, findings_page, FindingFilter, ViewRequest};

fn main() {
    let people: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let map = generate(&GenOptions::new(people, 1));
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    for _ in 0..3 {
        let t = Instant::now();
        let org = Org::new(&map);
        let a = t.elapsed();
        let report = analysis::analyse_org(&org, as_of);
        let b = t.elapsed();
        let page = findings_page(&org, &report, &FindingFilter::default());
        let c = t.elapsed();
        let view = build_view(&org, &report, &ViewRequest::default());
        let d = t.elapsed();
        println!(
            "index {:>6.1} ms  rules {:>6.1} ms  findings page {:>6.1} ms  view {:>6.1} ms  ({} findings, {} nodes)",
            a.as_secs_f64() * 1e3,
            (b - a).as_secs_f64() * 1e3,
            (c - b).as_secs_f64() * 1e3,
            (d - c).as_secs_f64() * 1e3,
            page.matching,
            view.nodes.len()
        );
    }
}
