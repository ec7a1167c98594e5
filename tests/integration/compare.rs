//! `throughline compare` (docs/spec/compare-v1.md): hand-made pairs for every list of the
//! contract, workspaces and snapshots, the as-of date, exit status 2; property tests
//! against a reference written differently (findings matched through hash maps, entities
//! through their JSON with the defaults filled in).

use crate::util::*;
use proptest::prelude::*;
use serde_json::{json, Value as Json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use throughline_core::compare::{self, Comparison};
use throughline_core::model::*;
use throughline_core::{analysis, format};
use throughline_store::{Options, Workspace};

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn acme() -> Map {
    format::read_map(&std::fs::read_to_string(fixture("acme.json")).unwrap()).unwrap()
}

fn acme_after_path() -> PathBuf {
    fixture("compare/acme-after.json")
}

fn acme_after() -> Map {
    format::read_map(&std::fs::read_to_string(acme_after_path()).unwrap()).unwrap()
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn write(dir: &tempfile::TempDir, name: &str, map: &Map) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, format::write_map(map)).unwrap();
    p
}

fn json_of(c: &Comparison) -> Json {
    serde_json::to_value(c).unwrap()
}

/// Run `compare ... --format json`, expecting exit 0.
fn compare_json(args: &[&str]) -> Json {
    let mut all = vec!["compare"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let out = throughline(&all);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

type Identity = (String, String, Vec<String>);

fn identity(f: &analysis::Finding) -> Identity {
    (f.rule.clone(), f.subject.clone(), f.related.clone())
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------------------
// Findings and the summary

/// A small organisation: Sales (the focus function) with a team, two people in it, a
/// Finance function setting a goal on Sales.
fn small() -> Map {
    format::read_map(
        &json!({
            "format": "throughline/1",
            "organisation": {"name": "Small Co", "focus_function": "sales"},
            "settings": {"as_of": "2026-11-28"},
            "units": [
                {"id": "org", "name": "Small Co", "kind": "organisation"},
                {"id": "sales", "name": "Sales", "kind": "function", "parent": "org"},
                {"id": "team-b", "name": "Enterprise", "kind": "team", "parent": "sales"},
                {"id": "team-a", "name": "Mid-Market", "kind": "team", "parent": "sales"},
                {"id": "finance", "name": "Finance", "kind": "function", "parent": "org"}
            ],
            "people": [
                {"id": "lead", "name": "Ana Lima", "unit": "sales"},
                {"id": "ben", "name": "Ben Osei", "unit": "team-b", "manager": "lead"},
                {"id": "cy", "name": "Cy Park", "unit": "team-a", "manager": "lead"}
            ],
            "values": [{"id": "v-care", "name": "Care", "behaviours": [{"id": "b-listen", "name": "Listen"}]}],
            "measures": [
                {"id": "arr", "name": "ARR", "kind": "outcome"},
                {"id": "calls", "name": "Calls", "kind": "activity", "leading": true},
                {"id": "wins", "name": "Win rate", "kind": "outcome"}
            ],
            "interactions": [{"from": "calls", "to": "wins", "effect": "undermines", "note": "time"}],
            "goals": [
                {"id": "grow", "title": "Grow ARR", "level": "strategy", "owner": "org", "values": ["v-care"]},
                {"id": "g-sales", "title": "Sales ARR", "owner": "sales", "measure": "arr", "supports": ["grow"], "status": "agreed"},
                {"id": "g-ben", "title": "Forecast within 5%", "owner": "ben", "set_by": "finance", "measure": "arr", "target": 5},
                {"id": "g-cy", "title": "Win rate 30%", "owner": "cy", "measure": "wins", "target": 30, "due": "2027-03-31", "supports": ["g-sales"], "status": "agreed"}
            ],
            "check_ins": [
                {"person": "ben", "with": "lead", "date": "2026-11-20"},
                {"person": "cy", "with": "lead", "date": "2026-11-21", "kind": "review", "notes": "fine"}
            ]
        })
        .to_string(),
    )
    .unwrap()
}

/// The contract's findings lists, computed the other way round: each side's `check`
/// report, identities in hash maps.
fn reference_findings(before: &Map, after: &Map, as_of: chrono::NaiveDate) -> Json {
    let b = analysis::analyse(before.clone(), as_of);
    let a = analysis::analyse(after.clone(), as_of);
    let bs: HashMap<Identity, analysis::Severity> = b
        .findings
        .iter()
        .map(|f| (identity(f), f.severity))
        .collect();
    let as_: HashMap<Identity, analysis::Severity> = a
        .findings
        .iter()
        .map(|f| (identity(f), f.severity))
        .collect();
    let resolved: Vec<&analysis::Finding> = b
        .findings
        .iter()
        .filter(|f| !as_.contains_key(&identity(f)))
        .collect();
    let new: Vec<&analysis::Finding> = a
        .findings
        .iter()
        .filter(|f| !bs.contains_key(&identity(f)))
        .collect();
    let changed: Vec<Json> = a
        .findings
        .iter()
        .filter_map(|f| {
            let was = bs.get(&identity(f))?;
            (*was != f.severity).then(|| {
                json!({"rule": f.rule, "subject": f.subject, "related": f.related,
                       "before": was, "after": f.severity})
            })
        })
        .collect();
    let kept = a
        .findings
        .iter()
        .filter(|f| bs.get(&identity(f)) == Some(&f.severity))
        .count();
    let delta = match (b.summary.alignment_index, a.summary.alignment_index) {
        (Some(x), Some(y)) => json!(((y - x) * 10.0).round() / 10.0),
        _ => Json::Null,
    };
    json!({"before": b.summary, "after": a.summary, "index_delta": delta,
           "findings": {"resolved": resolved, "new": new, "changed": changed, "kept": kept}})
}

fn assert_findings_match_reference(c: &Comparison, before: &Map, after: &Map) {
    let got = json_of(c);
    let want = reference_findings(before, after, as_of());
    for key in ["before", "after", "index_delta", "findings"] {
        assert_eq!(got[key], want[key], "{key}");
    }
}

#[test]
fn findings_resolved_new_changed_and_kept() {
    let before = small();
    let mut after = small();
    // Ben's goal is now set in his line and linked: its imposed-goal (an error: Sales is
    // the focus) and orphaned-goal findings are resolved.
    let g = after.goals.iter_mut().find(|g| g.id == "g-ben").unwrap();
    g.set_by = None;
    g.supports = Some(vec!["g-sales".into()]);
    // A new person without goals: new person-without-goals.
    after.people.push(Person {
        id: "dee".into(),
        name: "Dee Ray".into(),
        unit: "team-a".into(),
        role: None,
        manager: Some("lead".into()),
        email: None,
    });
    // vague-goal becomes an error: the same findings with another severity.
    after.settings.as_mut().unwrap().rules =
        Some([("vague-goal".to_string(), RuleSetting::Error)].into());
    let c = compare::compare(&before, &after, as_of());
    let resolved: Vec<Identity> = c.findings.resolved.iter().map(identity).collect();
    assert!(resolved.contains(&("imposed-goal".into(), "g-ben".into(), ids(&["finance"]))));
    assert!(resolved.contains(&("orphaned-goal".into(), "g-ben".into(), vec![])));
    let new: Vec<Identity> = c.findings.new.iter().map(identity).collect();
    assert!(new.contains(&("person-without-goals".into(), "dee".into(), vec![])));
    assert!(!c.findings.changed.is_empty());
    for ch in &c.findings.changed {
        assert_eq!(ch.rule, "vague-goal");
        assert_eq!(ch.after, analysis::Severity::Error);
        assert_eq!(ch.before, analysis::Severity::Warning);
    }
    assert!(c.findings.kept > 0);
    assert_findings_match_reference(&c, &before, &after);
    // Resolved findings carry BEFORE's message, new ones AFTER's, exactly as check prints.
    let b = analysis::analyse(before.clone(), as_of());
    for f in &c.findings.resolved {
        assert!(b.findings.contains(f), "{f:?} is BEFORE's finding");
    }
    let a = analysis::analyse(after.clone(), as_of());
    for f in &c.findings.new {
        assert!(a.findings.contains(f), "{f:?} is AFTER's finding");
    }
    // Each list in check's order.
    let pos = |r: &analysis::Report, f: &analysis::Finding| {
        r.findings.iter().position(|x| x == f).unwrap()
    };
    let order: Vec<usize> = c.findings.resolved.iter().map(|f| pos(&b, f)).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let order: Vec<usize> = c.findings.new.iter().map(|f| pos(&a, f)).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let order: Vec<usize> = c
        .findings
        .changed
        .iter()
        .map(|ch| {
            a.findings
                .iter()
                .position(|x| {
                    x.rule == ch.rule && x.subject == ch.subject && x.related == ch.related
                })
                .unwrap()
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // kept + changed + resolved = BEFORE's findings; kept + changed + new = AFTER's.
    let f = &c.findings;
    assert_eq!(
        f.kept + f.changed.len() + f.resolved.len(),
        b.findings.len()
    );
    assert_eq!(f.kept + f.changed.len() + f.new.len(), a.findings.len());
}

#[test]
fn index_delta_is_one_decimal_and_null_when_either_index_is() {
    let c = compare::compare(acme(), acme_after(), as_of());
    assert_eq!(c.before.alignment_index, Some(71.4));
    assert_eq!(c.after.alignment_index, Some(87.5));
    assert_eq!(c.index_delta, Some(16.1));
    let back = compare::compare(acme_after(), acme(), as_of());
    assert_eq!(back.index_delta, Some(-16.1));
    assert_eq!(json_of(&back)["index_delta"], json!(-16.1));
    let same = compare::compare(acme(), acme(), as_of());
    assert_eq!(json_of(&same)["index_delta"], json!(0.0));
    // No person-owned goals on one side: null.
    let mut none = acme();
    none.goals
        .retain(|g| !["rep1", "rep2", "cso", "mkt", "cfo"].contains(&g.owner.as_str()));
    let c = compare::compare(&none, acme(), as_of());
    assert_eq!(c.before.alignment_index, None);
    assert_eq!(json_of(&c)["index_delta"], Json::Null);
    let c = compare::compare(acme(), &none, as_of());
    assert_eq!(json_of(&c)["index_delta"], Json::Null);
    // Thirds: 2/3 = 66.7 and 1/3 = 33.3 give 33.4, not 33.400000000000006.
    let mut m = small();
    m.goals.retain(|g| g.id != "g-ben");
    let third = |aligned: usize| {
        let mut m = m.clone();
        for (i, p) in ["ben", "cy", "lead"].iter().enumerate() {
            m.goals.retain(|g| g.owner != *p);
            m.goals.push(Goal {
                id: format!("t-{p}"),
                title: format!("T {p}"),
                level: None,
                owner: p.to_string(),
                set_by: None,
                measure: None,
                target: None,
                due: None,
                status: None,
                supports: (i < aligned).then(|| vec!["grow".to_string()]),
                values: None,
            });
        }
        m
    };
    let c = compare::compare(third(1), third(2), as_of());
    assert_eq!(c.before.alignment_index, Some(33.3));
    assert_eq!(c.after.alignment_index, Some(66.7));
    assert_eq!(json_of(&c)["index_delta"].to_string(), "33.4");
}

// ---------------------------------------------------------------------------------------
// Entities

#[test]
fn entities_added_removed_and_changed_per_kind_in_string_order() {
    let before = small();
    let mut after = small();
    // Units: one added (ids out of string order in the document), one removed (Mid-Market,
    // after moving Cy out of it), one renamed.
    after.units.push(Unit {
        id: "z-ops".into(),
        name: "Ops".into(),
        kind: UnitKind::Function,
        parent: Some("org".into()),
    });
    after.units.push(Unit {
        id: "b-legal".into(),
        name: "Legal".into(),
        kind: UnitKind::Function,
        parent: Some("org".into()),
    });
    after.units.retain(|u| u.id != "team-a");
    after.people.iter_mut().find(|p| p.id == "cy").unwrap().unit = "team-b".into();
    after
        .units
        .iter_mut()
        .find(|u| u.id == "finance")
        .unwrap()
        .name = "Finance & Risk".into();
    // People: one removed (Ben, and his goal and check-in), two added, one changed (role).
    after.people.retain(|p| p.id != "ben");
    after.goals.retain(|g| g.owner != "ben");
    after.check_ins.retain(|c| c.person != "ben");
    for id in ["p-zed", "p-amy"] {
        after.people.push(Person {
            id: id.into(),
            name: id.into(),
            unit: "sales".into(),
            role: None,
            manager: None,
            email: None,
        });
    }
    after
        .people
        .iter_mut()
        .find(|p| p.id == "lead")
        .unwrap()
        .role = Some("Head of Sales".into());
    // Values: one added, one changed (a behaviour renamed).
    after.values[0].behaviours.as_mut().unwrap()[0].name = "Listen first".into();
    after.values.push(Value {
        id: "v-grit".into(),
        name: "Grit".into(),
        description: None,
        behaviours: None,
    });
    // Measures: one removed (calls, and its interaction), one changed (direction).
    after.measures.retain(|m| m.id != "calls");
    after.interactions.clear();
    after
        .measures
        .iter_mut()
        .find(|m| m.id == "wins")
        .unwrap()
        .direction = Some(Direction::Decrease);
    // Goals: one added, one changed (target).
    after.goals.push(Goal {
        id: "g-new".into(),
        title: "New".into(),
        level: None,
        owner: "sales".into(),
        set_by: None,
        measure: None,
        target: None,
        due: None,
        status: None,
        supports: None,
        values: None,
    });
    after
        .goals
        .iter_mut()
        .find(|g| g.id == "g-cy")
        .unwrap()
        .target = Some(35.0);

    let c = compare::compare(&before, &after, as_of());
    let ch = json_of(&c)["changes"].clone();
    assert_eq!(
        ch["units"],
        json!({"added": ["b-legal", "z-ops"], "removed": ["team-a"], "changed": ["finance"], "moved": []})
    );
    assert_eq!(
        ch["people"],
        json!({"added": ["p-amy", "p-zed"], "removed": ["ben"], "changed": ["cy", "lead"], "moved": ["cy"]})
    );
    assert_eq!(
        ch["values"],
        json!({"added": ["v-grit"], "removed": [], "changed": ["v-care"]})
    );
    assert_eq!(
        ch["measures"],
        json!({"added": [], "removed": ["calls"], "changed": ["wins"]})
    );
    assert_eq!(
        ch["goals"],
        json!({"added": ["g-new"], "removed": ["g-ben"], "changed": ["g-cy"], "relinked": []})
    );
    assert_eq!(
        ch["interactions"],
        json!({"added": [], "removed": [{"from": "calls", "to": "wins", "effect": "undermines"}]})
    );
    assert_eq!(
        ch["check_ins"],
        json!({"added": [], "removed": [{"person": "ben", "date": "2026-11-20", "kind": "coaching", "with": "lead"}]})
    );
    // The reverse swaps added and removed.
    let back = json_of(&compare::compare(&after, &before, as_of()))["changes"].clone();
    assert_eq!(back["units"]["added"], ch["units"]["removed"]);
    assert_eq!(back["people"]["removed"], ch["people"]["added"]);
    assert_eq!(back["check_ins"]["added"], ch["check_ins"]["removed"]);
}

#[test]
fn empty_lists_are_present() {
    let c = json_of(&compare::compare(small(), small(), as_of()));
    assert_eq!(
        c["changes"],
        json!({
            "units": {"added": [], "removed": [], "changed": [], "moved": []},
            "people": {"added": [], "removed": [], "changed": [], "moved": []},
            "values": {"added": [], "removed": [], "changed": []},
            "measures": {"added": [], "removed": [], "changed": []},
            "goals": {"added": [], "removed": [], "changed": [], "relinked": []},
            "interactions": {"added": [], "removed": []},
            "check_ins": {"added": [], "removed": []}
        })
    );
    assert_eq!(c["findings"]["resolved"], json!([]));
    assert_eq!(c["findings"]["new"], json!([]));
    assert_eq!(c["findings"]["changed"], json!([]));
    // Keys in the contract's order (serde_json's Value sorts them: read the text).
    let same = compare::compare(small(), small(), as_of());
    let whole = serde_json::to_string(&same).unwrap();
    let findings = serde_json::to_string(&same.findings).unwrap();
    for (text, keys) in [
        (
            &whole,
            &["before", "after", "index_delta", "findings", "changes"][..],
        ),
        (&findings, &["resolved", "new", "changed", "kept"]),
    ] {
        let at = |key: &str| {
            text.find(&format!("\"{key}\":"))
                .unwrap_or_else(|| panic!("{key}"))
        };
        let pos: Vec<usize> = keys.iter().map(|k| at(k)).collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    }
    let c = compare::compare(small(), defaults_changed(), as_of());
    let text = serde_json::to_string(&c.changes).unwrap();
    assert!(text.starts_with(r#"{"units":{"added":[],"removed":[],"changed":[],"moved":[]},"people":{"added":[],"removed":[],"changed":[],"moved":[]},"values":{"added":[],"removed":[],"changed":[]},"measures":{"added":[],"removed":[],"changed":[]},"goals":{"added":[],"removed":[],"changed":["g-cy"],"relinked":[]},"interactions""#), "{text}");
    assert!(text.contains(r#""check_ins":{"added":[{"person":"cy","date":"2026-11-21","kind":"coaching","with":"lead"}],"removed":[{"person":"cy","date":"2026-11-21","kind":"review","with":"lead"}]}"#), "{text}");
    let finding = serde_json::to_string(
        &c.findings
            .resolved
            .first()
            .or(c.findings.new.first())
            .unwrap(),
    )
    .unwrap();
    assert!(
        finding.starts_with(r#"{"rule":"#) && finding.contains(r#","severity":"#),
        "{finding}"
    );
}

/// small() with g-cy's due date removed and Cy's check-in a coaching one.
fn defaults_changed() -> Map {
    let mut m = small();
    m.goals[3].due = None;
    m.check_ins[1].kind = None;
    m
}

/// Every default written out, sets reordered and repeated, duplicate interactions and the
/// check-ins' default kind: the same map by effective value.
fn defaults_written_out(m: &Map) -> Map {
    let mut m = m.clone();
    for g in &mut m.goals {
        g.level.get_or_insert(Level::Objective);
        g.status.get_or_insert(Status::Proposed);
        g.set_by.get_or_insert(g.owner.clone());
        let s = g.supports.get_or_insert_with(Vec::new);
        s.reverse();
        if let Some(first) = s.first().cloned() {
            s.push(first);
        }
        g.values.get_or_insert_with(Vec::new).reverse();
    }
    for x in &mut m.measures {
        x.direction.get_or_insert(Direction::Increase);
        x.leading.get_or_insert(false);
    }
    for v in &mut m.values {
        v.behaviours.get_or_insert_with(Vec::new);
    }
    for c in &mut m.check_ins {
        c.kind.get_or_insert(CheckInKind::Coaching);
        c.notes = Some("notes are not part of a check-in's identity".into());
    }
    for i in &mut m.interactions {
        i.note = Some("nor is an interaction's note".into());
    }
    if let Some(i) = m.interactions.first().cloned() {
        m.interactions.push(i);
    }
    m.interactions.reverse();
    m.check_ins.reverse();
    m.goals.reverse();
    m.people.reverse();
    m
}

#[test]
fn defaults_written_out_and_reordered_sets_are_no_change() {
    for before in [small(), acme()] {
        let mut before = before;
        // Goals with more than one support and value, so that reordering means something.
        if let Some(g) = before.goals.iter_mut().find(|g| g.id == "g-cy") {
            g.supports = Some(vec!["g-sales".into(), "grow".into()]);
            g.values = Some(vec!["v-care".into(), "b-listen".into()]);
        }
        let after = defaults_written_out(&before);
        assert_ne!(before, after);
        let c = compare::compare(&before, &after, as_of());
        assert!(c.changes.is_empty(), "{:#?}", c.changes);
        assert!(c.findings.resolved.is_empty() && c.findings.new.is_empty());
        assert!(c.findings.changed.is_empty());
        assert_eq!(
            c.findings.kept,
            analysis::analyse(before.clone(), as_of()).findings.len()
        );
    }
}

/// One change of each field of each kind, and what it shows in.
#[test]
fn every_field_of_every_entity_counts() {
    type Edit = fn(&mut Map);
    let cases: Vec<(&str, &str, &str, Edit)> = vec![
        ("units", "team-b", "name", |m| m.units[2].name = "X".into()),
        ("units", "team-b", "kind", |m| {
            m.units[2].kind = UnitKind::Function
        }),
        ("units", "team-b", "parent", |m| {
            m.units[2].parent = Some("finance".into())
        }),
        ("people", "ben", "name", |m| m.people[1].name = "X".into()),
        ("people", "ben", "unit", |m| {
            m.people[1].unit = "team-a".into()
        }),
        ("people", "ben", "role", |m| {
            m.people[1].role = Some("Rep".into())
        }),
        ("people", "ben", "role (empty is not absent)", |m| {
            m.people[1].role = Some(String::new())
        }),
        ("people", "ben", "manager", |m| m.people[1].manager = None),
        ("people", "ben", "email", |m| {
            m.people[1].email = Some("b@x".into())
        }),
        ("values", "v-care", "name", |m| {
            m.values[0].name = "X".into()
        }),
        ("values", "v-care", "description", |m| {
            m.values[0].description = Some("d".into())
        }),
        ("values", "v-care", "behaviours", |m| {
            m.values[0].behaviours = Some(Vec::new())
        }),
        ("values", "v-care", "behaviour order", |m| {
            let b = m.values[0].behaviours.as_mut().unwrap();
            b.push(Behaviour {
                id: "b-two".into(),
                name: "Two".into(),
            });
            b.reverse();
        }),
        ("measures", "calls", "name", |m| {
            m.measures[1].name = "X".into()
        }),
        ("measures", "calls", "unit", |m| {
            m.measures[1].unit = Some("n".into())
        }),
        ("measures", "calls", "kind", |m| {
            m.measures[1].kind = MeasureKind::Quality
        }),
        ("measures", "calls", "direction", |m| {
            m.measures[1].direction = Some(Direction::Decrease)
        }),
        ("measures", "calls", "leading", |m| {
            m.measures[1].leading = None
        }),
        ("goals", "g-ben", "title", |m| m.goals[2].title = "X".into()),
        ("goals", "g-ben", "level", |m| {
            m.goals[2].level = Some(Level::Strategy)
        }),
        ("goals", "g-ben", "owner", |m| {
            m.goals[2].owner = "cy".into()
        }),
        ("goals", "g-ben", "set_by", |m| {
            m.goals[2].set_by = Some("lead".into())
        }),
        ("goals", "g-ben", "set_by (absent: the owner)", |m| {
            m.goals[2].set_by = None
        }),
        ("goals", "g-ben", "measure", |m| m.goals[2].measure = None),
        ("goals", "g-ben", "target", |m| {
            m.goals[2].target = Some(5.5)
        }),
        ("goals", "g-ben", "due", |m| {
            m.goals[2].due = format::parse_date("2027-01-01")
        }),
        ("goals", "g-ben", "status", |m| {
            m.goals[2].status = Some(Status::Disputed)
        }),
        ("goals", "g-ben", "supports", |m| {
            m.goals[2].supports = Some(vec!["grow".into()])
        }),
        ("goals", "g-ben", "values", |m| {
            m.goals[2].values = Some(vec!["b-listen".into()])
        }),
    ];
    let before = small();
    assert_eq!(before.goals[2].id, "g-ben");
    for (kind, id, field, edit) in cases {
        let mut after = before.clone();
        edit(&mut after);
        assert!(
            throughline_core::validate::validate(&after).is_empty(),
            "{kind} {field}"
        );
        let ch = json_of(&compare::compare(&before, &after, as_of()))["changes"].clone();
        for (k, lists) in ch.as_object().unwrap() {
            for (list, v) in lists.as_object().unwrap() {
                let expected = match (k == kind, list.as_str()) {
                    (true, "changed") => json!([id]),
                    (true, "moved") if ["parent", "unit", "manager"].contains(&field) => {
                        json!([id])
                    }
                    (true, "relinked") if field == "supports" => json!([id]),
                    _ => json!([]),
                };
                assert_eq!(v, &expected, "{kind} {field}: changes.{k}.{list}");
            }
        }
    }
}

#[test]
fn moved_and_relinked_are_also_changed_and_only_for_their_fields() {
    let before = small();
    let mut after = small();
    after.people[1].unit = "team-a".into(); // Ben moves team
    after.people[2].manager = Some("ben".into()); // Cy reports to Ben
    after.people[0].name = "Ana Lima-Soto".into(); // renamed, not moved
    after.units[3].parent = Some("finance".into()); // Mid-Market moves to Finance
    after.goals[3].supports = Some(vec!["grow".into(), "g-sales".into()]); // Win rate re-linked
    after.goals[1].title = "Sales ARR 2027".into(); // renamed, not re-linked
    let c = compare::compare(&before, &after, as_of());
    let ch = &c.changes;
    assert_eq!(ch.people.moved, ids(&["ben", "cy"]));
    assert_eq!(ch.people.changed, ids(&["ben", "cy", "lead"]));
    assert_eq!(ch.units.moved, ids(&["team-a"]));
    assert_eq!(ch.units.changed, ids(&["team-a"]));
    assert_eq!(ch.goals.relinked, ids(&["g-cy"]));
    assert_eq!(ch.goals.changed, ids(&["g-cy", "g-sales"]));
    // Supports reordered: neither re-linked nor changed.
    let mut reordered = after.clone();
    reordered.goals[3].supports = Some(vec!["g-sales".into(), "grow".into()]);
    let c = compare::compare(&after, &reordered, as_of());
    assert!(c.changes.is_empty(), "{:#?}", c.changes);
}

#[test]
fn interactions_and_check_ins_by_identity() {
    let before = small();
    let mut after = small();
    after.interactions[0].effect = Effect::Feeds; // one removed, one added
    after.interactions[0].note = None;
    after.check_ins[0].kind = Some(CheckInKind::Coaching); // the default written out: no change
    after.check_ins[1].kind = None; // review -> coaching: removed and added
    after.check_ins.push(CheckIn {
        person: "cy".into(),
        with: None,
        date: format::parse_date("2026-11-27").unwrap(),
        kind: Some(CheckInKind::Feedback),
        notes: None,
    });
    let ch = json_of(&compare::compare(&before, &after, as_of()))["changes"].clone();
    assert_eq!(
        ch["interactions"],
        json!({"added": [{"from": "calls", "to": "wins", "effect": "feeds"}],
               "removed": [{"from": "calls", "to": "wins", "effect": "undermines"}]})
    );
    assert_eq!(
        ch["check_ins"],
        json!({
            "added": [
                {"person": "cy", "date": "2026-11-21", "kind": "coaching", "with": "lead"},
                {"person": "cy", "date": "2026-11-27", "kind": "feedback", "with": null}
            ],
            "removed": [{"person": "cy", "date": "2026-11-21", "kind": "review", "with": "lead"}]
        })
    );
    // Repeats count once, wherever they are in the lists.
    let ci = |m: &Map, picks: &[usize]| {
        let mut m = m.clone();
        let all = m.check_ins.clone();
        m.check_ins = picks.iter().map(|&i| all[i].clone()).collect();
        m
    };
    let mut three = small();
    three.check_ins.push(CheckIn {
        person: "lead".into(),
        with: None,
        date: format::parse_date("2026-11-01").unwrap(),
        kind: None,
        notes: None,
    });
    for (b, a, added, removed) in [
        (&[0, 1][..], &[0, 1, 0][..], 0, 0),
        (&[0, 2, 0], &[0, 0], 0, 1),
        (&[0], &[1, 0], 1, 0),
        (&[0, 1, 2], &[2, 1, 0, 1], 0, 0),
        (&[2, 0, 1], &[0, 2, 2], 0, 1),
    ] {
        let c = compare::compare(ci(&three, b), ci(&three, a), as_of());
        assert_eq!(
            (
                c.changes.check_ins.added.len(),
                c.changes.check_ins.removed.len()
            ),
            (added, removed),
            "{b:?} -> {a:?}"
        );
    }
    // `with` is part of the identity.
    let mut with = small();
    with.check_ins[0].with = None;
    let c = compare::compare(&before, &with, as_of());
    assert_eq!(c.changes.check_ins.added.len(), 1);
    assert_eq!(c.changes.check_ins.added[0].with, None);
    assert_eq!(c.changes.check_ins.removed[0].with.as_deref(), Some("lead"));
}

// ---------------------------------------------------------------------------------------
// The command line

#[test]
fn cli_json_is_the_library_comparison_and_findings_are_checks() {
    let before = path_str(&fixture("acme.json")).to_string();
    let after = path_str(&acme_after_path()).to_string();
    let got = compare_json(&[&before, &after]);
    assert_eq!(
        got,
        json_of(&compare::compare(acme(), acme_after(), as_of()))
    );
    // Each listed finding is, byte for byte, a finding of that side's check.
    let check = |p: &str| -> Json {
        let out = throughline(&["check", p, "--format", "json"]);
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let (cb, ca) = (check(&before), check(&after));
    let resolved = got["findings"]["resolved"].as_array().unwrap();
    assert!(!resolved.is_empty());
    for f in resolved {
        assert!(cb["findings"].as_array().unwrap().contains(f), "{f}");
    }
    for f in got["findings"]["new"].as_array().unwrap() {
        assert!(ca["findings"].as_array().unwrap().contains(f), "{f}");
    }
    assert_eq!(got["before"], cb["summary"]);
    assert_eq!(got["after"], ca["summary"]);
}

#[test]
fn text_format_snapshot() {
    let out = throughline(&[
        "compare",
        path_str(&fixture("acme.json")),
        path_str(&acme_after_path()),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Chloe Martin moved from Sales North to Sales South"));
    assert!(text.contains("Forecast within 5% linked to Sales delivers EUR 8M"));
    insta::assert_snapshot!("compare_acme_text", text);
}

#[test]
fn text_names_moves_relinks_and_removals() {
    let before = small();
    let mut after = small();
    after.people[1].unit = "team-a".into();
    after.people[2].manager = None;
    after.units[3].parent = Some("finance".into());
    after.goals[3].supports = Some(vec!["grow".into()]);
    after.goals[1].supports = None;
    after.measures.retain(|m| m.id != "calls");
    after.interactions.clear();
    after.units[4].parent = None;
    after.organisation.name = "Small Co Ltd".into();
    let (b, a) = compare::analyse_both(before, after, as_of());
    let c = compare::compare_sides(b.side(), a.side());
    let text = compare::text(&c, b.side(), a.side());
    for line in [
        "Ben Osei moved from Enterprise to Mid-Market",
        "Cy Park no longer reports to Ana Lima",
        "Mid-Market moved from Sales to Finance",
        "Win rate 30% re-linked to Grow ARR (was Sales ARR)",
        "Sales ARR unlinked from Grow ARR",
        "removed  Calls (calls)",
        "removed  Calls undermines Win rate",
        "Finance moved from Small Co to the top level",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    assert!(
        text.starts_with("Small Co → Small Co Ltd — comparison as of 2026-11-28\n"),
        "{text}"
    );
    let same = compare::compare_sides(b.side(), b.side());
    let text = compare::text(&same, b.side(), b.side());
    assert!(text.contains("Alignment index"));
    assert!(text.contains("(no change)"), "{text}");
    assert!(text.contains("None: no unit, person"), "{text}");
}

/// acme with one goal fewer: what the snapshots named "1" and "77" hold.
fn third() -> Map {
    let mut m = acme();
    m.goals.retain(|g| g.id != "cfo-close");
    m
}

/// A workspace made from acme.json with snapshots: 1 "Before the workshop" (acme), "After"
/// (acme-after), "1" and "77" (names that are all digits, holding [`third`]), two named
/// "Dup"; its current state is acme-after.
fn workspace(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("acme.throughline");
    let mut ws = Workspace::create(&path, &acme(), false, Options::default()).unwrap();
    assert_eq!(ws.save_snapshot("Before the workshop").unwrap(), 1);
    ws.replace_map(&acme_after(), "Workshop").unwrap();
    ws.save_snapshot("After").unwrap();
    ws.replace_map(&third(), "Third").unwrap();
    let one = ws.save_snapshot("1").unwrap();
    let seventy_seven = ws.save_snapshot("77").unwrap();
    ws.save_snapshot("Dup").unwrap();
    ws.save_snapshot("Dup").unwrap();
    ws.replace_map(&acme_after(), "Again").unwrap();
    assert!(one != 1 && seventy_seven < 77, "the ids the test relies on");
    ws.close().unwrap();
    path
}

fn snapshot_id(path: &Path, name: &str) -> Vec<i64> {
    let ws = Workspace::open(path, Options::read_only()).unwrap();
    ws.snapshots()
        .unwrap()
        .into_iter()
        .filter(|s| s.name == name)
        .map(|s| s.id)
        .collect()
}

#[test]
fn workspaces_and_snapshots_by_name_and_id() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(&dir);
    let ws_s = path_str(&ws).to_string();
    let bytes = std::fs::read(&ws).unwrap();
    let reference = json_of(&compare::compare(acme(), acme_after(), as_of()));
    let empty = json_of(&compare::compare(acme_after(), acme_after(), as_of()));
    // --from a name, to the current state.
    assert_eq!(
        compare_json(&[&ws_s, "--from", "Before the workshop"]),
        reference
    );
    // --from and --to by id.
    let after_id = snapshot_id(&ws, "After")[0].to_string();
    let before_id = snapshot_id(&ws, "Before the workshop")[0].to_string();
    assert_eq!(
        compare_json(&[&ws_s, "--from", &before_id, "--to", &after_id]),
        reference
    );
    // --to by name; the reverse direction.
    let back = compare_json(&[&ws_s, "--from", "After", "--to", "Before the workshop"]);
    assert_eq!(
        back,
        json_of(&compare::compare(acme_after(), acme(), as_of()))
    );
    // A name that is all digits: the id wins when it exists ("1" is snapshot 1, acme, not
    // the snapshot named "1")...
    assert_ne!(snapshot_id(&ws, "1"), [1]);
    assert_eq!(
        compare_json(&[&ws_s, "--from", "1", "--to", "After"]),
        reference
    );
    // ...and the name is used when no snapshot has that id.
    let from_third = json_of(&compare::compare(third(), acme_after(), as_of()));
    assert_ne!(from_third, reference);
    assert_eq!(
        compare_json(&[&ws_s, "--from", "77", "--to", "After"]),
        from_third
    );
    assert_eq!(compare_json(&[&ws_s, "--from", "77"]), from_third);
    // Workspace files as BEFORE and AFTER: their current state.
    assert_eq!(compare_json(&[&ws_s, &ws_s]), empty);
    assert_eq!(
        compare_json(&[path_str(&fixture("acme.json")), &ws_s]),
        reference
    );
    // Reading never changes the workspace.
    assert_eq!(std::fs::read(&ws).unwrap(), bytes);
    // Two snapshots of one name: exit 2, naming both ids.
    let dups = snapshot_id(&ws, "Dup");
    assert_eq!(dups.len(), 2);
    let out = throughline(&["compare", &ws_s, "--from", "Dup"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.contains(&format!("ids {}, {}", dups[0], dups[1])) && err.contains(&ws_s),
        "{err}"
    );
    // No such snapshot: exit 2, listing them.
    let out = throughline(&["compare", &ws_s, "--from", "Before", "--to", "After"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("no snapshot \"Before\""),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("1 \"Before the workshop\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn as_of_is_the_flag_else_afters_settings_else_today() {
    let dir = tempfile::tempdir().unwrap();
    let mut before = acme();
    before.settings.as_mut().unwrap().as_of = format::parse_date("2026-01-01");
    let before_p = write(&dir, "before.json", &before);
    let after = acme(); // settings.as_of 2026-11-28
    let after_p = write(&dir, "after.json", &after);
    let mut undated = acme();
    undated.settings = None;
    let undated_p = write(&dir, "undated.json", &undated);
    let summary_at = |p: &Path, date: &str| -> Json {
        let out = throughline(&["check", path_str(p), "--format", "json", "--as-of", date]);
        serde_json::from_str::<Json>(&stdout(&out)).unwrap()["summary"].clone()
    };
    // AFTER's settings.as_of, for both sides (BEFORE's own is not used).
    let c = compare_json(&[path_str(&before_p), path_str(&after_p)]);
    assert_eq!(c["before"], summary_at(&before_p, "2026-11-28"));
    assert_eq!(c["after"], summary_at(&after_p, "2026-11-28"));
    assert_ne!(c["before"], summary_at(&before_p, "2026-01-01"));
    // --as-of first.
    let c = compare_json(&[
        path_str(&before_p),
        path_str(&after_p),
        "--as-of",
        "2026-12-30",
    ]);
    assert_eq!(c["before"], summary_at(&before_p, "2026-12-30"));
    assert_eq!(c["after"], summary_at(&after_p, "2026-12-30"));
    assert_ne!(c["after"], summary_at(&after_p, "2026-11-28"));
    // AFTER without settings.as_of: today.
    let today = chrono::Local::now().date_naive().to_string();
    let out = throughline(&["compare", path_str(&before_p), path_str(&undated_p)]);
    let text = stdout(&out);
    let again = chrono::Local::now().date_naive().to_string();
    assert!(
        text.contains(&format!("comparison as of {today}"))
            || text.contains(&format!("comparison as of {again}")),
        "{text}"
    );
    let c = compare_json(&[path_str(&before_p), path_str(&undated_p)]);
    assert_eq!(c["before"], summary_at(&before_p, &again));
}

#[test]
fn invalid_input_and_misuse_exit_2_with_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let good = path_str(&fixture("acme.json")).to_string();
    let bad = dir.path().join("broken.json");
    std::fs::write(
        &bad,
        r#"{"format": "throughline/1", "organisation": {"name": "B"},
            "goals": [{"id": "g", "title": "G", "owner": "p-x", "suports": []}]}"#,
    )
    .unwrap();
    let bad = path_str(&bad).to_string();
    let bad2 = dir.path().join("broken2.json");
    std::fs::write(&bad2, "{").unwrap();
    let bad2 = path_str(&bad2).to_string();
    let ws = workspace(&dir);
    let ws = path_str(&ws).to_string();
    // An invalid map is reported as check reports it.
    let check = stderr(&throughline(&["check", &bad]));
    assert!(
        check.contains("goals[0].owner") && check.contains("broken.json"),
        "{check}"
    );
    for (b, a) in [(&bad, &good), (&good, &bad)] {
        let out = throughline(&["compare", b, a]);
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        assert_eq!(stderr(&out), check);
    }
    // Both invalid: both named.
    let out = throughline(&["compare", &bad, &bad2]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("broken.json") && err.contains("broken2.json"),
        "{err}"
    );
    for args in [
        vec!["compare"],
        vec!["compare", &good],
        vec!["compare", &good, &good, "--format", "yaml"],
        vec!["compare", &good, &good, "--as-of", "2026-02-30"],
        vec!["compare", &good, "/no/such/file.json"],
        vec!["compare", &good, &good, "--to", "1"],
        vec!["compare", &good, &good, "--from", "1"],
        vec!["compare", &ws, "--to", "1"],
        vec!["compare", &good, "--from", "1"],
        vec!["compare", "-", "-"],
        vec!["compare", "/no/such.throughline", "--from", "1"],
        vec!["compare", &ws, "--from", "Dup"],
        vec!["compare", &ws, "--from", "1", "--to", "nope"],
    ] {
        let out = throughline_with_stdin(&args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
        assert!(!out.stderr.is_empty(), "{args:?} explained nothing");
    }
    let out = throughline(&["compare", &good, "--from", "1"]);
    assert!(
        stderr(&out).contains("is not a workspace file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn before_on_standard_input() {
    let text = std::fs::read(fixture("acme.json")).unwrap();
    let out = throughline_with_stdin(
        &[
            "compare",
            "-",
            path_str(&acme_after_path()),
            "--format",
            "json",
        ],
        &text,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got: Json = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        got,
        json_of(&compare::compare(acme(), acme_after(), as_of()))
    );
}

// ---------------------------------------------------------------------------------------
// Properties

/// Each entity by kind and id as JSON with its defaults filled in and its sets sorted: the
/// reference for `changes`, written without the model's accessors.
fn normalised(m: &Map) -> BTreeMap<&'static str, BTreeMap<String, Json>> {
    let doc: Json = serde_json::from_str(&format::write_map(m)).unwrap();
    let mut out = BTreeMap::new();
    for kind in ["units", "people", "values", "measures", "goals"] {
        let mut by_id = BTreeMap::new();
        for e in doc[kind].as_array().unwrap() {
            let mut e = e.as_object().unwrap().clone();
            let mut default = |k: &str, v: Json| {
                e.entry(k.to_string()).or_insert(v);
            };
            match kind {
                "values" => default("behaviours", json!([])),
                "measures" => {
                    default("direction", json!("increase"));
                    default("leading", json!(false));
                }
                "goals" => {
                    default("level", json!("objective"));
                    default("status", json!("proposed"));
                    let owner = e["owner"].clone();
                    e.entry("set_by".to_string()).or_insert(owner);
                    for set in ["supports", "values"] {
                        let s: BTreeSet<String> = e
                            .get(set)
                            .and_then(|v| v.as_array())
                            .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
                            .unwrap_or_default();
                        e.insert(set.to_string(), json!(s));
                    }
                }
                _ => {}
            }
            by_id.insert(e["id"].as_str().unwrap().to_string(), Json::Object(e));
        }
        out.insert(kind, by_id);
    }
    out
}

fn reference_changes(before: &Map, after: &Map) -> Json {
    let (b, a) = (normalised(before), normalised(after));
    let mut out = serde_json::Map::new();
    for kind in ["units", "people", "values", "measures", "goals"] {
        let (bk, ak) = (&b[kind], &a[kind]);
        let added: Vec<&String> = ak.keys().filter(|k| !bk.contains_key(*k)).collect();
        let removed: Vec<&String> = bk.keys().filter(|k| !ak.contains_key(*k)).collect();
        let both = || bk.keys().filter(|k| ak.contains_key(*k));
        let differ = |fields: &[&str]| -> Vec<&String> {
            both()
                .filter(|k| fields.iter().any(|f| bk[*k].get(*f) != ak[*k].get(*f)))
                .collect()
        };
        let changed: Vec<&String> = both().filter(|k| bk[*k] != ak[*k]).collect();
        let mut o = json!({"added": added, "removed": removed, "changed": changed});
        match kind {
            "units" => o["moved"] = json!(differ(&["parent"])),
            "people" => o["moved"] = json!(differ(&["unit", "manager"])),
            "goals" => o["relinked"] = json!(differ(&["supports"])),
            _ => {}
        }
        out.insert(kind.to_string(), o);
    }
    let set = |m: &Map, which: &str| -> BTreeSet<String> {
        if which == "interactions" {
            m.interactions
                .iter()
                .map(|i| json!({"from": i.from, "to": i.to, "effect": i.effect}).to_string())
                .collect()
        } else {
            m.check_ins
                .iter()
                .map(|c| {
                    json!({"person": c.person, "date": c.date,
                           "kind": c.kind.unwrap_or(CheckInKind::Coaching), "with": c.with})
                    .to_string()
                })
                .collect()
        }
    };
    for which in ["interactions", "check_ins"] {
        let (bs, as_) = (set(before, which), set(after, which));
        let list = |x: &BTreeSet<String>, y: &BTreeSet<String>| -> Vec<Json> {
            x.difference(y)
                .map(|s| serde_json::from_str(s).unwrap())
                .collect()
        };
        out.insert(
            which.to_string(),
            json!({"added": list(&as_, &bs), "removed": list(&bs, &as_)}),
        );
    }
    Json::Object(out)
}

/// The same JSON with the interactions' and check-ins' lists as sets (the reference's
/// order is that of their JSON text, not the contract's).
fn unordered(mut changes: Json) -> Json {
    for which in ["interactions", "check_ins"] {
        for list in ["added", "removed"] {
            let v = changes[which][list].as_array_mut().unwrap();
            v.sort_by_key(|x| x.to_string());
        }
    }
    changes
}

/// A random edit of a map (some of them no change by effective value).
fn edit(m: &mut Map, what: u8, pick: usize, other: usize) {
    let n = |len: usize| if len == 0 { 0 } else { pick % len };
    let o = |len: usize| if len == 0 { 0 } else { other % len };
    match what % 14 {
        0 if !m.goals.is_empty() => {
            let i = n(m.goals.len());
            let g = &mut m.goals[i];
            g.level.get_or_insert(Level::Objective);
            g.status.get_or_insert(Status::Proposed);
            g.set_by.get_or_insert(g.owner.clone());
        }
        1 if !m.goals.is_empty() => {
            let i = n(m.goals.len());
            if let Some(s) = &mut m.goals[i].supports {
                s.reverse();
            }
        }
        2 if !m.people.is_empty() => {
            let u = m.units[o(m.units.len())].id.clone();
            let i = n(m.people.len());
            m.people[i].unit = u;
        }
        3 if !m.people.is_empty() => {
            let i = n(m.people.len());
            let mgr = (!other.is_multiple_of(3)).then(|| m.people[o(m.people.len())].id.clone());
            m.people[i].manager = mgr.filter(|x| *x != m.people[i].id);
        }
        4 if !m.goals.is_empty() => {
            let i = n(m.goals.len());
            let s = m.goals[o(m.goals.len())].id.clone();
            m.goals[i].supports = Some(vec![s]);
        }
        5 if !m.units.is_empty() => {
            let i = n(m.units.len());
            m.units[i].name.push('!');
        }
        6 if !m.goals.is_empty() => {
            let id = m.goals.remove(n(m.goals.len())).id;
            for g in &mut m.goals {
                if let Some(s) = &mut g.supports {
                    s.retain(|x| *x != id);
                }
            }
        }
        7 => {
            let unit = m.units[o(m.units.len())].id.clone();
            m.people.push(Person {
                id: format!("new{pick}"),
                name: "New".into(),
                unit,
                role: None,
                manager: None,
                email: None,
            });
        }
        8 if !m.check_ins.is_empty() => {
            let i = n(m.check_ins.len());
            m.check_ins[i].kind =
                [Some(CheckInKind::Coaching), Some(CheckInKind::Review), None][other % 3];
        }
        9 if !m.interactions.is_empty() => {
            let i = n(m.interactions.len());
            m.interactions[i].effect = [
                Effect::Undermines,
                Effect::Supports,
                Effect::Feeds,
                Effect::Guards,
            ][other % 4];
        }
        10 if m.units.len() > 1 => {
            let i = n(m.units.len());
            let p = m.units[o(m.units.len())].id.clone();
            m.units[i].parent = (p != m.units[i].id).then_some(p);
        }
        11 if !m.measures.is_empty() => {
            let i = n(m.measures.len());
            m.measures[i].leading = [None, Some(false), Some(true)][other % 3];
        }
        12 if !m.goals.is_empty() => {
            let i = n(m.goals.len());
            m.goals[i].status = Some(Status::Agreed);
        }
        13 if !m.people.is_empty() => {
            let i = n(m.people.len());
            let pid = m.people[i].id.clone();
            m.check_ins.push(CheckIn {
                person: pid,
                with: None,
                date: format::parse_date("2026-10-15").unwrap(),
                kind: None,
                notes: None,
            });
        }
        _ => {}
    }
}

fn swapped(c: &Json) -> Json {
    let mut c = c.clone();
    for (_, lists) in c["changes"].as_object_mut().unwrap() {
        let l = lists.as_object_mut().unwrap();
        let added = l["added"].take();
        let removed = l["removed"].take();
        l.insert("added".into(), removed);
        l.insert("removed".into(), added);
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A map against itself: nothing resolved, new or changed, every finding kept.
    #[test]
    fn a_map_against_itself_changes_nothing(map in crate::props::arb_map()) {
        let c = compare::compare(&map, &map, as_of());
        let n = analysis::analyse(map.clone(), as_of()).findings.len();
        prop_assert!(c.findings.resolved.is_empty());
        prop_assert!(c.findings.new.is_empty());
        prop_assert!(c.findings.changed.is_empty());
        prop_assert_eq!(c.findings.kept, n);
        prop_assert!(c.changes.is_empty());
        prop_assert_eq!(c.index_delta, c.before.alignment_index.map(|_| 0.0));
    }

    /// What compare(A, B) resolves, compare(B, A) calls new; added and removed swap.
    #[test]
    fn the_reverse_comparison_mirrors(a in crate::props::arb_map(), b in crate::props::arb_map()) {
        let ab = json_of(&compare::compare(&a, &b, as_of()));
        let ba = json_of(&compare::compare(&b, &a, as_of()));
        prop_assert_eq!(&ab["findings"]["resolved"], &ba["findings"]["new"]);
        prop_assert_eq!(&ab["findings"]["new"], &ba["findings"]["resolved"]);
        prop_assert_eq!(&ab["findings"]["kept"], &ba["findings"]["kept"]);
        let flip = |c: &Json| -> BTreeSet<String> {
            c["findings"]["changed"].as_array().unwrap().iter().map(|x| {
                json!([x["rule"], x["subject"], x["related"], x["before"], x["after"]]).to_string()
            }).collect()
        };
        let unflip = |c: &Json| -> BTreeSet<String> {
            c["findings"]["changed"].as_array().unwrap().iter().map(|x| {
                json!([x["rule"], x["subject"], x["related"], x["after"], x["before"]]).to_string()
            }).collect()
        };
        prop_assert_eq!(flip(&ab), unflip(&ba));
        prop_assert_eq!(&swapped(&ab)["changes"], &ba["changes"]);
        prop_assert_eq!(&ab["before"], &ba["after"]);
        let neg = |d: &Json| d.as_f64().map(|x| if x == 0.0 { 0.0 } else { -x });
        prop_assert_eq!(neg(&ab["index_delta"]), ba["index_delta"].as_f64());
        // And both agree with the references.
        let want = reference_findings(&a, &b, as_of());
        prop_assert_eq!(&ab["findings"], &want["findings"]);
        prop_assert_eq!(unordered(ab["changes"].clone()), unordered(reference_changes(&a, &b)));
    }

    /// Random edits of a map, compared with the original: the references' answer.
    #[test]
    fn random_edits_are_found(
        map in crate::props::arb_map(),
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..6),
    ) {
        let mut after = map.clone();
        for (what, pick, other) in &edits {
            edit(&mut after, *what, *pick, *other);
        }
        prop_assume!(throughline_core::validate::validate(&after).is_empty());
        let c = compare::compare(&map, &after, as_of());
        let got = json_of(&c);
        let want = reference_findings(&map, &after, as_of());
        for key in ["before", "after", "index_delta", "findings"] {
            prop_assert_eq!(&got[key], &want[key], "{}", key);
        }
        prop_assert_eq!(unordered(got["changes"].clone()), unordered(reference_changes(&map, &after)));
        // Contract order of the interactions' and check-ins' lists.
        for which in ["interactions", "check_ins"] {
            for list in ["added", "removed"] {
                let fields: &[&str] = if which == "interactions" { &["from", "to", "effect"] } else { &["person", "date", "kind", "with"] };
                let v: Vec<Vec<String>> = got["changes"][which][list].as_array().unwrap().iter()
                    .map(|x| fields.iter().map(|f| x[*f].as_str().unwrap_or("").to_string()).collect())
                    .collect();
                prop_assert!(v.windows(2).all(|w| w[0] < w[1]), "{} {} {:?}", which, list, v);
            }
        }
    }
}

/// Generated organisations (tidy and messy) against themselves and an edited copy.
#[test]
fn generated_organisations_compare_as_the_reference_says() {
    for messy in [false, true] {
        let mut opts = throughline_core::gen::GenOptions::new(120, 3);
        opts.messy = messy;
        let map = throughline_core::gen::generate(&opts);
        let c = compare::compare(&map, &map, as_of());
        assert!(c.changes.is_empty());
        assert_eq!(
            c.findings.kept,
            analysis::analyse(map.clone(), as_of()).findings.len()
        );
        let mut after = map.clone();
        for i in 0..40usize {
            let mut next = after.clone();
            edit(&mut next, (i % 14) as u8, i * 7919, i * 104_729);
            // Edits that make a cycle (managers, unit parents) are skipped.
            if throughline_core::validate::validate(&next).is_empty() {
                after = next;
            }
        }
        let c = compare::compare(&map, &after, as_of());
        assert_findings_match_reference(&c, &map, &after);
        assert_eq!(
            unordered(json_of(&c)["changes"].clone()),
            unordered(reference_changes(&map, &after))
        );
        assert!(!c.changes.is_empty());
    }
}
