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

use crate::finding::Hit;
pub use crate::finding::{Fix, FixChange};
use crate::rules::Ctx;

/// The fixes for `hit` (its rule's `fix`), best first; none when the rule has no obvious
/// one for it.
pub fn fixes(cx: &Ctx, hit: &Hit) -> Vec<Fix> {
    (hit.rule().fix)(cx, hit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{run, Analysis};
    use crate::gen::{generate, GenOptions};
    use crate::model::Map;
    use crate::org::Org;
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
