//! What the inspector, the pickers and the Measures view show, projected from a revision.
//! Pure: an `Org` (or a map) in, the IPC types out.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::types::*;
use throughline_core::library::measure_library;
use throughline_core::model::{Map, UnitKind};
use throughline_core::org::{Node, Org};
use throughline_core::rules::{rule_by_id, REGISTRY};

/// The selected item, for the inspector.
pub fn entity(org: &Org, id: &str) -> AppResult<Entity> {
    let map = &*org.map;
    let missing = || AppError::new(ErrorCode::NotFound, format!("Nothing has the id \"{id}\"."));
    Ok(match org.lookup(id).ok_or_else(missing)? {
        Node::Goal(g) => Entity::Goal {
            goal: map.goals[g as usize].clone(),
            supports: org
                .supported_by(g)
                .map(|s| Choice {
                    id: map.goals[s as usize].id.clone(),
                    label: map.goals[s as usize].title.clone(),
                    detail: org.party_name(org.goal_owner[s as usize]).to_string(),
                })
                .collect(),
            owner_name: org.party_name(org.goal_owner[g as usize]).to_string(),
            setter_name: org.party_name(org.goal_setter[g as usize]).to_string(),
            aligned: org.aligned[g as usize],
            imposed: !org.in_line[g as usize],
        },
        Node::Person(p) => Entity::Person {
            person: map.people[p as usize].clone(),
            check_ins: map
                .check_ins
                .iter()
                .enumerate()
                .filter(|(_, c)| c.person == id)
                .map(|(i, c)| IndexedCheckIn {
                    index: i as u32,
                    check_in: c.clone(),
                })
                .collect(),
            goals: org.person_goals[p as usize]
                .iter()
                .map(|&g| Choice {
                    id: map.goals[g as usize].id.clone(),
                    label: map.goals[g as usize].title.clone(),
                    detail: String::new(),
                })
                .collect(),
        },
        Node::Unit(u) => Entity::Unit {
            unit: map.units[u as usize].clone(),
        },
        Node::Value(v) => Entity::Value {
            value: map.values[v as usize].clone(),
        },
        Node::Behaviour(v, _) => Entity::Value {
            value: map.values[v as usize].clone(),
        },
        Node::Measure(m) => Entity::Measure {
            measure: map.measures[m as usize].clone(),
        },
    })
}

/// People are listed for pickers up to this many; beyond, pickers search.
pub const PEOPLE_LIST_MAX: usize = 1500;

/// Options for the inspector's pickers.
pub fn choices(org: &Org) -> Choices {
    let map = &*org.map;
    let unit_choice = |i: usize| {
        let u = &map.units[i];
        Choice {
            id: u.id.clone(),
            label: u.name.clone(),
            detail: org.unit_parent[i]
                .map(|p| map.units[p as usize].name.clone())
                .unwrap_or_default(),
        }
    };
    let people_listed = map.people.len() <= PEOPLE_LIST_MAX;
    Choices {
        units: (0..map.units.len()).map(unit_choice).collect(),
        functions: (0..map.units.len())
            .filter(|&i| map.units[i].kind == UnitKind::Function)
            .map(unit_choice)
            .collect(),
        people: if people_listed {
            map.people
                .iter()
                .enumerate()
                .map(|(i, p)| Choice {
                    id: p.id.clone(),
                    label: p.name.clone(),
                    detail: map.units[org.person_unit[i] as usize].name.clone(),
                })
                .collect()
        } else {
            Vec::new()
        },
        people_listed,
        measures: map
            .measures
            .iter()
            .map(|m| Choice {
                id: m.id.clone(),
                label: m.name.clone(),
                detail: format!("{:?}", m.kind).to_lowercase(),
            })
            .collect(),
        values: map
            .values
            .iter()
            .flat_map(|v| {
                std::iter::once(Choice {
                    id: v.id.clone(),
                    label: v.name.clone(),
                    detail: "value".into(),
                })
                .chain(v.behaviours().iter().map(|b| Choice {
                    id: b.id.clone(),
                    label: b.name.clone(),
                    detail: format!("behaviour of {}", v.name),
                }))
            })
            .collect(),
    }
}

/// The Measures view: every measure, every interaction (with the index edits address)
/// and the library.
pub fn measures_view(map: &Map) -> MeasuresView {
    MeasuresView {
        measures: map.measures.clone(),
        interactions: map
            .interactions
            .iter()
            .enumerate()
            .map(|(i, x)| IndexedInteraction {
                index: i as u32,
                interaction: x.clone(),
            })
            .collect(),
        library: measure_library(),
    }
}

/// A rule's documentation, in the sections the app shows.
pub fn rule_doc(id: &str) -> AppResult<RuleDoc> {
    let r = rule_by_id(id)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("No rule \"{id}\".")))?;
    let section = |h: &str| r.section(h).unwrap_or_default();
    Ok(RuleDoc {
        id: r.id.to_string(),
        name: r.name(),
        default_severity: r.default_severity.as_str().to_string(),
        summary: r.summary(),
        what: section("What it flags"),
        why: section("Why it matters"),
        example: section("Example"),
        fix: section("How to fix"),
    })
}

/// Every rule's documentation, in registry order.
pub fn rules() -> AppResult<Vec<RuleDoc>> {
    REGISTRY.iter().map(|r| rule_doc(r.id)).collect()
}

/// The map of a new workspace: the organisation and its root unit.
pub fn new_map(name: &str) -> AppResult<Map> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::new(
            ErrorCode::Invalid,
            "Give the organisation a name.",
        ));
    }
    let mut map = Map::new(name.to_string());
    map.units.push(throughline_core::model::Unit {
        id: "org".into(),
        name: name.to_string(),
        kind: UnitKind::Organisation,
        parent: None,
    });
    Ok(map)
}

/// Read a map document (File ▸ Import map JSON): every problem listed, up to twenty.
pub fn read_map_file(path: &std::path::Path) -> AppResult<Map> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        AppError::new(
            ErrorCode::Io,
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    throughline_core::format::read_map(&text).map_err(|problems| {
        let list: Vec<String> = problems.iter().take(20).map(|p| p.to_string()).collect();
        AppError::new(
            ErrorCode::InvalidMap,
            format!(
                "{} is not a valid map ({} problem{}):\n{}",
                path.display(),
                problems.len(),
                if problems.len() == 1 { "" } else { "s" },
                list.join("\n")
            ),
        )
    })
}
