//! Find goals, people, units and values by name, title, role or id.

use serde::{Deserialize, Serialize};
use throughline_core::org::{Org, Party};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    pub id: String,
    /// "goal", "person", "unit", "value", "behaviour" or "measure".
    pub kind: String,
    pub label: String,
    /// Where it sits: a goal's owner, a person's role and unit, a unit's parent.
    pub context: String,
}

/// Case-insensitive search; exact and prefix matches first, then document order.
pub fn search(org: &Org, query: &str, limit: usize) -> Vec<SearchHit> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let map = &*org.map;
    let mut hits: Vec<(u8, usize, SearchHit)> = Vec::new();
    let mut consider = |texts: &[&str], hit: &dyn Fn() -> SearchHit| {
        let mut best: Option<u8> = None;
        for t in texts {
            let t = t.to_lowercase();
            let rank = if t == q {
                0
            } else if t.starts_with(&q) {
                1
            } else if t
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(&q))
            {
                2
            } else if t.contains(&q) {
                3
            } else {
                continue;
            };
            best = Some(best.map_or(rank, |b: u8| b.min(rank)));
        }
        if let Some(rank) = best {
            let n = hits.len();
            hits.push((rank, n, hit()));
        }
    };
    for (i, u) in map.units.iter().enumerate() {
        consider(&[&u.name, &u.id], &|| SearchHit {
            id: u.id.clone(),
            kind: "unit".into(),
            label: u.name.clone(),
            context: org.unit_parent[i]
                .map(|p| format!("in {}", map.units[p as usize].name))
                .unwrap_or_else(|| "top level".into()),
        });
    }
    for (i, p) in map.people.iter().enumerate() {
        let role = p.role.as_deref().unwrap_or("");
        let email = p.email.as_deref().unwrap_or("");
        consider(&[&p.name, &p.id, role, email], &|| SearchHit {
            id: p.id.clone(),
            kind: "person".into(),
            label: p.name.clone(),
            context: format!(
                "{}{}",
                p.role
                    .as_deref()
                    .map(|r| format!("{r}, "))
                    .unwrap_or_default(),
                map.units[org.person_unit[i] as usize].name
            ),
        });
    }
    for (i, g) in map.goals.iter().enumerate() {
        consider(&[&g.title, &g.id], &|| SearchHit {
            id: g.id.clone(),
            kind: "goal".into(),
            label: g.title.clone(),
            context: match org.goal_owner[i] {
                Party::Person(_) | Party::Unit(_) => {
                    format!("owned by {}", org.party_name(org.goal_owner[i]))
                }
            },
        });
    }
    for v in &map.values {
        consider(&[&v.name, &v.id], &|| SearchHit {
            id: v.id.clone(),
            kind: "value".into(),
            label: v.name.clone(),
            context: "value".into(),
        });
        for b in v.behaviours() {
            consider(&[&b.name, &b.id], &|| SearchHit {
                id: b.id.clone(),
                kind: "behaviour".into(),
                label: b.name.clone(),
                context: format!("behaviour of {}", v.name),
            });
        }
    }
    for m in &map.measures {
        consider(&[&m.name, &m.id], &|| SearchHit {
            id: m.id.clone(),
            kind: "measure".into(),
            label: m.name.clone(),
            context: "measure".into(),
        });
    }
    hits.sort_by_key(|(rank, n, _)| (*rank, *n));
    hits.into_iter().take(limit).map(|(_, _, h)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_name_prefix_first() {
        let map =
            throughline_core::format::read_map(include_str!("../../../tests/fixtures/acme.json"))
                .unwrap();
        let org = Org::new(map.clone().into());
        let hits = search(&org, "ali", 10);
        assert_eq!(hits[0].id, "rep1");
        assert_eq!(hits[0].context, "Sales Representative, Sales North");
        let hits = search(&org, "revenue", 3);
        assert_eq!(hits.len(), 3);
        assert!(search(&org, "  ", 10).is_empty());
        assert!(search(&org, "zzzz", 10).is_empty());
    }
}
