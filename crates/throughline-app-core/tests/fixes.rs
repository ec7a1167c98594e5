//! One-click fixes through the calls the shell makes (issue #13 item 3): a finding's fixes
//! are offered, one is applied as an edit, the finding is resolved and the change's effect
//! says so; Undo brings it back. A finding the map does not have is refused by name.

use throughline_app_core::{ErrorCode, Session};
use throughline_store::decisions::FindingKey;
use throughline_store::Edit;

mod common;
use common::session;

fn key(rule: &str, subject: &str, related: &[&str]) -> FindingKey {
    FindingKey {
        rule: rule.into(),
        subject: subject.into(),
        related: related.iter().map(|r| r.to_string()).collect(),
    }
}

fn has(s: &Session, rule: &str, subject: &str) -> bool {
    let rev = s.revision().expect("open");
    rev.report()
        .findings
        .iter()
        .any(|f| f.rule == rule && f.subject == subject)
}

#[test]
fn a_fix_resolves_its_finding_in_one_undoable_edit() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = session(dir.path());
    let before = s.revision().expect("open").report().findings.len();

    // "100 calls a week" was only proposed to Ali Hassan: one fix, mark it agreed.
    let fixes = s
        .fixes(&key("not-agreed", "rep1-calls", &[]))
        .expect("fixes");
    assert_eq!(fixes.len(), 1);
    assert_eq!(fixes[0].label, "Mark agreed with Ali Hassan");
    // Under its own label, a one-edit fix keeps what that edit keeps: no index built.
    let builds = throughline_core::org::builds_on_this_thread();
    let change = s.apply_edit(&fixes[0].edit).expect("applied");
    assert_eq!(throughline_core::org::builds_on_this_thread(), builds);
    assert_eq!(change.label, "Mark agreed with Ali Hassan");
    assert!(!has(&s, "not-agreed", "rep1-calls"));
    let effect = change.effect.expect("the effect notice");
    assert_eq!((effect.resolved, effect.new), (1, 0));
    assert_eq!(
        s.revision().expect("open").report().findings.len(),
        before - 1
    );

    // Imposed by the executive team: hand it to Ali's line (his manager Hannah Cole).
    let fixes = s
        .fixes(&key("imposed-goal", "rep1-calls", &["board"]))
        .expect("fixes");
    assert_eq!(fixes[0].label, "Have Hannah Cole set it (the owner's line)");
    match &fixes[0].edit {
        Edit::Batch { label, edits } => {
            assert_eq!(label, &fixes[0].label);
            match edits.as_slice() {
                [Edit::PutGoal { goal }] => assert_eq!(goal.set_by.as_deref(), Some("cso")),
                other => panic!("{other:?}"),
            }
        }
        other => panic!("{other:?}"),
    }
    let change = s.apply_edit(&fixes[0].edit).expect("applied");
    assert_eq!(change.label, "Have Hannah Cole set it (the owner's line)");
    assert!(!has(&s, "imposed-goal", "rep1-calls"));

    // Orphaned: linked to the nearest aligned goal of the owner's line.
    let fixes = s
        .fixes(&key("orphaned-goal", "forecast-95", &[]))
        .expect("fixes");
    assert!(fixes.len() > 1, "{fixes:?}");
    s.apply_edit(&fixes[0].edit).expect("applied");
    assert!(!has(&s, "orphaned-goal", "forecast-95"));

    // Undo takes the link back: the finding returns.
    s.undo().expect("undone");
    assert!(has(&s, "orphaned-goal", "forecast-95"));
}

#[test]
fn a_finding_the_map_does_not_have_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let s = session(dir.path());
    let e = s
        .fixes(&key("not-agreed", "no-such-goal", &[]))
        .expect_err("refused");
    assert_eq!(e.code, ErrorCode::Invalid);
    assert!(e.message.contains("no-such-goal"), "{}", e.message);
    // A rule without an obvious fix offers none.
    let none = s
        .fixes(&key("conflicting-goals", "rep1-calls", &["sales-win-rate"]))
        .expect("fixes");
    assert!(none.is_empty());
}

/// The library's guard for a volume measure it knows: measure, trade-off and goal in one
/// edit; the finding goes; one undo takes all three back.
#[test]
fn the_librarys_guard_is_added_in_one_step() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = session(dir.path());
    let mut leads = s
        .revision()
        .expect("open")
        .map()
        .measures
        .iter()
        .find(|m| m.id == "leads")
        .expect("leads")
        .clone();
    leads.name = "MQL volume".into();
    s.apply_edit(&Edit::PutMeasure { measure: leads })
        .expect("renamed");
    let before = s.revision().expect("open").map().clone();
    let fixes = s
        .fixes(&key("unguarded-volume", "mkt-leads", &["sales-pipeline"]))
        .expect("fixes");
    assert_eq!(fixes.len(), 1, "{fixes:?}");
    assert!(matches!(&fixes[0].edit, Edit::Batch { edits, .. } if edits.len() == 3));
    let change = s.apply_edit(&fixes[0].edit).expect("applied");
    assert_eq!(change.label, fixes[0].label);
    assert!(!has(&s, "unguarded-volume", "mkt-leads"));
    assert!(change.effect.expect("effect").resolved >= 1);
    s.undo().expect("undone");
    assert_eq!(*s.revision().expect("open").map(), before, "one undo step");
}
