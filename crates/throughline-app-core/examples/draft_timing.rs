//! A what-if draft at workshop scale (issue #14: a draft edit's live difference in ≤ 50 ms
//! at 10,000 people), through the calls the shell makes: start a draft, then edits in it —
//! each `Session::apply_edit` answers with the new revision and the draft's difference from
//! the map before it (`DocInfo.draft`) — then the panels' reads, and keep / discard.
//! `cargo run --release -p throughline-app-core --example draft_timing [PEOPLE] [messy]`.
use std::time::Instant;
use throughline_app_core::Session;
use throughline_core::gen::{generate, GenOptions};
use throughline_store::Edit;
use throughline_view::{FindingFilter, ViewRequest};

/// The allocator the shipped binaries use (ARCHITECTURE.md, "The allocator"), so that
/// these figures are the binaries'.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let people: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let messy = args.next().is_some_and(|a| a == "messy");
    let mut opts = GenOptions::new(people, 7);
    opts.messy = messy;
    let map = generate(&opts);
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = Session::new(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"));
    s.create(&dir.path().join("big.throughline"), &map, false)
        .expect("created");
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    println!(
        "{people} people ({}), {} goals",
        if messy { "messy" } else { "tidy" },
        map.goals.len()
    );
    let t = Instant::now();
    s.start_draft("Try a change").expect("started");
    println!("start a draft                 {:7.1} ms", ms(t));

    let goals = s.revision().expect("open").map().goals.clone();
    let mut times = Vec::new();
    for i in 0..20 {
        let g = &goals[(i * 7919) % goals.len()];
        let edit = match i % 4 {
            // A title, a status (goal-local), a link, a delete: what a workshop does.
            0 => {
                let mut g = g.clone();
                g.title.push_str(" (revised)");
                Edit::PutGoal { goal: g }
            }
            1 => {
                let mut g = g.clone();
                g.status = Some(throughline_core::model::Status::Agreed);
                Edit::PutGoal { goal: g }
            }
            2 => Edit::LinkSupport {
                goal: g.id.clone(),
                supports: goals[0].id.clone(),
            },
            _ => Edit::DeleteGoal { id: g.id.clone() },
        };
        let t = Instant::now();
        let Ok(change) = s.apply_edit(&edit) else {
            continue;
        };
        let draft = change.doc.expect("doc").draft.expect("the draft");
        let edit_ms = ms(t);
        // The panels the page then reads once for the revision.
        let t = Instant::now();
        s.view(&ViewRequest::default()).expect("view");
        s.findings(&FindingFilter::default()).expect("findings");
        times.push((i % 4, edit_ms, ms(t), draft.resolved, draft.new));
    }
    for (kind, name) in [(0, "title"), (1, "status"), (2, "link"), (3, "delete")] {
        let of: Vec<&(usize, f64, f64, u32, u32)> = times.iter().filter(|x| x.0 == kind).collect();
        let mut e: Vec<f64> = of.iter().map(|x| x.1).collect();
        e.sort_by(f64::total_cmp);
        let reads: f64 = of.iter().map(|x| x.2).sum::<f64>() / of.len().max(1) as f64;
        println!(
            "draft edit ({name:6}) + difference  median {:6.1} ms  max {:6.1} ms  (then view + findings {:5.1} ms)",
            e[e.len() / 2],
            e[e.len() - 1],
            reads
        );
    }
    let last = times.last().expect("edits");
    println!(
        "the draft's difference now: resolved {}, new {}",
        last.3, last.4
    );
    let t = Instant::now();
    s.keep_draft(None).expect("kept");
    println!("keep (one edit of the workspace) {:7.1} ms", ms(t));
    s.undo().expect("undone");
    s.start_draft("Again").expect("started");
    s.apply_edit(&Edit::DeleteGoal {
        id: goals[goals.len() / 2].id.clone(),
    })
    .expect("deleted");
    let t = Instant::now();
    s.discard_draft().expect("discarded");
    println!("discard                        {:7.1} ms", ms(t));
}
