//! Writes the import wizard's data the UI's mocked-IPC tests serve
//! (`ui/tests/fixtures/import-preview.json`), computed by the real session from the shared
//! acme fixture and `tests/fixtures/import/wizard/` (a people CSV whose Manager and
//! Supervisor Name columns both give the manager, and whose Mail column is not recognised;
//! a goals CSV): the preview as picked, and after the user's column choices.
//! `cargo run -p throughline-app-core --example ui_import_fixtures`.
use throughline_app_core::import::{ColumnChoice, ImportRequest, PickedFile, RememberedMappings};
use throughline_app_core::Session;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("tests/fixtures/acme.json")).expect("acme");
    let map = throughline_core::format::read_map(&text).expect("valid");
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = Session::new(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"));
    s.create(&dir.path().join("Acme Analytics.throughline"), &map, false)
        .expect("created");
    let file = |name: &str| PickedFile {
        name: name.to_string(),
        bytes: std::fs::read(root.join("tests/fixtures/import/wizard").join(name)).expect("file"),
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
    let out = root.join("ui/tests/fixtures/import-preview.json");
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&doc).expect("json") + "\n",
    )
    .expect("written");
    println!("wrote {}", out.display());
}
