//! Property tests: random valid maps never panic, findings do not depend on the order of
//! arrays in the file, and write -> read round-trips.

use proptest::prelude::*;
use throughline_core::model::*;
use throughline_core::{analysis, format};

fn date(day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap() + chrono::Days::new(day as u64)
}

prop_compose! {
    pub(crate) fn arb_map()(
        unit_spec in prop::collection::vec((0u8..3, any::<prop::sample::Index>(), any::<bool>()), 1..7),
        people_spec in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<bool>()), 0..8),
        value_spec in prop::collection::vec(0usize..3, 0..3),
        measure_spec in prop::collection::vec((0u8..5, any::<bool>()), 0..5),
        inter_spec in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0u8..4), 0..7),
        goal_spec in prop::collection::vec((
            (any::<bool>(), any::<bool>(), any::<prop::sample::Index>()),
            (0u8..3, any::<prop::sample::Index>(), any::<bool>(), any::<prop::sample::Index>()),
            (any::<bool>(), any::<bool>(), 0u8..4),
            (prop::collection::vec(any::<prop::sample::Index>(), 0..3), prop::collection::vec(any::<prop::sample::Index>(), 0..2)),
        ), 0..12),
        checkin_spec in prop::collection::vec((any::<prop::sample::Index>(), 0u32..90), 0..8),
        settings_spec in (0u64..40, 0u64..5, 0u64..4, prop::option::of((any::<prop::sample::Index>(), 0u8..4))),
        focus in any::<prop::sample::Index>(),
    ) -> Map {
        let mut map = Map::new("Prop Org");
        for (i, (kind, parent, has_parent)) in unit_spec.iter().enumerate() {
            let kind = [UnitKind::Organisation, UnitKind::Function, UnitKind::Team][*kind as usize];
            let parent = (i > 0 && *has_parent).then(|| format!("u{}", parent.index(i)));
            map.units.push(Unit { id: format!("u{i}"), name: format!("Unit {i}"), kind, parent });
        }
        let n_units = map.units.len();
        for (i, (unit, manager, has_manager)) in people_spec.iter().enumerate() {
            let manager = (i > 0 && *has_manager).then(|| format!("p{}", manager.index(i)));
            map.people.push(Person { id: format!("p{i}"), name: format!("Person {i}"), unit: format!("u{}", unit.index(n_units)), role: None, manager, email: None });
        }
        let mut value_refs = Vec::new();
        for (i, nb) in value_spec.iter().enumerate() {
            let behaviours: Vec<Behaviour> = (0..*nb).map(|j| Behaviour { id: format!("v{i}b{j}"), name: "B".into() }).collect();
            value_refs.push(format!("v{i}"));
            value_refs.extend(behaviours.iter().map(|b| b.id.clone()));
            map.values.push(Value { id: format!("v{i}"), name: format!("Value {i}"), description: None, behaviours: Some(behaviours) });
        }
        let kinds = [MeasureKind::Outcome, MeasureKind::Activity, MeasureKind::Quality, MeasureKind::Behaviour, MeasureKind::Development];
        for (i, (k, leading)) in measure_spec.iter().enumerate() {
            map.measures.push(Measure { id: format!("m{i}"), name: format!("Measure {i}"), unit: None, kind: kinds[*k as usize], direction: None, leading: Some(*leading) });
        }
        let n_measures = map.measures.len();
        if n_measures > 0 {
            let effects = [Effect::Undermines, Effect::Supports, Effect::Feeds, Effect::Guards];
            for (f, t, e) in &inter_spec {
                map.interactions.push(Interaction { from: format!("m{}", f.index(n_measures)), to: format!("m{}", t.index(n_measures)), effect: effects[*e as usize], note: None });
            }
        }
        let n_people = map.people.len();
        let n_goals = goal_spec.len();
        let party = |person: bool, ix: &prop::sample::Index| -> String {
            if person && n_people > 0 { format!("p{}", ix.index(n_people)) } else { format!("u{}", ix.index(n_units)) }
        };
        for (i, ((strategy, owner_person, owner), (setter_kind, setter, has_measure, measure), (has_target, has_due, status), (supports, values))) in goal_spec.iter().enumerate() {
            let set_by = match setter_kind { 0 => None, 1 => Some(party(true, setter)), _ => Some(party(false, setter)) };
            map.goals.push(Goal {
                id: format!("g{i}"),
                title: format!("Goal {i}"),
                level: strategy.then_some(Level::Strategy),
                owner: party(*owner_person, owner),
                set_by,
                measure: (*has_measure && n_measures > 0).then(|| format!("m{}", measure.index(n_measures))),
                target: has_target.then_some(10.0),
                due: has_due.then(|| date(100)),
                status: [None, Some(Status::Proposed), Some(Status::Agreed), Some(Status::Disputed)][*status as usize],
                supports: Some(supports.iter().map(|s| format!("g{}", s.index(n_goals))).collect()),
                values: (!value_refs.is_empty()).then(|| values.iter().map(|v| value_refs[v.index(value_refs.len())].clone()).collect()),
            });
        }
        if n_people > 0 {
            for (p, day) in &checkin_spec {
                map.check_ins.push(CheckIn { person: format!("p{}", p.index(n_people)), with: None, date: date(*day), kind: None, notes: None });
            }
        }
        let (stale, max_goals, max_setters, rule) = settings_spec;
        let rules = rule.map(|(r, s)| {
            let reg = &throughline_core::rules::REGISTRY;
            let setting = [RuleSetting::Off, RuleSetting::Info, RuleSetting::Warning, RuleSetting::Error][s as usize];
            std::iter::once((reg[r.index(reg.len())].id.to_string(), setting)).collect()
        });
        map.settings = Some(Settings { as_of: Some(date(60)), stale_feedback_days: Some(stale), max_goals_per_person: Some(max_goals), max_setters_per_person: Some(max_setters), rules });
        let functions: Vec<&Unit> = map.units.iter().filter(|u| u.kind == UnitKind::Function).collect();
        if !functions.is_empty() {
            map.organisation.focus_function = Some(functions[focus.index(functions.len())].id.clone());
        }
        map
    }
}

/// A deterministic shuffle of every array in the map.
fn shuffled(map: &Map, seed: u64) -> Map {
    let mut state = seed | 1;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    fn shuffle<T>(v: &mut [T], next: &mut impl FnMut(usize) -> usize) {
        for i in (1..v.len()).rev() {
            v.swap(i, next(i + 1));
        }
    }
    let mut m = map.clone();
    shuffle(&mut m.units, &mut next);
    shuffle(&mut m.people, &mut next);
    shuffle(&mut m.values, &mut next);
    shuffle(&mut m.measures, &mut next);
    shuffle(&mut m.interactions, &mut next);
    shuffle(&mut m.goals, &mut next);
    shuffle(&mut m.check_ins, &mut next);
    for g in &mut m.goals {
        if let Some(s) = &mut g.supports {
            shuffle(s, &mut next);
        }
        if let Some(v) = &mut g.values {
            shuffle(v, &mut next);
        }
    }
    m
}

fn keys(report: &analysis::Report) -> Vec<(String, String, String, Vec<String>)> {
    report
        .findings
        .iter()
        .map(|f| {
            (
                f.severity.as_str().to_string(),
                f.rule.clone(),
                f.subject.clone(),
                f.related.clone(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_valid_maps_analyse_without_panicking(map in arb_map()) {
        let problems = throughline_core::validate::validate(&map);
        prop_assert!(problems.is_empty(), "generator made an invalid map: {:?}", problems);
        let report = analysis::analyse(map.clone(), date(60));
        for f in &report.findings {
            prop_assert!(!f.message.is_empty());
            let mut sorted = f.related.clone();
            sorted.sort();
            prop_assert_eq!(&sorted, &f.related);
        }
        if let Some(i) = report.summary.alignment_index {
            prop_assert!((0.0..=100.0).contains(&i));
        }
    }

    #[test]
    fn findings_do_not_depend_on_array_order(map in arb_map(), seed in any::<u64>()) {
        let a = analysis::analyse(map.clone(), date(60));
        let b = analysis::analyse(shuffled(&map, seed), date(60));
        prop_assert_eq!(keys(&a), keys(&b));
        prop_assert_eq!(a.summary.alignment_index, b.summary.alignment_index);
        prop_assert_eq!(a.summary.aligned_person_goals, b.summary.aligned_person_goals);
        let mut ra = a.summary.by_rule.clone();
        let mut rb = b.summary.by_rule.clone();
        ra.sort();
        rb.sort();
        prop_assert_eq!(ra, rb);
    }

    #[test]
    fn write_then_read_round_trips(map in arb_map()) {
        let text = format::write_map(&map);
        let back = format::read_map(&text).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        prop_assert_eq!(back, map);
    }
}

/// Mutate one object of a document: set a field to null, an empty string, a badly written
/// date, an unknown field, or remove a field.
fn mutate(doc: &mut serde_json::Value, pick: usize, what: u8) {
    fn count(v: &serde_json::Value) -> usize {
        match v {
            serde_json::Value::Object(m) => 1 + m.values().map(count).sum::<usize>(),
            serde_json::Value::Array(a) => a.iter().map(count).sum(),
            _ => 0,
        }
    }
    let n = count(doc);
    let mut i = 0;
    let target = pick % n.max(1);
    fn visit(v: &mut serde_json::Value, target: usize, i: &mut usize, what: u8) -> bool {
        if let serde_json::Value::Object(m) = v {
            if *i == target {
                let keys: Vec<String> = m.keys().cloned().collect();
                let key = keys.get(what as usize % keys.len().max(1)).cloned();
                match (what % 5, key) {
                    (0, Some(k)) => {
                        m.insert(k, serde_json::Value::Null);
                    }
                    (1, Some(k)) => {
                        m.insert(k, serde_json::Value::String(String::new()));
                    }
                    (2, Some(k)) => {
                        m.insert(k, serde_json::Value::String("2026-1-05".into()));
                    }
                    (3, _) => {
                        m.insert("suports".into(), serde_json::json!([]));
                    }
                    (_, Some(k)) => {
                        m.remove(&k);
                    }
                    _ => {}
                }
                return true;
            }
            *i += 1;
            for (_, c) in m.iter_mut() {
                if visit(c, target, i, what) {
                    return true;
                }
            }
        } else if let serde_json::Value::Array(a) = v {
            for c in a.iter_mut() {
                if visit(c, target, i, what) {
                    return true;
                }
            }
        }
        false
    }
    visit(doc, target, &mut i, what);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The fast path of `read_map` accepts exactly what the document walker accepts, and
    /// reads the same map.
    #[test]
    fn fast_and_slow_readers_agree(map in arb_map(), pick in any::<usize>(), what in any::<u8>(), mutate_it in any::<bool>()) {
        let mut doc: serde_json::Value = serde_json::from_str(&format::write_map(&map)).unwrap();
        if mutate_it {
            mutate(&mut doc, pick, what);
        }
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let fast = format::read_map(&text);
        let slow = format::read_map_slow(&text);
        prop_assert_eq!(fast, slow);
    }
}
