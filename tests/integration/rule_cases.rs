//! Per-rule cases from `tests/rules/<rule-id>.json`, and the meta-test that every rule in
//! the registry has documentation and cases where it fires and where it must not.

use crate::util::tests_dir;
use serde::Deserialize;
use throughline_core::rules::REGISTRY;
use throughline_core::{analysis, format};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    rule: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    as_of: Option<String>,
    map: serde_json::Value,
    expect: Vec<Expected>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Expected {
    subject: String,
    related: Vec<String>,
    severity: String,
}

fn case_files() -> Vec<(String, CaseFile)> {
    let dir = tests_dir().join("rules");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let file: CaseFile =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.file_stem().unwrap().to_string_lossy().to_string(), file)
        })
        .collect()
}

fn run_case(rule: &str, case: &Case) -> Vec<Expected> {
    let mut map = case.map.clone();
    let obj = map.as_object_mut().expect("case map is an object");
    obj.entry("format")
        .or_insert(serde_json::json!("throughline/1"));
    obj.entry("organisation")
        .or_insert(serde_json::json!({"name": "Test"}));
    let map = format::read_map_value(&map).unwrap_or_else(|problems| {
        let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        panic!("{rule} / {}: invalid map:\n{}", case.name, list.join("\n"))
    });
    let explicit = case
        .as_of
        .as_deref()
        .map(|d| format::parse_date(d).expect("case as_of is a date"));
    let default = format::parse_date("2026-11-28").unwrap();
    let as_of = analysis::resolve_as_of(explicit, &map, default);
    analysis::analyse(map.clone(), as_of)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| Expected {
            subject: f.subject,
            related: f.related,
            severity: f.severity.as_str().to_string(),
        })
        .collect()
}

#[test]
fn every_case_gives_its_expected_findings() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (stem, file) in case_files() {
        assert_eq!(stem, file.rule, "file {stem}.json names rule {}", file.rule);
        for case in &file.cases {
            count += 1;
            let got = run_case(&file.rule, case);
            if got != case.expect {
                failures.push(format!(
                    "{} / {}:\n  expected {:?}\n  got      {:?}",
                    file.rule, case.name, case.expect, got
                ));
            }
        }
    }
    assert!(count > 0, "no rule cases found");
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_docs_and_cases_both_ways() {
    let files = case_files();
    for (stem, _) in &files {
        assert!(
            REGISTRY.iter().any(|r| r.id == stem),
            "tests/rules/{stem}.json names no registered rule"
        );
    }
    for rule in REGISTRY.iter() {
        let doc = rule.doc();
        assert!(
            !rule.summary().is_empty(),
            "{} has no summary line",
            rule.id
        );
        for heading in ["What it flags", "Why it matters", "Example", "How to fix"] {
            let body = rule.section(heading);
            assert!(
                body.as_deref().is_some_and(|b| b.len() > 20),
                "{}: doc section \"{heading}\" missing or empty:\n{doc}",
                rule.id
            );
        }
        let (_, file) = files
            .iter()
            .find(|(stem, _)| stem == rule.id)
            .unwrap_or_else(|| panic!("rule {} has no tests/rules/{}.json", rule.id, rule.id));
        assert!(
            file.cases.iter().any(|c| !c.expect.is_empty()),
            "{}: no case where the rule fires",
            rule.id
        );
        assert!(
            file.cases.iter().any(|c| c.expect.is_empty()),
            "{}: no case where the rule stays silent",
            rule.id
        );
    }
}
