//! Writes the import wizard's data the UI's mocked-IPC tests serve
//! (`ui/tests/fixtures/import-preview.json`), computed by the real session from the shared
//! acme fixture and `tests/fixtures/import/wizard/` (a people CSV whose Manager and
//! Supervisor Name columns both give the manager, and whose Mail column is not recognised;
//! a goals CSV): the preview as picked, and after the user's column choices.
//! `cargo run -p throughline-app-core --example ui_import_fixtures`.
use throughline_app_core::import::{ColumnChoice, ImportRequest, PickedFile, RememberedMappings};

mod common;

fn main() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = common::session_on(
        dir.path(),
        "Acme Analytics.throughline",
        &common::acme_map(),
    );
    let wizard = common::root().join("tests/fixtures/import/wizard");
    let file = |name: &str| PickedFile {
        name: name.to_string(),
        bytes: std::fs::read(wizard.join(name)).expect("file"),
    };
    let first = s
        .import_add_files(
            vec![file("people.csv"), file("goals.csv")],
            ImportRequest::default(),
            &RememberedMappings::default(),
        )
        .expect("a preview");
    let choice = |header: &str, field: Option<&str>| ColumnChoice {
        file: "people.csv".into(),
        sheet: None,
        header: header.into(),
        field: field.map(str::to_string),
    };
    // What the wizard's selects send: Manager ← Supervisor Name (so "Manager" is ignored),
    // then Email ← Mail.
    let mut request = first.request.clone();
    request.columns = vec![
        choice("Manager", None),
        choice("Supervisor Name", Some("manager")),
        choice("Mail", Some("email")),
    ];
    let fixed = s.import_preview(&request).expect("a preview");
    assert_eq!(fixed.problem_count, 0, "{:?}", fixed.problems);
    let mut removing = request.clone();
    removing.remove_missing = true;
    let removing = s.import_preview(&removing).expect("a preview");
    let doc = serde_json::json!({ "first": first, "fixed": fixed, "removing": removing });
    common::write_fixture("import-preview.json", &doc);
}
