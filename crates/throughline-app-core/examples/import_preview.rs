//! The import wizard's preview at the size, through the very calls the shell makes:
//!
//! `cargo run --release -p throughline-app-core --example import_preview -- 10000`
//!
//! A generated organisation of N people is exported as the XLSX workbook the app writes
//! (People and Goals sheets) and as a people CSV. Prints, for a new workspace and for a
//! re-import into the open one: the time from picked bytes to the first preview (reading
//! the files, planning, the change set), the time of a preview after a column choice (the
//! tables are kept, so nothing is read again), and the preview's size as JSON (what crosses
//! IPC). A benchmark, not a test: it asserts nothing about time.
use std::time::Instant;
use throughline_app_core::import::{
    ColumnChoice, ImportRequest, ImportTarget, PickedFile, RememberedMappings,
};
use throughline_app_core::Session;
use throughline_core::gen::{generate, GenOptions};

/// The allocator the shipped binaries use (ARCHITECTURE.md, "The allocator"), so that
/// these figures are the binaries'.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn people_csv(map: &throughline_core::Map) -> String {
    let unit_name = |id: &str| {
        map.units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    let mut s = String::from("ID,Name,Email,Job Title,Department,Manager ID\n");
    for p in &map.people {
        let q = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
        s.push_str(&format!(
            "{},{},{},{},{},{}\n",
            p.id,
            q(&p.name),
            q(p.email.as_deref().unwrap_or("")),
            q(p.role.as_deref().unwrap_or("")),
            q(&unit_name(&p.unit)),
            p.manager.as_deref().unwrap_or("")
        ));
    }
    s
}

fn main() {
    let people: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let map = generate(&GenOptions::new(people, 1));
    let xlsx = throughline_import::export_xlsx(&map);
    let csv = people_csv(&map);
    println!(
        "{} people, {} goals; workbook {:.1} MB, people CSV {:.1} MB",
        map.people.len(),
        map.goals.len(),
        xlsx.len() as f64 / 1e6,
        csv.len() as f64 / 1e6
    );
    let dir = tempfile::tempdir().expect("a temp dir");
    let today = || chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    let none = RememberedMappings::default();

    let run = |label: &str, s: &mut Session, files: Vec<PickedFile>, target: ImportTarget| {
        let request = ImportRequest {
            target,
            ..ImportRequest::default()
        };
        let t = Instant::now();
        let p = s
            .import_add_files(files, request.clone(), &none)
            .expect("a preview");
        let first = t.elapsed();
        let json = serde_json::to_string(&p).expect("serialises");
        let t = Instant::now();
        let mut changed = p.request.clone();
        if let Some(table) = p.tables.first() {
            if let Some(h) = table
                .headers
                .iter()
                .find(|h| h.field.as_deref() == Some("role"))
            {
                changed.columns.push(ColumnChoice {
                    file: table.file.clone(),
                    sheet: table.sheet.clone(),
                    header: h.header.clone(),
                    field: None,
                });
            }
        }
        let p2 = s.import_preview(&changed).expect("a preview");
        let again = t.elapsed();
        println!(
            "{label}: first preview {:.0} ms, after a column choice {:.0} ms, preview JSON {:.0} kB, {} problems, {}",
            ms(first),
            ms(again),
            json.len() as f64 / 1e3,
            p.problem_count,
            p.changes.as_ref().map_or("no change set".to_string(), |c| c.summary.clone()),
        );
        drop(p2);
        s.import_cancel();
    };

    let mut s = Session::new(today);
    run(
        "new workspace from the workbook (people and goals)",
        &mut s,
        vec![PickedFile {
            name: "org.xlsx".into(),
            bytes: xlsx.clone(),
        }],
        ImportTarget::New,
    );
    run(
        "new workspace from the people CSV",
        &mut s,
        vec![PickedFile {
            name: "people.csv".into(),
            bytes: csv.into_bytes(),
        }],
        ImportTarget::New,
    );
    s.create(&dir.path().join("bench.throughline"), &map, false)
        .expect("created");
    run(
        "re-import of the workbook into the open workspace",
        &mut s,
        vec![PickedFile {
            name: "org.xlsx".into(),
            bytes: xlsx,
        }],
        ImportTarget::Open,
    );
}
