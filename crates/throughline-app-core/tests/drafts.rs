//! What-if drafts through the calls the shell makes (issue #14 item 4): edits in a draft
//! never touch the workspace's map or history; every panel shows the draft and the header
//! its difference from the map before it; the draft survives closing the file; Keep is one
//! undoable edit (with a decision), Discard goes back.

use throughline_app_core::decisions::DecisionRequest;
use throughline_app_core::{ChangeKind, ErrorCode, Session};
use throughline_store::Edit;

mod common;
use common::{acme, today};

fn count(s: &Session, rule: &str) -> usize {
    s.revision()
        .expect("open")
        .report()
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .count()
}

fn link_forecast() -> Edit {
    Edit::LinkSupport {
        goal: "forecast-95".into(),
        supports: "sales-revenue".into(),
    }
}

#[test]
fn a_draft_is_shown_everywhere_kept_as_one_edit_and_survives_reopening() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("acme.throughline");
    let base = acme();
    let mut s = Session::new(today);
    s.create(&path, &base, false).expect("created");
    let orphaned = count(&s, "orphaned-goal");

    let started = s.start_draft("Link the forecast").expect("started");
    assert!(
        started.label.contains("do not touch the workspace"),
        "{}",
        started.label
    );
    let info = started.doc.expect("doc").draft.expect("a draft");
    assert_eq!(
        (info.name.as_str(), info.edits, info.resolved, info.new),
        ("Link the forecast", 0, 0, 0)
    );

    // An edit in the draft: the panels show it, the workspace does not have it.
    let change = s.apply_edit(&link_forecast()).expect("edited in the draft");
    assert_eq!(count(&s, "orphaned-goal"), orphaned - 1);
    assert_eq!(change.effect.expect("its effect").resolved, 2);
    let info = change.doc.expect("doc");
    let draft = info.draft.expect("the draft");
    assert_eq!((draft.edits, draft.resolved, draft.new), (1, 2, 0));
    assert_eq!(
        info.history.undo.as_deref(),
        Some("Link “Forecast accuracy 95%” to “Sales delivers EUR 8M”")
    );
    let on_disk = throughline_store::read_map_from(&path).expect("readable");
    assert_eq!(on_disk, base, "the workspace's map is untouched");

    // What only the workspace can do is refused while the draft is open.
    let e = s.replace_map(&base, "Import").expect_err("refused");
    assert!(
        e.message.contains("“Link the forecast” is open"),
        "{}",
        e.message
    );

    // Closed and opened again: the draft is there, and on screen.
    s.close();
    let opened = s.open(&path, false).expect("opened");
    let draft = opened.doc.expect("doc").draft.expect("the draft survives");
    assert_eq!((draft.edits, draft.resolved), (1, 2));
    assert_eq!(count(&s, "orphaned-goal"), orphaned - 1);

    // Undo and redo inside the draft.
    s.undo().expect("undone in the draft");
    assert_eq!(count(&s, "orphaned-goal"), orphaned);
    s.redo().expect("redone in the draft");

    // Keep it with a decision: one edit of the workspace, the draft's whole difference.
    let kept = s
        .keep_draft(Some(&DecisionRequest {
            date: "2026-11-28".into(),
            statement: "Forecast accuracy serves the revenue goal".into(),
            rationale: "Finance and Sales agreed it in the workshop".into(),
            people: vec!["cfo".into(), "cso".into()],
            goals: vec!["forecast-95".into()],
            findings: vec![],
        }))
        .expect("kept");
    assert_eq!(
        kept.label,
        "Keep the draft “Link the forecast”, with a decision"
    );
    assert_eq!(kept.effect.expect("effect").resolved, 2);
    let info = kept.doc.expect("doc");
    assert!(info.draft.is_none());
    assert_eq!(info.history.undo.as_deref(), Some(kept.label.as_str()));
    assert_eq!(s.decisions().expect("decisions").len(), 1);
    assert_ne!(
        throughline_store::read_map_from(&path).expect("readable"),
        base
    );
    // One undo takes the whole draft back.
    s.undo().expect("undone");
    assert_eq!(*s.revision().expect("open").map(), base);
    assert!(s.decisions().expect("decisions").is_empty());
}

#[test]
fn discarding_a_draft_goes_back_and_leaves_the_workspace_as_it_was() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("acme.throughline");
    let base = acme();
    let mut s = Session::new(today);
    s.create(&path, &base, false).expect("created");
    let bytes_map = throughline_store::read_map_from(&path).expect("readable");
    let before = s.info().expect("info");

    s.start_draft("Drop the calls target").expect("started");
    s.apply_edit(&Edit::DeleteGoal {
        id: "rep1-calls".into(),
    })
    .expect("deleted in the draft");
    s.apply_edit(&link_forecast()).expect("linked in the draft");
    assert_ne!(*s.revision().expect("open").map(), base);
    let e = s.start_draft("Another").expect_err("one at a time");
    assert!(e.message.contains("is open"), "{}", e.message);

    let discarded = s.discard_draft().expect("discarded");
    assert_eq!(discarded.kind, ChangeKind::Restored);
    assert_eq!(
        discarded.label,
        "Discarded the draft “Drop the calls target”"
    );
    assert!(
        discarded.effect.expect("effect").new > 0,
        "its fixes are undone"
    );
    assert_eq!(*s.revision().expect("open").map(), base);
    let after = s.info().expect("info");
    assert!(after.draft.is_none());
    assert_eq!(
        after.history, before.history,
        "the history never saw the draft"
    );
    assert!(
        after.revision > before.revision,
        "a new revision for the page"
    );
    assert_eq!(
        throughline_store::read_map_from(&path).expect("readable"),
        bytes_map
    );
    assert_eq!(
        s.discard_draft().expect_err("none").code,
        ErrorCode::NothingToDo
    );
    assert_eq!(
        s.keep_draft(None).expect_err("none").code,
        ErrorCode::NothingToDo
    );
}

/// A report of a draft says so in its title (the one asked for, or the report's default),
/// so nobody reads it as the organisation as it is; without a draft the title is as asked.
#[test]
fn a_report_of_a_draft_is_marked_as_the_drafts() {
    use throughline_app_core::ReportRequest;
    use throughline_core::report_options::{Format, Paper};
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = Session::new(today);
    s.create(&dir.path().join("acme.throughline"), &acme(), false)
        .expect("created");
    let request = |title: Option<&str>, function: Option<&str>| ReportRequest {
        format: Format::Pdf,
        function: function.map(str::to_string),
        title: title.map(str::to_string),
        paper: Paper::A4,
        compare: None,
    };
    assert_eq!(s.report_title(&request(None, None)).expect("title"), None);
    assert_eq!(
        s.report_title(&request(Some("  Board pack "), None))
            .expect("title")
            .as_deref(),
        Some("Board pack")
    );
    s.start_draft("Calls at 80").expect("started");
    assert_eq!(
        s.report_title(&request(None, None))
            .expect("title")
            .as_deref(),
        Some("DRAFT “Calls at 80”, not kept: Alignment report")
    );
    assert_eq!(
        s.report_title(&request(None, Some("sales")))
            .expect("title")
            .as_deref(),
        Some("DRAFT “Calls at 80”, not kept: Alignment report: Sales")
    );
    assert_eq!(
        s.report_title(&request(Some("Board pack"), None))
            .expect("title")
            .as_deref(),
        Some("DRAFT “Calls at 80”, not kept: Board pack")
    );
}
