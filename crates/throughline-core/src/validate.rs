//! Semantic validation of a decoded map: duplicate ids, dangling or wrong-kind references,
//! cycles in unit parents and in managers.
//!
//! The same checks serve the JSON reader and any other producer of a [`Map`] (the workspace
//! store validates edits with them), so there is one definition of "a valid map".

use crate::model::Map;
pub use crate::org::EntityKind;
use crate::org::{id_of, IdIndex, Node};
use std::fmt;

/// One reason a document is invalid, with its JSON location.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// JSON location such as `goals[12].owner`, or `line 3, column 7` for syntax errors.
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Where an entity's id is written in the document ("values[2].behaviours[0].id").
pub fn id_path(n: Node) -> String {
    match n {
        Node::Unit(i) => format!("units[{i}].id"),
        Node::Person(i) => format!("people[{i}].id"),
        Node::Value(i) => format!("values[{i}].id"),
        Node::Behaviour(v, b) => format!("values[{v}].behaviours[{b}].id"),
        Node::Measure(i) => format!("measures[{i}].id"),
        Node::Goal(i) => format!("goals[{i}].id"),
    }
}

fn kinds_phrase(kinds: &[EntityKind]) -> String {
    let nouns: Vec<&str> = kinds.iter().map(|k| k.noun()).collect();
    nouns.join(" or ")
}

/// The largest whole number a setting may hold: what every store and every language
/// around the map can keep exactly (a signed 64-bit integer).
pub const MAX_SETTING: u64 = i64::MAX as u64;

/// Validate a map. Returns every problem, in document order.
pub fn validate(map: &Map) -> Vec<Problem> {
    validate_except(map, &[])
}

/// Like [`validate`], but ids in `known` count as existing things of any kind (items that
/// were dropped for a structural problem already reported).
pub fn validate_except(map: &Map, known: &[&str]) -> Vec<Problem> {
    validate_indexed(map, &IdIndex::new(map), known)
}

/// [`validate_except`] with the map's ids indexed already (`IdIndex::new`, or the index
/// the workspace store keeps): the one index of ids, and the duplicates it found.
pub fn validate_indexed(map: &Map, ids: &IdIndex, known: &[&str]) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(s) = &map.settings {
        for (key, v) in [
            ("stale_feedback_days", s.stale_feedback_days),
            ("max_goals_per_person", s.max_goals_per_person),
            ("max_setters_per_person", s.max_setters_per_person),
        ] {
            if let Some(v) = v.filter(|v| *v > MAX_SETTING) {
                problems.push(Problem::new(
                    format!("settings.{key}"),
                    format!("{v} is out of range: at most {MAX_SETTING}"),
                ));
            }
        }
    }
    for (i, g) in map.goals.iter().enumerate() {
        if let Some(t) = g.target.filter(|t| !t.is_finite()) {
            problems.push(Problem::new(
                format!("goals[{i}].target"),
                format!("{t} is not a finite number"),
            ));
        }
    }
    for &(first, again) in ids.duplicates() {
        problems.push(Problem::new(
            id_path(again),
            format!(
                "duplicate id \"{}\": already used by {} at {}",
                id_of(map, again),
                first.kind().article(),
                id_path(first)
            ),
        ));
    }

    let check = |problems: &mut Vec<Problem>,
                 target: &str,
                 allowed: &[EntityKind],
                 path: &dyn Fn() -> String| {
        let found = ids.get(map, target);
        if found.is_none() && known.contains(&target) {
            return;
        }
        if let Some(message) = reference_problem(found.map(Node::kind), target, allowed) {
            problems.push(Problem::new(path(), message));
        }
    };

    use EntityKind as K;
    if let Some(f) = &map.organisation.focus_function {
        check(&mut problems, f, &[K::Unit], &|| {
            "organisation.focus_function".into()
        });
    }
    for (i, u) in map.units.iter().enumerate() {
        if let Some(p) = &u.parent {
            check(&mut problems, p, &[K::Unit], &|| {
                format!("units[{i}].parent")
            });
        }
    }
    for (i, p) in map.people.iter().enumerate() {
        check(&mut problems, &p.unit, &[K::Unit], &|| {
            format!("people[{i}].unit")
        });
        if let Some(m) = &p.manager {
            check(&mut problems, m, &[K::Person], &|| {
                format!("people[{i}].manager")
            });
        }
    }
    for (i, x) in map.interactions.iter().enumerate() {
        check(&mut problems, &x.from, &[K::Measure], &|| {
            format!("interactions[{i}].from")
        });
        check(&mut problems, &x.to, &[K::Measure], &|| {
            format!("interactions[{i}].to")
        });
    }
    for (i, g) in map.goals.iter().enumerate() {
        check(&mut problems, &g.owner, &[K::Person, K::Unit], &|| {
            format!("goals[{i}].owner")
        });
        if let Some(s) = &g.set_by {
            check(&mut problems, s, &[K::Person, K::Unit], &|| {
                format!("goals[{i}].set_by")
            });
        }
        if let Some(m) = &g.measure {
            check(&mut problems, m, &[K::Measure], &|| {
                format!("goals[{i}].measure")
            });
        }
        for (j, s) in g.supports().iter().enumerate() {
            check(&mut problems, s, &[K::Goal], &|| {
                format!("goals[{i}].supports[{j}]")
            });
        }
        for (j, v) in g.values().iter().enumerate() {
            check(&mut problems, v, &[K::Value, K::Behaviour], &|| {
                format!("goals[{i}].values[{j}]")
            });
        }
    }
    for (i, c) in map.check_ins.iter().enumerate() {
        check(&mut problems, &c.person, &[K::Person], &|| {
            format!("check_ins[{i}].person")
        });
        if let Some(w) = &c.with {
            check(&mut problems, w, &[K::Person], &|| {
                format!("check_ins[{i}].with")
            });
        }
    }

    // Cycles in unit parents and in managers.
    let parents: Vec<Option<usize>> = map
        .units
        .iter()
        .map(
            |u| match u.parent.as_deref().and_then(|p| ids.get(map, p)) {
                Some(Node::Unit(i)) => Some(i as usize),
                _ => None,
            },
        )
        .collect();
    for cycle in find_cycles(&parents) {
        let names: Vec<&str> = cycle.iter().map(|&i| map.units[i].id.as_str()).collect();
        problems.push(Problem::new(
            format!("units[{}].parent", cycle[0]),
            format!(
                "cycle in unit parents: {} -> {}",
                names.join(" -> "),
                names[0]
            ),
        ));
    }
    let managers: Vec<Option<usize>> = map
        .people
        .iter()
        .map(
            |p| match p.manager.as_deref().and_then(|m| ids.get(map, m)) {
                Some(Node::Person(i)) => Some(i as usize),
                _ => None,
            },
        )
        .collect();
    for cycle in find_cycles(&managers) {
        let names: Vec<&str> = cycle.iter().map(|&i| map.people[i].id.as_str()).collect();
        problems.push(Problem::new(
            format!("people[{}].manager", cycle[0]),
            format!("cycle in managers: {} -> {}", names.join(" -> "), names[0]),
        ));
    }
    problems
}

/// The problem with a reference to `target` that should name one of `allowed`, given what
/// `target` actually names (`found`); `None` when the reference is fine. The one wording of
/// dangling and wrong-kind references, for documents and for edits alike.
pub fn reference_problem(
    found: Option<EntityKind>,
    target: &str,
    allowed: &[EntityKind],
) -> Option<String> {
    match found {
        Some(k) if allowed.contains(&k) => None,
        Some(k) => Some(format!(
            "\"{target}\" is {}, not {}",
            k.article(),
            kinds_phrase_article(allowed)
        )),
        None => Some(format!("no {} \"{target}\"", kinds_phrase(allowed))),
    }
}

fn kinds_phrase_article(kinds: &[EntityKind]) -> String {
    let nouns: Vec<&str> = kinds.iter().map(|k| k.article()).collect();
    nouns.join(" or ")
}

/// The one rule on empty names and titles. The map format allows an empty one (`name:
/// string`): a document may carry it, and the reader and `check` accept it, so it never
/// blocks any other edit of that entity. An edit may not make one blank: given the text
/// `before` the edit (`None` for a new entity) and `after` it, the problem, or `None`.
///
/// ```
/// use throughline_core::validate::blank_name_problem;
/// assert_eq!(blank_name_problem(Some("Sales"), "  "), Some("must not be empty"));
/// assert_eq!(blank_name_problem(None, ""), Some("must not be empty"));
/// assert_eq!(blank_name_problem(Some(""), ""), None, "kept as the document had it");
/// assert_eq!(blank_name_problem(Some(""), "Sales"), None);
/// ```
pub fn blank_name_problem(before: Option<&str>, after: &str) -> Option<&'static str> {
    let blank = |s: &str| s.trim().is_empty();
    (blank(after) && !before.is_some_and(blank)).then_some("must not be empty")
}

/// Every cycle in a functional graph (each node has at most one successor), each listed
/// once starting from its smallest index, in order of that index.
pub fn find_cycles(next: &[Option<usize>]) -> Vec<Vec<usize>> {
    // 0 = unvisited, 1 = on the current walk, 2 = done.
    let mut state = vec![0u8; next.len()];
    let mut cycles = Vec::new();
    let mut walk = Vec::new();
    for start in 0..next.len() {
        if state[start] != 0 {
            continue;
        }
        walk.clear();
        let mut cur = Some(start);
        while let Some(n) = cur {
            match state[n] {
                0 => {
                    state[n] = 1;
                    walk.push(n);
                    cur = next[n];
                }
                1 => {
                    let pos = walk.iter().position(|&w| w == n).expect("on the walk");
                    let mut cycle = walk[pos..].to_vec();
                    let min = cycle.iter().enumerate().min_by_key(|(_, &v)| v).unwrap().0;
                    cycle.rotate_left(min);
                    cycles.push(cycle);
                    break;
                }
                _ => break,
            }
        }
        for &w in &walk {
            state[w] = 2;
        }
    }
    cycles.sort();
    cycles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_cycle_once() {
        // 0 -> 1 -> 2 -> 0, 3 -> 1, 4 -> 4, 5
        let next = [Some(1), Some(2), Some(0), Some(1), Some(4), None];
        assert_eq!(find_cycles(&next), vec![vec![0, 1, 2], vec![4]]);
    }

    #[test]
    fn no_cycle_in_a_tree() {
        let next = [None, Some(0), Some(0), Some(1)];
        assert!(find_cycles(&next).is_empty());
    }
}
