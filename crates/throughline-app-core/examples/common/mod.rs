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

/// The shared acme fixture (`tests/fixtures/acme.json`).
pub fn acme_map() -> Map {
    let text = std::fs::read_to_string(root().join("tests/fixtures/acme.json")).expect("acme");
    throughline_core::format::read_map(&text).expect("valid")
}

/// A session on 2026-11-28 with a new workspace `file` of `map` in `dir`.
pub fn session_on(dir: &std::path::Path, file: &str, map: &Map) -> Session {
    let mut s = Session::new(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"));
    s.create(&dir.join(file), map, false).expect("created");
    s
}

/// Acme with its forecast goal linked to the sales revenue goal (`acme-after.json`).
pub fn linked(acme: &Map) -> Map {
    let mut linked = acme.clone();
    let g = linked
        .goals
        .iter_mut()
        .find(|g| g.id == "forecast-95")
        .expect("goal");
    g.supports = Some(vec!["sales-revenue".into()]);
    linked
}

/// Acme with "100 calls a week" deleted.
pub fn deleted(acme: &Map) -> Map {
    let mut deleted = acme.clone();
    deleted.goals.retain(|g| g.id != "rep1-calls");
    deleted
}

/// Write `doc` to `ui/tests/fixtures/<name>`, pretty, with a final newline.
pub fn write_fixture(name: &str, doc: &serde_json::Value) {
    let out = root().join("ui/tests/fixtures").join(name);
    std::fs::write(
        &out,
        serde_json::to_string_pretty(doc).expect("json") + "\n",
    )
    .expect("written");
    println!("wrote {}", out.display());
}

/// `{"acme": {"before", "after", "deleted"}, "sample"}`, each `state` of a session on that
/// map, written to `ui/tests/fixtures/<name>`.
pub fn write_acme_states(name: &str, state: impl Fn(&Session) -> serde_json::Value) {
    let map = acme_map();
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = session_on(dir.path(), "Acme Analytics.throughline", &map);
    let mut acme = serde_json::Map::new();
    acme.insert("before".into(), state(&s));
    // The states put in whole, as ui_compare_fixtures makes them.
    s.replace_map(&linked(&map), "linked").expect("linked");
    acme.insert("after".into(), state(&s));
    s.replace_map(&deleted(&map), "deleted").expect("deleted");
    acme.insert("deleted".into(), state(&s));

    let sample = throughline_app_core::sample_map().expect("the sample");
    let t = session_on(dir.path(), "Northwind.throughline", &sample);
    write_fixture(
        name,
        &serde_json::json!({ "acme": acme, "sample": state(&t) }),
    );
}
