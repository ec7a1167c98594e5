//! Invalid documents are rejected whole, with every problem listed at its JSON location.

use crate::util::*;
use throughline_core::format::read_map;

/// The problems of a document, as `path: message` lines.
fn problems(text: &str) -> Vec<String> {
    match read_map(text) {
        Ok(_) => Vec::new(),
        Err(ps) => ps.iter().map(|p| p.to_string()).collect(),
    }
}

const BASE: &str = r#""format": "throughline/1", "organisation": {"name": "T"}"#;

fn doc(body: &str) -> String {
    format!("{{{BASE}, {body}}}")
}

#[test]
fn not_json() {
    let p = problems("{\"format\": ");
    assert_eq!(p.len(), 1);
    assert!(
        p[0].starts_with("line 1, column 11: not valid JSON"),
        "{p:?}"
    );
    let p = problems("[1, 2]");
    assert_eq!(p, vec!["(document): expected an object, found an array"]);
}

#[test]
fn wrong_format_and_missing_organisation() {
    let p = problems(r#"{"format": "throughline/2"}"#);
    assert_eq!(
        p,
        vec![
            "format: unsupported format \"throughline/2\"; expected \"throughline/1\"",
            "organisation: missing required field",
        ]
    );
    assert_eq!(
        problems("{}").len(),
        2,
        "format and organisation both missing"
    );
}

#[test]
fn unknown_fields_are_errors_with_a_hint() {
    let p = problems(&doc(
        r#""units": [{"id": "u", "name": "U", "kind": "team"}],
           "goals": [{"id": "g", "title": "G", "owner": "u", "suports": []}]"#,
    ));
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("goals[0].suports: unknown field (did you mean \"supports\"?)"),
        "{p:?}"
    );
    let p = problems(&doc(r#""colour": 1"#));
    assert!(p[0].starts_with("colour: unknown field"), "{p:?}");
}

#[test]
fn types_enums_dates_and_negative_ints() {
    let p = problems(&doc(
        r#""settings": {"stale_feedback_days": -1, "max_goals_per_person": 2.5,
                        "as_of": "2026-13-01", "rules": {"orphan-goal": "off", "vague-goal": "loud"}},
           "units": [{"id": "u", "name": 7, "kind": "division"}],
           "measures": [{"id": "m", "name": "M", "kind": "outcome", "leading": "yes"}],
           "goals": [{"id": "g", "title": "G", "owner": "x", "target": "high", "due": "31/12/2027"}]"#,
    ));
    let want = [
        "settings.as_of: bad date \"2026-13-01\": expected a real date as YYYY-MM-DD",
        "settings.stale_feedback_days: must not be negative (an integer >= 0), found -1",
        "settings.max_goals_per_person: must be a whole number (an integer >= 0), found 2.5",
        "settings.rules.orphan-goal: unknown rule id (did you mean \"orphaned-goal\"?)",
        "settings.rules.vague-goal: unknown value \"loud\"; expected one of \"off\", \"info\", \"warning\", \"error\"",
        "units[0].name: expected a string, found a number",
        "units[0].kind: unknown value \"division\"; expected one of \"organisation\", \"function\", \"team\"",
        "measures[0].leading: expected true or false, found a string",
        "goals[0].target: expected a number, found a string",
        "goals[0].due: bad date \"31/12/2027\": expected a real date as YYYY-MM-DD",
        "goals[0].owner: no person or unit \"x\"",
    ];
    assert_eq!(p, want);
}

#[test]
fn duplicate_ids_across_kinds() {
    let p = problems(&doc(
        r#""units": [{"id": "x", "name": "U", "kind": "team"}],
           "people": [{"id": "p", "name": "P", "unit": "x"}],
           "goals": [{"id": "x", "title": "G", "owner": "p"}, {"id": "p", "title": "H", "owner": "p"}]"#,
    ));
    assert_eq!(
        p,
        vec![
            "goals[0].id: duplicate id \"x\": already used by a unit at units[0].id",
            "goals[1].id: duplicate id \"p\": already used by a person at people[0].id",
        ]
    );
}

#[test]
fn dangling_and_wrong_kind_references() {
    let p = problems(&doc(
        r#""units": [{"id": "u", "name": "U", "kind": "team", "parent": "nope"}],
           "people": [{"id": "p", "name": "P", "unit": "u", "manager": "u"}],
           "values": [{"id": "v", "name": "V", "behaviours": [{"id": "b", "name": "B"}]}],
           "measures": [{"id": "m", "name": "M", "kind": "outcome"}],
           "interactions": [{"from": "m", "to": "g", "effect": "feeds"}],
           "goals": [{"id": "g", "title": "G", "owner": "m", "set_by": "v", "measure": "p",
                      "supports": ["g", "zz"], "values": ["b", "m"]}],
           "check_ins": [{"person": "u", "with": "ghost", "date": "2026-01-01"}]"#,
    ));
    assert_eq!(
        p,
        vec![
            "units[0].parent: no unit \"nope\"",
            "people[0].manager: \"u\" is a unit, not a person",
            "interactions[0].to: \"g\" is a goal, not a measure",
            "goals[0].owner: \"m\" is a measure, not a person or a unit",
            "goals[0].set_by: \"v\" is a value, not a person or a unit",
            "goals[0].measure: \"p\" is a person, not a measure",
            "goals[0].supports[1]: no goal \"zz\"",
            "goals[0].values[1]: \"m\" is a measure, not a value or a behaviour",
            "check_ins[0].person: \"u\" is a unit, not a person",
            "check_ins[0].with: no person \"ghost\"",
        ]
    );
}

#[test]
fn cycles_in_unit_parents_and_managers() {
    let p = problems(&doc(
        r#""units": [{"id": "a", "name": "A", "kind": "team", "parent": "c"},
                     {"id": "b", "name": "B", "kind": "team", "parent": "a"},
                     {"id": "c", "name": "C", "kind": "team", "parent": "b"},
                     {"id": "d", "name": "D", "kind": "team", "parent": "d"}],
           "people": [{"id": "p", "name": "P", "unit": "a", "manager": "q"},
                      {"id": "q", "name": "Q", "unit": "a", "manager": "p"}]"#,
    ));
    assert_eq!(
        p,
        vec![
            "units[0].parent: cycle in unit parents: a -> c -> b -> a",
            "units[3].parent: cycle in unit parents: d -> d",
            "people[0].manager: cycle in managers: p -> q -> p",
        ]
    );
}

#[test]
fn a_supports_cycle_is_valid() {
    let p = problems(&doc(
        r#""units": [{"id": "u", "name": "U", "kind": "team"}],
           "goals": [{"id": "g", "title": "G", "owner": "u", "supports": ["g"]}]"#,
    ));
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn a_broken_item_does_not_cascade_into_dangling_references() {
    let p = problems(&doc(
        r#""units": [{"id": "u", "name": "U", "kind": "team"}],
           "goals": [{"id": "top", "title": "T"},
                     {"id": "g", "title": "G", "owner": "u", "supports": ["top"]}]"#,
    ));
    assert_eq!(p, vec!["goals[0].owner: missing required field"]);
}

#[test]
fn cli_rejects_invalid_maps_with_exit_2_and_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(
        &path,
        doc(r#""goals": [{"id": "g", "title": "G", "owner": "p-x", "level": "vision"}]"#),
    )
    .unwrap();
    let out = throughline(&["check", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "stdout must be empty");
    let err = stderr(&out);
    assert!(err.contains("is not a valid map (2 problems)"), "{err}");
    assert!(
        err.contains("goals[0].owner: no person or unit \"p-x\""),
        "{err}"
    );
    assert!(
        err.contains("goals[0].level: unknown value \"vision\""),
        "{err}"
    );
}
