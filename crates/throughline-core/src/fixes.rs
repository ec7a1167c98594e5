//! One-click fixes: for a finding whose rule makes the fix obvious, the change that fixes
//! it, in the map's own terms (a goal put in place of another, a `supports` link, a new
//! goal). Each rule says its own in its file (`fix:` in `rule!`); the app turns a fix into
//! one edit of the workspace, so it is undone like any other edit and its effect shows.
//!
//! A fix is offered only where the rule's "How to fix" names one change and the map says
//! which: mark a goal agreed (`not-agreed`), have the owner's line set a goal
//! (`imposed-goal`), link a goal to a goal of its owner's line or to a strategy goal
//! (`orphaned-goal`), add a goal on the measure that guards a volume measure
//! (`unguarded-volume`), add a goal on the library's leading pairing of a lagging measure
//! (`lagging-only`). Anything that needs a conversation first (which of two
//! conflicting goals wins, what a vague goal should measure) has none.

use crate::analysis::Hit;
use crate::model::{Goal, Interaction, Measure};
use crate::org::{Node, Org, Party};
use crate::rules::Ctx;
use serde::Serialize;

/// What a fix changes, in the map's terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FixChange {
    /// This goal in place of the one with its id (its status or setter changed).
    PutGoal { goal: Goal },
    /// `goal` supports `supports` from now on.
    LinkSupport { goal: String, supports: String },
    /// A new goal (its id empty: the workspace gives it one).
    CreateGoal { goal: Goal },
    /// A measure from the library, new to the map (its library id).
    CreateMeasure { measure: Measure },
    /// A trade-off from the library, new to the map.
    AddInteraction { interaction: Interaction },
}

/// One fix for one finding: what the button says and the changes it makes, in order
/// (made as one edit: one undo step).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    /// The button's words ("Mark agreed with Ali Hassan").
    pub label: String,
    pub changes: Vec<FixChange>,
}

/// The fixes for `hit` (its rule's `fix`), best first; none when the rule has no obvious
/// one for it.
pub fn fixes(cx: &Ctx, hit: &Hit) -> Vec<Fix> {
    (hit.rule().fix)(cx, hit)
}

/// For rules without a one-click fix.
pub fn no_fix(_: &Ctx, _: &Hit) -> Vec<Fix> {
    Vec::new()
}

/// The goal `g` of the map, to change and put back.
pub(crate) fn goal(org: &Org, g: u32) -> Goal {
    org.map.goals[g as usize].clone()
}

/// Who in the owner's own line sets a goal of `owner`: a person's manager, else their
/// unit; a unit's parent unit, else the unit itself.
pub(crate) fn line_setter(org: &Org, owner: Party) -> Party {
    match owner {
        Party::Person(p) => match org.person_manager[p as usize] {
            Some(m) => Party::Person(m),
            None => Party::Unit(org.person_unit[p as usize]),
        },
        Party::Unit(u) => Party::Unit(org.unit_parent[u as usize].unwrap_or(u)),
    }
}

/// Goals `g` could support without closing a circle, nearest first: the aligned goals of
/// its owner's line (the owner's managers, then the owner's unit and the units above it),
/// then the strategy goals. At most `n`.
pub(crate) fn link_candidates(org: &Org, g: u32, n: usize) -> Vec<u32> {
    let owner = org.goal_owner[g as usize];
    let mut line: Vec<u32> = Vec::new();
    if let Party::Person(p) = owner {
        for m in org.manager_chain(p) {
            line.extend(&org.person_goals[m as usize]);
        }
    }
    for u in org.unit_and_ancestors(org.party_unit(owner)) {
        line.extend(&org.unit_goals[u as usize]);
    }
    let strategy =
        (0..org.map.goals.len() as u32).filter(|&s| org.map.goals[s as usize].is_strategy());
    let mut out: Vec<u32> = Vec::new();
    for c in line.into_iter().chain(strategy) {
        if out.len() == n {
            break;
        }
        let ok = c != g
            && org.aligned[c as usize]
            && !out.contains(&c)
            && !org.goal_supports[g as usize].contains(&c)
            && !reaches(org, c, g);
        if ok {
            out.push(c);
        }
    }
    out
}

/// Does a chain of `supports` lead from `from` to `to`?
fn reaches(org: &Org, from: u32, to: u32) -> bool {
    let mut seen = vec![false; org.map.goals.len()];
    let mut stack = vec![from];
    while let Some(x) = stack.pop() {
        if x == to {
            return true;
        }
        if std::mem::replace(&mut seen[x as usize], true) {
            continue;
        }
        stack.extend(&org.goal_supports[x as usize]);
    }
    false
}

/// A new goal for `owner` on the measure `measure`, titled `title`, supporting what
/// `beside` supports and carrying its values (so it is aligned as that goal is).
pub(crate) fn goal_beside(
    org: &Org,
    beside: u32,
    owner: Party,
    title: &str,
    measure: &str,
) -> Goal {
    let b = &org.map.goals[beside as usize];
    Goal {
        id: String::new(),
        title: title.to_string(),
        level: None,
        owner: org.party_id(owner).to_string(),
        set_by: None,
        measure: Some(measure.to_string()),
        target: None,
        due: None,
        status: None,
        supports: b.supports.clone(),
        values: b.values.clone(),
    }
}

/// The subject of a finding about a goal.
pub(crate) fn subject_goal(hit: &Hit) -> Option<u32> {
    match hit.subject {
        Node::Goal(g) => Some(g),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{run, Analysis};
    use crate::gen::{generate, GenOptions};
    use crate::model::Map;
    use std::sync::Arc;

    /// The day the tests analyse on (the fixture's as-of).
    fn as_of() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    /// The acme fixture.
    fn acme() -> Map {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/acme.json"
        ))
        .unwrap();
        crate::format::read_map(&text).unwrap()
    }

    /// The fixes of `map`'s first finding of `rule`, with the index they were made from.
    fn first_fixes(map: Map, rule: &str) -> (Org, Vec<Fix>) {
        let org = Org::new(Arc::new(map));
        let analysis = run(&org, as_of());
        let hit = analysis
            .hits
            .iter()
            .find(|h| h.rule().id == rule)
            .unwrap_or_else(|| panic!("a finding of {rule}"));
        let found = fixes(&analysis.ctx(&org), hit);
        (org, found)
    }

    /// `changes` made to `map` in order, as the workspace makes them (a new goal gets a
    /// fresh id).
    fn apply(map: &Map, changes: &[FixChange]) -> Map {
        let mut m = map.clone();
        for change in changes {
            match change {
                FixChange::PutGoal { goal } => {
                    let g = m
                        .goals
                        .iter_mut()
                        .find(|x| x.id == goal.id)
                        .expect("the goal");
                    *g = goal.clone();
                }
                FixChange::LinkSupport { goal, supports } => {
                    let g = m
                        .goals
                        .iter_mut()
                        .find(|x| &x.id == goal)
                        .expect("the goal");
                    g.supports
                        .get_or_insert_with(Vec::new)
                        .push(supports.clone());
                }
                FixChange::CreateGoal { goal } => {
                    assert!(goal.id.is_empty(), "the workspace gives the id");
                    let mut g = goal.clone();
                    g.id = format!("fix-new-{}", m.goals.len());
                    m.goals.push(g);
                }
                FixChange::CreateMeasure { measure } => {
                    assert!(
                        m.measures.iter().all(|x| x.id != measure.id),
                        "{} is new",
                        measure.id
                    );
                    m.measures.push(measure.clone());
                }
                FixChange::AddInteraction { interaction } => {
                    m.interactions.push(interaction.clone())
                }
            }
        }
        m
    }

    /// Every fix offered for a finding of `map` resolves that finding and breaks nothing
    /// the map reader checks; returns how many fixes each rule offered.
    fn every_fix_resolves_its_finding(map: Map) -> std::collections::BTreeMap<&'static str, usize> {
        let org = Org::new(Arc::new(map));
        let analysis: Analysis = run(&org, as_of());
        let cx = analysis.ctx(&org);
        let mut offered = std::collections::BTreeMap::new();
        for hit in &analysis.hits {
            let found = fixes(&cx, hit);
            if found.is_empty() {
                continue;
            }
            *offered.entry(hit.rule().id).or_default() += found.len();
            let subject = crate::org::id_of(&org.map, hit.subject).to_string();
            for f in found {
                let fixed = apply(&org.map, &f.changes);
                let problems = crate::validate::validate(&fixed);
                assert!(problems.is_empty(), "{}: {problems:?}", f.label);
                let after = crate::analysis::analyse(fixed, as_of());
                assert!(
                    !after
                        .findings
                        .iter()
                        .any(|x| x.rule == hit.rule().id && x.subject == subject),
                    "“{}” left {} on {subject}",
                    f.label,
                    hit.rule().id
                );
            }
        }
        offered
    }

    #[test]
    fn every_fix_resolves_its_finding_in_the_acme_fixture() {
        let offered = every_fix_resolves_its_finding(acme());
        for rule in ["not-agreed", "imposed-goal", "orphaned-goal"] {
            assert!(offered.contains_key(rule), "no fix for {rule}: {offered:?}");
        }
    }

    #[test]
    fn every_fix_resolves_its_finding_in_a_messy_organisation() {
        let mut opts = GenOptions::new(150, 3);
        opts.messy = true;
        let offered = every_fix_resolves_its_finding(generate(&opts));
        for rule in [
            "not-agreed",
            "imposed-goal",
            "orphaned-goal",
            "lagging-only",
        ] {
            assert!(
                offered.get(rule).is_some_and(|&n| n >= 3),
                "{rule}: {offered:?}"
            );
        }
    }

    /// Every case map of every rule (`tests/rules/`): the fixes offered there resolve
    /// their findings too, and a volume goal whose guard measure is in the map gets one.
    #[test]
    fn every_fix_resolves_its_finding_in_the_rules_cases() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/rules");
        let mut offered = std::collections::BTreeMap::<&str, usize>::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let file: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for case in file["cases"].as_array().unwrap() {
                let mut json = case["map"].clone();
                let obj = json.as_object_mut().unwrap();
                obj.entry("format").or_insert("throughline/1".into());
                obj.entry("organisation")
                    .or_insert(serde_json::json!({"name": "Test"}));
                let map = crate::format::read_map_value(&json).unwrap();
                for (rule, n) in every_fix_resolves_its_finding(map) {
                    *offered.entry(rule).or_default() += n;
                }
            }
        }
        assert!(offered.contains_key("unguarded-volume"), "{offered:?}");
    }

    /// A volume measure the library knows ("MQL volume") with no guard in the map: the fix
    /// adds the library's guard measure, its `guards` trade-off and a goal on it for the
    /// volume goal's function, in one step, and that resolves the finding.
    #[test]
    fn a_volume_goal_gets_the_librarys_guard() {
        let mut map = acme();
        let leads = map.measures.iter_mut().find(|m| m.id == "leads").unwrap();
        leads.name = "MQL volume".into();
        let (org, found) = first_fixes(map, "unguarded-volume");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].label,
            "Give Marketing a goal on “Lead acceptance rate by sales”"
        );
        let kinds: Vec<&str> = found[0]
            .changes
            .iter()
            .map(|c| match c {
                FixChange::CreateMeasure { .. } => "measure",
                FixChange::AddInteraction { .. } => "interaction",
                FixChange::CreateGoal { .. } => "goal",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["measure", "interaction", "goal"]);
        let fixed = apply(&org.map, &found[0].changes);
        assert!(crate::validate::validate(&fixed).is_empty());
        let after = crate::analysis::analyse(fixed, as_of());
        assert!(after.findings.iter().all(|f| f.rule != "unguarded-volume"));
    }

    /// A person measured only on a lagging measure the library knows ("New ARR closed"):
    /// the fix gives them a goal on its leading pairing (Qualified pipeline feeds it), on
    /// the map's own measure of that name, and that resolves the finding.
    #[test]
    fn a_lagging_only_person_gets_the_librarys_leading_pairing() {
        let mut map = acme();
        let revenue = map.measures.iter_mut().find(|m| m.id == "revenue").unwrap();
        revenue.name = "New ARR closed".into();
        let (org, found) = first_fixes(map, "lagging-only");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].label,
            "Give Hannah Cole a goal on “Qualified pipeline”"
        );
        match &found[0].changes[..] {
            [FixChange::CreateGoal { goal }] => {
                assert_eq!(
                    (goal.owner.as_str(), goal.measure.as_deref()),
                    ("cso", Some("pipeline"))
                );
            }
            other => panic!("{other:?}"),
        }
        let fixed = apply(&org.map, &found[0].changes);
        let after = crate::analysis::analyse(fixed, as_of());
        assert!(after.findings.iter().all(|f| f.rule != "lagging-only"));
        // Named otherwise, the library does not say which: no fix.
        let org = Org::new(Arc::new(acme()));
        let analysis = run(&org, as_of());
        let cx = analysis.ctx(&org);
        let hit = analysis
            .hits
            .iter()
            .find(|h| h.rule().id == "lagging-only")
            .unwrap();
        assert!(fixes(&cx, hit).is_empty());
    }

    /// The acme fixture's fixes, in words: what the buttons say.
    #[test]
    fn fixes_say_what_they_do() {
        let org = Org::new(Arc::new(acme()));
        let analysis = run(&org, as_of());
        let cx = analysis.ctx(&org);
        let mut labels: Vec<String> = analysis
            .hits
            .iter()
            .flat_map(|h| {
                let subject = crate::org::id_of(&org.map, h.subject);
                fixes(&cx, h)
                    .into_iter()
                    .map(move |f| format!("{} {subject}: {}", h.rule().id, f.label))
            })
            .collect();
        labels.sort();
        assert_eq!(
            labels,
            [
                "imposed-goal forecast-95: Have Acme Analytics set it (the owner's line)",
                "imposed-goal rep1-calls: Have Hannah Cole set it (the owner's line)",
                "not-agreed rep1-calls: Mark agreed with Ali Hassan",
                "orphaned-goal forecast-95: Link to “EUR 24M qualified pipeline”",
                "orphaned-goal forecast-95: Link to “Sales delivers EUR 8M”",
                "orphaned-goal forecast-95: Link to “Win rate 30%”",
                "orphaned-goal rep1-calls: Link to “Deliver EUR 8M”",
                "orphaned-goal rep1-calls: Link to “Sales delivers EUR 8M”",
                "orphaned-goal rep1-calls: Link to “Win rate 30%”",
            ]
        );
    }
}
