//! Writes the measures designer the UI's mocked-IPC tests serve
//! (`ui/tests/fixtures/measures.json`), computed by the real session: for the shared acme
//! fixture in the mock's three states (as it is, `before`; the forecast goal linked to the
//! sales revenue goal, `after`; "100 calls a week" deleted, `deleted`) and for the app's
//! sample (`sample`), every function's designer, the one shown when none is chosen, and
//! the one-click fixes of every flag (by the finding's key, `rule|subject|related,…`).
//! `cargo run -q -p throughline-app-core --example ui_measures_fixtures`.
use throughline_app_core::measures::measures_designer;
use throughline_app_core::Session;

mod common;

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
    common::write_acme_states("measures.json", state);
}
