//! The measures designer (issue #13 item 4) on the acme fixture: per function, its
//! measures with kind, leading / lagging, use, trade-offs in words and the findings'
//! flags with their keys, whose one-click fix resolves them.

use throughline_app_core::measures::{measures_designer, MeasuresDesigner};
use throughline_app_core::{ErrorCode, Session};
use throughline_core::model::MeasureKind;

mod common;
use common::{session, session_with};

fn designer(s: &Session, function: Option<&str>) -> MeasuresDesigner {
    measures_designer(s.revision().expect("open"), function).expect("designer")
}

/// Sales (the focus function, so also what None shows): its six measures, most used
/// first, with kind, leading / lagging, goals, people, trade-offs and Hannah Cole flagged.
#[test]
fn sales_measures_in_words() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let s = session(dir.path());
    let d = designer(&s, None);
    assert_eq!(d, designer(&s, Some("sales")), "None is the focus function");
    assert_eq!(d.function.as_ref().expect("a function").label, "Sales");

    let rows: Vec<(&str, MeasureKind, bool, u32, u32)> = d
        .measures
        .iter()
        .map(|m| (m.name.as_str(), m.kind, m.leading, m.goals, m.people))
        .collect();
    assert_eq!(
        rows,
        [
            ("Revenue", MeasureKind::Outcome, false, 4, 3),
            ("Outbound calls per week", MeasureKind::Activity, true, 1, 1),
            ("Win rate", MeasureKind::Outcome, false, 1, 0),
            ("Forecast accuracy", MeasureKind::Outcome, false, 1, 0),
            ("Qualified pipeline", MeasureKind::Outcome, true, 1, 0),
            (
                "Skills modules completed",
                MeasureKind::Development,
                true,
                1,
                1
            ),
        ]
    );

    let revenue = &d.measures[0];
    let examples: Vec<(&str, &str)> = revenue
        .examples
        .iter()
        .map(|e| (e.title.as_str(), e.owner.as_str()))
        .collect();
    assert_eq!(
        examples,
        [
            ("Sales delivers EUR 8M", "Sales"),
            ("EUR 1.2M revenue", "Ali Hassan"),
            ("EUR 1.1M revenue", "Chloe Martin"),
        ]
    );

    let calls = &d.measures[1];
    assert_eq!(calls.trade_offs.len(), 1);
    assert_eq!(
        calls.trade_offs[0].sentence,
        "Pushing Outbound calls per week undermines Win rate"
    );
    assert!(calls.trade_offs[0].other_in_function);
    assert_eq!(
        calls.trade_offs[0].note.as_deref(),
        Some("time spent dialling is time not spent preparing")
    );
    // The same trade-off on the measure it undermines.
    assert_eq!(
        d.measures[2].trade_offs[0].sentence,
        "Pushing Outbound calls per week undermines Win rate"
    );
    // Qualified pipeline is fed by Marketing's leads, which Sales does not measure.
    let pipeline = &d.measures[4];
    assert_eq!(
        pipeline.trade_offs[0].sentence,
        "Leads generated feeds Qualified pipeline"
    );
    assert!(!pipeline.trade_offs[0].other_in_function);
    assert!(d.measures.iter().all(|m| m.flags.is_empty()));

    assert_eq!(d.lagging_only_total, 1);
    assert_eq!(
        d.lagging_only[0].sentence,
        "Hannah Cole (Sales Director) is measured only on lagging measures: Revenue."
    );
    assert_eq!(d.lagging_only[0].key.rule, "lagging-only");
    assert_eq!(d.lagging_only[0].key.subject, "cso");
}

/// Marketing's leads feed Sales' pipeline with no guard: flagged with its finding's key,
/// and the library's guard (once the measure is one the library knows) resolves it; the
/// trade-off the fix adds is then a sentence of both measures.
#[test]
fn an_unguarded_volume_measure_is_flagged_and_its_fix_resolves_it() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = session(dir.path());
    let d = designer(&s, Some("marketing"));
    assert_eq!(d.measures.len(), 1);
    let leads = &d.measures[0];
    assert_eq!(
        (leads.name.as_str(), leads.goals, leads.people),
        ("Leads generated", 1, 1)
    );
    assert_eq!(leads.flags.len(), 1);
    let flag = &leads.flags[0];
    assert_eq!(
        flag.sentence,
        "Nothing in Marketing guards the quality of Leads generated, which feeds Qualified \
         pipeline in Sales."
    );
    assert_eq!(
        (flag.key.rule.as_str(), flag.key.subject.as_str()),
        ("unguarded-volume", "mkt-leads")
    );
    assert_eq!(flag.key.related, ["sales-pipeline"]);
    assert_eq!(flag.count, 1);
    assert_eq!(d.lagging_only_total, 0);

    // Named as the library names it, the library's guard is one click away.
    let mut measure = s.revision().expect("open").map().measures[4].clone();
    assert_eq!(measure.id, "leads");
    measure.name = "MQL volume".into();
    s.apply_edit(&throughline_store::Edit::PutMeasure { measure })
        .expect("renamed");
    let d = designer(&s, Some("marketing"));
    let fixes = s.fixes(&d.measures[0].flags[0].key).expect("fixes");
    assert_eq!(fixes.len(), 1);
    s.apply_edit(&fixes[0].edit).expect("fixed");
    let d = designer(&s, Some("marketing"));
    assert!(d.measures.iter().all(|m| m.flags.is_empty()), "{d:?}");
    let guard = d
        .measures
        .iter()
        .find(|m| m.name == "Lead acceptance rate by sales")
        .expect("the guard's goal is Marketing's");
    assert_eq!(
        guard
            .trade_offs
            .iter()
            .map(|t| t.sentence.as_str())
            .collect::<Vec<_>>(),
        ["Lead acceptance rate by sales guards MQL volume",]
    );
}

/// Finance: one measure-less goal, so no measures; a unit that is not a function and an
/// unknown id are refused by name.
#[test]
fn other_functions_and_bad_ids() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let s = session(dir.path());
    let d = designer(&s, Some("finance"));
    assert_eq!(d.function.expect("finance").label, "Finance");
    assert!(d.measures.is_empty());
    for id in ["sales-north", "nobody"] {
        let e = measures_designer(s.revision().expect("open"), Some(id)).expect_err("refused");
        assert_eq!(e.code, ErrorCode::NotFound);
        assert!(e.message.contains(id), "{}", e.message);
    }
}

/// Named as the library names it ("New ARR closed"), Hannah Cole's revenue has a leading
/// pairing: her flag's fix gives her a goal on Qualified pipeline, and the flag goes.
#[test]
fn a_lagging_only_role_gets_the_librarys_leading_pairing() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = session(dir.path());
    let mut revenue = s.revision().expect("open").map().measures[0].clone();
    assert_eq!(revenue.id, "revenue");
    revenue.name = "New ARR closed".into();
    s.apply_edit(&throughline_store::Edit::PutMeasure { measure: revenue })
        .expect("renamed");
    let d = designer(&s, Some("sales"));
    let fixes = s.fixes(&d.lagging_only[0].key).expect("fixes");
    assert_eq!(fixes.len(), 1);
    assert_eq!(
        fixes[0].label,
        "Give Hannah Cole a goal on “Qualified pipeline”"
    );
    s.apply_edit(&fixes[0].edit).expect("fixed");
    let d = designer(&s, Some("sales"));
    assert_eq!(d.lagging_only_total, 0);
    let pipeline = d
        .measures
        .iter()
        .find(|m| m.id == "pipeline")
        .expect("pipeline");
    assert_eq!((pipeline.goals, pipeline.people), (2, 1));
}

/// The app's sample: Marketing's flagged volume measure comes first, before its more used
/// ones, and its fix is the library's guard.
#[test]
fn flagged_measures_come_first() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let map = throughline_app_core::sample_map().expect("the sample");
    let s = session_with(dir.path(), &map);
    let d = designer(&s, Some("marketing"));
    let names: Vec<(&str, u32, usize)> = d
        .measures
        .iter()
        .take(2)
        .map(|m| (m.name.as_str(), m.goals, m.flags.len()))
        .collect();
    assert_eq!(names, [("MQL volume", 2, 1), ("Training hours", 3, 0)]);
    let fixes = s.fixes(&d.measures[0].flags[0].key).expect("fixes");
    assert_eq!(
        fixes[0].label,
        "Give Marketing a goal on “Lead acceptance rate by sales”"
    );
}
