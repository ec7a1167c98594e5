//! File ▸ Reset Sample: the sample organisation as it ships, in place of the open sample's
//! map, as one undoable change; refused for any other file.

use chrono::NaiveDate;
use throughline_app_core::{ChangeKind, ErrorCode, Session};
use throughline_store::Edit;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date")
}

#[test]
fn reset_sample_restores_the_sample_in_one_undoable_change() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let sample = throughline_app_core::sample_map().expect("the sample");
    let path = dir.path().join("Sample.throughline");
    let mut s = Session::new(today);
    s.set_sample_path(path.clone());
    s.open_or_create(&path, &sample).expect("opened");
    assert!(s.info().expect("info").sample);
    // A trial edit in the workshop.
    let goal = sample.goals[3].id.clone();
    s.apply_edit(&Edit::DeleteGoal { id: goal.clone() })
        .expect("deleted");
    assert_ne!(*s.revision().expect("open").map(), sample);

    let reset = s.reset_sample().expect("reset");
    assert_eq!(reset.kind, ChangeKind::Imported);
    assert_eq!(reset.label, "Reset the sample organisation");
    assert_eq!(*s.revision().expect("open").map(), sample);
    let effect = reset.effect.expect("an effect notice");
    assert!(effect.resolved + effect.new > 0 || effect.index_before != effect.index_after);
    // Undo brings the trial edit back.
    s.undo().expect("undone");
    let map = s.revision().expect("open").map().clone();
    assert!(map.goals.iter().all(|g| g.id != goal));
    assert_eq!(map.goals.len(), sample.goals.len() - 1);
}

#[test]
fn reset_sample_is_refused_for_another_file() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let sample = throughline_app_core::sample_map().expect("the sample");
    let mut s = Session::new(today);
    s.set_sample_path(dir.path().join("Sample.throughline"));
    s.create(&dir.path().join("Other.throughline"), &sample, false)
        .expect("created");
    assert!(!s.info().expect("info").sample);
    let e = s.reset_sample().expect_err("refused");
    assert_eq!(e.code, ErrorCode::Invalid);
    assert!(e.message.contains("not the sample"), "{}", e.message);
}
