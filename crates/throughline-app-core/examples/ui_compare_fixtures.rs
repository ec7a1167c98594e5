//! Writes the before / after views the UI's mocked-IPC tests serve
//! (`ui/tests/fixtures/compare.json`), computed by the real session from the shared acme
//! fixture in three states: as it is (`before`), with the forecast goal linked to the sales
//! revenue goal (`after`, as `acme-after.json`), and with "100 calls a week" deleted
//! (`deleted`, whose map, view and findings are written too: the fix that moves the index).
//! Every ordered pair of states is compared, snapshot against snapshot.
//! `cargo run -p throughline-app-core --example ui_compare_fixtures`.
use throughline_app_core::before_after::CompareSide;
use throughline_app_core::Session;
use throughline_view::{FindingFilter, ViewRequest};

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("tests/fixtures/acme.json")).expect("acme");
    let map = throughline_core::format::read_map(&text).expect("valid");
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = Session::new(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"));
    s.create(&dir.path().join("Acme Analytics.throughline"), &map, false)
        .expect("created");
    // The states made by hand and put in whole (`replace_map`): the edits' own paths are
    // tested elsewhere; these are the maps they make.
    let before = s.save_snapshot("before").expect("saved").id;
    let mut linked = map.clone();
    let g = linked
        .goals
        .iter_mut()
        .find(|g| g.id == "forecast-95")
        .expect("goal");
    g.supports = Some(vec!["sales-revenue".into()]);
    s.replace_map(&linked, "linked").expect("linked");
    let after = s.save_snapshot("after").expect("saved").id;
    let mut deleted = map.clone();
    deleted.goals.retain(|g| g.id != "rep1-calls");
    s.replace_map(&deleted, "deleted").expect("deleted");
    let deleted_stage = serde_json::json!({
        "map": s.revision().expect("open").map(),
        "view": s.view(&ViewRequest::default()).expect("view"),
        "findings": s.findings(&FindingFilter::default()).expect("findings"),
    });
    let deleted = s.save_snapshot("deleted").expect("saved").id;
    let states = [("before", before), ("after", after), ("deleted", deleted)];
    let mut pairs = serde_json::Map::new();
    for (b, bid) in states {
        for (a, aid) in states {
            let c = s
                .compare(
                    CompareSide::Snapshot { id: bid },
                    CompareSide::Snapshot { id: aid },
                )
                .expect("compared");
            pairs.insert(format!("{b}>{a}"), serde_json::to_value(c).expect("json"));
        }
    }
    let doc = serde_json::json!({ "deleted": deleted_stage, "pairs": pairs });
    let out = root.join("ui/tests/fixtures/compare.json");
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&doc).expect("json") + "\n",
    )
    .expect("written");
    println!("wrote {}", out.display());
}
