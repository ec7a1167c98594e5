//! The command line, run as a real process: exit codes, formats, sorting, catalogue.

use crate::util::*;

fn acme() -> String {
    fixture("acme.json").to_str().unwrap().to_string()
}

fn write_temp(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn text_output_snapshot() {
    let out = throughline(&["check", &acme()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(!text.contains('\x1b'), "no colour when not on a terminal");
    insta::assert_snapshot!("acme_text", text);
}

#[test]
fn clean_map_exits_0_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let map = write_temp(
        &dir,
        "clean.json",
        r#"{"format": "throughline/1", "organisation": {"name": "Calm Ltd"},
            "units": [{"id": "c", "name": "Calm Ltd", "kind": "organisation"}]}"#,
    );
    let out = throughline(&["check", &map, "--as-of", "2026-11-28"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("clean_text", stdout(&out));
    let out = throughline(&["check", &map, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["summary"]["alignment_index"], serde_json::Value::Null);
    assert_eq!(v["summary"]["by_rule"], serde_json::json!({}));
    assert_eq!(v["findings"], serde_json::json!([]));
}

#[test]
fn warnings_only_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let map = write_temp(
        &dir,
        "warn.json",
        r#"{"format": "throughline/1", "organisation": {"name": "W"},
            "units": [{"id": "u", "name": "U", "kind": "team"}],
            "people": [{"id": "p", "name": "P", "unit": "u"}]}"#,
    );
    let out = throughline(&["check", &map, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("person-without-goals"));
}

#[test]
fn as_of_flag_overrides_settings() {
    // rep1's check-in is 2026-11-20; forty days later it is stale.
    let out = throughline(&[
        "check",
        &acme(),
        "--format",
        "json",
        "--as-of",
        "2026-12-30",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let stale: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "stale-feedback")
        .map(|f| f["subject"].as_str().unwrap())
        .collect();
    assert_eq!(stale, vec!["cfo", "cso", "mkt", "rep1", "rep2"]);
    // Before every check-in, none counts: everyone with goals is stale.
    let out = throughline(&[
        "check",
        &acme(),
        "--format",
        "json",
        "--as-of",
        "2026-01-01",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["summary"]["by_rule"]["stale-feedback"], 5);
}

#[test]
fn misuse_exits_2_with_nothing_on_stdout() {
    for args in [
        vec!["check"],
        vec!["check", "x.json", "--format", "yaml"],
        vec!["check", "x.json", "--as-of", "2026-02-30"],
        vec!["frobnicate"],
        vec!["explain", "no-such-rule"],
        vec!["check", "/no/such/file.json"],
    ] {
        let out = throughline(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
        assert!(!out.stderr.is_empty(), "{args:?} explained nothing");
    }
    let out = throughline(&["check", "/no/such/file.json"]);
    assert!(stderr(&out).contains("/no/such/file.json"));
}

#[test]
fn rules_lists_the_catalogue_and_explain_prints_docs() {
    let out = throughline(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for r in throughline_core::rules::REGISTRY.iter() {
        assert!(text.contains(r.id), "{} missing from rules", r.id);
    }
    let out = throughline(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 16);
    let out = throughline(&["explain", "imposed-goal"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("explain_imposed_goal", stdout(&out));
}

#[test]
fn gen_is_deterministic_and_valid() {
    let a = throughline(&["gen", "--people", "200", "--seed", "5"]);
    let b = throughline(&["gen", "--people", "200", "--seed", "5"]);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gen.json");
    let out = throughline(&[
        "gen",
        "--people",
        "200",
        "--seed",
        "5",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read(&path).unwrap(), a.stdout);
    let out = throughline(&["check", path.to_str().unwrap(), "--format", "json"]);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["summary"]["people"], 200);
    assert_sorted(&v["findings"]);
}

/// Findings come sorted by severity, rule, subject, related.
fn assert_sorted(findings: &serde_json::Value) {
    let rank = |s: &str| match s {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    };
    let keys: Vec<(i32, String, String, Vec<String>)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                rank(f["severity"].as_str().unwrap()),
                f["rule"].as_str().unwrap().to_string(),
                f["subject"].as_str().unwrap().to_string(),
                f["related"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn sample_organisation_is_valid_and_tells_the_story() {
    let sample = repo_dir().join("examples/northwind.json");
    let out = throughline(&["check", sample.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_sorted(&v["findings"]);
    let by_rule = &v["summary"]["by_rule"];
    for rule in [
        "imposed-goal",
        "conflicting-goals",
        "unguarded-volume",
        "orphaned-goal",
        "stale-feedback",
    ] {
        assert!(
            by_rule[rule].as_u64().unwrap_or(0) > 0,
            "the sample shows no {rule}"
        );
    }
}

/// `check --format json` adds `patterns` beside the contract's keys: every finding in
/// exactly one pattern, biggest first, each with its rule, severity, cause ids and a
/// message without ids.
#[test]
fn json_patterns_group_every_finding_once() {
    let out = throughline(&[
        "check",
        &acme(),
        "--format",
        "json",
        "--as-of",
        "2026-11-28",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(keys, ["findings", "patterns", "summary"]);
    let findings = v["findings"].as_array().unwrap();
    let patterns = v["patterns"].as_array().unwrap();
    let mut seen = vec![0; findings.len()];
    let mut last = usize::MAX;
    for p in patterns {
        let members = p["findings"].as_array().unwrap();
        assert!(members.len() <= last, "biggest first");
        last = members.len();
        for i in members {
            let f = &findings[i.as_u64().unwrap() as usize];
            assert_eq!(f["rule"], p["rule"]);
            assert_eq!(f["severity"], p["severity"]);
            seen[i.as_u64().unwrap() as usize] += 1;
        }
        let message = p["message"].as_str().unwrap();
        assert!(
            !message.contains("rep1") && !message.contains("sales-"),
            "{message}"
        );
    }
    assert!(seen.iter().all(|&n| n == 1));
    let imposed_calls = patterns
        .iter()
        .find(|p| p["rule"] == "imposed-goal" && p["cause"]["measure"] == "calls")
        .expect("the executive team's calls target");
    assert_eq!(imposed_calls["cause"]["setter"], "board");
    assert_eq!(imposed_calls["cause"]["function"], "sales");
    assert!(imposed_calls["message"]
        .as_str()
        .unwrap()
        .ends_with("it undermines Win rate."));
}
