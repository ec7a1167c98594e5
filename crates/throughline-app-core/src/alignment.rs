//! The alignment views (issue #13 item 5): who sets targets on whom, coverage of the
//! strategy, and a scorecard per function — the report's numbers
//! ([`throughline_core::alignment`]), named for the page. Computed once per revision
//! ([`Revision::alignment`] keeps it) and read by every view; a cell or band opened asks for
//! its goals ([`alignment_goals`]) with the findings panel's filter that shows their
//! findings.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::session::Revision;
use crate::types::Choice;
use serde::{Deserialize, Serialize};
use throughline_core::alignment::{self as core, FlowCell};
use throughline_core::analysis::Severity;
use throughline_core::model::Status;
use throughline_core::org::{Node, Org};
use throughline_view::FindingFilter;

/// A cell or band lists at most this many goals (all counted).
pub const GOALS_LISTED: usize = 200;
/// A scorecard names at most this many people without recent feedback (all counted).
pub const STALE_LISTED: usize = 20;

/// The label of people and units in no function (the organisation's own unit).
pub const NO_FUNCTION: &str = "Organisation level";

/// The three views of one revision.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AlignmentView {
    pub flows: FlowsView,
    pub coverage: CoverageView,
    pub scorecards: Vec<ScorecardView>,
    /// The organisation's focus function (its unit id), if any.
    pub focus_function: Option<String>,
}

/// Goals set across functions, counted by how they were set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FlowCounts {
    pub goals: u32,
    /// Set by someone in the owner's line of management.
    pub in_line: u32,
    /// Imposed (from outside the owner's line) and agreed by the owner.
    pub imposed_agreed: u32,
    /// Imposed and not agreed: proposed or disputed.
    pub imposed_not_agreed: u32,
    /// Of those, disputed.
    pub disputed: u32,
    /// Goals that trace to a strategy goal or a value.
    pub aligned: u32,
}

impl From<FlowCell> for FlowCounts {
    fn from(c: FlowCell) -> FlowCounts {
        FlowCounts {
            goals: c.goals as u32,
            in_line: c.in_line() as u32,
            imposed_agreed: c.imposed_agreed as u32,
            imposed_not_agreed: c.imposed_not_agreed() as u32,
            disputed: c.imposed_disputed as u32,
            aligned: c.aligned as u32,
        }
    }
}

/// Who sets targets on whom: `cells[setter][owner]` over `functions` (the last one the
/// organisation level, with the id "", when anyone outside a function sets or owns such
/// goals).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FlowsView {
    pub functions: Vec<Choice>,
    pub cells: Vec<Vec<FlowCounts>>,
    /// Per owner function: set on it by others. Per setter: set by it on others.
    pub received: Vec<FlowCounts>,
    pub given: Vec<FlowCounts>,
    pub total: FlowCounts,
}

/// Function × strategy goal: how many goals of each function trace to each strategy goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CoverageView {
    pub strategy: Vec<Choice>,
    pub rows: Vec<CoverageRowView>,
    /// The largest cell, for shading.
    pub max: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CoverageRowView {
    pub function: Choice,
    pub cells: Vec<u32>,
    /// Goals of the function that reach no strategy goal.
    pub untraced: u32,
    /// The function's goals (strategy goals aside).
    pub goals: u32,
}

/// One function at a glance.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScorecardView {
    pub function: Choice,
    pub people: u32,
    pub goals: u32,
    pub person_goals: u32,
    pub aligned: u32,
    /// Aligned and in no imposed, conflicting or unguarded-volume finding.
    pub sound: u32,
    /// The function's alignment index (sound / person goals), one decimal.
    pub index: Option<f64>,
    /// Findings about the function's goals, people and units.
    pub findings: u32,
    pub errors: u32,
    pub warnings: u32,
    pub infos: u32,
    pub by_rule: Vec<RuleCountView>,
    /// Goals other functions set on it, and goals it sets on others.
    pub imposed_in: FlowCounts,
    pub imposed_out: FlowCounts,
    /// People with goals, and of those without a recent check-in (the first
    /// [`STALE_LISTED`] named).
    pub people_with_goals: u32,
    pub stale: u32,
    pub stale_people: Vec<StalePerson>,
    /// Goals owned in the function on a leading measure, a lagging one, and none.
    pub leading: u32,
    pub lagging: u32,
    pub unmeasured: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleCountView {
    pub rule: String,
    /// The rule's name for people ("Imposed goal").
    pub name: String,
    pub severity: Severity,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StalePerson {
    pub id: String,
    pub name: String,
    /// Their last check-in (YYYY-MM-DD), if any.
    pub last_check_in: Option<String>,
}

/// A function as the views label it: its unit's id and name, or "" and [`NO_FUNCTION`].
fn function_choice(org: &Org, f: Option<u32>) -> Choice {
    match f {
        Some(u) => Choice {
            id: org.map.units[u as usize].id.clone(),
            label: org.map.units[u as usize].name.clone(),
            detail: String::new(),
        },
        None => Choice {
            id: String::new(),
            label: NO_FUNCTION.to_string(),
            detail: String::new(),
        },
    }
}

/// Compute the three views of a revision (what [`Revision::alignment`] keeps).
pub fn alignment_view(rev: &Revision) -> AlignmentView {
    let org = &rev.org;
    let map = &*org.map;
    let a = core::alignment(org, &rev.analysis);
    let counts = |c: &[FlowCell]| c.iter().map(|&c| c.into()).collect::<Vec<FlowCounts>>();
    let flows = FlowsView {
        functions: a
            .flows
            .functions
            .iter()
            .map(|&f| function_choice(org, f))
            .collect(),
        cells: a.flows.cells.iter().map(|row| counts(row)).collect(),
        received: counts(&a.flows.received),
        given: counts(&a.flows.given),
        total: a.flows.total.into(),
    };
    let c = &a.coverage;
    let coverage = CoverageView {
        strategy: c
            .strategy
            .iter()
            .map(|&g| Choice {
                id: map.goals[g as usize].id.clone(),
                label: map.goals[g as usize].title.clone(),
                detail: String::new(),
            })
            .collect(),
        rows: c
            .functions
            .iter()
            .enumerate()
            .map(|(i, &f)| CoverageRowView {
                function: function_choice(org, f),
                cells: c.cells[i].iter().map(|&n| n as u32).collect(),
                untraced: c.untraced[i] as u32,
                goals: c.goals[i] as u32,
            })
            .collect(),
        max: c.max as u32,
    };
    let last = core::last_check_ins(org, rev.as_of);
    let scorecards = a
        .scorecards
        .iter()
        .map(|s| ScorecardView {
            function: function_choice(org, Some(s.function)),
            people: s.counts.people as u32,
            goals: s.counts.goals as u32,
            person_goals: s.counts.person_goals as u32,
            aligned: s.counts.aligned as u32,
            sound: s.counts.sound as u32,
            index: s.counts.index(),
            findings: s.findings as u32,
            errors: s.errors as u32,
            warnings: s.warnings as u32,
            infos: s.infos as u32,
            by_rule: s
                .by_rule
                .iter()
                .map(|r| {
                    let rule = throughline_core::rules::REGISTRY[r.rule as usize];
                    RuleCountView {
                        rule: rule.id.to_string(),
                        name: rule.name(),
                        severity: r.severity,
                        count: r.count as u32,
                    }
                })
                .collect(),
            imposed_in: s.imposed_in.into(),
            imposed_out: s.imposed_out.into(),
            people_with_goals: s.people_with_goals as u32,
            stale: s.stale.len() as u32,
            stale_people: s
                .stale
                .iter()
                .take(STALE_LISTED)
                .map(|&p| StalePerson {
                    id: map.people[p as usize].id.clone(),
                    name: map.people[p as usize].name.clone(),
                    last_check_in: last[p as usize].map(|d| d.to_string()),
                })
                .collect(),
            leading: s.leading as u32,
            lagging: s.lagging as u32,
            unmeasured: s.unmeasured as u32,
        })
        .collect();
    AlignmentView {
        flows,
        coverage,
        scorecards,
        focus_function: map.organisation.focus_function.clone(),
    }
}

/// A cell or band of a view, opened: a function is its unit id, "" the organisation level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AlignmentCell {
    /// Goals `setter`'s function sets on `owner`'s.
    Flow { setter: String, owner: String },
    /// Goals of `function` that trace to the strategy goal `strategy`, or (`None`) to none.
    Coverage {
        function: String,
        strategy: Option<String>,
    },
}

/// The goals of a cell or band, and the findings panel's filter for their findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AlignmentGoals {
    /// "Executive team → Sales: 2 goals".
    pub title: String,
    /// The first [`GOALS_LISTED`], in map order.
    pub goals: Vec<AlignmentGoal>,
    pub total: u32,
    /// What the findings panel shows for them: the owner function's findings (of the
    /// rule the cell is about, if one).
    pub filter: FindingFilter,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AlignmentGoal {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub set_by: String,
    pub in_line: bool,
    pub aligned: bool,
    pub status: Status,
    /// Findings naming the goal, and the worst of their severities.
    pub findings: u32,
    pub worst: Option<Severity>,
    /// The rules of those findings, by their names for people, in the findings' order.
    pub rules: Vec<String>,
}

/// A function named by the page: a function unit's id, or "" for the organisation level.
fn function_named(org: &Org, id: &str) -> AppResult<Option<u32>> {
    if id.is_empty() {
        return Ok(None);
    }
    org.unit_index(id)
        .filter(|&u| org.map.units[u as usize].kind == throughline_core::model::UnitKind::Function)
        .map(Some)
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("“{id}” is not a function of the map"),
            )
        })
}

/// The goals of one cell or band of the views (of the revision on screen).
pub fn alignment_goals(rev: &Revision, cell: &AlignmentCell) -> AppResult<AlignmentGoals> {
    let org = &rev.org;
    let map = &*org.map;
    let name = |f: Option<u32>| function_choice(org, f).label;
    let (goals, title, filter) = match cell {
        AlignmentCell::Flow { setter, owner } => {
            let (s, o) = (function_named(org, setter)?, function_named(org, owner)?);
            let goals = core::flow_goals(org, s, o);
            let title = format!("Set by {} on {}", name(s), name(o));
            let filter = FindingFilter {
                function: Some(owner.clone()),
                rule: Some("imposed-goal".to_string()),
                ..FindingFilter::default()
            };
            (goals, title, filter)
        }
        AlignmentCell::Coverage { function, strategy } => {
            let f = function_named(org, function)?;
            let s = match strategy {
                Some(id) => Some(org.goal_index(id).ok_or_else(|| {
                    AppError::new(ErrorCode::NotFound, format!("No goal “{id}” in the map"))
                })?),
                None => None,
            };
            let goals = core::coverage_goals(org, f, s).ok_or_else(|| {
                AppError::new(
                    ErrorCode::NotFound,
                    format!(
                        "“{}” is not a strategy goal",
                        strategy.as_deref().unwrap_or("")
                    ),
                )
            })?;
            let title = match s {
                Some(g) => format!(
                    "Goals of {} that trace to “{}”",
                    name(f),
                    map.goals[g as usize].title
                ),
                None => format!("Goals of {} that trace to no strategy goal", name(f)),
            };
            let filter = FindingFilter {
                function: Some(function.clone()),
                rule: s.is_none().then(|| "orphaned-goal".to_string()),
                ..FindingFilter::default()
            };
            (goals, title, filter)
        }
    };
    let listed = &goals[..goals.len().min(GOALS_LISTED)];
    // Findings naming each listed goal, in one pass over the findings.
    let mut slot = vec![usize::MAX; map.goals.len()];
    for (i, &g) in listed.iter().enumerate() {
        slot[g as usize] = i;
    }
    let mut found: Vec<(u32, Option<Severity>, Vec<u8>)> =
        vec![(0, None, Vec::new()); listed.len()];
    for h in &rev.analysis.hits {
        for n in h.nodes() {
            if let Node::Goal(g) = n {
                if let Some(e) = found.get_mut(slot[g as usize]) {
                    e.0 += 1;
                    e.1 = Some(e.1.map_or(h.severity, |s| s.min(h.severity)));
                    if !e.2.contains(&h.rule) {
                        e.2.push(h.rule);
                    }
                }
            }
        }
    }
    Ok(AlignmentGoals {
        title: format!(
            "{title}: {} goal{}",
            goals.len(),
            if goals.len() == 1 { "" } else { "s" }
        ),
        goals: listed
            .iter()
            .zip(found)
            .map(|(&g, (findings, worst, rules))| AlignmentGoal {
                id: map.goals[g as usize].id.clone(),
                title: map.goals[g as usize].title.clone(),
                owner: org.party_name(org.goal_owner[g as usize]).to_string(),
                set_by: org.party_name(org.goal_setter[g as usize]).to_string(),
                in_line: org.in_line[g as usize],
                aligned: org.aligned[g as usize],
                status: map.goals[g as usize].effective_status(),
                findings,
                worst,
                rules: rules
                    .iter()
                    .map(|&r| throughline_core::rules::REGISTRY[r as usize].name())
                    .collect(),
            })
            .collect(),
        total: goals.len() as u32,
        filter,
    })
}
