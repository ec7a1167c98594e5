//! Writes the data the UI's mocked-IPC tests serve (ui/tests/fixtures/), computed by the
//! real engine from the shared acme fixture, before and after linking the orphaned
//! forecast goal to the sales revenue goal; and the app's sample (examples/northwind.json)
//! with its first views at every map width (`sample-first.json`, for `mock.html?org=sample`):
//! `cargo run -p throughline-view --example ui_fixtures`.

use throughline_core::{format::read_map, Org};
use throughline_view::{build_view, findings_page, FindingFilter, ViewRequest};

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("tests/fixtures/acme.json")).expect("acme");
    let mut map = read_map(&text).expect("valid");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    let out = root.join("ui/tests/fixtures");
    std::fs::create_dir_all(&out).expect("dir");
    for stage in ["before", "after"] {
        if stage == "after" {
            let g = map
                .goals
                .iter_mut()
                .find(|g| g.id == "forecast-95")
                .expect("goal");
            g.supports = Some(vec!["sales-revenue".into()]);
        }
        let org = Org::new(map.clone().into());
        let report = throughline_core::analysis::run(&org, as_of);
        let view = build_view(&org, &report, &ViewRequest::default());
        let page = findings_page(&org, &report, &FindingFilter::default());
        let doc = serde_json::json!({ "map": map, "view": view, "findings": page });
        std::fs::write(
            out.join(format!("acme-{stage}.json")),
            serde_json::to_string_pretty(&doc).expect("json") + "\n",
        )
        .expect("write");
    }
    // The sample's first view for each `max_width` the app may ask for: each distinct view
    // once, with the smallest width that gets it.
    let text = std::fs::read_to_string(root.join("examples/northwind.json")).expect("sample");
    let map = read_map(&text).expect("valid");
    let org = Org::new(map.clone().into());
    let report = throughline_core::analysis::run(&org, as_of);
    let mut views: Vec<serde_json::Value> = Vec::new();
    let mut last = None;
    for w in (200..=6000).step_by(10) {
        let request = ViewRequest {
            max_width: Some(f64::from(w)),
            ..ViewRequest::default()
        };
        let view = build_view(&org, &report, &request);
        if last.as_ref() != Some(&view) {
            views.push(serde_json::json!({ "max_width": w, "view": view }));
            last = Some(view);
        }
    }
    // And one person's line of sight (an account executive's).
    let line_of_sight = build_view(
        &org,
        &report,
        &ViewRequest {
            line_of_sight: Some("sofia-marchetti".into()),
            ..ViewRequest::default()
        },
    );
    let page = findings_page(&org, &report, &FindingFilter::default());
    let doc = serde_json::json!({ "map": map, "views": views, "line_of_sight": line_of_sight, "findings": page });
    std::fs::write(
        out.join("sample-first.json"),
        serde_json::to_string(&doc).expect("json") + "\n",
    )
    .expect("write");
}
