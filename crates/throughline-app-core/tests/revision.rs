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
    let goal = s.revision().expect("open").map().goals[3].clone();

    let before = builds_on_this_thread();
    let mut g = goal.clone();
    g.title = format!("{} (renamed)", g.title);
    let change = s.apply_edit(&Edit::PutGoal { goal: g }).expect("edit");
    every_panel(&s, &goal.id);
    every_panel(&s, &goal.id);
    assert_eq!(
        builds_on_this_thread() - before,
        1,
        "one Org build per edit"
    );

    assert_eq!(change.kind, ChangeKind::Edited);
    let doc = change.doc.expect("the document");
    assert_eq!(doc.revision, s.revision().expect("open").number);
    assert_eq!(change.touched, Touched::Entities(vec![goal.id.clone()]));

    let before = builds_on_this_thread();
    let undone = s.undo().expect("undo");
    every_panel(&s, &goal.id);
    let redone = s.redo().expect("redo");
    every_panel(&s, &goal.id);
    assert_eq!(
        builds_on_this_thread() - before,
        2,
        "one per undo, one per redo"
    );
    assert!(undone.doc.expect("doc").revision < redone.doc.expect("doc").revision);
    assert_eq!(undone.touched, Touched::Entities(vec![goal.id.clone()]));
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
