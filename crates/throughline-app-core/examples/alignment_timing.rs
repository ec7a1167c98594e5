//! The alignment views at workshop scale (issue #13 item 9: each view opens in ≤ 300 ms at
//! 10,000 people): a generated organisation in a workspace, then the views as the page asks
//! for them — the first read of a revision (computed), a second read (kept), the JSON the
//! command sends — and opening the biggest flow and coverage cell.
//! `cargo run -p throughline-app-core --example alignment_timing [PEOPLE]` (--release for
//! the figures a user sees).
use std::time::Instant;
use throughline_app_core::alignment::{alignment_goals, AlignmentCell};
use throughline_app_core::Session;

/// The allocator the shipped binaries use (ARCHITECTURE.md, "The allocator"), so that
/// these figures are the binaries'.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let people: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let mut opts = throughline_core::gen::GenOptions::new(people, 7);
    opts.messy = true;
    let map = throughline_core::gen::generate(&opts);
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = Session::new(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"));
    s.create(&dir.path().join("big.throughline"), &map, false)
        .expect("created");
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let rev = s.revision().expect("open");
    println!(
        "{people} people, {} goals, {} findings",
        rev.map().goals.len(),
        rev.analysis.hits.len()
    );
    let t = Instant::now();
    let v = rev.alignment();
    let first = ms(t);
    let t = Instant::now();
    let v2 = rev.alignment();
    let second = ms(t);
    assert!(std::ptr::eq(v, v2));
    let t = Instant::now();
    let bytes = serde_json::to_vec(v).expect("json").len();
    let json = ms(t);
    println!(
        "views: first read {first:.1} ms, again {second:.3} ms, JSON {json:.1} ms ({bytes} bytes); \
         {} functions, {} goals set across, {} strategy goals",
        v.scorecards.len(),
        v.flows.total.goals,
        v.coverage.strategy.len()
    );
    // The biggest flow and the biggest coverage cell, opened.
    let n = v.flows.functions.len();
    let (si, oi) = (0..n * n)
        .map(|k| (k / n, k % n))
        .max_by_key(|&(a, b)| v.flows.cells[a][b].goals)
        .expect("functions");
    let cell = AlignmentCell::Flow {
        setter: v.flows.functions[si].id.clone(),
        owner: v.flows.functions[oi].id.clone(),
    };
    let t = Instant::now();
    let g = alignment_goals(rev, &cell).expect("goals");
    println!("open the biggest flow: {:.1} ms ({})", ms(t), g.title);
    let row = v
        .coverage
        .rows
        .iter()
        .max_by_key(|r| r.cells.iter().max())
        .expect("rows");
    let col = (0..row.cells.len())
        .max_by_key(|&i| row.cells[i])
        .expect("strategy");
    let cell = AlignmentCell::Coverage {
        function: row.function.id.clone(),
        strategy: Some(v.coverage.strategy[col].id.clone()),
    };
    let t = Instant::now();
    let g = alignment_goals(rev, &cell).expect("goals");
    println!(
        "open the biggest coverage cell: {:.1} ms ({})",
        ms(t),
        g.title
    );
    let cell = AlignmentCell::Coverage {
        function: row.function.id.clone(),
        strategy: None,
    };
    let t = Instant::now();
    let g = alignment_goals(rev, &cell).expect("goals");
    println!("open its untraced goals: {:.1} ms ({})", ms(t), g.title);
}
