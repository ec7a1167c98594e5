//! `throughline import` from spreadsheets and `export -o FILE.xlsx`, through the real
//! binary: creating, re-importing with the exact change set, --dry-run leaving the file
//! byte-identical, one undo step with the snapshot first, problems (exit 2, nothing
//! written), and export → import giving no change. Plus the store's `import_map`.

use crate::util::*;
use serde_json::json;
use std::path::Path;
use throughline_core::gen::{generate, GenOptions};
use throughline_store::{Options, Workspace};

fn import_fixture(name: &str) -> String {
    fixture(&format!("import/{name}"))
        .to_str()
        .unwrap()
        .to_string()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn creates_a_workspace_from_a_people_csv_and_an_okr_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("northwind.throughline");
    let out = throughline(&[
        "import",
        &import_fixture("org-chart.csv"),
        &import_fixture("okr-2027.xlsx"),
        "-o",
        s(&ws),
        "--organisation",
        "Northwind",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let changes: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(changes["people"]["added"].as_array().unwrap().len(), 5);
    assert_eq!(changes["goals"]["added"].as_array().unwrap().len(), 7);
    assert_eq!(
        changes["skipped_tables"],
        json!(["tests/fixtures/import/okr-2027.xlsx:Instructions".replace(
            "tests/fixtures/import/",
            &format!("{}/", fixture("import").display())
        )])
    );
    let expected = std::fs::read_to_string(fixture("import/expected/northwind-okr.json")).unwrap();
    let got = throughline_store::read_map_from(&ws).unwrap();
    assert_eq!(
        serde_json::to_value(&got).unwrap(),
        serde_json::from_str::<serde_json::Value>(&expected).unwrap()
    );
    // check runs on it.
    let out = throughline(&["check", s(&ws), "--as-of", "2026-12-01"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("5 people, 7 goals"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn reimport_reports_the_exact_change_set_dry_run_writes_nothing_and_the_import_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("org.throughline");
    let out = throughline(&[
        "import",
        &import_fixture("bamboohr-custom-report.csv"),
        "-o",
        s(&ws),
        "--organisation",
        "Northwind",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = std::fs::read(&ws).unwrap();
    let update = import_fixture("bamboohr-update.csv");
    let out = throughline(&[
        "import",
        &update,
        "--into",
        s(&ws),
        "--dry-run",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let changes: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ignored: Vec<String> = ["Location", "Hire Date"]
        .iter()
        .map(|h| format!("{update}: {h}"))
        .collect();
    assert_eq!(
        changes,
        json!({
            "people": {
                "added": [{"id": "p-1008", "name": "Omar Haddad"}],
                "updated": [
                    {"id": "p-1003", "name": "Emma Clarke", "changes": {"role": ["Account Executive", "Senior Account Executive"]}},
                    {"id": "p-1007", "name": "Aiko Tanaka", "changes": {"unit": ["u-marketing-content", "u-marketing-brand"]}}
                ],
                "missing": [{"id": "p-1005", "name": "Sofia Rossi"}],
                "unchanged": 4
            },
            "units": {
                "added": [{"id": "u-marketing-brand", "name": "Brand", "path": "Marketing > Brand"}],
                "missing": [{"id": "u-marketing-content", "name": "Content"}],
                "unchanged": 5
            },
            "goals": {"added": [], "updated": [], "missing": [], "unchanged": 0},
            "measures": {"added": []},
            "ignored_columns": ignored,
            "skipped_tables": []
        })
    );
    assert!(
        std::fs::read(&ws).unwrap() == before,
        "--dry-run leaves the workspace byte-identical"
    );
    assert!(!dir.path().join("org.throughline-wal").exists());

    // The import itself, with --remove-missing: Sofia and the empty Content team go.
    let out = throughline(&["import", &update, "--into", s(&ws), "--remove-missing"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Sofia Rossi (p-1005): removed"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("Import of bamboohr-update.csv"),
        "{}",
        stderr(&out)
    );
    let mut w = Workspace::open(&ws, Options::default()).unwrap();
    assert_eq!(w.map().people.len(), 7);
    assert!(w.map().people.iter().all(|p| p.id != "p-1005"));
    assert!(w.map().units.iter().all(|u| u.id != "u-marketing-content"));
    let names: Vec<String> = w.snapshots().unwrap().into_iter().map(|s| s.name).collect();
    assert!(
        names.contains(&"Before import of bamboohr-update.csv".to_string()),
        "{names:?}"
    );
    // One undo step brings the whole map back.
    assert_eq!(
        w.history().unwrap().undo.as_deref(),
        Some("Import of bamboohr-update.csv")
    );
    w.undo().unwrap();
    assert_eq!(w.map().people.len(), 7);
    assert!(w.map().people.iter().any(|p| p.id == "p-1005"));
    assert!(w.map().people.iter().all(|p| p.id != "p-1008"));
}

#[test]
fn remove_missing_refuses_a_person_still_needed_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("org.throughline");
    let out = throughline(&[
        "import",
        &import_fixture("org-chart.csv"),
        &import_fixture("okr-2027.xlsx"),
        "-o",
        s(&ws),
        "--organisation",
        "Northwind",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A people file without Aiko (who owns a goal) and without Noah (who manages nobody
    // left, but owns a goal and set Aiko's).
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "Name,Title,Manager,Team\nMaria Santos,CEO,,\nJoão Pereira,VP Sales,Maria Santos,Sales\nEmma Clarke,Account Executive,João Pereira,Sales\n").unwrap();
    let out = throughline(&[
        "import",
        s(&people),
        "--into",
        s(&ws),
        "--remove-missing",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let c: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        c["people"]["missing"],
        json!([
            {"id": "p-noah-fischer", "name": "Noah Fischer", "refused": "owns or set 2 goals that stay"},
            {"id": "p-aiko-tanaka", "name": "Aiko Tanaka", "refused": "owns or set 1 goal that stay"}
        ])
    );
    assert_eq!(
        c["units"]["missing"],
        json!([{"id": "u-marketing", "name": "Marketing", "refused": "holds 2 people who stay"}])
    );
    assert_eq!(
        throughline_store::read_map_from(&ws).unwrap().people.len(),
        5
    );
}

#[test]
fn problems_are_listed_one_per_line_exit_2_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "Name,Manager\nAna,Zed\n,Ana\n").unwrap();
    let ws = dir.path().join("new.throughline");
    let out = throughline(&["import", s(&people), "-o", s(&ws)]);
    assert_eq!(out.status.code(), Some(2));
    let p = s(&people);
    assert_eq!(
        stderr(&out),
        format!(
            "{p} row 2, column \"Manager\": unknown manager: no person \"Zed\" in the file or the workspace\n\
             {p} row 3, column \"Name\": no name: every person needs one\n\
             throughline: 2 problems; nothing was written\n"
        )
    );
    assert!(stdout(&out).is_empty());
    assert!(!ws.exists());
    // Into a workspace: left byte for byte as it was.
    let org = dir.path().join("org.throughline");
    let out = throughline(&["import", &import_fixture("org-chart.csv"), "-o", s(&org)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = std::fs::read(&org).unwrap();
    let out = throughline(&["import", s(&people), "--into", s(&org)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(std::fs::read(&org).unwrap() == before, "left as it was");
    // A bad --column is misuse, named.
    let out = throughline(&[
        "import",
        s(&people),
        "-o",
        s(&ws),
        "--column",
        "colour=Hair",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no field \"colour\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn workday_needs_its_columns_named_and_levels_and_options_apply() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("fabrikam.throughline");
    let out = throughline(&[
        "import",
        &import_fixture("workday-workers.csv"),
        "-o",
        s(&ws),
        "--organisation",
        "Fabrikam",
        "--column",
        "department=Supervisory Organization",
        "--column",
        "email=Email - Primary Work",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = std::fs::read_to_string(fixture("import/expected/workday.json")).unwrap();
    let got = throughline_store::read_map_from(&ws).unwrap();
    assert_eq!(
        serde_json::to_value(&got).unwrap(),
        serde_json::from_str::<serde_json::Value>(&expected).unwrap()
    );
    // --levels, --date-order and --decimal-comma.
    let people = dir.path().join("p.csv");
    std::fs::write(&people, "Name;Area;Squad\nAna;Ops;Core\n").unwrap();
    let goals = dir.path().join("g.csv");
    std::fs::write(
        &goals,
        "Title;Owner;Target;Due\nCut costs;Ana;1.234,5 €;03/04/2027\n",
    )
    .unwrap();
    let out = throughline(&[
        "import",
        s(&people),
        s(&goals),
        "--into",
        s(&ws),
        "--levels",
        "Area,Squad",
        "--date-order",
        "mdy",
        "--decimal-comma",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let m = throughline_store::read_map_from(&ws).unwrap();
    let g = m.goals.iter().find(|g| g.title == "Cut costs").unwrap();
    assert_eq!(g.target, Some(1234.5));
    assert_eq!(g.due, chrono::NaiveDate::from_ymd_opt(2027, 3, 4));
    let ana = m.people.iter().find(|p| p.name == "Ana").unwrap();
    assert_eq!(ana.unit, "u-ops-core");
}

#[test]
fn export_to_xlsx_then_import_into_the_same_workspace_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let json_path = dir.path().join("gen.json");
    std::fs::write(
        &json_path,
        throughline_core::format::write_map(&generate(&GenOptions::new(120, 4))),
    )
    .unwrap();
    let ws = dir.path().join("gen.throughline");
    assert_eq!(
        throughline(&["import", s(&json_path), "-o", s(&ws)])
            .status
            .code(),
        Some(0)
    );
    let xlsx = dir.path().join("org.xlsx");
    let out = throughline(&["export", s(&ws), "-o", s(&xlsx)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let before = std::fs::read(&ws).unwrap();
    let out = throughline(&["import", s(&xlsx), "--into", s(&ws), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let c: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    for kind in ["people", "goals"] {
        for list in ["added", "updated", "missing"] {
            assert_eq!(c[kind][list], json!([]), "{kind}.{list}");
        }
    }
    assert_eq!(c["people"]["unchanged"], json!(120));
    assert_eq!(c["units"]["added"], json!([]));
    assert_eq!(c["units"]["missing"], json!([]));
    assert!(
        stderr(&out).contains("nothing to import"),
        "{}",
        stderr(&out)
    );
    assert!(std::fs::read(&ws).unwrap() == before, "no change, no write");
    // The JSON export is as before.
    let back = dir.path().join("back.json");
    assert_eq!(
        throughline(&["export", s(&ws), "-o", s(&back)])
            .status
            .code(),
        Some(0)
    );
    assert!(std::fs::read_to_string(&back).unwrap().starts_with('{'));
}

#[test]
fn a_map_document_into_a_workspace_replaces_its_map_as_one_edit() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("acme.throughline");
    assert_eq!(
        throughline(&["import", &import_fixture("org-chart.csv"), "-o", s(&ws)])
            .status
            .code(),
        Some(0)
    );
    let out = throughline(&[
        "import",
        s(&fixture("acme.json")),
        "--into",
        s(&ws),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let c: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(c["people"]["missing"].as_array().unwrap().len(), 5);
    let mut w = Workspace::open(&ws, Options::default()).unwrap();
    assert_eq!(
        w.history().unwrap().undo.as_deref(),
        Some("Import of acme.json")
    );
    assert!(w
        .snapshots()
        .unwrap()
        .iter()
        .any(|s| s.name == "Before import of acme.json"));
    w.undo().unwrap();
    assert_eq!(w.map().people.len(), 5);
}

#[test]
fn store_import_map_is_one_edit_with_the_snapshot_saved_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.throughline");
    let first = generate(&GenOptions::new(20, 1));
    let second = generate(&GenOptions::new(30, 2));
    let mut ws = Workspace::create(&path, &first, false, Options::default()).unwrap();
    let label = ws
        .import_map(&second, "/some/folder/people export.csv")
        .unwrap();
    assert_eq!(label, "Import of people export.csv");
    assert_eq!(ws.map(), &second);
    let snaps = ws.snapshots().unwrap();
    let before = snaps
        .iter()
        .find(|s| s.name == "Before import of people export.csv")
        .expect("the snapshot");
    assert_eq!(&ws.snapshot_map(before.id).unwrap(), &first);
    ws.undo().unwrap();
    assert_eq!(ws.map(), &first);
    ws.redo().unwrap();
    assert_eq!(ws.map(), &second);
    // An invalid map is refused and changes nothing.
    let mut bad = second.clone();
    bad.people[0].unit = "nowhere".into();
    assert!(ws.import_map(&bad, "x.csv").is_err());
    assert_eq!(ws.map(), &second);
}
