//! The measures designer (issue #13 item 4): one function's measures as HR designs them —
//! each measure its goals in the function use, with its kind, leading or lagging, how many
//! goals and people use it, the trade-offs it takes part in as sentences, and what the
//! findings flag about it (a volume measure with no guard in the function) or about the
//! function's people (measured only on lagging measures). Each flag carries its finding's
//! key, so the page asks `get_fixes` for its one-click fix.
//!
//! Pure: read from the revision on screen (its `Org` and its findings), nothing built again.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::session::Revision;
use crate::types::Choice;
use serde::Serialize;
use throughline_core::model::{Effect, MeasureKind, UnitKind};
use throughline_core::org::{Node, Org, Party};
use throughline_store::decisions::FindingKey;

/// A measure lists at most this many of its goals by name.
pub const EXAMPLES: usize = 3;
/// At most this many people measured only on lagging measures are listed (all counted).
pub const LAGGING_LISTED: usize = 50;

/// One function's measures, for the designer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasuresDesigner {
    /// The function shown (none when the map has no function).
    pub function: Option<Choice>,
    /// Every measure a goal owned in the function uses: flagged first, then most used.
    pub measures: Vec<DesignedMeasure>,
    /// People of the function measured only on lagging measures (the first
    /// `LAGGING_LISTED`), in the findings' order.
    pub lagging_only: Vec<MeasureFlag>,
    /// How many people of the function are measured only on lagging measures.
    pub lagging_only_total: u32,
}

/// A measure as the function uses it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DesignedMeasure {
    pub id: String,
    pub name: String,
    pub kind: MeasureKind,
    pub leading: bool,
    pub unit: Option<String>,
    /// Goals owned in the function on this measure.
    pub goals: u32,
    /// People of the function who own one of those goals.
    pub people: u32,
    /// The first few of those goals, in map order.
    pub examples: Vec<GoalUse>,
    /// Every trade-off of the map this measure takes part in, as sentences.
    pub trade_offs: Vec<TradeOff>,
    /// What the findings say about this measure in the function (a volume measure with no
    /// guard).
    pub flags: Vec<MeasureFlag>,
}

/// A goal that uses a measure: its title and its owner's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalUse {
    pub id: String,
    pub title: String,
    pub owner: String,
}

/// A trade-off in plain words: "Pushing Outbound calls per week undermines Win rate".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TradeOff {
    pub sentence: String,
    pub effect: Effect,
    /// The other measure's id.
    pub other: String,
    /// Whether a goal in the function is on the other measure too.
    pub other_in_function: bool,
    /// The map's note on the trade-off, if any.
    pub note: Option<String>,
}

/// A finding flagged in the designer: a sentence and the finding's key (for its fix).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureFlag {
    pub sentence: String,
    pub key: FindingKey,
    /// How many findings this flag stands for (volume goals on the same measure in the
    /// function share one guard, so one fix resolves them all).
    pub count: u32,
}

/// The designer for `function` (a unit of kind function); `None`: the focus function, or
/// the first function of the map. An id that is not a function is refused by name.
pub fn measures_designer(rev: &Revision, function: Option<&str>) -> AppResult<MeasuresDesigner> {
    let org = &rev.org;
    let map = &*org.map;
    let is_function = |u: u32| map.units[u as usize].kind == UnitKind::Function;
    let f = match function {
        Some(id) => Some(
            org.unit_index(id)
                .filter(|&u| is_function(u))
                .ok_or_else(|| {
                    AppError::new(
                        ErrorCode::NotFound,
                        format!(
                            "“{id}” is not a function of the map, so it has no measures to design"
                        ),
                    )
                })?,
        ),
        None => map
            .organisation
            .focus_function
            .as_deref()
            .and_then(|id| org.unit_index(id))
            .filter(|&u| is_function(u))
            .or_else(|| (0..map.units.len() as u32).find(|&u| is_function(u))),
    };
    let Some(f) = f else {
        return Ok(MeasuresDesigner {
            function: None,
            measures: Vec::new(),
            lagging_only: Vec::new(),
            lagging_only_total: 0,
        });
    };

    // The function's goals per measure.
    let mut used: Vec<Vec<u32>> = vec![Vec::new(); map.measures.len()];
    for (g, m) in org.goal_measure.iter().enumerate() {
        if let Some(m) = *m {
            if org.goal_owner_function(g as u32) == Some(f) {
                used[m as usize].push(g as u32);
            }
        }
    }

    // Flags from the findings.
    let mut volume_flags: Vec<Vec<MeasureFlag>> = vec![Vec::new(); map.measures.len()];
    let mut lagging_only = Vec::new();
    let mut lagging_only_total = 0u32;
    for hit in &rev.analysis.hits {
        match (hit.rule().id, hit.subject) {
            ("unguarded-volume", Node::Goal(g)) if org.goal_owner_function(g) == Some(f) => {
                let Some(m) = org.goal_measure[g as usize] else {
                    continue;
                };
                let flags = &mut volume_flags[m as usize];
                match flags.first_mut() {
                    Some(flag) => flag.count += 1,
                    None => flags.push(MeasureFlag {
                        sentence: unguarded_sentence(org, f, m, &hit.related),
                        key: rev.key_of(hit),
                        count: 1,
                    }),
                }
            }
            ("lagging-only", Node::Person(p)) if org.person_function(p) == Some(f) => {
                lagging_only_total += 1;
                if lagging_only.len() < LAGGING_LISTED {
                    lagging_only.push(MeasureFlag {
                        sentence: lagging_sentence(org, p),
                        key: rev.key_of(hit),
                        count: 1,
                    });
                }
            }
            _ => {}
        }
    }

    let mut measures: Vec<DesignedMeasure> = Vec::new();
    for (m, goals) in used.iter().enumerate() {
        if goals.is_empty() {
            continue;
        }
        let measure = &map.measures[m];
        let mut people: Vec<u32> = goals
            .iter()
            .filter_map(|&g| match org.goal_owner[g as usize] {
                Party::Person(p) => Some(p),
                Party::Unit(_) => None,
            })
            .collect();
        people.sort_unstable();
        people.dedup();
        let trade_offs = map
            .interactions
            .iter()
            .filter(|x| x.from == measure.id || x.to == measure.id)
            .filter_map(|x| {
                let from = org.lookup(&x.from)?;
                let to = org.lookup(&x.to)?;
                let (Node::Measure(a), Node::Measure(b)) = (from, to) else {
                    return None;
                };
                let other = if a as usize == m { b } else { a };
                Some(TradeOff {
                    sentence: trade_off_sentence(
                        x.effect,
                        &map.measures[a as usize].name,
                        &map.measures[b as usize].name,
                    ),
                    effect: x.effect,
                    other: map.measures[other as usize].id.clone(),
                    other_in_function: !used[other as usize].is_empty(),
                    note: x.note.clone(),
                })
            })
            .collect();
        measures.push(DesignedMeasure {
            id: measure.id.clone(),
            name: measure.name.clone(),
            kind: measure.kind,
            leading: measure.is_leading(),
            unit: measure.unit.clone(),
            goals: goals.len() as u32,
            people: people.len() as u32,
            examples: goals
                .iter()
                .take(EXAMPLES)
                .map(|&g| GoalUse {
                    id: map.goals[g as usize].id.clone(),
                    title: map.goals[g as usize].title.clone(),
                    owner: org.party_name(org.goal_owner[g as usize]).to_string(),
                })
                .collect(),
            trade_offs,
            flags: std::mem::take(&mut volume_flags[m]),
        });
    }
    // Flagged first (what needs a decision), then most used; otherwise the map's order
    // (the sort is stable).
    measures.sort_by_key(|m| (m.flags.is_empty(), std::cmp::Reverse(m.goals)));

    let u = &map.units[f as usize];
    Ok(MeasuresDesigner {
        function: Some(Choice {
            id: u.id.clone(),
            label: u.name.clone(),
            detail: String::new(),
        }),
        measures,
        lagging_only,
        lagging_only_total,
    })
}

/// A trade-off from measure `from` to measure `to`, in plain words.
pub fn trade_off_sentence(effect: Effect, from: &str, to: &str) -> String {
    match effect {
        Effect::Undermines => format!("Pushing {from} undermines {to}"),
        Effect::Supports => format!("{from} supports {to}"),
        Effect::Feeds => format!("{from} feeds {to}"),
        Effect::Guards => format!("{from} guards {to}"),
    }
}

/// "Nothing in Marketing guards Leads generated, which feeds Qualified pipeline in Sales."
fn unguarded_sentence(org: &Org, f: u32, m: u32, related: &[Node]) -> String {
    let map = &*org.map;
    let mut fed: Vec<String> = Vec::new();
    for n in related {
        let Node::Goal(y) = *n else { continue };
        let Some(to) = org.goal_measure[y as usize] else {
            continue;
        };
        let place = org
            .goal_owner_function(y)
            .map(|u| map.units[u as usize].name.as_str())
            .unwrap_or_else(|| org.party_name(org.goal_owner[y as usize]));
        let text = format!("{} in {place}", map.measures[to as usize].name);
        if !fed.contains(&text) {
            fed.push(text);
        }
    }
    format!(
        "Nothing in {} guards the quality of {}, which feeds {}.",
        map.units[f as usize].name,
        map.measures[m as usize].name,
        and_list(&fed)
    )
}

/// "Hannah Cole (Sales Director) is measured only on lagging measures: Revenue."
fn lagging_sentence(org: &Org, p: u32) -> String {
    let map = &*org.map;
    let person = &map.people[p as usize];
    let mut names: Vec<String> = Vec::new();
    for &g in &org.person_goals[p as usize] {
        if let Some(m) = org.goal_measure[g as usize] {
            let name = &map.measures[m as usize].name;
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    let role = person
        .role
        .as_deref()
        .filter(|r| !r.trim().is_empty())
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    format!(
        "{}{role} is measured only on lagging measures: {}.",
        person.name,
        and_list(&names)
    )
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
