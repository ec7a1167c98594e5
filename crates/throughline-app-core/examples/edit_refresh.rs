//! Edit → refreshed findings and map, through the very calls the app's shell makes after a
//! change (`Session::apply_edit`, then what the page fetches for the new revision: the
//! document info, the map view, the first findings page and the selected entity):
//!
//! `cargo run --release -p throughline-app-core --example edit_refresh -- 10000 [messy]
//! [title] [status] [structural] [edits=N]`
//!
//! (Naming kinds runs only those, for a profiler; `edits=N` makes N edits of each.)
//!
//! Prints the open time, then per-edit figures (median, 90th percentile, worst) over 30
//! edits that rename a goal (the index is kept) and 30 that give a goal another measure
//! (the index is rebuilt), each followed by the page's fetches.
use std::time::Instant;
use throughline_app_core::Session;
use throughline_core::gen::{generate, GenOptions};
use throughline_core::model::Status;
use throughline_store::Edit;
use throughline_view::{FindingFilter, ViewRequest};

/// The allocator the shipped binaries use (ARCHITECTURE.md, "The allocator"), so that
/// these figures are the binaries'.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let people: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let messy = args.iter().any(|a| a == "messy");
    let mut opts = GenOptions::new(people, 1);
    opts.messy = messy;
    let map = generate(&opts);
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("bench.throughline");
    throughline_store::Workspace::create_file(&path, &map, false).expect("written");
    drop(map);

    let mut s = Session::new(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"));
    let t = Instant::now();
    s.open(&path, false).expect("opened");
    let open = t.elapsed();
    let first_view = ViewRequest {
        max_width: Some(1400.0),
        ..Default::default()
    };
    s.view(&first_view).expect("view");
    println!(
        "{people} people ({}), {} goals, {} findings: open + analyse {:.0} ms, + first view {:.0} ms",
        if messy { "messy" } else { "tidy" },
        s.revision().expect("open").map().goals.len(),
        s.revision().expect("open").analysis.hits.len(),
        ms(open),
        ms(t.elapsed())
    );

    let named = [
        ("title", Kind::Title),
        ("status", Kind::Status),
        ("structural", Kind::Structural),
    ];
    let chosen: Vec<Kind> = named
        .iter()
        .filter(|(n, _)| args.iter().any(|a| a == n))
        .map(|&(_, k)| k)
        .collect();
    let edits = args
        .iter()
        .find_map(|a| a.strip_prefix("edits=")?.parse().ok())
        .unwrap_or(30);
    let kinds = if chosen.is_empty() {
        named.map(|(_, k)| k).to_vec()
    } else {
        chosen
    };
    for kind in kinds {
        run(&mut s, &first_view, kind, edits);
    }
}

/// What each edit of a run changes.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// A goal's title: the index and the findings stay.
    Title,
    /// A goal's title, target and status: the index stays, the rules run again.
    Status,
    /// A goal's title and measure: the index is rebuilt.
    Structural,
}

/// `edits` edits of one kind, each followed by what the page fetches.
fn run(s: &mut Session, first_view: &ViewRequest, kind: Kind, edits: usize) {
    let mut edit_ms = Vec::new();
    let mut total_ms = Vec::new();
    let mut parts: [Vec<f64>; 3] = Default::default();
    for i in 0..edits {
        let rev = s.revision().expect("open");
        let n = rev.map().goals.len();
        let mut goal = rev.map().goals[(i * 7919) % n].clone();
        goal.title = format!("{} ({i})", goal.title);
        match kind {
            Kind::Title => {}
            Kind::Status => {
                goal.target = Some(i as f64);
                goal.status = Some(if i % 2 == 0 {
                    Status::Agreed
                } else {
                    Status::Disputed
                });
            }
            Kind::Structural => {
                let measures = &rev.map().measures;
                goal.measure = Some(measures[i % measures.len()].id.clone());
            }
        }
        let id = goal.id.clone();
        let t = Instant::now();
        s.apply_edit(&Edit::PutGoal { goal }).expect("edit");
        let applied = t.elapsed();
        s.info().expect("info");
        let info = t.elapsed();
        s.view(first_view).expect("view");
        let view = t.elapsed();
        s.findings(&FindingFilter::default()).expect("findings");
        let findings = t.elapsed();
        s.entity(&id).expect("entity");
        total_ms.push(ms(t.elapsed()));
        edit_ms.push(ms(applied));
        parts[0].push(ms(info - applied));
        parts[1].push(ms(view - info));
        parts[2].push(ms(findings - view));
    }
    let stats = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        (v[v.len() / 2], v[v.len() * 9 / 10], v[v.len() - 1])
    };
    let (m, p90, worst) = stats(&mut total_ms);
    let (em, _, _) = stats(&mut edit_ms);
    let [a, b, c] = &mut parts;
    println!(
        "{} edit -> refreshed findings and map: median {m:.1} ms, p90 {p90:.1} ms, worst {worst:.1} ms \
         (medians: the edit and the new revision {em:.1} ms, info {:.1} ms, view {:.1} ms, findings page {:.1} ms)",
        match kind {
            Kind::Title => "title",
            Kind::Status => "target and status",
            Kind::Structural => "structural (new measure)",
        },
        stats(a).0,
        stats(b).0,
        stats(c).0
    );
}
