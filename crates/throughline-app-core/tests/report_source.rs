//! What the app hands the report tool (issue #14 item 7): the map on screen — a draft's
//! while one is open — on standard input, the workspace it holds (`--workspace`, for its
//! decisions and snapshots), `--compare` with the snapshot's id for a workshop report, and
//! a title marked as the draft's. Run through `report_tool::run` with a stand-in tool that
//! writes down what it was given.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::sync::atomic::AtomicBool;
use throughline_app_core::report_tool::{self, TIME_LIMIT};
use throughline_app_core::{ErrorCode, ReportRequest, Session};
use throughline_core::format;
use throughline_core::report_options::{Format, Paper};
use throughline_store::Edit;

mod common;
use common::{acme, today};

fn request(compare: Option<i64>) -> ReportRequest {
    ReportRequest {
        format: Format::Md,
        function: Some("sales".into()),
        title: None,
        paper: Paper::A4,
        compare,
    }
}

/// A stand-in for the tool: writes its arguments, one a line, then its standard input, to
/// the file after `--output`.
fn recording_tool(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("fake-throughline");
    std::fs::write(
        &path,
        "#!/bin/sh\nout=$4\nfor a in \"$@\"; do echo \"$a\"; done > \"$out\"\necho --- >> \"$out\"\ncat >> \"$out\"\n",
    )
    .expect("write the tool");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

#[test]
fn a_workshop_report_of_a_draft_gets_the_drafts_map_the_workspace_and_the_snapshot() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("acme.throughline");
    let mut s = Session::new(today);
    s.create(&path, &acme(), false).expect("created");
    let snapshot = s.save_snapshot("Before the workshop").expect("saved").id;
    s.start_draft("Calls at 80").expect("started");
    s.apply_edit(&Edit::LinkSupport {
        goal: "forecast-95".into(),
        supports: "sales-revenue".into(),
    })
    .expect("edited in the draft");

    let req = request(Some(snapshot));
    let source = s.report_source(&req).expect("a source");
    assert_eq!(
        source.title.as_deref(),
        Some("DRAFT “Calls at 80”, not kept: Workshop report")
    );
    assert_eq!(
        source.file_stem,
        "Acme Analytics workshop report (draft Calls at 80)"
    );
    assert_eq!(source.workspace, path);
    // The draft's map, not the workspace's.
    let shown = format::read_map(&source.map_json).expect("a map document");
    let forecast = shown.goals.iter().find(|g| g.id == "forecast-95").unwrap();
    assert!(forecast.supports().contains(&"sales-revenue".to_string()));
    assert_eq!(&shown, s.revision().expect("open").map());

    let out = dir.path().join("w.md");
    let tool = recording_tool(dir.path());
    report_tool::run(
        &tool,
        &source.job(&req, &out),
        TIME_LIMIT,
        &AtomicBool::new(false),
    )
    .expect("the tool ran");
    let said = std::fs::read_to_string(&out).expect("written");
    let (args, stdin) = said.split_once("---\n").expect("args, then stdin");
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(&args[..2], ["report", "-"]);
    assert!(args.contains(&"--format=md"), "{args:?}");
    assert!(
        args.contains(&format!("--workspace={}", path.display()).as_str()),
        "{args:?}"
    );
    assert!(
        args.contains(&format!("--compare={snapshot}").as_str()),
        "{args:?}"
    );
    assert!(
        args.contains(&"--title=DRAFT “Calls at 80”, not kept: Workshop report"),
        "{args:?}"
    );
    // A workshop report covers the whole organisation.
    assert!(
        !args.iter().any(|a| a.starts_with("--function")),
        "{args:?}"
    );
    assert_eq!(stdin, source.map_json);
}

#[test]
fn the_alignment_report_names_the_workspace_for_its_decisions() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("acme.throughline");
    let mut s = Session::new(today);
    s.create(&path, &acme(), false).expect("created");
    let req = request(None);
    let source = s.report_source(&req).expect("a source");
    assert_eq!(source.title, None);
    assert_eq!(source.file_stem, "Acme Analytics alignment report - Sales");
    let args: Vec<String> = report_tool::arguments(&source.job(&req, &dir.path().join("r.md")))
        .into_iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    assert!(args.contains(&"--function=sales".to_string()), "{args:?}");
    assert!(
        args.contains(&format!("--workspace={}", path.display())),
        "{args:?}"
    );
    assert!(!args.iter().any(|a| a.starts_with("--compare")), "{args:?}");
    // A snapshot the workspace does not have is refused before any dialog.
    let err = s
        .report_source(&request(Some(42)))
        .expect_err("no such snapshot");
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("no snapshot 42"), "{}", err.message);
}
