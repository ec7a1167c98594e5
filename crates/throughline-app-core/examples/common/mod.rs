//! What the UI-fixture examples share: the repository's root, and the acme states the
//! mocked-IPC tests serve (as it is, its forecast goal linked, "100 calls a week" deleted)
//! plus the sample, each written by the real session through the example's `state`.
#![allow(dead_code)] // each example uses its own part

use throughline_app_core::Session;
use throughline_core::Map;

/// The repository's root.
pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `{"acme": {"before", "after", "deleted"}, "sample"}`, each `state` of a session on that
/// map, written to `ui/tests/fixtures/<name>`.
pub fn write_acme_states(name: &str, state: impl Fn(&Session) -> serde_json::Value) {
    let root = root();
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
    let out = root.join("ui/tests/fixtures").join(name);
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&doc).expect("json") + "\n",
    )
    .expect("written");
    println!("wrote {}", out.display());
}
