//! The fixtures of `tests/fixtures/import/` (exports in the style of BambooHR, Personio,
//! HiBob, Workday, a hand-kept org chart and an OKR workbook) against their expected maps,
//! and the contract's problems with their exact rows and columns.
//!
//! The OKR workbook is built here with rust_xlsxwriter; `UPDATE_FIXTURES=1` rewrites the
//! committed copy the CLI tests read. Expected maps were reviewed by hand when written;
//! `UPDATE_FIXTURES=1` rewrites them too (review the diff before committing it).

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::PathBuf;
use throughline_core::Map;
use throughline_import::{plan, read_tables, ColumnOverride, ImportOptions, Problem, Table};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import")
}

fn update() -> bool {
    std::env::var_os("UPDATE_FIXTURES").is_some()
}

fn tables(name: &str) -> Vec<Table> {
    let bytes = std::fs::read(dir().join(name)).unwrap();
    read_tables(name, &bytes).unwrap()
}

/// The OKR workbook: an Instructions sheet, then goals under a title row, with date
/// cells, an Excel serial, quarters, D/M/Y text, currency and percent targets, supports by
/// key and by title in any row order.
pub fn okr_workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd mmm yyyy");
    let ws = wb.add_worksheet();
    ws.set_name("Instructions").unwrap();
    ws.write_string(0, 0, "How to fill in this sheet").unwrap();
    ws.write_string(1, 0, "One row per goal; the owner is a person or a team.")
        .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("OKRs 2027").unwrap();
    ws.write_string(0, 0, "Northwind OKRs 2027").unwrap();
    let headers = [
        "Key",
        "Objective",
        "Type",
        "Owner",
        "Set by",
        "Metric",
        "Metric type",
        "Target",
        "Due",
        "Status",
        "Aligned to",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    enum V {
        T(&'static str),
        N(f64),
        D(u16, u8, u8),
    }
    use V::*;
    let rows: Vec<Vec<V>> = vec![
        vec![
            T("KR-1"),
            T("Win rate 30%"),
            T("Key result"),
            T("Emma Clarke"),
            T(""),
            T("Win rate"),
            T(""),
            T("30%"),
            D(2027, 6, 30),
            T("Agreed"),
            T("O-2"),
        ],
        vec![
            T("O-1"),
            T("Grow ARR 25%"),
            T("Strategic"),
            T("Northwind"),
            T(""),
            T("ARR growth"),
            T(""),
            T("25%"),
            T("Q4 2027"),
            T("Approved"),
            T(""),
        ],
        vec![
            T("O-2"),
            T("EUR 24M new ARR"),
            T("Objective"),
            T("Sales"),
            T("Maria Santos"),
            T("New ARR closed"),
            T(""),
            T("€24m"),
            T("2027-Q4"),
            T("Committed"),
            T("Grow ARR 25%"),
        ],
        vec![
            T(""),
            T("2,000 MQLs a year"),
            T(""),
            T("Noah Fischer"),
            T(""),
            T("marketing-mql-volume"),
            T(""),
            T("2,000"),
            N(46477.0),
            T("Draft"),
            T("O-1"),
        ],
        vec![
            T(""),
            T("Publish 40 case studies"),
            T(""),
            T("Aiko Tanaka"),
            T("Noah Fischer"),
            T("Case studies published"),
            T("activity"),
            N(40.0),
            T("30/06/2027"),
            T(""),
            T("2,000 MQLs a year"),
        ],
        vec![
            T("KR-2"),
            T("Forecast within 5%"),
            T("KR"),
            T("João Pereira"),
            T(""),
            T("Sales forecast accuracy"),
            T(""),
            T("95 %"),
            T("01/02/2027"),
            T("rejected"),
            T("O-2"),
        ],
        vec![
            T("KR-3"),
            T("Close $2,000,000 expansion"),
            T(""),
            T("Emma Clarke"),
            T("João Pereira"),
            T("Expansion ARR"),
            T(""),
            T("$2,000,000"),
            D(2027, 9, 30),
            T("agreed"),
            T("O-2; Grow ARR 25%"),
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 3;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                T("") => {}
                T(s) => {
                    ws.write_string(r, c, *s).unwrap();
                }
                N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                D(y, m, d) => {
                    ws.write_date_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                        &date,
                    )
                    .unwrap();
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn check_expected(name: &str, map: &Map) {
    let path = dir().join("expected").join(name);
    let text = throughline_core::format::write_map(map);
    if update() {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} (UPDATE_FIXTURES=1 writes it)", path.display()));
    let want: serde_json::Value = serde_json::from_str(&expected).unwrap();
    let got: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(got, want, "{name}: the plan differs from the expected map");
}

fn create(files: &[&str], opts: &ImportOptions) -> Map {
    let t: Vec<Table> = files.iter().flat_map(|f| tables(f)).collect();
    match plan(&t, &Map::new(""), opts) {
        Ok(p) => p.map,
        Err(problems) => panic!(
            "{}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

#[test]
fn bamboohr_custom_report() {
    check_expected(
        "bamboohr.json",
        &create(&["bamboohr-custom-report.csv"], &ImportOptions::default()),
    );
}

#[test]
fn personio_export() {
    check_expected(
        "personio.json",
        &create(&["personio-export.csv"], &ImportOptions::default()),
    );
}

#[test]
fn hibob_export_in_utf16_with_tabs() {
    check_expected(
        "hibob.json",
        &create(&["hibob-people.txt"], &ImportOptions::default()),
    );
}

#[test]
fn workday_report_with_columns_mapped() {
    let opts = ImportOptions {
        organisation: Some("Fabrikam".into()),
        columns: vec![
            ColumnOverride::parse("department=Supervisory Organization").unwrap(),
            ColumnOverride::parse("email=Email - Primary Work").unwrap(),
        ],
        ..Default::default()
    };
    check_expected("workday.json", &create(&["workday-workers.csv"], &opts));
}

#[test]
fn org_chart_and_okr_workbook() {
    let okr = okr_workbook();
    let committed = dir().join("okr-2027.xlsx");
    if update() {
        std::fs::write(&committed, &okr).unwrap();
    }
    let mut t = tables("org-chart.csv");
    let okr_tables = read_tables("okr-2027.xlsx", &okr).unwrap();
    assert_eq!(
        okr_tables.len(),
        2,
        "the Instructions sheet is a table too, skipped by the plan"
    );
    t.extend(okr_tables);
    let opts = ImportOptions {
        organisation: Some("Northwind".into()),
        ..Default::default()
    };
    let p = plan(&t, &Map::new(""), &opts).unwrap_or_else(|e| panic!("{}", e[0]));
    assert_eq!(p.changes.skipped_tables, vec!["okr-2027.xlsx:Instructions"]);
    assert_eq!(
        p.changes
            .measures
            .added
            .iter()
            .map(|m| m.id.as_str())
            .collect::<Vec<_>>(),
        vec![
            "sales-win-rate",
            "executive-revenue-growth",
            "sales-revenue",
            "marketing-mql-volume",
            "m-case-studies-published",
            "sales-forecast-accuracy",
            "sales-expansion-revenue"
        ]
    );
    check_expected("northwind-okr.json", &p.map);
    // The committed workbook (what the CLI tests read) gives the same plan.
    let mut t2 = tables("org-chart.csv");
    t2.extend(tables("okr-2027.xlsx"));
    assert_eq!(plan(&t2, &Map::new(""), &opts).unwrap().map, p.map);
}

/// Each problem as its displayed line.
fn problems(files: &[(&str, &str)], base: &Map, opts: &ImportOptions) -> Vec<String> {
    let t: Vec<Table> = files
        .iter()
        .flat_map(|(n, text)| read_tables(n, text.as_bytes()).unwrap())
        .collect();
    match plan(&t, base, opts) {
        Ok(_) => panic!("expected problems"),
        Err(p) => p.iter().map(Problem::to_string).collect(),
    }
}

fn assert_has(lines: &[String], want: &str) {
    assert!(
        lines.iter().any(|l| l.starts_with(want)),
        "no problem starting\n  {want}\nin\n  {}",
        lines.join("\n  ")
    );
}

#[test]
fn every_problem_of_the_contract_with_its_row_and_column() {
    let none = ImportOptions::default();
    let empty = Map::new("");
    // No recognised name or title column: the headers seen and the --column to use.
    let p = problems(
        &[("staff.csv", "Mitarbeiter,Abteilung\nAna,Sales\n")],
        &empty,
        &none,
    );
    assert_eq!(p, vec!["staff.csv: no recognised name or title column (headers seen: \"Mitarbeiter\", \"Abteilung\"); name them with --column name=HEADER for people, or --column title=HEADER and --column owner=HEADER for goals"]);
    let p = problems(&[("g.csv", "Owner,Due\nAna,2027-01-01\n")], &empty, &none);
    assert_has(&p, "g.csv: no recognised title column (headers: \"Owner\", \"Due\"); name it with --column title=HEADER");

    // Missing name, duplicate id and e-mail, unknown and ambiguous managers, a cycle.
    let people = "Employee ID,Name,Email,Manager\n\
                  1,Ana Lima,ana@x.test,\n\
                  2,,bo@x.test,Ana Lima\n\
                  1,Cy Dee,cy@x.test,Ana Lima\n\
                  4,Di Eve,ANA@x.test,Nobody Here\n\
                  5,Sam Roe,sam1@x.test,Dan Fox\n\
                  6,Sam Roe,sam2@x.test,Ana Lima\n\
                  7,Ed Fry,ed@x.test,Sam Roe\n\
                  8,Dan Fox,dan@x.test,Fay Gill\n\
                  9,Fay Gill,fay@x.test,8\n";
    let p = problems(&[("people.csv", people)], &empty, &none);
    assert_has(
        &p,
        "people.csv row 3, column \"Name\": no name: every person needs one",
    );
    assert_has(
        &p,
        "people.csv row 4, column \"Employee ID\": the id \"1\" is also on row 2 (Ana Lima)",
    );
    assert_has(
        &p,
        "people.csv row 5, column \"Email\": the e-mail \"ANA@x.test\" is also on row 2 (Ana Lima)",
    );
    assert_has(&p, "people.csv row 5, column \"Manager\": unknown manager: no person \"Nobody Here\" in the file or the workspace");
    assert_has(&p, "people.csv row 8, column \"Manager\": ambiguous manager: several people are named \"Sam Roe\": row 6, row 7; use an id or e-mail");

    let cycle = "Name,Manager\nAna,Bo\nBo,Cy\nCy,Ana\nDi,\n";
    let p = problems(&[("c.csv", cycle)], &empty, &none);
    assert_eq!(
        p,
        vec!["c.csv row 2, column \"Manager\": manager cycle: Ana → Bo → Cy → Ana"]
    );

    // Goals: missing title and owner, unknown and ambiguous owner, setter, supported goal,
    // value and measure; bad number, date, level, status and measure kind.
    let org =
        "Name,Team\nAna Lima,Sales\nBo Chen,Sales > Enterprise\nBo Chen,Services > Enterprise\n";
    let org = org.replace("Team", "Org Path");
    let goals =
        "Goal ID,Title,Owner,Set by,Measure,Measure kind,Target,Due,Level,Status,Supports,Values\n\
                 G1,,Ana Lima,,,,,,,,,\n\
                 G2,Win,,,,,,,,,,\n\
                 G3,Win,Zed,,,,,,,,,\n\
                 G4,Win,Bo Chen,,,,,,,,,\n\
                 G5,Win,Sales > Enterprise,Nobody,,,,,,,,\n\
                 G6,Win,Ana Lima,,Happiness,,,,,,,\n\
                 G7,Win,Ana Lima,,Happiness,feeling,,,,,,\n\
                 G8,Win,Ana Lima,,,,lots,soon,epic,maybe,G99,Kindness\n\
                 G9,Twin,Ana Lima,,,,,,,,,\n\
                 G10,Twin,Ana Lima,,,,,,,,Twin,\n\
                 G11,Win,Enterprise,,,,,,,,,\n";
    let mut base = Map::new("");
    base.values.push(throughline_core::model::Value {
        id: "v-1".into(),
        name: "Care".into(),
        description: None,
        behaviours: None,
    });
    let p = problems(&[("org.csv", &org), ("okr.csv", goals)], &base, &none);
    assert_has(
        &p,
        "okr.csv row 2, column \"Title\": no title: every goal needs one",
    );
    assert_has(
        &p,
        "okr.csv row 3, column \"Owner\": no owner: every goal needs one",
    );
    assert_has(&p, "okr.csv row 4, column \"Owner\": unknown owner: no person or unit \"Zed\" in the file or the workspace");
    assert_has(&p, "okr.csv row 5, column \"Owner\": ambiguous owner: several people are named \"Bo Chen\": row 3, row 4");
    assert_has(&p, "okr.csv row 12, column \"Owner\": ambiguous owner: several units are named \"Enterprise\": Sales > Enterprise; Services > Enterprise");
    assert_has(
        &p,
        "okr.csv row 6, column \"Set by\": unknown setter: no person or unit \"Nobody\"",
    );
    assert_has(&p, "okr.csv row 7, column \"Measure\": unknown measure: no measure \"Happiness\" in the workspace or the measure library; give its kind");
    assert_has(
        &p,
        "okr.csv row 8, column \"Measure kind\": \"feeling\" is not a measure kind",
    );
    assert_has(
        &p,
        "okr.csv row 9, column \"Target\": \"lots\" is not a number",
    );
    assert_has(&p, "okr.csv row 9, column \"Due\": \"soon\" is not a date");
    assert_has(
        &p,
        "okr.csv row 9, column \"Level\": \"epic\" is not a level",
    );
    assert_has(
        &p,
        "okr.csv row 9, column \"Status\": \"maybe\" is not a status",
    );
    assert_has(&p, "okr.csv row 9, column \"Supports\": unknown supported goal: no goal with the id or title “G99”");
    assert_has(&p, "okr.csv row 9, column \"Values\": unknown value: no value or behaviour “Kindness” in the workspace");
    assert_has(&p, "okr.csv row 11, column \"Supports\": ambiguous supported goal: several goals are titled “Twin” (rows 10, 11)");
    let dup = "ID,Title,Owner\nA,One,Ana Lima\nA,Two,Ana Lima\n";
    let p = problems(&[("org.csv", &org), ("d.csv", dup)], &empty, &none);
    assert_has(
        &p,
        "d.csv row 3, column \"ID\": the id \"A\" is also on row 2 (“One”)",
    );

    // Dates: an ambiguous column, a column holding both orders.
    let amb = "Title,Owner,Due\nA,Ana Lima,03/04/2027\nB,Ana Lima,2027-01-01\n";
    let p = problems(&[("org.csv", &org), ("a.csv", amb)], &empty, &none);
    assert_has(
        &p,
        "a.csv row 2, column \"Due\": \"03/04/2027\" could be day/month/year or month/day/year",
    );
    let both = "Title,Owner,Due\nA,Ana Lima,31/01/2027\nB,Ana Lima,01/31/2027\n";
    let p = problems(&[("org.csv", &org), ("b.csv", both)], &empty, &none);
    assert_has(&p, "b.csv row 3, column \"Due\": \"01/31/2027\" reads only as month/day/year, but row 2 (\"31/01/2027\") only as day/month/year");

    // Two columns for one field, named both; an unknown --levels header.
    let p = problems(
        &[("two.csv", "Name,Email,Work Email\nAna,a@x,b@x\n")],
        &empty,
        &none,
    );
    assert_has(&p, "two.csv row 1, column \"Work Email\": columns \"Email\" and \"Work Email\" both give the email field");
    let opts = ImportOptions {
        levels: Some(vec!["Area".into()]),
        ..Default::default()
    };
    let p = problems(&[("l.csv", "Name,Team\nAna,Sales\n")], &empty, &opts);
    assert_has(
        &p,
        "l.csv: --levels names \"Area\", but no column has that header",
    );

    // A workbook's problems name the sheet.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Staff").unwrap();
    ws.write_string(0, 0, "Name").unwrap();
    ws.write_string(0, 1, "Manager").unwrap();
    ws.write_string(1, 0, "Ana").unwrap();
    ws.write_string(1, 1, "Zed").unwrap();
    let t = read_tables("hr.xlsx", &wb.save_to_buffer().unwrap()).unwrap();
    let p: Vec<String> = plan(&t, &empty, &none)
        .unwrap_err()
        .iter()
        .map(Problem::to_string)
        .collect();
    assert_eq!(p, vec!["hr.xlsx:Staff row 2, column \"Manager\": unknown manager: no person \"Zed\" in the file or the workspace"]);
}

#[test]
fn a_cycle_of_supports_is_no_problem() {
    let t: Vec<Table> = [
        ("o.csv", "Name,Role\nAna,CEO\n"),
        (
            "g.csv",
            "ID,Title,Owner,Supports\nA,One,Ana,B\nB,Two,Ana,A\n",
        ),
    ]
    .iter()
    .flat_map(|(n, s)| read_tables(n, s.as_bytes()).unwrap())
    .collect();
    let p = plan(&t, &Map::new(""), &ImportOptions::default()).unwrap();
    assert_eq!(
        p.map.goals[0].supports.as_deref(),
        Some(&["g-b".to_string()][..])
    );
}
