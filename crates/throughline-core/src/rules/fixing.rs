//! What the rules' one-click fixes are made with (`fix:` in `rule!`; `crate::fixes` asks
//! a finding's rule for its fixes).

use crate::finding::Hit;
use crate::model::Goal;
use crate::org::{Node, Org, Party};

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
