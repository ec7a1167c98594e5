//! Catchball in the app (issue #14 item 6), through the calls the shell makes: a counter
//! is recorded and quoted by the goal's not-agreed finding; agreeing resolves the finding
//! and sets the target; undo brings both back; a draft refuses it by name.

use throughline_app_core::ErrorCode;
use throughline_core::agreement::AgreementInput;
use throughline_core::model::AgreementKind;
use throughline_view::FindingFilter;

mod common;
use common::session;

fn step(kind: AgreementKind, by: &str, target: Option<f64>, reason: &str) -> AgreementInput {
    AgreementInput {
        goal: "rep1-calls".into(),
        kind,
        date: "2026-11-20".into(),
        by: by.into(),
        target,
        due: None,
        reason: reason.into(),
    }
}

/// The message of rep1-calls' not-agreed finding, if it has one, as the panel gets it.
fn not_agreed(s: &throughline_app_core::Session) -> Option<String> {
    let page = s
        .findings(&FindingFilter {
            rule: Some("not-agreed".into()),
            ..Default::default()
        })
        .unwrap();
    page.rows
        .into_iter()
        .find(|r| r.finding.subject == "rep1-calls")
        .map(|r| r.finding.message)
}

fn target(s: &throughline_app_core::Session) -> Option<f64> {
    let map = s.revision().unwrap().map();
    map.goals
        .iter()
        .find(|g| g.id == "rep1-calls")
        .unwrap()
        .target
}

#[test]
fn a_counter_is_quoted_by_the_finding_and_an_agreement_resolves_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let before = not_agreed(&s).expect("rep1-calls is only proposed");
    assert!(!before.contains("Latest counter"), "{before}");

    let change = s
        .record_agreement(&step(
            AgreementKind::Countered,
            "rep1",
            Some(80.0),
            "Win rate falls above 80 calls",
        ))
        .unwrap();
    assert_eq!(change.label, "Ali Hassan countered “100 calls a week”");
    assert_eq!(change.created.as_deref(), Some("1"));
    let quoted = not_agreed(&s).unwrap();
    assert!(
        quoted.ends_with(
            " Latest counter (Ali Hassan, 2026-11-20): a target of 80, because “Win rate falls above 80 calls”."
        ),
        "{quoted}"
    );
    let history = s.agreements("rep1-calls").unwrap();
    assert_eq!(
        history.lines,
        ["2026-11-20 Ali Hassan countered: a target of 80, because “Win rate falls above 80 calls”"]
    );
    assert!(history.open_counter.is_some());

    let change = s
        .record_agreement(&step(AgreementKind::Agreed, "cso", Some(80.0), ""))
        .unwrap();
    let effect = change.effect.unwrap();
    assert!(
        effect
            .by_rule
            .iter()
            .any(|r| r.rule == "not-agreed" && r.resolved == 1),
        "{effect:?}"
    );
    assert_eq!(not_agreed(&s), None);
    assert_eq!(target(&s), Some(80.0));
    assert_eq!(s.agreements("rep1-calls").unwrap().open_counter, None);

    s.undo().unwrap();
    assert_eq!(target(&s), Some(100.0));
    assert!(not_agreed(&s)
        .unwrap()
        .contains("Latest counter (Ali Hassan"));
}

#[test]
fn a_draft_refuses_an_agreement_step_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    s.start_draft("Calls at 80").unwrap();
    let err = s
        .record_agreement(&step(AgreementKind::Agreed, "cso", None, ""))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Refused, "{err:?}");
    assert!(
        err.message.contains("“Calls at 80” is open"),
        "{}",
        err.message
    );
    assert_eq!(s.agreements("rep1-calls").unwrap().steps, []);
}
