//! One analysed revision per change: the shell's calls, counted.

use chrono::NaiveDate;
use throughline_app_core::{ChangeKind, ErrorCode, Session};
use throughline_core::org::builds_on_this_thread;
use throughline_store::{Edit, Touched};
use throughline_view::{FindingFilter, ViewRequest};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date")
}

fn sample_session(dir: &std::path::Path) -> Session {
    let mut s = Session::new(today);
    let map = throughline_app_core::sample_map().expect("the sample");
    s.create(&dir.join("s.throughline"), &map, false)
        .expect("created");
    s
}

/// What the page asks after a change: every panel once.
fn every_panel(s: &Session, selected: &str) {
    s.info().expect("info");
    s.view(&ViewRequest::default()).expect("view");
    s.findings(&FindingFilter::default()).expect("findings");
    s.choices().expect("choices");
    s.entity(selected).expect("entity");
    s.search("win", 10).expect("search");
    s.measures_view().expect("measures");
}

#[test]
fn each_change_builds_the_index_once_and_every_panel_reads_it() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = sample_session(dir.path());
    let map = s.revision().expect("open").map().clone();
    // A person moved to another unit: the index is built again.
    let mut person = map.people[2].clone();
    person.unit = map
        .units
        .iter()
        .find(|u| u.id != person.unit)
        .expect("another unit")
        .id
        .clone();

    let before = builds_on_this_thread();
    let change = s
        .apply_edit(&Edit::PutPerson {
            person: person.clone(),
        })
        .expect("edit");
    every_panel(&s, &person.id);
    every_panel(&s, &person.id);
    assert_eq!(
        builds_on_this_thread() - before,
        1,
        "one Org build per edit"
    );

    assert_eq!(change.kind, ChangeKind::Edited);
    let doc = change.doc.expect("the document");
    assert_eq!(doc.revision, s.revision().expect("open").number);
    assert_eq!(change.touched, Touched::Entities(vec![person.id.clone()]));

    let before = builds_on_this_thread();
    let undone = s.undo().expect("undo");
    every_panel(&s, &person.id);
    let redone = s.redo().expect("redo");
    every_panel(&s, &person.id);
    assert_eq!(
        builds_on_this_thread() - before,
        2,
        "one per undo, one per redo"
    );
    assert!(undone.doc.expect("doc").revision < redone.doc.expect("doc").revision);
    assert_eq!(undone.touched, Touched::Entities(vec![person.id.clone()]));
}

/// The findings, the map and the first findings page of the open revision are what a
/// fresh index and analysis of its map give.
fn assert_fresh(s: &Session, what: &str) {
    let rev = s.revision().expect("open");
    assert_eq!(
        rev.report(),
        throughline_core::analyse(rev.map(), rev.as_of),
        "{what}: the same findings and messages as a fresh analysis"
    );
    let fresh_org = throughline_core::Org::new(rev.map().into());
    let fresh = throughline_core::analysis::run(&fresh_org, rev.as_of);
    let req = ViewRequest::default();
    assert_eq!(
        s.view(&req).expect("view"),
        throughline_view::build_view(&fresh_org, &fresh, &req),
        "{what}: the same map"
    );
    assert_eq!(
        s.findings(&FindingFilter::default()).expect("findings"),
        throughline_view::findings_page(&fresh_org, &fresh, &FindingFilter::default()),
        "{what}: the same findings page"
    );
}

/// The edits a workshop makes most after wording ones change one goal's measure, owner,
/// setter or links: the index is patched for that goal (no `Org` build), and every panel
/// reads what a fresh analysis gives — including after a refused link.
#[test]
fn an_edit_of_one_goals_links_owner_or_measure_patches_the_index_to_a_fresh_analysis() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = sample_session(dir.path());
    let map = s.revision().expect("open").map().clone();
    let strategy = map
        .goals
        .iter()
        .find(|g| g.is_strategy())
        .expect("a strategy goal")
        .id
        .clone();
    let value = map.values[0].id.clone();
    // Goals that reach no strategy first: linking them changes which goals are aligned.
    let aligned = s.revision().expect("open").org.aligned.clone();
    let mut goals: Vec<_> = map
        .goals
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.is_strategy())
        .collect();
    goals.sort_by_key(|&(i, _)| aligned[i]);
    assert!(!aligned[goals[0].0], "the sample has an orphaned goal");
    let mut edits: Vec<(String, Edit)> = Vec::new();
    for (i, (_, goal)) in goals.into_iter().take(8).enumerate() {
        let mut g = goal.clone();
        match i % 4 {
            0 => g.measure = None,
            1 => g.measure = Some(map.measures[i % map.measures.len()].id.clone()),
            2 => g.owner = map.people[(i * 5) % map.people.len()].id.clone(),
            _ => g.set_by = Some(map.units[i % map.units.len()].id.clone()),
        }
        edits.push((format!("put {} ({i})", g.id), Edit::PutGoal { goal: g }));
        if !goal.supports().contains(&strategy) {
            let link = |f: fn(String, String) -> Edit| f(goal.id.clone(), strategy.clone());
            edits.push((
                format!("link {}", goal.id),
                link(|goal, supports| Edit::LinkSupport { goal, supports }),
            ));
            edits.push((
                format!("unlink {}", goal.id),
                link(|goal, supports| Edit::UnlinkSupport { goal, supports }),
            ));
        }
        if !goal.values().contains(&value) {
            edits.push((
                format!("value {}", goal.id),
                Edit::LinkValue {
                    goal: goal.id.clone(),
                    value: value.clone(),
                },
            ));
        }
    }
    assert!(edits.len() >= 16, "{} edits", edits.len());
    for (what, edit) in &edits {
        let before = builds_on_this_thread();
        s.apply_edit(edit).expect(what);
        assert_eq!(
            builds_on_this_thread(),
            before,
            "{what}: the index was patched"
        );
        assert_fresh(&s, what);
    }
    // A link that would close a cycle is refused; the revision is still the fresh one.
    let child = map
        .goals
        .iter()
        .find(|g| g.supports().contains(&strategy))
        .expect("a goal under the strategy")
        .id
        .clone();
    s.apply_edit(&Edit::LinkSupport {
        goal: strategy.clone(),
        supports: child,
    })
    .expect_err("a cycle is refused");
    assert_fresh(&s, "after a refused link");

    // Undoing and redoing them patches the index too.
    for (what, _) in edits.iter().rev() {
        let before = builds_on_this_thread();
        s.undo().expect(what);
        assert_eq!(
            builds_on_this_thread(),
            before,
            "undo {what}: the index was patched"
        );
        assert_fresh(&s, &format!("undo {what}"));
    }
    assert_eq!(s.revision().expect("open").map(), &map, "every edit undone");
    for (what, _) in edits.iter().take(5) {
        let before = builds_on_this_thread();
        s.redo().expect(what);
        assert_eq!(
            builds_on_this_thread(),
            before,
            "redo {what}: the index was patched"
        );
        assert_fresh(&s, &format!("redo {what}"));
    }
    // Undoing a new goal is no goal edit in place: the index is built again.
    let mut new_goal = map.goals[0].clone();
    new_goal.id = "g-new-in-test".into();
    new_goal.supports = None;
    s.apply_edit(&Edit::CreateGoal { goal: new_goal })
        .expect("created");
    let before = builds_on_this_thread();
    s.undo().expect("undo the new goal");
    assert_eq!(
        builds_on_this_thread(),
        before + 1,
        "a goal removed: built again"
    );
    assert_fresh(&s, "undo a new goal");
}

#[test]
fn a_refused_edit_keeps_the_revision_number_and_says_why() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = sample_session(dir.path());
    let number = s.revision().expect("open").number;
    let mut g = s.revision().expect("open").map().goals[0].clone();
    g.owner = "nobody-has-this-id".into();
    let err = s
        .apply_edit(&Edit::PutGoal { goal: g })
        .expect_err("refused");
    assert_ne!(err.code, ErrorCode::Internal, "{err}");
    assert_eq!(s.revision().expect("still open").number, number);
}

#[test]
fn revisions_never_repeat_across_files() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = sample_session(dir.path());
    let first = s.revision().expect("open").number;
    let reopened = s
        .open(&dir.path().join("s.throughline"), false)
        .expect("reopened");
    assert!(reopened.doc.expect("doc").revision > first);
    assert!(s.close().is_none());
    assert_eq!(s.info().expect_err("closed").code, ErrorCode::NoDocument);
}

/// An edit that changes no structural field keeps the index (no `Org` build at all) and
/// the revision is exactly what a fresh analysis of the new map gives.
#[test]
fn a_title_target_or_status_edit_keeps_the_index_and_matches_a_fresh_analysis() {
    use throughline_core::model::Status;
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = sample_session(dir.path());
    let n = s.revision().expect("open").map().goals.len();
    for i in 0..n.min(40) {
        let rev = s.revision().expect("open");
        let mut g = rev.map().goals[(i * 7) % n].clone();
        g.title = format!("{} ({i})", g.title);
        // Every other edit changes only the title, which keeps the findings as well.
        // The others change what the goal-local rules read (status, target, due date), and
        // only those rules run again, for that goal.
        if i % 2 == 1 {
            g.target = (i % 4 == 1).then_some(i as f64 * 3.5);
            g.status = Some([Status::Proposed, Status::Agreed, Status::Disputed][i % 3]);
            g.due = if i % 3 == 0 {
                None
            } else {
                g.due.or(Some(rev.as_of))
            };
        }
        let before = builds_on_this_thread();
        s.apply_edit(&Edit::PutGoal { goal: g }).expect("edit");
        assert_eq!(builds_on_this_thread(), before, "edit {i} kept the index");
        assert_fresh(&s, &format!("edit {i}"));
    }
    // A person renamed keeps it too; moved to another unit, it does not.
    let mut p = s.revision().expect("open").map().people[2].clone();
    p.name = "Someone Else".into();
    let before = builds_on_this_thread();
    s.apply_edit(&Edit::PutPerson { person: p.clone() })
        .expect("rename");
    assert_eq!(builds_on_this_thread(), before);
    let other = s
        .revision()
        .expect("open")
        .map()
        .units
        .iter()
        .find(|u| u.id != p.unit)
        .expect("another unit")
        .id
        .clone();
    p.unit = other;
    s.apply_edit(&Edit::PutPerson { person: p }).expect("move");
    assert_eq!(builds_on_this_thread(), before + 1);
    let rev = s.revision().expect("open");
    assert_eq!(
        rev.report(),
        throughline_core::analyse(rev.map(), rev.as_of)
    );
}

#[test]
fn a_file_that_cannot_be_opened_leaves_the_open_document_open() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = sample_session(dir.path());
    let number = s.revision().expect("open").number;
    let bad = dir.path().join("not-a-workspace.throughline");
    std::fs::write(&bad, "hello").expect("written");
    let err = s.open(&bad, false).expect_err("refused");
    assert_eq!(err.code, ErrorCode::NotSqlite, "{err}");
    assert_eq!(s.revision().expect("still open").number, number);
    assert!(s.info().expect("info").path.ends_with("s.throughline"));
    // Opening the file it holds again works (it is closed first, so not found locked).
    s.open(&dir.path().join("s.throughline"), false)
        .expect("reopened");
}

/// Each change's effect (the notice after it) counts what the full comparison of the maps
/// before and after finds: resolved, new and changed findings, the index on both sides,
/// and lists the first new findings — for wording, goal-local, structural edits and undo.
#[test]
fn each_change_says_what_it_resolved_and_made_as_the_comparison_does() {
    use throughline_core::model::Status;
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = sample_session(dir.path());
    let check =
        |s: &mut Session, what: &str, f: &dyn Fn(&mut Session) -> throughline_app_core::Change| {
            let rev = s.revision().expect("open");
            let (before, as_of) = (rev.map().clone(), rev.as_of);
            let change = f(s);
            let after = s.revision().expect("open").map().clone();
            let c = throughline_core::compare::compare(&before, &after, as_of);
            let e = change.effect.expect("an effect");
            assert_eq!(
                (e.resolved as usize, e.new as usize, e.changed as usize),
                (
                    c.findings.resolved.len(),
                    c.findings.new.len(),
                    c.findings.changed.len()
                ),
                "{what}"
            );
            assert_eq!(e.index_before, c.before.alignment_index, "{what}");
            assert_eq!(e.index_after, c.after.alignment_index, "{what}");
            let listed: Vec<_> = change
                .new_findings
                .iter()
                .map(|r| r.finding.clone())
                .collect();
            let expected: Vec<_> = c.findings.new.iter().take(5).cloned().collect();
            assert_eq!(listed, expected, "{what}");
            (e.resolved, e.new)
        };
    let goals = s.revision().expect("open").map().goals.clone();
    let mut effects = Vec::new();
    for (i, g) in goals.iter().enumerate().take(12) {
        let mut g = g.clone();
        match i % 3 {
            0 => g.title.push_str(" (reworded)"),
            1 => {
                g.status = Some(if g.status == Some(Status::Agreed) {
                    Status::Proposed
                } else {
                    Status::Agreed
                })
            }
            _ => g.supports = Some(Vec::new()),
        }
        let e = check(&mut s, &format!("edit {i}"), &|s| {
            s.apply_edit(&Edit::PutGoal { goal: g.clone() })
                .expect("edit")
        });
        effects.push(e);
    }
    // Undoing them resolves what they made.
    for k in 0..4 {
        effects.push(check(&mut s, &format!("undo {k}"), &|s| {
            s.undo().expect("undo")
        }));
    }
    check(&mut s, "redo", &|s| s.redo().expect("redo"));
    assert!(
        effects.iter().any(|e| e.0 > 0) && effects.iter().any(|e| e.1 > 0),
        "the edits both resolve and make findings: {effects:?}"
    );
}

/// A goal removed and made again under its own id in one step touches that goal only, but
/// moves the goals after it: undoing and redoing it builds the index again instead of
/// patching it for a goal that is no longer where it was.
#[test]
fn a_goal_made_again_under_its_id_is_no_edit_in_place() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = sample_session(dir.path());
    let map = s.revision().expect("open").map().clone();
    // A goal nothing supports, not the last one: the goals after it move up.
    let (i, goal) = map
        .goals
        .iter()
        .enumerate()
        .find(|(i, g)| {
            *i + 1 < map.goals.len() && !map.goals.iter().any(|o| o.supports().contains(&g.id))
        })
        .expect("a goal nothing supports");
    let mut again = goal.clone();
    again.title.push_str(" (again)");
    s.apply_edit(&Edit::Batch {
        label: "Make it again".into(),
        edits: vec![
            Edit::DeleteGoal {
                id: goal.id.clone(),
            },
            Edit::CreateGoal { goal: again },
        ],
    })
    .expect("removed and made again");
    let moved = s.revision().expect("open").map();
    assert_ne!(moved.goals[i].id, goal.id, "the goal went to the end");
    assert_eq!(moved.goals.last().map(|g| &g.id), Some(&goal.id));
    assert_fresh(&s, "made again");
    for (what, step) in [("undo", true), ("redo", false)] {
        let before = builds_on_this_thread();
        if step {
            s.undo().expect(what);
        } else {
            s.redo().expect(what);
        }
        let ws = s.document().expect("open").workspace();
        assert!(!ws.last_in_place(), "{what}: the goals after it moved");
        assert_eq!(builds_on_this_thread(), before + 1, "{what}: built again");
        assert_fresh(&s, what);
    }
}
