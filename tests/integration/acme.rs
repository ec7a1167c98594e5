//! The shared acme fixture gives exactly its expected findings and summary.

use crate::util::*;
use throughline_core::{analysis, format};

fn expected() -> serde_json::Value {
    let text = std::fs::read_to_string(fixture("acme.expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn library_gives_the_expected_findings_and_summary() {
    let text = std::fs::read_to_string(fixture("acme.json")).unwrap();
    let map = format::read_map(&text).expect("acme is valid");
    let as_of = analysis::resolve_as_of(None, &map, chrono::NaiveDate::MIN);
    let report = analysis::analyse(map.clone(), as_of);
    let got = serde_json::to_value(&report).unwrap();
    let want = expected();
    assert_eq!(strip_messages(&got["findings"]), want["findings"]);
    assert_eq!(got["summary"], want["summary"]);
    // by_rule in printed order, as in the fixture.
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v["summary"]["by_rule"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(keys(&got), keys(&want));
}

#[test]
fn cli_json_gives_the_expected_findings_and_exit_1() {
    let out = throughline(&[
        "check",
        fixture("acme.json").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "acme has error findings");
    assert!(out.stderr.is_empty());
    let got: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let want = expected();
    assert_eq!(strip_messages(&got["findings"]), want["findings"]);
    assert_eq!(got["summary"], want["summary"]);
    for f in got["findings"].as_array().unwrap() {
        let msg = f["message"].as_str().unwrap();
        assert!(msg.len() > 60, "message too thin: {msg}");
    }
}

#[test]
fn messages_name_people_units_and_goals() {
    let out = throughline(&[
        "check",
        fixture("acme.json").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let got: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let message = |rule: &str, subject: &str| -> String {
        got["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == rule && f["subject"] == subject)
            .unwrap()["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let m = message("imposed-goal", "rep1-calls");
    assert!(
        m.contains("Ali Hassan") && m.contains("Executive team") && m.contains("100 calls a week"),
        "{m}"
    );
    let m = message("conflicting-goals", "rep1-calls");
    assert!(
        m.contains("Win rate 30%") && m.contains("time spent dialling"),
        "{m}"
    );
    let m = message("unguarded-volume", "mkt-leads");
    assert!(m.contains("Marketing") && m.contains("Sales"), "{m}");
}
