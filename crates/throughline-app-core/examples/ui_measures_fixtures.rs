//! Writes the measures designer the UI's mocked-IPC tests serve
//! (`ui/tests/fixtures/measures.json`), computed by the real session: for the shared acme
//! fixture in the mock's three states (as it is, `before`; the forecast goal linked to the
//! sales revenue goal, `after`; "100 calls a week" deleted, `deleted`) and for the app's
//! sample (`sample`), every function's designer, the one shown when none is chosen, and
//! the one-click fixes of every flag (by the finding's key, `rule|subject|related,…`).
//! `cargo run -q -p throughline-app-core --example ui_measures_fixtures`.
use throughline_app_core::measures::measures_designer;
use throughline_app_core::Session;
use throughline_core::Map;

/// Every function's designer of the map on screen, the default and the flags' fixes.
fn state(s: &Session) -> serde_json::Value {
    let rev = s.revision().expect("open");
    let default = measures_designer(rev, None).expect("designer");
    let mut functions = serde_json::Map::new();
    let mut fixes = serde_json::Map::new();
    for f in s.choices().expect("choices").functions {
        let d = measures_designer(rev, Some(&f.id)).expect("designer");
        let flags = d
            .measures
            .iter()
            .flat_map(|m| &m.flags)
            .chain(&d.lagging_only);
        for flag in flags {
            let k = &flag.key;
            let name = format!("{}|{}|{}", k.rule, k.subject, k.related.join(","));
            let options = s.fixes(k).expect("fixes");
            fixes.insert(name, serde_json::to_value(options).expect("json"));
        }
        functions.insert(f.id, serde_json::to_value(d).expect("json"));
    }
    serde_json::json!({
        "default": default.function.map(|f| f.id),
        "functions": functions,
        "fixes": fixes,
    })
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
    let out = root.join("ui/tests/fixtures/measures.json");
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&doc).expect("json") + "\n",
    )
    .expect("written");
    println!("wrote {}", out.display());
}
