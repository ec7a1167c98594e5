//! Writes the before / after views the UI's mocked-IPC tests serve
//! (`ui/tests/fixtures/compare.json`), computed by the real session from the shared acme
//! fixture in three states: as it is (`before`), with the forecast goal linked to the sales
//! revenue goal (`after`, as `acme-after.json`), and with "100 calls a week" deleted
//! (`deleted`, whose map, view and findings are written too: the fix that moves the index).
//! Every ordered pair of states is compared, snapshot against snapshot.
//! `cargo run -p throughline-app-core --example ui_compare_fixtures`.
use throughline_app_core::before_after::CompareSide;
use throughline_view::{FindingFilter, ViewRequest};

mod common;

fn main() {
    let map = common::acme_map();
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = common::session_on(dir.path(), "Acme Analytics.throughline", &map);
    // The states made by hand and put in whole (`replace_map`): the edits' own paths are
    // tested elsewhere; these are the maps they make.
    let before = s.save_snapshot("before").expect("saved").id;
    s.replace_map(&common::linked(&map), "linked")
        .expect("linked");
    let after = s.save_snapshot("after").expect("saved").id;
    s.replace_map(&common::deleted(&map), "deleted")
        .expect("deleted");
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
    common::write_fixture("compare.json", &doc);
}
