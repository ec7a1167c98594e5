//! The measures designer at workshop scale (issue #13 item 9: each view opens in ≤ 300 ms
//! at 10,000 people): a generated organisation in a workspace, then every function's
//! designer as the page asks for it, with its JSON and the one-click fixes of its flags.
//! `cargo run -p throughline-app-core --example measures_timing [PEOPLE]` (--release for
//! the figures a user sees).
use std::time::Instant;
use throughline_app_core::measures::measures_designer;
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
    for f in s.choices().expect("choices").functions {
        let t = Instant::now();
        let d = measures_designer(rev, Some(&f.id)).expect("designer");
        let took = ms(t);
        let t = Instant::now();
        let bytes = serde_json::to_vec(&d).expect("json").len();
        let json = ms(t);
        let flags: Vec<_> = d
            .measures
            .iter()
            .flat_map(|m| &m.flags)
            .chain(&d.lagging_only)
            .collect();
        let t = Instant::now();
        let fixes: usize = flags
            .iter()
            .map(|f| s.fixes(&f.key).expect("fixes").len())
            .sum();
        println!(
            "{:<20} {took:6.1} ms  json {json:5.1} ms ({bytes} bytes)  {} measures, {} lagging-only, \
             {} flags' fixes ({fixes}) {:6.1} ms",
            f.label,
            d.measures.len(),
            d.lagging_only_total,
            flags.len(),
            ms(t)
        );
    }
}
