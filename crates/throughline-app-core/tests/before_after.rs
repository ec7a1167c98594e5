//! Snapshots in the app and the before / after view (issue #14 items 2 and 3), through the
//! calls the shell makes.

use throughline_app_core::before_after::{ChangeMark, CompareSide, CAP, MARKS_CAP};
use throughline_app_core::{ChangeKind, Session};
use throughline_core::{compare, gen};
use throughline_store::Edit;

mod common;
use common::{acme, today};

fn session(dir: &std::path::Path, map: &throughline_core::Map) -> Session {
    let mut s = Session::new(today);
    s.create(&dir.join("acme.throughline"), map, false)
        .expect("created");
    s
}

const LINK: fn() -> Edit = || Edit::LinkSupport {
    goal: "forecast-95".into(),
    supports: "sales-revenue".into(),
};

#[test]
fn a_fix_after_a_snapshot_is_resolved_in_the_comparison_and_now_against_now_is_empty() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = session(dir.path(), &acme());
    let index_before = s.revision().unwrap().analysis.summary.alignment_index;
    let snap = s.save_snapshot("Before the workshop").expect("saved");
    let list = s.snapshot_list().expect("listed");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].snapshot.name, "Before the workshop");
    assert_eq!(list[0].alignment_index, index_before);
    assert_eq!(list[0].findings, 17);

    s.apply_edit(&LINK()).expect("linked");
    let from = CompareSide::Snapshot { id: snap.id };
    let c = s.compare(from, CompareSide::Now).expect("compared");
    assert_eq!(
        (c.before_label.as_str(), c.after_label.as_str()),
        ("Before the workshop", "Now")
    );
    let resolved: Vec<(&str, &str)> = c
        .resolved
        .iter()
        .map(|f| (f.row.finding.rule.as_str(), f.row.finding.subject.as_str()))
        .collect();
    assert!(
        resolved.contains(&("orphaned-goal", "forecast-95")),
        "{resolved:?}"
    );
    assert!(resolved.contains(&("imposed-goal", "forecast-95")));
    assert!(
        c.resolved.iter().all(|f| f.present),
        "the goal is there now"
    );
    assert_eq!(c.resolved_total as usize, c.resolved.len());
    assert_eq!(c.new_total, 0);
    assert_eq!(c.before.alignment_index, index_before);
    assert_eq!(c.as_of, "2026-11-28");
    // The change in words, from the core's sentences.
    let relinked: Vec<&str> = c
        .changes
        .iter()
        .filter(|l| l.mark == ChangeMark::Relinked)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(
        relinked,
        ["Forecast accuracy 95% linked to Sales delivers EUR 8M"]
    );
    assert_eq!(
        c.changes_total, 1,
        "a re-link is not said twice: {:?}",
        c.changes
    );

    // The same numbers as the CLI's comparison of the two maps.
    let snap_map = s
        .document()
        .unwrap()
        .workspace()
        .snapshot_map(snap.id)
        .unwrap();
    let now_map = s.revision().unwrap().map().clone();
    let cli = compare::compare(snap_map, now_map, today());
    assert_eq!(cli.findings.resolved.len() as u32, c.resolved_total);
    assert_eq!(cli.findings.kept as u32, c.kept);
    assert_eq!(cli.index_delta, c.index_delta);
    assert_eq!(cli.after, c.after);

    // The other way round, what was resolved is new.
    let back = s.compare(CompareSide::Now, from).expect("compared");
    assert_eq!(back.new_total, c.resolved_total);
    assert!(back
        .new
        .iter()
        .any(|f| f.row.finding.rule == "orphaned-goal" && f.row.finding.subject == "forecast-95"));
    assert_eq!(
        back.changes[0].text,
        "Forecast accuracy 95% unlinked from Sales delivers EUR 8M"
    );

    // Now against now, and a snapshot against itself: nothing.
    let same = s
        .compare(CompareSide::Now, CompareSide::Now)
        .expect("compared");
    assert!(same.is_empty(), "{same:?}");
    assert_eq!(same.index_delta, Some(0.0));
    assert!(s.compare(from, from).expect("compared").is_empty());
    assert!(s
        .compare(CompareSide::Snapshot { id: 999 }, CompareSide::Now)
        .is_err());
}

#[test]
fn restoring_a_snapshot_is_one_undoable_change_and_named_snapshots_can_be_deleted() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = session(dir.path(), &acme());
    let snap = s.save_snapshot("Before the workshop").expect("saved");
    s.apply_edit(&LINK()).expect("linked");
    let linked = s.revision().unwrap().map().clone();
    let r = s.restore_snapshot(snap.id).expect("restored");
    assert_eq!(r.kind, ChangeKind::Restored);
    assert_eq!(
        r.effect.as_ref().map(|e| e.new),
        Some(2),
        "the fix's findings are back"
    );
    assert_eq!(s.revision().unwrap().map(), &acme());
    assert_eq!(
        s.info().unwrap().history.undo.as_deref(),
        Some("Restore snapshot “Before the workshop”")
    );
    let u = s.undo().expect("undone");
    assert_eq!(u.kind, ChangeKind::Undone);
    assert_eq!(
        s.revision().unwrap().map(),
        &linked,
        "undo puts the fix back"
    );
    s.redo().expect("redone");
    assert_eq!(s.revision().unwrap().map(), &acme());

    // The restore made an automatic snapshot: listed, newest first, not deletable.
    let list = s.snapshot_list().expect("listed");
    assert!(list[0].snapshot.auto, "{list:?}");
    assert!(s.delete_snapshot(list[0].snapshot.id).is_err());
    let label = s.delete_snapshot(snap.id).expect("deleted");
    assert_eq!(label, "Deleted snapshot “Before the workshop”");
    assert!(s.snapshot_list().unwrap().iter().all(|e| e.snapshot.auto));
    // Redo and undo still work through the restore of the deleted snapshot.
    s.undo().expect("undone");
    s.redo().expect("redone");
    assert_eq!(s.revision().unwrap().map(), &acme());
}

#[test]
fn long_lists_are_cut_with_their_totals() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let first = gen::generate(&gen::GenOptions::new(400, 1));
    let mut s = session(dir.path(), &first);
    let snap = s.save_snapshot("First").expect("saved");
    // Another organisation altogether: everything changes.
    s.replace_map(&gen::generate(&gen::GenOptions::new(400, 2)), "Another")
        .expect("replaced");
    let c = s
        .compare(CompareSide::Snapshot { id: snap.id }, CompareSide::Now)
        .expect("compared");
    assert!(c.changes_total as usize > CAP, "{}", c.changes_total);
    assert_eq!(c.changes.len(), CAP);
    assert_eq!(c.cap as usize, CAP);
    assert!(c.resolved.len() <= CAP && c.new.len() <= CAP);
    assert!(c.resolved_total as usize >= c.resolved.len());
    let counted: u32 = c
        .change_counts
        .iter()
        .map(|k| k.added + k.removed + k.changed)
        .sum();
    assert!(counted > 0);
}

#[test]
fn the_map_is_marked_with_what_changed_and_what_is_gone_is_a_ghost() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = session(dir.path(), &acme());
    let snap = s.save_snapshot("Before the workshop").expect("saved");
    let mut after = acme();
    let goal = |m: &throughline_core::Map, id: &str| {
        m.goals.iter().position(|g| g.id == id).expect("goal")
    };
    let f = goal(&after, "forecast-95");
    after.goals[f].supports = Some(vec!["sales-revenue".into()]);
    let c = goal(&after, "cfo-close");
    after.goals[c].title = "Monthly close in 3 days".into();
    let mut new_goal = after.goals[c].clone();
    new_goal.id = "cfo-audit".into();
    new_goal.title = "A clean audit".into();
    after.goals.push(new_goal);
    after.goals.retain(|g| g.id != "rep1-calls");
    let p = after
        .people
        .iter()
        .position(|p| p.id == "rep2")
        .expect("rep2");
    after.people[p].unit = "sales".into();
    s.replace_map(&after, "The workshop").expect("replaced");

    let c = s
        .compare(CompareSide::Snapshot { id: snap.id }, CompareSide::Now)
        .expect("compared");
    let marks: Vec<(&str, ChangeMark)> = c.marks.iter().map(|m| (m.id.as_str(), m.mark)).collect();
    // Kind by kind (units, people, values, goals), in id order, one mark a card.
    assert_eq!(
        marks,
        [
            ("rep2", ChangeMark::Moved),
            ("cfo-audit", ChangeMark::Added),
            ("cfo-close", ChangeMark::Changed),
            ("forecast-95", ChangeMark::Relinked),
        ]
    );
    assert_eq!(c.marks_total, 4);
    let ghosts: Vec<(&str, &str, &str, Option<&str>)> = c
        .ghosts
        .iter()
        .map(|g| {
            (
                g.kind.as_str(),
                g.id.as_str(),
                g.label.as_str(),
                g.place.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        ghosts,
        [("goal", "rep1-calls", "100 calls a week", Some("Ali Hassan"))]
    );
    assert_eq!(c.ghosts_total, 1);

    // The other way round: the goal added is the ghost, the one removed is added.
    let back = s
        .compare(CompareSide::Now, CompareSide::Snapshot { id: snap.id })
        .expect("compared");
    assert!(back
        .marks
        .iter()
        .any(|m| m.id == "rep1-calls" && m.mark == ChangeMark::Added));
    assert_eq!(back.ghosts[0].label, "A clean audit");
    assert_eq!(back.ghosts[0].place.as_deref(), Some("James Wright"));
    // Nothing changed, nothing marked.
    let same = s
        .compare(CompareSide::Now, CompareSide::Now)
        .expect("compared");
    assert!(same.marks.is_empty() && same.ghosts.is_empty());
}

#[test]
fn marks_are_cut_to_what_the_map_draws_and_ghosts_to_the_lists_cap() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = session(dir.path(), &gen::generate(&gen::GenOptions::new(200, 1)));
    let snap = s.save_snapshot("Small").expect("saved");
    s.replace_map(&gen::generate(&gen::GenOptions::new(1500, 2)), "Large")
        .expect("replaced");
    let grown = s
        .compare(CompareSide::Snapshot { id: snap.id }, CompareSide::Now)
        .expect("compared");
    assert!(
        grown.marks_total as usize > MARKS_CAP,
        "{}",
        grown.marks_total
    );
    assert_eq!(grown.marks.len(), MARKS_CAP);
    let shrunk = s
        .compare(CompareSide::Now, CompareSide::Snapshot { id: snap.id })
        .expect("compared");
    assert!(
        shrunk.ghosts_total as usize > CAP,
        "{}",
        shrunk.ghosts_total
    );
    assert_eq!(shrunk.ghosts.len(), CAP);
    // What is listed is in the order promised: units, people, values, goals.
    let order = |k: &str| {
        ["unit", "person", "value", "goal"]
            .iter()
            .position(|x| *x == k)
    };
    assert!(shrunk
        .ghosts
        .windows(2)
        .all(|w| (order(&w[0].kind), &w[0].id) <= (order(&w[1].kind), &w[1].id)));
}
