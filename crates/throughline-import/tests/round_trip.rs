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

/// The Decisions sheet (workspace data beside the map) is skipped by the import, named as
/// skipped, and a re-import still changes nothing — even with decisions whose words look
/// like people and goals.
#[test]
fn the_decisions_sheet_is_skipped_and_a_reimport_changes_nothing() {
    use throughline_import::{export_xlsx_with_decisions, DecisionRow};
    let map = generate(&GenOptions::new(120, 3));
    let decisions = vec![
        DecisionRow {
            date: "2026-11-27".into(),
            statement: "=1+1 keep the calls target".into(),
            rationale: "Win rate holds".into(),
            taken_by: vec![map.people[0].name.clone(), map.people[1].name.clone()],
            concerns: vec![format!("“{}”", map.goals[0].title)],
        },
        DecisionRow {
            date: "2026-11-28".into(),
            statement: "Owner: nobody".into(),
            ..Default::default()
        },
    ];
    let bytes = export_xlsx_with_decisions(&map, &decisions);
    let tables = read_tables("export.xlsx", &bytes).expect("the export reads back");
    let sheet = tables
        .iter()
        .find(|t| t.source.sheet.as_deref() == Some("Decisions"))
        .expect("a Decisions sheet");
    assert_eq!(sheet.rows.len(), 3, "the header and two decisions");
    let p = match plan(&tables, &map, &ImportOptions::default()) {
        Ok(p) => p,
        Err(problems) => panic!("{} problems, first: {}", problems.len(), problems[0]),
    };
    assert!(
        p.changes.changes_nothing(false),
        "{}",
        p.changes.to_text(false, 10)
    );
    assert!(
        p.changes
            .skipped_tables
            .iter()
            .any(|t| t.contains("Decisions")),
        "{:?}",
        p.changes.skipped_tables
    );
    assert_eq!(p.changes.people.unchanged, map.people.len());
    assert_eq!(p.changes.goals.unchanged, map.goals.len());
    // No decisions, no sheet.
    let bytes = export_xlsx_with_decisions(&map, &[]);
    let tables = read_tables("export.xlsx", &bytes).expect("reads back");
    assert!(tables
        .iter()
        .all(|t| t.source.sheet.as_deref() != Some("Decisions")));
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

fn every_unit_is_populated(map: &Map) -> bool {
    let mut held: std::collections::HashSet<&str> = Default::default();
    let parent: std::collections::HashMap<&str, Option<&str>> = map
        .units
        .iter()
        .map(|u| (u.id.as_str(), u.parent.as_deref()))
        .collect();
    for p in &map.people {
        let mut cur = Some(p.unit.as_str());
        while let Some(u) = cur {
            if !held.insert(u) {
                break;
            }
            cur = parent.get(u).copied().flatten();
        }
    }
    map.units
        .iter()
        .skip(1)
        .all(|u| held.contains(u.id.as_str()))
}

#[test]
fn import_into_an_empty_map_gives_the_same_findings() {
    let mut map = generate(&GenOptions::new(300, 3));
    assert!(every_unit_is_populated(&map));
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
        // A unit with nobody in it or below it is not in the People sheet, so a new
        // workspace cannot have it (goals name units, they do not create them).
        if every_unit_is_populated(&map) {
            map.check_ins.clear();
            let new = import_into_empty(&map);
            prop_assert_eq!(profile(&new), profile(&map));
        }
    }
}

/// A few bytes of `base` replaced, a slice cut out, or the end cut off.
fn mutate(
    base: &[u8],
    edits: &[(usize, u8)],
    cut: Option<(usize, usize)>,
    truncate: Option<usize>,
) -> Vec<u8> {
    let mut b = base.to_vec();
    for &(at, v) in edits {
        if !b.is_empty() {
            let i = at % b.len();
            b[i] = v;
        }
    }
    if let Some((at, len)) = cut {
        if !b.is_empty() {
            let i = at % b.len();
            let j = (i + len).min(b.len());
            b.drain(i..j);
        }
    }
    if let Some(t) = truncate {
        b.truncate(t % (b.len() + 1));
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Mutated CSV and XLSX bytes are read (or refused) and planned without a panic.
    #[test]
    fn readers_never_panic_on_mutated_bytes(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..12),
        cut in proptest::option::of((any::<usize>(), 0usize..64)),
        truncate in proptest::option::of(any::<usize>()),
        as_xlsx: bool,
    ) {
        let map = generate(&GenOptions::new(12, 5));
        let base: Vec<u8> = if as_xlsx {
            export_xlsx(&map)
        } else {
            "\u{feff}Employee #;Name;Email;Department;Manager\n1;\"Ana \"\"A\"\" Lima\";a@x;Sales;\n2;Bo;b@x;Sales > Enterprise;1\n".as_bytes().to_vec()
        };
        let bytes = mutate(&base, &edits, cut, truncate);
        let name = if as_xlsx { "m.xlsx" } else { "m.csv" };
        if let Ok(tables) = read_tables(name, &bytes) {
            let _ = plan(&tables, &map, &ImportOptions::default());
            let _ = plan(&tables, &Map::new(""), &ImportOptions::default());
        }
    }
}
