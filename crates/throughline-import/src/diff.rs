//! The change set between two maps by id: what a map document imported into a workspace
//! changes.

use crate::changes::*;
use crate::goals::goal_changes;
use crate::people::person_changes;
use rustc_hash::FxHashMap;
use throughline_core::Map;

/// What replacing `old` with `new` changes, entity by entity (matched by id). Entities
/// of `old` that `new` lacks are listed as missing (the replacement removes them).
pub fn diff(old: &Map, new: &Map) -> ChangeSet {
    let mut c = ChangeSet::default();
    let people: FxHashMap<&str, usize> = old
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut seen = vec![false; old.people.len()];
    for p in &new.people {
        match people.get(p.id.as_str()) {
            Some(&i) => {
                seen[i] = true;
                let ch = person_changes(&old.people[i], p);
                if ch.is_empty() {
                    c.people.unchanged += 1;
                } else {
                    c.people.updated.push(UpdatedPerson {
                        id: p.id.clone(),
                        name: p.name.clone(),
                        changes: ch,
                    });
                }
            }
            None => c.people.added.push(Named {
                id: p.id.clone(),
                name: p.name.clone(),
            }),
        }
    }
    c.people.missing = old
        .people
        .iter()
        .zip(&seen)
        .filter(|(_, s)| !**s)
        .map(|(p, _)| Missing {
            id: p.id.clone(),
            name: p.name.clone(),
            refused: None,
        })
        .collect();
    let units: FxHashMap<&str, &throughline_core::model::Unit> =
        old.units.iter().map(|u| (u.id.as_str(), u)).collect();
    let new_units: FxHashMap<&str, &throughline_core::model::Unit> =
        new.units.iter().map(|u| (u.id.as_str(), u)).collect();
    for u in &new.units {
        if units.contains_key(u.id.as_str()) {
            c.units.unchanged += 1;
        } else {
            let mut path = vec![u.name.clone()];
            let mut cur = u.parent.as_deref();
            while let Some(p) = cur.and_then(|p| new_units.get(p)) {
                if p.parent.is_none() || path.len() > new.units.len() {
                    break;
                }
                path.push(p.name.clone());
                cur = p.parent.as_deref();
            }
            path.reverse();
            let path = if u.parent.is_none() {
                String::new()
            } else {
                path.join(" > ")
            };
            c.units.added.push(AddedUnit {
                id: u.id.clone(),
                name: u.name.clone(),
                path,
            });
        }
    }
    c.units.missing = old
        .units
        .iter()
        .filter(|u| !new_units.contains_key(u.id.as_str()))
        .map(|u| Missing {
            id: u.id.clone(),
            name: u.name.clone(),
            refused: None,
        })
        .collect();
    let goals: FxHashMap<&str, usize> = old
        .goals
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.as_str(), i))
        .collect();
    let mut seen = vec![false; old.goals.len()];
    for g in &new.goals {
        match goals.get(g.id.as_str()) {
            Some(&i) => {
                seen[i] = true;
                let ch = goal_changes(&old.goals[i], g);
                if ch.is_empty() {
                    c.goals.unchanged += 1;
                } else {
                    c.goals.updated.push(UpdatedGoal {
                        id: g.id.clone(),
                        title: g.title.clone(),
                        changes: ch,
                    });
                }
            }
            None => c.goals.added.push(Titled {
                id: g.id.clone(),
                title: g.title.clone(),
            }),
        }
    }
    c.goals.missing = old
        .goals
        .iter()
        .zip(&seen)
        .filter(|(_, s)| !**s)
        .map(|(g, _)| MissingGoal {
            id: g.id.clone(),
            title: g.title.clone(),
            refused: None,
        })
        .collect();
    let measures: rustc_hash::FxHashSet<&str> =
        old.measures.iter().map(|m| m.id.as_str()).collect();
    c.measures.added = new
        .measures
        .iter()
        .filter(|m| !measures.contains(m.id.as_str()))
        .map(|m| Named {
            id: m.id.clone(),
            name: m.name.clone(),
        })
        .collect();
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_against_itself_changes_nothing_and_edits_show() {
        let map = throughline_core::gen::generate(&throughline_core::gen::GenOptions::new(40, 1));
        let c = diff(&map, &map);
        assert!(c.changes_nothing(false));
        assert_eq!(c.people.unchanged, 40);
        let mut new = map.clone();
        new.people[3].name = "Renamed".into();
        new.goals.remove(0);
        let c = diff(&map, &new);
        assert_eq!(c.people.updated.len(), 1);
        assert_eq!(
            c.people.updated[0].changes["name"][1],
            serde_json::json!("Renamed")
        );
        assert_eq!(c.goals.missing.len(), 1);
    }
}
