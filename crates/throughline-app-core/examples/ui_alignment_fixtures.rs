//! Writes the alignment views the UI's mocked-IPC tests serve
//! (`ui/tests/fixtures/alignment.json`), computed by the real session: for the shared acme
//! fixture in the mock's three states (as it is, `before`; the forecast goal linked to the
//! sales revenue goal, `after`; "100 calls a week" deleted, `deleted`) and for the app's
//! sample (`sample`), the views and every non-empty cell opened (by the cell's key,
//! `flow|setter|owner` or `coverage|function|strategy`, "" for none).
//! `cargo run -q -p throughline-app-core --example ui_alignment_fixtures`.
use throughline_app_core::alignment::{alignment_goals, AlignmentCell};
use throughline_app_core::Session;

mod common;

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
    common::write_acme_states("alignment.json", state);
}
