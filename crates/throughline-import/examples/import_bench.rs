//! The spreadsheet import at the sizes: a 10,000-person people CSV plus a
//! 30,000-goal XLSX read and planned into a new workspace, and a re-import change set at
//! 100,000 people. Files are generated from `gen` maps through the export.
//!
//! `cargo run --release -p throughline-import --example import_bench [-- reimport]`
//! (`reimport`: only the 100,000-person re-import, for profiling:
//! `cargo build --profile profiling -p throughline-import --example import_bench` then
//! `perf record -g target/profiling/examples/import_bench reimport`).

use std::time::Instant;

/// The allocator the shipped binaries use (ARCHITECTURE.md, "The allocator"), so that
/// these figures are the binaries'.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use throughline_core::gen::{generate, GenOptions};
use throughline_core::Map;
use throughline_import::{export_xlsx, plan, read_tables, ImportOptions, Table};

/// The People sheet of an export as a CSV file (what an HR system gives).
fn people_csv(map: &Map) -> Vec<u8> {
    let bytes = export_xlsx(map);
    let tables = read_tables("export.xlsx", &bytes).unwrap();
    let people = tables
        .iter()
        .find(|t| t.source.sheet.as_deref() == Some("People"))
        .unwrap();
    let mut out = String::new();
    for r in &people.rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .map(|c| {
                let t = c.text();
                if t.contains([',', '"', '\n']) {
                    format!("\"{}\"", t.replace('"', "\"\""))
                } else {
                    t.into_owned()
                }
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out.into_bytes()
}

/// The Goals sheet alone as a workbook.
fn goals_xlsx(map: &Map) -> Vec<u8> {
    let mut only_goals = map.clone();
    only_goals.people.clear();
    export_xlsx(&only_goals)
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    if std::env::args().nth(1).as_deref() != Some("reimport") {
        new_workspace();
    }
    reimport();
}

fn new_workspace() {
    // 10,000 people; gen gives about 23,000 goals, so person goals are copied as
    // "stretch" goals (same owner, measure and parent) up to 30,000.
    let mut map = generate(&GenOptions::new(10_000, 1));
    let person_goals: Vec<usize> = (0..map.goals.len())
        .filter(|&i| map.goals[i].owner.starts_with('p'))
        .collect();
    let mut k = 0;
    while map.goals.len() < 30_000 {
        let mut g = map.goals[person_goals[k % person_goals.len()]].clone();
        g.id = format!("{}-stretch", g.id);
        g.title = format!("{} (stretch)", g.title);
        map.goals.push(g);
        k += 1;
    }
    let csv = people_csv(&map);
    let xlsx = goals_xlsx(&map);
    println!(
        "files: people.csv {} people, {:.1} MB; goals.xlsx {} goals, {:.1} MB",
        map.people.len(),
        csv.len() as f64 / 1e6,
        map.goals.len(),
        xlsx.len() as f64 / 1e6
    );
    let mut base = Map::new("Synthetic Org");
    base.values = map.values.clone();
    let opts = ImportOptions {
        organisation: Some(map.units[0].name.clone()),
        ..Default::default()
    };
    for run in 1..=3 {
        let t = Instant::now();
        let mut tables: Vec<Table> = read_tables("people.csv", &csv).unwrap();
        let read_csv = ms(t);
        let t2 = Instant::now();
        tables.extend(
            read_tables("goals.xlsx", &xlsx)
                .unwrap()
                .into_iter()
                .filter(|t| t.source.sheet.as_deref() == Some("Goals")),
        );
        let read_xlsx = ms(t2);
        let t3 = Instant::now();
        let p = plan(&tables, &base, &opts).unwrap_or_else(|e| panic!("{}", e[0]));
        let planned = ms(t3);
        println!(
            "run {run}: 10k-person CSV + {}-goal XLSX into a new workspace: read CSV {read_csv:.0} ms, read XLSX {read_xlsx:.0} ms, plan {planned:.0} ms, total {:.0} ms ({} people, {} goals added)",
            map.goals.len(),
            ms(t),
            p.changes.people.added.len(),
            p.changes.goals.added.len()
        );
    }
}

fn reimport() {
    // Re-import at 100,000 people: the export of the workspace with 1% of roles changed.
    let big = generate(&GenOptions::new(100_000, 2));
    let mut edited = big.clone();
    for p in edited.people.iter_mut().step_by(100) {
        p.role = Some("Changed role".into());
    }
    let bytes = export_xlsx(&edited);
    println!(
        "re-import file: {} people, {} goals, {:.1} MB",
        edited.people.len(),
        edited.goals.len(),
        bytes.len() as f64 / 1e6
    );
    for run in 1..=3 {
        let t = Instant::now();
        let tables = read_tables("export.xlsx", &bytes).unwrap();
        let read = ms(t);
        let t2 = Instant::now();
        let p =
            plan(&tables, &big, &ImportOptions::default()).unwrap_or_else(|e| panic!("{}", e[0]));
        println!(
            "run {run}: 100k-person re-import change set: read {read:.0} ms, plan {:.0} ms, total {:.0} ms ({} people updated, {} unchanged)",
            ms(t2),
            ms(t),
            p.changes.people.updated.len(),
            p.changes.people.unchanged
        );
    }
    // People alone at 100,000 (a people CSV re-import).
    let csv = people_csv(&edited);
    let t = Instant::now();
    let tables = read_tables("people.csv", &csv).unwrap();
    let p = plan(&tables, &big, &ImportOptions::default()).unwrap();
    println!(
        "100k-person people CSV re-import: {:.0} ms ({} updated)",
        ms(t),
        p.changes.people.updated.len()
    );
}
