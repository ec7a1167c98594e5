//! Writes the alignment views the UI's mocked-IPC tests serve
//! (`ui/tests/fixtures/alignment.json`), computed by the real session: for the shared acme
//! fixture in the mock's three states (as it is, `before`; the forecast goal linked to the
//! sales revenue goal, `after`; "100 calls a week" deleted, `deleted`) and for the app's
//! sample (`sample`), the views and every non-empty cell opened (by the cell's key,
//! `flow|setter|owner` or `coverage|function|strategy`, "" for none).
//! `cargo run -q -p throughline-app-core --example ui_alignment_fixtures`.
use throughline_app_core::alignment::{alignment_goals, AlignmentCell};
use throughline_app_core::Session;
use throughline_core::Map;

/// The views of the map on screen and every cell that has goals, opened.
fn state(s: &Session) -> serde_json::Value {
    let rev = s.revision().expect("open");
    let v = rev.alignment();
    let mut cells = serde_json::Map::new();
    let mut open = |key: String, cell: AlignmentCell| {
        let goals = alignment_goals(rev, &cell).expect("goals");
        cells.insert(key, serde_json::to_value(goals).expect("json"));
    };
    let fs = &v.flows.functions;
    for (i, row) in v.flows.cells.iter().enumerate() {
        for (j, c) in row.iter().enumerate() {
            if c.goals > 0 {
                let (setter, owner) = (fs[i].id.clone(), fs[j].id.clone());
                open(
                    format!("flow|{setter}|{owner}"),
                    AlignmentCell::Flow { setter, owner },
                );
            }
        }
    }
    for r in &v.coverage.rows {
        let f = &r.function.id;
        for (k, &n) in r.cells.iter().enumerate() {
            if n > 0 {
                let strategy = v.coverage.strategy[k].id.clone();
                open(
                    format!("coverage|{f}|{strategy}"),
                    AlignmentCell::Coverage {
                        function: f.clone(),
                        strategy: Some(strategy),
                    },
                );
            }
        }
        if r.untraced > 0 {
            open(
                format!("coverage|{f}|"),
                AlignmentCell::Coverage {
                    function: f.clone(),
                    strategy: None,
                },
            );
        }
    }
    serde_json::json!({ "view": v, "cells": cells })
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("tests/fixtures/acme.json")).expect("acme");
    let map = throughline_core::format::read_map(&text).expect("valid");
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = Session::new(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"));
    s.create(&dir.path().join("Acme Analytics.throughline"), &map, false)
        .expect("created");
    let mut acme = serde_json::Map::new();
    acme.insert("before".into(), state(&s));
    // The states put in whole, as ui_compare_fixtures makes them.
    let mut linked: Map = map.clone();
    let g = linked
        .goals
        .iter_mut()
        .find(|g| g.id == "forecast-95")
        .expect("goal");
    g.supports = Some(vec!["sales-revenue".into()]);
    s.replace_map(&linked, "linked").expect("linked");
    acme.insert("after".into(), state(&s));
    let mut deleted = map.clone();
    deleted.goals.retain(|g| g.id != "rep1-calls");
    s.replace_map(&deleted, "deleted").expect("deleted");
    acme.insert("deleted".into(), state(&s));

    let sample = throughline_app_core::sample_map().expect("the sample");
    let mut t = Session::new(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"));
    t.create(&dir.path().join("Northwind.throughline"), &sample, false)
        .expect("created");
    let doc = serde_json::json!({ "acme": acme, "sample": state(&t) });
    let out = root.join("ui/tests/fixtures/alignment.json");
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&doc).expect("json") + "\n",
    )
    .expect("written");
    println!("wrote {}", out.display());
}
