//! Decisions in the app (issue #14 item 5), through the calls the shell makes: record,
//! list with names resolved, edit, delete, each one undoable change that builds no index
//! and keeps the findings.

use throughline_app_core::decisions::DecisionRequest;
use throughline_app_core::ErrorCode;
use throughline_core::org::builds_on_this_thread;
use throughline_store::decisions::FindingKey;
use throughline_store::Edit;

mod common;
use common::session;

fn request() -> DecisionRequest {
    DecisionRequest {
        date: "2026-11-28".into(),
        statement: "Calls target goes from 100 to 80 a week".into(),
        rationale: "Above 80 calls the win rate drops".into(),
        people: vec!["ceo".into(), "cso".into()],
        goals: vec!["rep1-calls".into()],
        findings: vec![FindingKey {
            rule: "conflicting-goals".into(),
            subject: "rep1-calls".into(),
            related: vec!["sales-win-rate".into()],
        }],
    }
}

#[test]
fn a_decision_is_recorded_listed_with_names_and_undone_without_building_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let findings_before = s.revision().unwrap().analysis.hits.len();
    let builds = builds_on_this_thread();
    let change = s.record_decision(&request()).expect("recorded");
    assert_eq!(change.created.as_deref(), Some("1"));
    assert_eq!(
        change.label,
        "Recorded decision “Calls target goes from 100 to 80 a week”"
    );
    assert_eq!(
        change.doc.as_ref().unwrap().history.undo.as_deref(),
        Some("Record decision “Calls target goes from 100 to 80 a week”")
    );
    let effect = change.effect.expect("an effect");
    assert!(effect.new_hits.is_empty() && effect.resolved == 0);
    assert_eq!(s.revision().unwrap().analysis.hits.len(), findings_before);

    let list = s.decisions().unwrap();
    assert_eq!(list.len(), 1);
    let d = &list[0];
    let names: Vec<&str> = d.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Maria Lopez", "Hannah Cole"]);
    assert_eq!(d.goals[0].name, "100 calls a week");
    let f = &d.findings[0];
    assert_eq!(f.rule_name, "Conflicting goals");
    assert!(f.still_found);
    assert_eq!(f.subject_name.as_deref(), Some("100 calls a week"));
    assert!(f.text.contains("100 calls a week"), "{}", f.text);

    // Undo and redo: the decision goes and comes back; the index is never built.
    s.undo().unwrap();
    assert_eq!(s.decisions().unwrap(), []);
    s.redo().unwrap();
    assert_eq!(s.decisions().unwrap(), list);
    assert_eq!(
        builds_on_this_thread() - builds,
        0,
        "recording, undoing and redoing a decision builds no index"
    );

    // Renamed, then deleted: the current name with the old one, then the old one, removed.
    let mut goal = s
        .revision()
        .unwrap()
        .map()
        .goals
        .iter()
        .find(|g| g.id == "rep1-calls")
        .unwrap()
        .clone();
    goal.title = "80 calls a week".into();
    s.apply_edit(&Edit::PutGoal { goal }).unwrap();
    let g = &s.decisions().unwrap()[0].goals[0];
    assert_eq!(
        (g.name.as_str(), g.was.as_deref(), g.removed),
        ("80 calls a week", Some("100 calls a week"), false)
    );
    s.apply_edit(&Edit::DeleteGoal {
        id: "rep1-calls".into(),
    })
    .unwrap();
    let d = &s.decisions().unwrap()[0];
    let g = &d.goals[0];
    assert_eq!(
        (g.name.as_str(), g.removed),
        ("100 calls a week", true),
        "the name it had when the decision was taken"
    );
    assert!(!d.findings[0].still_found);
    assert_eq!(d.findings[0].subject_name, None);
}

#[test]
fn a_decision_is_edited_and_deleted_as_undoable_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    s.record_decision(&request()).unwrap();
    let mut r = request();
    r.statement = "Calls target goes to 90".into();
    r.findings.clear();
    s.update_decision(1, &r).unwrap();
    let d = &s.decisions().unwrap()[0];
    assert_eq!(d.statement, "Calls target goes to 90");
    assert!(d.findings.is_empty());
    s.delete_decision(1).unwrap();
    assert_eq!(s.decisions().unwrap(), []);
    s.undo().unwrap();
    assert_eq!(
        s.decisions().unwrap()[0].statement,
        "Calls target goes to 90"
    );
    s.undo().unwrap();
    assert_eq!(
        s.decisions().unwrap()[0].statement,
        "Calls target goes from 100 to 80 a week"
    );
}

#[test]
fn bad_decisions_are_refused_by_name_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let revision = s.revision().unwrap().number;
    let mut r = request();
    r.people.push("ben-osei".into());
    let e = s.record_decision(&r).unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused);
    assert!(
        e.message
            .contains("person “ben-osei”, who is not in the map"),
        "{}",
        e.message
    );
    // A finding the map does not have.
    let mut r = request();
    r.findings[0].subject = "sales-revenue".into();
    let e = s.record_decision(&r).unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
    assert!(
        e.message.contains("that the map does not have now"),
        "{}",
        e.message
    );
    assert_eq!(
        s.revision().unwrap().number,
        revision,
        "no revision was built"
    );
    assert_eq!(s.decisions().unwrap(), []);
    assert_eq!(s.info().unwrap().history.undo, None);
}
