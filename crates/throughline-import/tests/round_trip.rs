//! Export → import round trips on generated maps (proptest), and the readers on mutated
//! bytes.

use proptest::prelude::*;
use throughline_core::gen::{generate, GenOptions};
use throughline_core::{analysis, Map};
use throughline_import::{export_xlsx, plan, read_tables, ImportOptions};

fn reimport(map: &Map, base: &Map, opts: &ImportOptions) -> throughline_import::Plan {
    let bytes = export_xlsx(map);
    let tables = read_tables("export.xlsx", &bytes).expect("the export reads back");
    match plan(&tables, base, opts) {
        Ok(p) => p,
        Err(problems) => panic!("{} problems, first: {}", problems.len(), problems[0]),
    }
}

/// Findings per (rule, severity), then the summary's people, goals, person goals and
/// aligned person goals.
type Profile = (Vec<(String, String, usize)>, usize, usize, usize, usize);

fn profile(map: &Map) -> Profile {
    let as_of = map
        .settings
        .as_ref()
        .and_then(|s| s.as_of)
        .unwrap_or_default();
    let r = analysis::analyse(map.clone(), as_of);
    let mut counts: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for f in &r.findings {
        *counts
            .entry((f.rule.clone(), f.severity.as_str().to_string()))
            .or_default() += 1;
    }
    let s = &r.summary;
    (
        counts.into_iter().map(|((a, b), n)| (a, b, n)).collect(),
        s.people,
        s.goals,
        s.person_goals,
        s.aligned_person_goals,
    )
}

#[test]
fn export_then_import_into_the_same_map_changes_nothing() {
    let map = generate(&GenOptions::new(300, 7));
    let p = reimport(&map, &map, &ImportOptions::default());
    assert!(
        p.changes.changes_nothing(false),
        "{}",
        p.changes.to_text(false, 10)
    );
    assert!(
        p.changes.people.missing.is_empty()
            && p.changes.goals.missing.is_empty()
            && p.changes.units.missing.is_empty()
    );
    assert_eq!(p.changes.people.unchanged, map.people.len());
    assert_eq!(p.changes.goals.unchanged, map.goals.len());
    assert_eq!(p.map, map);
}

/// An empty workspace holding only the original's values and settings (values and
/// check-ins are not part of the export).
fn empty_like(map: &Map) -> Map {
    let mut base = Map::new(map.organisation.name.clone());
    base.values = map.values.clone();
    base.settings = map.settings.clone();
    base
}

fn import_into_empty(map: &Map) -> Map {
    let opts = ImportOptions {
        organisation: Some(map.units[0].name.clone()),
        ..Default::default()
    };
    let mut new = reimport(map, &empty_like(map), &opts).map;
    // The focus function by name (its id is the import's).
    if let Some(focus) = &map.organisation.focus_function {
        let name = &map.units.iter().find(|u| &u.id == focus).unwrap().name;
        new.organisation.focus_function = new
            .units
            .iter()
            .find(|u| &u.name == name)
            .map(|u| u.id.clone());
    }
    new
}

#[test]
fn import_into_an_empty_map_gives_the_same_findings() {
    let mut map = generate(&GenOptions::new(300, 3));
    map.check_ins.clear();
    let new = import_into_empty(&map);
    assert_eq!(new.people.len(), map.people.len());
    assert_eq!(new.goals.len(), map.goals.len());
    assert_eq!(profile(&new), profile(&map));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn round_trips_of_generated_maps(people in 0usize..1000, seed in 0u64..1000, messy: bool) {
        let mut opts = GenOptions::new(people, seed);
        opts.messy = messy;
        let mut map = generate(&opts);
        let p = reimport(&map, &map, &ImportOptions::default());
        prop_assert!(p.changes.changes_nothing(false), "{}", p.changes.to_text(false, 10));
        prop_assert_eq!(&p.map, &map);
        map.check_ins.clear();
        let new = import_into_empty(&map);
        prop_assert_eq!(profile(&new), profile(&map));
    }
}
