//! The before / after view at workshop scale (issue #14: it opens in ≤ 300 ms at 10,000
//! people): a generated organisation in a workspace, a snapshot, one edit, then the calls the
//! page makes — the snapshot list, the comparison opened the first time (the snapshot read and
//! analysed) and again after the next edit (the snapshot's analysis kept).
//! `cargo run --release -p throughline-app-core --example before_after_timing [PEOPLE]`.
use std::time::Instant;
use throughline_app_core::before_after::CompareSide;
use throughline_app_core::Session;
use throughline_store::Edit;

/// The allocator the shipped binaries use (ARCHITECTURE.md, "The allocator"), so that
/// these figures are the binaries'.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let people: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let map = throughline_core::gen::generate(&throughline_core::gen::GenOptions::new(people, 7));
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = Session::new(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"));
    s.create(&dir.path().join("big.throughline"), &map, false)
        .expect("created");
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let snap = s.save_snapshot("Before the workshop").expect("saved").id;
    println!("save snapshot            {:7.1} ms", ms(t));
    // One edit: a goal's supports (what a workshop does most).
    let goals = &s.revision().expect("open").map().goals;
    let (a, b) = (goals[goals.len() / 2].id.clone(), goals[0].id.clone());
    s.apply_edit(&Edit::LinkSupport {
        goal: a,
        supports: b,
    })
    .expect("linked");
    let t = Instant::now();
    let list = s.snapshot_list().expect("listed");
    println!(
        "snapshot list (saved)    {:7.1} ms  ({} snapshots)",
        ms(t),
        list.len()
    );
    let from = CompareSide::Snapshot { id: snap };
    let t = Instant::now();
    let c = s.compare(from, CompareSide::Now).expect("compared");
    println!(
        "compare, first time      {:7.1} ms  (resolved {}, new {}, changes {})",
        ms(t),
        c.resolved_total,
        c.new_total,
        c.changes_total
    );
    let t = Instant::now();
    let bytes = serde_json::to_vec(&c).expect("json").len();
    println!("  as JSON                {:7.1} ms  ({bytes} bytes)", ms(t));
    let goals = &s.revision().expect("open").map().goals;
    let g = goals[goals.len() / 3].id.clone();
    s.apply_edit(&Edit::DeleteGoal { id: g }).expect("deleted");
    let t = Instant::now();
    s.compare(from, CompareSide::Now).expect("compared");
    println!("compare after an edit    {:7.1} ms", ms(t));
    let t = Instant::now();
    let all = s
        .compare(CompareSide::Now, CompareSide::Now)
        .expect("compared");
    assert!(all.is_empty());
    println!("compare now with now     {:7.1} ms", ms(t));
    // Against a wholly different organisation: every list is long and cut.
    s.replace_map(
        &throughline_core::gen::generate(&throughline_core::gen::GenOptions::new(people, 8)),
        "Another",
    )
    .expect("replaced");
    let t = Instant::now();
    let c = s.compare(from, CompareSide::Now).expect("compared");
    let bytes = serde_json::to_vec(&c).expect("json").len();
    println!(
        "compare, all changed     {:7.1} ms  (changes {}, {bytes} bytes)",
        ms(t),
        c.changes_total
    );
    // The replace made two automatic snapshots, never listed: their index is computed.
    let t = Instant::now();
    let list = s.snapshot_list().expect("listed");
    println!(
        "snapshot list (2 new)    {:7.1} ms  ({} snapshots)",
        ms(t),
        list.len()
    );
}
