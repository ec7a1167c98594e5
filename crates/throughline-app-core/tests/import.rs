//! The import wizard through the session's calls: previews (tables, mapping, rows with
//! their problems, the change set), Import as one change, a new workspace from
//! spreadsheets, the XLSX export, and remembered column choices.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use throughline_app_core::import::{
    ColumnChoice, ImportRequest, ImportTableKind, ImportTarget, PickedFile, RememberedMappings,
    RowStatus,
};
use throughline_app_core::{ChangeKind, ErrorCode, Session};
use throughline_core::org::builds_on_this_thread;
use throughline_view::FindingFilter;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date")
}

fn fixture(name: &str) -> PickedFile {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import");
    PickedFile {
        name: name.to_string(),
        bytes: std::fs::read(dir.join(name)).expect("a fixture"),
    }
}

fn text(name: &str, body: &str) -> PickedFile {
    PickedFile {
        name: name.to_string(),
        bytes: body.as_bytes().to_vec(),
    }
}

fn new_request() -> ImportRequest {
    ImportRequest {
        target: ImportTarget::New,
        ..ImportRequest::default()
    }
}

/// A session with an empty workspace "Northwind" open (the OKR fixture names it).
fn empty_workspace(dir: &Path) -> Session {
    let mut s = Session::new(today);
    let map = throughline_app_core::projections::new_map("Northwind").expect("a map");
    s.create(&dir.join("acme.throughline"), &map, false)
        .expect("created");
    s
}

const PEOPLE: &str = "Name,Email,Department,Manager\n\
Ana Lima,ana@acme.test,,\n\
Bo Chen,bo@acme.test,Sales,Ana Lima\n\
Cy Diaz,cy@acme.test,Sales,Bo Chen\n";

const GOALS: &str = "Objective,Owner,Measure,Target,Due,Supports\n\
Grow revenue,Ana Lima,,,2027-12-31,\n\
Win rate 30%,Bo Chen,Win rate,30%,Q2 2027,Grow revenue\n";

#[test]
fn a_preview_shows_tables_mapping_rows_and_the_change_set() {
    let mut s = Session::new(today);
    let p = s
        .import_add_files(
            vec![text("people.csv", PEOPLE), text("goals.csv", GOALS)],
            new_request(),
            &RememberedMappings::default(),
        )
        .expect("a preview");
    assert_eq!(p.problem_count, 0, "{:?}", p.problems);
    assert_eq!(p.blocked, None);
    assert_eq!(p.organisation, "people");
    assert_eq!(p.files.len(), 2);
    let people = &p.tables[0];
    assert_eq!(people.kind, ImportTableKind::People);
    assert_eq!(people.file_kind, "csv");
    assert_eq!(people.header_row, Some(1));
    assert_eq!(people.data_rows, 3);
    // Every field of a people table, with the column recognised for it.
    let field = |name: &str| people.fields.iter().find(|f| f.field == name).unwrap();
    assert_eq!(field("name").header.as_deref(), Some("Name"));
    assert_eq!(field("department").header.as_deref(), Some("Department"));
    assert_eq!(field("role").header, None);
    assert!(field("name").required);
    // The rows as they will become people, with their units.
    let bo = &people.preview[1];
    assert_eq!(bo.row, 3);
    assert_eq!(bo.status, RowStatus::Added);
    assert_eq!(bo.unit.as_deref(), Some("Sales"));
    assert_eq!(bo.id.as_deref(), Some("p-bo"));
    let goals = &p.tables[1];
    assert_eq!(goals.kind, ImportTableKind::Goals);
    assert_eq!(goals.preview.len(), 2);
    let c = p.changes.expect("a change set");
    assert_eq!(c.people.added.total, 3);
    assert_eq!(c.goals.added.total, 2);
    assert_eq!(
        c.units
            .added
            .items
            .iter()
            .map(|u| u.label.as_str())
            .collect::<Vec<_>>(),
        ["people", "Sales"]
    );
    assert_eq!(c.measures.added.total, 1);
    assert_eq!(
        c.measures.added.items[0].detail.as_deref(),
        Some("from the measure library")
    );
    assert_eq!(c.measures_from_library, 1);
    assert_eq!(
        c.summary,
        "3 people added; 2 units created; 2 goals added; 1 measure added (1 from the library)"
    );
}

#[test]
fn problems_are_shown_in_place_and_listed_in_the_contract_format() {
    let mut s = Session::new(today);
    let bad = "Name,Email,Manager\nAna Lima,ana@acme.test,\n,x@acme.test,Ana Lima\nBo Chen,bo@acme.test,Nobody\n";
    let p = s
        .import_add_files(
            vec![text("people.csv", bad)],
            new_request(),
            &RememberedMappings::default(),
        )
        .expect("a preview");
    assert_eq!(p.problem_count, 2);
    assert_eq!(
        p.problems[0].text,
        "people.csv row 3, column \"Name\": no name: every person needs one"
    );
    assert_eq!(p.problems[1].row, Some(4));
    assert_eq!(p.problems[1].column.as_deref(), Some("Manager"));
    assert!(p.changes.is_none());
    assert!(p.blocked.as_deref().unwrap().starts_with("2 problems"));
    let rows = &p.tables[0].preview;
    assert_eq!(rows[0].status, RowStatus::Added);
    assert_eq!(rows[1].status, RowStatus::Problem);
    let name = rows[1].cells.iter().find(|c| c.field == "name").unwrap();
    assert_eq!(
        name.problem.as_deref(),
        Some("no name: every person needs one")
    );
    let manager = rows[2].cells.iter().find(|c| c.field == "manager").unwrap();
    assert!(manager
        .problem
        .as_deref()
        .unwrap()
        .starts_with("unknown manager"));
    // Nothing can be created from it.
    let dir = tempfile::tempdir().unwrap();
    let e = s
        .import_create(
            &dir.path().join("x.throughline"),
            &new_request(),
            &mut RememberedMappings::default(),
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ImportProblems);
    assert!(!dir.path().join("x.throughline").exists());
}

#[test]
fn column_choices_change_the_mapping_without_reading_the_files_again() {
    let mut s = Session::new(today);
    let p = s
        .import_add_files(
            vec![fixture("workday-workers.csv")],
            new_request(),
            &RememberedMappings::default(),
        )
        .expect("a preview");
    let t = &p.tables[0];
    assert_eq!(t.header_row, Some(3), "the title rows are skipped");
    let ignored: Vec<&str> = t
        .headers
        .iter()
        .filter(|h| h.field.is_none())
        .map(|h| h.header.as_str())
        .collect();
    assert_eq!(
        ignored,
        ["Supervisory Organization", "Email - Primary Work"]
    );
    // Name the two columns, as the wizard's selects do.
    let mut request = p.request.clone();
    for (header, field) in [
        ("Supervisory Organization", "department"),
        ("Email - Primary Work", "email"),
    ] {
        request.columns.push(ColumnChoice {
            file: "workday-workers.csv".into(),
            sheet: None,
            header: header.into(),
            field: Some(field.into()),
        });
    }
    let p2 = s.import_preview(&request).expect("a preview");
    let t2 = &p2.tables[0];
    assert!(
        t2.headers.iter().all(|h| h.field.is_some()),
        "{:?}",
        t2.headers
    );
    let email = t2.fields.iter().find(|f| f.field == "email").unwrap();
    assert_eq!(email.header.as_deref(), Some("Email - Primary Work"));
    assert!(t2.shown.iter().any(|f| f.field == "department"));
    let c = p2.changes.expect("a change set");
    assert!(c.units.added.items.iter().any(|u| u.label == "Research"));
    // Ignoring the name column leaves the table without its required field.
    request.columns.push(ColumnChoice {
        file: "workday-workers.csv".into(),
        sheet: None,
        header: "Worker".into(),
        field: None,
    });
    let p3 = s.import_preview(&request).expect("a preview");
    assert_eq!(p3.tables[0].kind, ImportTableKind::Skipped);
    assert!(p3.blocked.is_some());
    // A field the app does not know is refused.
    request.columns.push(ColumnChoice {
        file: "workday-workers.csv".into(),
        sheet: None,
        header: "Worker".into(),
        field: Some("shoe_size".into()),
    });
    assert_eq!(
        s.import_preview(&request).unwrap_err().code,
        ErrorCode::Invalid
    );
}

#[test]
fn a_skipped_table_offers_its_first_row_as_headers() {
    let mut s = Session::new(today);
    let p = s
        .import_add_files(
            vec![text("staff.csv", "Mitarbeiter,Abteilung\nAna,Sales\n")],
            new_request(),
            &RememberedMappings::default(),
        )
        .expect("a preview");
    let t = &p.tables[0];
    assert_eq!(t.kind, ImportTableKind::Skipped);
    assert_eq!(
        t.headers
            .iter()
            .map(|h| h.header.as_str())
            .collect::<Vec<_>>(),
        ["Mitarbeiter", "Abteilung"]
    );
    assert!(t.fields.iter().any(|f| f.field == "name"));
    let mut r = p.request.clone();
    for (h, f) in [("Mitarbeiter", "name"), ("Abteilung", "department")] {
        r.columns.push(ColumnChoice {
            file: "staff.csv".into(),
            sheet: None,
            header: h.into(),
            field: Some(f.into()),
        });
    }
    let p = s.import_preview(&r).expect("a preview");
    assert_eq!(p.tables[0].kind, ImportTableKind::People);
    assert_eq!(p.problem_count, 0, "{:?}", p.problems);
}

#[test]
fn import_into_the_open_workspace_is_one_change_and_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = empty_workspace(dir.path());
    let before_rev = s.revision().unwrap().number;
    let findings_before = s.findings(&FindingFilter::default()).unwrap().matching;
    let request = ImportRequest::default();
    let files = vec![fixture("org-chart.csv"), fixture("okr-2027.xlsx")];
    let preview = s
        .import_add_files(files, request.clone(), &RememberedMappings::default())
        .expect("a preview");
    assert_eq!(preview.into.as_deref(), Some("acme.throughline"));
    assert_eq!(preview.problem_count, 0, "{:?}", preview.problems);
    let skipped: Vec<_> = preview
        .tables
        .iter()
        .filter(|t| t.kind == ImportTableKind::Skipped)
        .map(|t| t.label.as_str())
        .collect();
    assert_eq!(skipped, ["okr-2027.xlsx:Instructions"]);
    assert_eq!(
        preview
            .tables
            .iter()
            .find(|t| t.kind == ImportTableKind::Goals)
            .unwrap()
            .file_kind,
        "xlsx"
    );

    let builds = builds_on_this_thread();
    let mut remembered = RememberedMappings::default();
    let change = s.import_apply(&request, &mut remembered).expect("imported");
    assert_eq!(
        builds_on_this_thread() - builds,
        1,
        "one Org build per import"
    );
    assert_eq!(change.kind, ChangeKind::Imported);
    assert!(
        change
            .label
            .starts_with("Import of org-chart.csv: 5 people added"),
        "{}",
        change.label
    );
    let doc = change.doc.expect("the document");
    assert_eq!(doc.revision, before_rev + 1);
    assert_eq!(doc.people, 5);
    assert_eq!(doc.history.undo.as_deref(), Some("Import of org-chart.csv"));
    assert_ne!(
        s.findings(&FindingFilter::default()).unwrap().matching,
        findings_before,
        "the findings follow the import"
    );
    let snaps = s.snapshots().unwrap();
    assert!(snaps
        .iter()
        .any(|x| x.name == "Before import of org-chart.csv"));
    // The wizard's files are let go.
    assert_eq!(
        s.import_preview(&request).unwrap_err().code,
        ErrorCode::Invalid
    );

    let undone = s.undo().expect("undo");
    assert_eq!(undone.label, "Undid: Import of org-chart.csv");
    assert_eq!(undone.doc.unwrap().people, 0);
    assert_eq!(
        s.findings(&FindingFilter::default()).unwrap().matching,
        findings_before
    );
}

#[test]
fn an_import_with_problems_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = empty_workspace(dir.path());
    let rev = s.revision().unwrap().number;
    let bytes = std::fs::read(dir.path().join("acme.throughline")).unwrap();
    s.import_add_files(
        vec![text("goals.csv", "Title,Owner\nGrow,Nobody\n")],
        ImportRequest::default(),
        &RememberedMappings::default(),
    )
    .unwrap();
    let builds = builds_on_this_thread();
    let e = s
        .import_apply(
            &ImportRequest::default(),
            &mut RememberedMappings::default(),
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::ImportProblems);
    assert!(
        e.message.contains("goals.csv row 2, column \"Owner\""),
        "{}",
        e.message
    );
    assert_eq!(
        builds_on_this_thread(),
        builds,
        "no revision for a refused import"
    );
    assert_eq!(s.revision().unwrap().number, rev);
    assert_eq!(
        std::fs::read(dir.path().join("acme.throughline")).unwrap(),
        bytes
    );
}

#[test]
fn start_from_a_spreadsheet_creates_and_opens_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::new(today);
    let request = ImportRequest {
        organisation: Some("Northwind".into()),
        ..new_request()
    };
    s.import_add_files(
        vec![fixture("org-chart.csv"), fixture("okr-2027.xlsx")],
        request.clone(),
        &RememberedMappings::default(),
    )
    .unwrap();
    assert_eq!(s.import_check(&request).unwrap(), "Northwind");
    let path = dir.path().join("northwind.throughline");
    let change = s
        .import_create(&path, &request, &mut RememberedMappings::default())
        .expect("created");
    assert_eq!(change.kind, ChangeKind::Opened);
    assert!(change
        .label
        .starts_with("Created northwind.throughline from org-chart.csv"));
    let doc = change.doc.unwrap();
    assert_eq!(doc.organisation, "Northwind");
    assert_eq!(doc.people, 5);
    assert!(path.exists());
}

#[test]
fn the_xlsx_export_re_imports_with_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::new(today);
    let map = throughline_app_core::sample_map().unwrap();
    s.create(&dir.path().join("s.throughline"), &map, false)
        .unwrap();
    // A decision goes out in a Decisions sheet, which the import skips.
    let person = map.people[0].clone();
    s.record_decision(&throughline_app_core::decisions::DecisionRequest {
        date: "2026-11-27".into(),
        statement: "Keep the calls target".into(),
        rationale: "Win rate holds".into(),
        people: vec![person.id.clone()],
        goals: vec![],
        findings: vec![],
    })
    .expect("recorded");
    let out = dir.path().join("sample.xlsx");
    let bytes = s.export_xlsx(&out, false).expect("exported");
    let tables = throughline_import::read_tables("sample.xlsx", &std::fs::read(&out).unwrap())
        .expect("reads back");
    let sheet = tables
        .iter()
        .find(|t| t.source.sheet.as_deref() == Some("Decisions"))
        .expect("a Decisions sheet");
    let row: Vec<String> = (0..5)
        .map(|i| sheet.rows[1].get(i).text().into_owned())
        .collect();
    assert_eq!(
        row,
        [
            "2026-11-27",
            "Keep the calls target",
            "Win rate holds",
            person.name.as_str(),
            ""
        ]
    );
    assert_eq!(std::fs::metadata(&out).unwrap().len(), bytes);
    // Refused over an existing file unless the dialog asked.
    assert_eq!(
        s.export_xlsx(&out, false).unwrap_err().code,
        ErrorCode::Exists
    );
    let p = s
        .import_add_files(
            vec![PickedFile {
                name: "sample.xlsx".into(),
                bytes: std::fs::read(&out).unwrap(),
            }],
            ImportRequest::default(),
            &RememberedMappings::default(),
        )
        .unwrap();
    assert_eq!(p.problem_count, 0, "{:?}", p.problems);
    assert!(p.changes.as_ref().unwrap().changes_nothing);
    assert_eq!(
        p.blocked.as_deref(),
        Some("The workspace already holds what the files say: nothing to import.")
    );
    let e = s
        .import_apply(
            &ImportRequest::default(),
            &mut RememberedMappings::default(),
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::NothingToDo);
}

#[test]
fn column_choices_are_remembered_per_header_set() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = empty_workspace(dir.path());
    let mut remembered = RememberedMappings::default();
    let p = s
        .import_add_files(
            vec![fixture("workday-workers.csv")],
            ImportRequest::default(),
            &remembered,
        )
        .unwrap();
    assert!(!p.tables[0].remembered);
    let mut request = p.request.clone();
    request.columns.push(ColumnChoice {
        file: "workday-workers.csv".into(),
        sheet: None,
        header: "Email - Primary Work".into(),
        field: Some("email".into()),
    });
    s.import_apply(&request, &mut remembered).expect("imported");
    assert_eq!(remembered.sets.len(), 1);
    let saved = remembered.to_json();
    let remembered = RememberedMappings::from_json(&saved);
    assert_eq!(
        RememberedMappings::from_json("not json"),
        RememberedMappings::default()
    );

    // Next time, a file with the same headers (another name, other rows) takes the choice.
    let again = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/import/workday-workers.csv"),
    )
    .unwrap()
    .replace("Grace Hopper", "Grace B. Hopper");
    let p = s
        .import_add_files(
            vec![text("workers-december.csv", &again)],
            ImportRequest::default(),
            &remembered,
        )
        .unwrap();
    let t = &p.tables[0];
    assert!(t.remembered);
    assert_eq!(
        p.request.columns,
        vec![ColumnChoice {
            file: "workers-december.csv".into(),
            sheet: None,
            header: "Email - Primary Work".into(),
            field: Some("email".into()),
        }]
    );
    let email = t.fields.iter().find(|f| f.field == "email").unwrap();
    assert_eq!(email.header.as_deref(), Some("Email - Primary Work"));
    // Other headers: nothing recalled.
    s.import_cancel();
    let p = s
        .import_add_files(
            vec![text("people.csv", PEOPLE)],
            ImportRequest::default(),
            &remembered,
        )
        .unwrap();
    assert!(p.request.columns.is_empty());
    assert!(!p.tables[0].remembered);
}

#[test]
fn files_are_added_and_removed() {
    let mut s = Session::new(today);
    let r = new_request();
    let none = RememberedMappings::default();
    s.import_add_files(vec![text("people.csv", PEOPLE)], r.clone(), &none)
        .unwrap();
    let p = s
        .import_add_files(vec![text("goals.csv", GOALS)], r.clone(), &none)
        .unwrap();
    assert_eq!(p.tables.len(), 2);
    // The same name again replaces the file.
    let p = s
        .import_add_files(vec![text("goals.csv", GOALS)], r.clone(), &none)
        .unwrap();
    assert_eq!(p.tables.len(), 2);
    let p = s.import_remove_file("people.csv", &r).unwrap();
    assert_eq!(p.files.len(), 1);
    assert!(p.problem_count > 0, "goals without their people");
    // A file that cannot be read is a problem like any other.
    let p = s
        .import_add_files(
            vec![PickedFile {
                name: "bad.xlsx".into(),
                bytes: b"PK\x03\x04garbage".to_vec(),
            }],
            r.clone(),
            &none,
        )
        .unwrap();
    assert!(p
        .files
        .iter()
        .any(|f| f.name == "bad.xlsx" && f.problem.is_some()));
    assert!(p.problems.iter().any(|x| x.file == "bad.xlsx"));
}
