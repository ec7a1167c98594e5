//! The report's content, computed once from the map and the `check` findings, and rendered
//! by every format. Everything here is plain data: numbers are counted, never estimated, and
//! every finding comes from [`throughline_core::analysis::run`] unchanged.

use crate::ReportError;
use rustc_hash::FxHashMap;
use serde::Serialize;
use throughline_core::alignment::{self, FlowCell, Scorecard};
use throughline_core::analysis::{Analysis, Finding, Report, Severity};
use throughline_core::model::{Effect, MeasureKind, UnitKind};
use throughline_core::org::{Node, Party};
use throughline_core::patterns::Pattern;
use throughline_core::rules;
use throughline_core::rules::{Ctx, REGISTRY};
use throughline_core::Org;
use throughline_view::format_number;

/// Label used for people and units that belong to no function (the organisation's own
/// unit and anyone placed directly in it).
pub const NO_FUNCTION: &str = "Organisation level";

/// The rules whose findings the executive summary calls the top risks, in this order.
pub const RISK_RULES: [&str; 4] = [
    "imposed-goal",
    "conflicting-goals",
    "unguarded-volume",
    "orphaned-goal",
];

/// Lists in the narrative formats (PDF, HTML, Markdown) stop after this many rows and say
/// how many more there are; the full lists are in the XLSX, CSV and JSON tables.
pub const LIST_CAP: usize = 25;
/// Individual goals are listed per function in the narrative formats up to this many.
pub const PERSON_GOALS_CAP: usize = 60;
/// Conflicting pairs listed one by one in the narrative formats.
pub const CONFLICTS_CAP: usize = 50;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Label {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    pub title: String,
    pub organisation: String,
    pub as_of: String,
    /// The day the report was made (passed in; the report never reads the clock).
    pub generated: String,
    /// The function the report is narrowed to, if any.
    pub scope: Option<Label>,
    pub headline: Headline,
    /// The whole organisation's headline, when the report is narrowed to a function.
    pub organisation_headline: Option<Headline>,
    pub risks: Vec<Risk>,
    pub imposition: Imposition,
    /// Every conflicting pair (the narrative formats list the first [`CONFLICTS_CAP`]).
    pub conflicts: Vec<Conflict>,
    /// The conflicts grouped by the trade-off behind them, most pairs first.
    pub trade_offs: Vec<TradeOff>,
    pub coverage: Coverage,
    pub functions: Vec<FunctionSection>,
    pub rules: Vec<RuleEntry>,
    pub findings: Vec<FindingRow>,
    pub goals: Vec<GoalRow>,
    pub people: Vec<PersonRow>,
    pub measures: Vec<MeasureRow>,
    /// Indexes, into the `check` findings, of the findings in this report (all of them
    /// unless narrowed to a function), in `check` order.
    #[serde(skip)]
    pub finding_index: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    pub people: usize,
    pub goals: usize,
    pub person_goals: usize,
    pub aligned_person_goals: usize,
    /// Goals owned by people that are aligned and named in no `conflicting-goals`,
    /// `imposed-goal` or `unguarded-volume` finding: the index's numerator.
    pub sound_person_goals: usize,
    /// Percentage with one decimal (`sound / person goals`, as `check` computes it);
    /// `None` when nobody owns a goal.
    pub alignment_index: Option<f64>,
    /// The index as printed: "76.3%", or "n/a".
    pub index_text: String,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    pub rule: String,
    pub heading: String,
    /// One plain sentence: how many, and where.
    pub summary: String,
    pub count: usize,
    pub items: Vec<RiskItem>,
    /// Findings of this rule in no listed pattern.
    pub more: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskItem {
    pub severity: Severity,
    /// The pattern in plain words, without ids.
    pub message: String,
    /// How many findings the pattern groups.
    pub findings: usize,
    pub people: Vec<String>,
    pub functions: Vec<String>,
}

/// Goals set by one function on another. Rows are setters, columns owners, both in
/// `functions` order; the last entry of `functions` is [`NO_FUNCTION`] when anyone outside
/// a function sets or owns such goals.
#[derive(Debug, Clone, Serialize)]
pub struct Imposition {
    pub functions: Vec<Label>,
    /// `cells[setter][owner]`; the diagonal (set inside the function) is always zero.
    pub cells: Vec<Vec<ImpositionCell>>,
    /// Per owner function: goals set on it by other functions, and how many are aligned.
    pub received: Vec<ImpositionCell>,
    pub total: ImpositionCell,
}

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct ImpositionCell {
    pub goals: usize,
    /// Of those, goals not in the owner's line (the imposed-goal rule's test).
    pub imposed: usize,
    pub aligned: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub severity: Severity,
    pub goal: GoalRef,
    pub other: GoalRef,
    /// "Outbound calls undermines Win rate: time spent dialling is not spent on deals".
    pub trade_off: String,
    /// The measure that undermines, and the one it undermines.
    pub undermining: String,
    pub undermined: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TradeOff {
    pub undermining: String,
    pub undermined: String,
    /// Why, from the interaction's note (may be empty).
    pub note: String,
    pub pairs: usize,
    pub errors: usize,
    pub functions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalRef {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub measure: Option<String>,
    pub function: String,
}

/// How many goals of each function trace (through `supports`) to each strategy goal.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub strategy: Vec<Label>,
    pub rows: Vec<CoverageRow>,
    /// The largest cell, for shading.
    pub max: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoverageRow {
    pub function: Label,
    pub cells: Vec<usize>,
    /// Goals of the function that reach no strategy goal.
    pub untraced: usize,
    /// Non-strategy goals owned in the function.
    pub goals: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct FunctionSection {
    pub function: Label,
    pub people: usize,
    pub headline: Headline,
    /// Goals owned by the function's units (the function and its teams), up to
    /// [`PERSON_GOALS_CAP`]: the function's own first.
    pub unit_goals: Vec<GoalRow>,
    pub unit_goals_total: usize,
    /// Goals owned by its people, up to [`PERSON_GOALS_CAP`].
    pub person_goals: Vec<GoalRow>,
    pub person_goals_total: usize,
    pub measures: Vec<MeasureUse>,
    pub findings_by_rule: Vec<RuleFindings>,
    /// People with goals and no recent check-in (the stale-feedback findings).
    pub without_feedback: Vec<String>,
    pub without_feedback_total: usize,
    /// Goals other functions set on this one.
    pub imposed_on: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureUse {
    pub name: String,
    pub kind: MeasureKind,
    pub goals: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleFindings {
    pub rule: String,
    pub severity: Severity,
    pub count: usize,
    pub messages: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleEntry {
    pub id: String,
    pub default_severity: Severity,
    pub count: usize,
    pub summary: String,
    pub what: String,
    pub why: String,
    pub fix: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingRow {
    pub severity: Severity,
    pub rule: String,
    pub subject: String,
    pub subject_name: String,
    pub related: Vec<String>,
    pub related_names: Vec<String>,
    pub function: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalRow {
    pub id: String,
    pub title: String,
    pub level: String,
    pub owner: String,
    pub owner_kind: String,
    pub set_by: String,
    pub function: String,
    pub measure: String,
    pub measure_kind: String,
    pub target: String,
    pub due: String,
    pub status: String,
    pub supports: Vec<String>,
    pub imposed: bool,
    pub aligned: bool,
    pub findings: usize,
    /// Worst severity of the findings naming the goal.
    pub worst: Option<Severity>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub role: String,
    pub unit: String,
    pub function: String,
    pub manager: String,
    pub goals: usize,
    pub aligned_goals: usize,
    pub last_check_in: String,
    pub findings: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureRow {
    pub id: String,
    pub name: String,
    pub kind: MeasureKind,
    pub unit: String,
    pub direction: String,
    pub leading: bool,
    pub goals: usize,
    /// "undermines Win rate; guarded by Lead acceptance rate"
    pub interactions: String,
}

pub struct BuildOptions<'a> {
    pub title: Option<&'a str>,
    pub function: Option<&'a str>,
    pub as_of: chrono::NaiveDate,
    pub generated: chrono::NaiveDate,
}

/// Resolve `--function`: a function unit's id, or its name (case-insensitive).
pub fn resolve_function(org: &Org, wanted: &str) -> Result<u32, ReportError> {
    let functions: Vec<u32> = (0..org.map.units.len() as u32)
        .filter(|&u| org.map.units[u as usize].kind == UnitKind::Function)
        .collect();
    if let Some(u) = org.unit_index(wanted) {
        if org.map.units[u as usize].kind == UnitKind::Function {
            return Ok(u);
        }
        return Err(ReportError::NotAFunction {
            id: wanted.to_string(),
            kind: format!("{:?}", org.map.units[u as usize].kind).to_lowercase(),
        });
    }
    let by_name: Vec<u32> = functions
        .iter()
        .copied()
        .filter(|&u| org.map.units[u as usize].name.eq_ignore_ascii_case(wanted))
        .collect();
    if by_name.len() == 1 {
        return Ok(by_name[0]);
    }
    Err(ReportError::UnknownFunction {
        wanted: wanted.to_string(),
        known: functions
            .iter()
            .map(|&u| {
                let unit = &org.map.units[u as usize];
                format!("{} ({})", unit.id, unit.name)
            })
            .collect(),
    })
}

fn function_name(org: &Org, f: Option<u32>) -> String {
    match f {
        Some(u) => org.map.units[u as usize].name.clone(),
        None => NO_FUNCTION.to_string(),
    }
}

fn name(org: &Org, id: &str) -> String {
    org.name_of(id).unwrap_or(id).to_string()
}

/// A count with grouped digits: 23163 -> "23,163".
pub fn num(n: usize) -> String {
    format_number(n as f64)
}

/// "1 goal" / "23,163 goals".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", num(n), if n == 1 { one } else { many })
}

pub fn index_text(index: Option<f64>) -> String {
    match index {
        Some(x) => format!("{x:.1}%"),
        None => "n/a".to_string(),
    }
}

/// The alignment index's inputs over some person-owned goals.
#[derive(Debug, Clone, Copy)]
struct IndexCounts {
    person_goals: usize,
    aligned: usize,
    /// Aligned and named in no finding of an index rule.
    sound: usize,
}

/// Findings counted by severity.
#[derive(Debug, Clone, Copy)]
struct Tally {
    findings: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Tally {
    /// Count the severities of some findings.
    fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Tally {
        let mut t = Tally {
            findings: 0,
            errors: 0,
            warnings: 0,
            infos: 0,
        };
        for f in findings {
            t.findings += 1;
            match f.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.infos += 1,
            }
        }
        t
    }
}

/// A headline from its counts; `index` is the alignment index of `counts`.
fn headline(
    people: usize,
    goals: usize,
    counts: IndexCounts,
    index: Option<f64>,
    tally: Tally,
) -> Headline {
    Headline {
        people,
        goals,
        person_goals: counts.person_goals,
        aligned_person_goals: counts.aligned,
        sound_person_goals: counts.sound,
        alignment_index: index,
        index_text: index_text(index),
        findings: tally.findings,
        errors: tally.errors,
        warnings: tally.warnings,
        infos: tally.infos,
    }
}

/// What every section is built from: the map's index, the findings, the function each
/// finding's subject is in and which findings the report covers.
struct Basis<'a> {
    org: &'a Org,
    analysis: &'a Analysis,
    check: &'a Report,
    /// The function the report is narrowed to.
    scope: Option<u32>,
    /// Per finding, the function of its subject.
    subject_function: Vec<Option<u32>>,
    /// The findings in the report (naming the scope's function, when narrowed), in order.
    scoped: Vec<usize>,
    scoped_findings: Vec<&'a Finding>,
    /// Per id: how many findings name it, and the worst of their severities.
    by_id: FxHashMap<&'a str, (usize, Severity)>,
    /// Function units, in document order.
    all_functions: Vec<u32>,
    /// Per person, their last check-in on or before the as-of date.
    last_check_in: Vec<Option<chrono::NaiveDate>>,
    /// Every function's scorecard (`alignment::scorecards`), in `all_functions` order.
    scorecards: Vec<Scorecard>,
}

impl<'a> Basis<'a> {
    /// Where each finding falls, which are in scope, and the per-id and per-person facts.
    fn new(
        org: &'a Org,
        analysis: &'a Analysis,
        check: &'a Report,
        scope: Option<u32>,
        as_of: chrono::NaiveDate,
    ) -> Self {
        // A finding concerns the functions of its subject and of its related entities.
        let mut subject_function = Vec::with_capacity(analysis.hits.len());
        let mut scoped = Vec::new();
        for (i, h) in analysis.hits.iter().enumerate() {
            subject_function.push(org.function_of_node(h.subject));
            if scope.is_none_or(|s| h.nodes().any(|n| org.function_of_node(n) == Some(s))) {
                scoped.push(i);
            }
        }
        let scoped_findings = scoped.iter().map(|&i| &check.findings[i]).collect();
        let mut by_id: FxHashMap<&str, (usize, Severity)> = FxHashMap::default();
        for f in &check.findings {
            for id in std::iter::once(&f.subject).chain(&f.related) {
                let e = by_id.entry(id.as_str()).or_insert((0, f.severity));
                e.0 += 1;
                e.1 = e.1.min(f.severity);
            }
        }
        Basis {
            org,
            analysis,
            check,
            scope,
            subject_function,
            scoped,
            scoped_findings,
            by_id,
            all_functions: alignment::functions(org),
            last_check_in: alignment::last_check_ins(org, as_of),
            scorecards: alignment::scorecards(org, analysis),
        }
    }

    /// A function's label (the id is empty for [`NO_FUNCTION`]).
    fn label_of(&self, f: Option<u32>) -> Label {
        Label {
            id: f.map_or(String::new(), |u| self.org.map.units[u as usize].id.clone()),
            name: function_name(self.org, f),
        }
    }

    /// The functions a section has rows for: the scope alone, or every function.
    fn section_functions(&self) -> Vec<Option<u32>> {
        match self.scope {
            Some(s) => vec![Some(s)],
            None => self.all_functions.iter().map(|&f| Some(f)).collect(),
        }
    }

    /// The scorecard of the function `f`.
    fn card(&self, f: u32) -> &Scorecard {
        let i = self
            .all_functions
            .iter()
            .position(|&u| u == f)
            .expect("a function of the map");
        &self.scorecards[i]
    }

    /// The headline of one function: its people, the goals its units and people own, and
    /// `findings`.
    fn function_headline(&self, f: u32, findings: &[&Finding]) -> Headline {
        let c = self.card(f).counts;
        let counts = IndexCounts {
            person_goals: c.person_goals,
            aligned: c.aligned,
            sound: c.sound,
        };
        headline(
            c.people,
            c.goals,
            counts,
            c.index(),
            Tally::of(findings.iter().copied()),
        )
    }

    /// One goal in a list of goals: its title, owner, measure and function.
    fn goal_ref(&self, g: u32) -> GoalRef {
        let (org, map) = (self.org, &*self.org.map);
        GoalRef {
            id: map.goals[g as usize].id.clone(),
            title: map.goals[g as usize].title.clone(),
            owner: org.party_name(org.goal_owner[g as usize]).to_string(),
            measure: org.goal_measure[g as usize].map(|m| map.measures[m as usize].name.clone()),
            function: function_name(org, org.goal_owner_function(g)),
        }
    }

    /// One goal as a table row, with the findings that name it.
    fn goal_row(&self, g: u32) -> GoalRow {
        let (org, map) = (self.org, &*self.org.map);
        let goal = &map.goals[g as usize];
        let (findings, worst) = self
            .by_id
            .get(goal.id.as_str())
            .map_or((0, None), |(n, s)| (*n, Some(*s)));
        let measure = org.goal_measure[g as usize].map(|m| &map.measures[m as usize]);
        GoalRow {
            id: goal.id.clone(),
            title: goal.title.clone(),
            level: if goal.is_strategy() {
                "strategy"
            } else {
                "objective"
            }
            .into(),
            owner: org.party_name(org.goal_owner[g as usize]).to_string(),
            owner_kind: match org.goal_owner[g as usize] {
                Party::Person(_) => "person",
                Party::Unit(_) => "unit",
            }
            .into(),
            set_by: org.party_name(org.goal_setter[g as usize]).to_string(),
            function: function_name(org, org.goal_owner_function(g)),
            measure: measure.map(|m| m.name.clone()).unwrap_or_default(),
            measure_kind: measure
                .map(|m| format!("{:?}", m.kind).to_lowercase())
                .unwrap_or_default(),
            target: goal
                .target
                .map(|t| {
                    let unit = measure.and_then(|m| m.unit.as_deref()).unwrap_or("");
                    match unit {
                        "" => format_number(t),
                        "%" => format!("{}%", format_number(t)),
                        u => format!("{} {u}", format_number(t)),
                    }
                })
                .unwrap_or_default(),
            due: goal.due.map(|d| d.to_string()).unwrap_or_default(),
            status: format!("{:?}", goal.effective_status()).to_lowercase(),
            supports: goal.supports().iter().map(|s| name(org, s)).collect(),
            imposed: !org.in_line[g as usize],
            aligned: org.aligned[g as usize],
            findings,
            worst,
        }
    }
}

/// Compute the report's content: each section in turn, from the map and `check`'s findings.
pub fn build(
    org: &Org,
    analysis: &Analysis,
    check: &Report,
    opts: &BuildOptions,
) -> Result<ReportData, ReportError> {
    let scope = match opts.function {
        Some(f) => Some(resolve_function(org, f)?),
        None => None,
    };
    let b = Basis::new(org, analysis, check, scope, opts.as_of);
    let (headline, organisation_headline) = headlines(&b);
    let imposition = imposition(&b);
    let conflicts = conflicts(&b);
    let trade_offs = trade_offs(&conflicts);
    let functions = function_sections(&b);
    Ok(ReportData {
        title: title(org, opts.title, scope),
        organisation: org.map.organisation.name.clone(),
        as_of: opts.as_of.to_string(),
        generated: opts.generated.to_string(),
        scope: scope.map(|f| b.label_of(Some(f))),
        headline,
        organisation_headline,
        risks: risks(&b),
        imposition,
        conflicts,
        trade_offs,
        coverage: coverage(&b),
        functions,
        rules: rule_entries(&b),
        findings: finding_rows(&b),
        goals: goal_rows(&b),
        people: person_rows(&b),
        measures: measure_rows(&b),
        finding_index: b.scoped,
    })
}

/// The report's title: the one given, else "Alignment report" (with the scope's name).
fn title(org: &Org, given: Option<&str>, scope: Option<u32>) -> String {
    match (given, scope) {
        (Some(t), _) if !t.trim().is_empty() => t.trim().to_string(),
        (_, Some(f)) => format!("Alignment report: {}", org.map.units[f as usize].name),
        _ => "Alignment report".to_string(),
    }
}

/// The cover's headline and, when narrowed to a function, the whole organisation's:
/// the organisation's figures are the analysis' summary.
fn headlines(b: &Basis) -> (Headline, Option<Headline>) {
    let (a, s) = (b.analysis, &b.analysis.summary);
    let counts = IndexCounts {
        person_goals: s.person_goals,
        aligned: s.aligned_person_goals,
        sound: a.index.sound_person_goals,
    };
    let tally = Tally {
        findings: a.hits.len(),
        errors: a.count(Severity::Error),
        warnings: a.count(Severity::Warning),
        infos: a.count(Severity::Info),
    };
    let organisation = headline(s.people, s.goals, counts, s.alignment_index, tally);
    match b.scope {
        Some(f) => (
            b.function_headline(f, &b.scoped_findings),
            Some(organisation),
        ),
        None => (organisation, None),
    }
}

impl From<FlowCell> for ImpositionCell {
    fn from(c: FlowCell) -> ImpositionCell {
        ImpositionCell {
            goals: c.goals,
            imposed: c.imposed,
            aligned: c.aligned,
        }
    }
}

/// Section "Who imposes on whom": the function × function table of goals set across
/// (`alignment::flows`, narrowed to the scope's function).
fn imposition(b: &Basis) -> Imposition {
    let flows = alignment::flows(b.org, b.scope);
    Imposition {
        functions: flows.functions.iter().map(|f| b.label_of(*f)).collect(),
        cells: flows
            .cells
            .iter()
            .map(|row| row.iter().map(|&c| c.into()).collect())
            .collect(),
        received: flows.received.iter().map(|&c| c.into()).collect(),
        total: flows.total.into(),
    }
}

/// Section "Conflicting goals": every conflicting pair in scope, with its trade-off.
fn conflicts(b: &Basis) -> Vec<Conflict> {
    b.scoped_findings
        .iter()
        .filter(|f| f.rule == "conflicting-goals")
        .filter_map(|f| conflict(b, f))
        .collect()
}

/// One `conflicting-goals` finding as a pair of goals and the measure that undermines.
fn conflict(b: &Basis, f: &Finding) -> Option<Conflict> {
    let (org, map) = (b.org, &*b.org.map);
    let a = org.goal_index(&f.subject)?;
    let other = f.related.first().and_then(|r| org.goal_index(r))?;
    let ma = org.goal_measure[a as usize]?;
    let mb = org.goal_measure[other as usize]?;
    let trade = |x: u32, y: u32| {
        map.interactions.iter().find(|i| {
            i.effect == Effect::Undermines
                && i.from == map.measures[x as usize].id
                && i.to == map.measures[y as usize].id
        })
    };
    let (from, to, inter) = match trade(ma, mb) {
        Some(i) => (ma, mb, Some(i)),
        None => (mb, ma, trade(mb, ma)),
    };
    let mut trade_off = format!(
        "{} undermines {}",
        map.measures[from as usize].name, map.measures[to as usize].name
    );
    if let Some(note) = inter.and_then(|i| i.note.as_deref()) {
        trade_off.push_str(": ");
        trade_off.push_str(note);
    }
    Some(Conflict {
        severity: f.severity,
        goal: b.goal_ref(a),
        other: b.goal_ref(other),
        trade_off,
        undermining: map.measures[from as usize].name.clone(),
        undermined: map.measures[to as usize].name.clone(),
        message: f.message.clone(),
    })
}

/// The conflicts grouped by trade-off (undermining and undermined measure), most pairs
/// first.
fn trade_offs(conflicts: &[Conflict]) -> Vec<TradeOff> {
    let mut trade_offs: Vec<TradeOff> = Vec::new();
    for c in conflicts {
        let i = match trade_offs
            .iter()
            .position(|t| t.undermining == c.undermining && t.undermined == c.undermined)
        {
            Some(i) => i,
            None => {
                let note = c
                    .trade_off
                    .split_once(": ")
                    .map_or(String::new(), |(_, n)| n.to_string());
                trade_offs.push(TradeOff {
                    undermining: c.undermining.clone(),
                    undermined: c.undermined.clone(),
                    note,
                    pairs: 0,
                    errors: 0,
                    functions: Vec::new(),
                });
                trade_offs.len() - 1
            }
        };
        let t = &mut trade_offs[i];
        t.pairs += 1;
        if c.severity == Severity::Error {
            t.errors += 1;
        }
        for f in [&c.goal.function, &c.other.function] {
            if !t.functions.contains(f) {
                t.functions.push(f.clone());
            }
        }
    }
    trade_offs.sort_by(|a, b| {
        b.pairs
            .cmp(&a.pairs)
            .then_with(|| (&a.undermining, &a.undermined).cmp(&(&b.undermining, &b.undermined)))
    });
    trade_offs
}

/// Section "Coverage of the strategy": function × strategy goal (`alignment::coverage`).
fn coverage(b: &Basis) -> Coverage {
    let map = &*b.org.map;
    let c = alignment::coverage(b.org, b.scope);
    let rows = c
        .functions
        .iter()
        .enumerate()
        .map(|(i, f)| CoverageRow {
            function: b.label_of(*f),
            cells: c.cells[i].clone(),
            untraced: c.untraced[i],
            goals: c.goals[i],
        })
        .collect();
    Coverage {
        strategy: c
            .strategy
            .iter()
            .map(|&g| Label {
                id: map.goals[g as usize].id.clone(),
                name: map.goals[g as usize].title.clone(),
            })
            .collect(),
        rows,
        max: c.max,
    }
}

/// The executive summary's top risks: per rule of [`RISK_RULES`] with findings in scope,
/// its patterns (the findings that share a cause).
fn risks(b: &Basis) -> Vec<Risk> {
    let patterns = throughline_core::patterns::patterns(b.org, b.analysis);
    let mut in_scope = vec![false; b.check.findings.len()];
    for &i in &b.scoped {
        in_scope[i] = true;
    }
    let cx = b.analysis.ctx(b.org);
    RISK_RULES
        .iter()
        .filter_map(|&rule| {
            let idx: Vec<usize> = b
                .scoped
                .iter()
                .copied()
                .filter(|&i| b.check.findings[i].rule == rule)
                .collect();
            if idx.is_empty() {
                return None;
            }
            let rule_patterns: Vec<&Pattern> = patterns
                .iter()
                .filter(|p| REGISTRY[p.rule as usize].id == rule)
                .filter(|p| p.findings.iter().any(|&i| in_scope[i as usize]))
                .collect();
            Some(risk(b, &cx, rule, &idx, &rule_patterns))
        })
        .collect()
}

/// One top risk: its heading, the sentence of how many and where, and its biggest patterns.
fn risk(b: &Basis, cx: &Ctx, rule: &str, idx: &[usize], patterns: &[&Pattern]) -> Risk {
    let count = idx.len();
    let (heading, lead) = risk_text(rule, count, &risk_spread(b, idx));
    // One item per pattern, biggest first: its sentence (no ids), who and where.
    let items: Vec<RiskItem> = patterns
        .iter()
        .take(5)
        .map(|p| risk_item(b, cx, p))
        .collect();
    let listed: usize = items.iter().map(|i| i.findings).sum();
    Risk {
        rule: rule.to_string(),
        heading: heading.to_string(),
        summary: lead,
        count,
        more: count.saturating_sub(listed),
        items,
    }
}

/// Where a risk's findings are: per function of the subject, largest first ("Sales 12,
/// Finance 3").
fn risk_spread(b: &Basis, idx: &[usize]) -> String {
    let mut per: Vec<(String, usize)> = Vec::new();
    for &i in idx {
        let f = function_name(b.org, b.subject_function[i]);
        match per.iter_mut().find(|(n, _)| *n == f) {
            Some(e) => e.1 += 1,
            None => per.push((f, 1)),
        }
    }
    per.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let spread: Vec<String> = per
        .iter()
        .map(|(f, n)| format!("{f} {}", num(*n)))
        .collect();
    rules::and_list_capped(&spread, 6)
}

/// A risk's heading and its lead sentence: `count` findings of `rule`, found `where_`.
fn risk_text(rule: &str, count: usize, where_: &str) -> (&'static str, String) {
    let n = |one: &str, many: &str| self::count(count, one, many);
    match rule {
        "imposed-goal" => (
            "Goals imposed from outside the owner's line",
            format!(
                "{} set by someone outside the owner's line of management ({where_}). Numbers imposed from outside are rarely owned, and people are judged on what they did not agree to.",
                n("goal is", "goals are")
            ),
        ),
        "conflicting-goals" => (
            "Goals that pull against each other",
            format!(
                "{} in someone's line trade off against each other ({where_}). Nobody can meet both without someone deciding which wins.",
                n("pair of goals", "pairs of goals")
            ),
        ),
        "unguarded-volume" => (
            "Volume targets with no quality guard",
            format!(
                "{} activity or volume with nothing that checks quality ({where_}). Volume alone invites unqualified leads and padded pipelines.",
                n("goal counts", "goals count")
            ),
        ),
        _ => (
            "Goals that support nothing",
            format!(
                "{} connected to no strategy goal or value ({where_}). Effort spent on them cannot be traced to what the organisation is trying to do.",
                n("goal is", "goals are")
            ),
        ),
    }
}

/// One pattern of a risk: its sentence, the people it names (four, then "N more") and the
/// functions.
fn risk_item(b: &Basis, cx: &Ctx, p: &Pattern) -> RiskItem {
    let org = b.org;
    let mut people: Vec<String> = Vec::new();
    let mut functions: Vec<String> = Vec::new();
    let mut more_people = 0usize;
    for &i in &p.findings {
        let f = &b.check.findings[i as usize];
        for id in std::iter::once(&f.subject).chain(&f.related) {
            let person = match org.lookup(id) {
                Some(Node::Person(p)) => Some(p),
                Some(Node::Goal(g)) => match org.goal_owner[g as usize] {
                    Party::Person(p) => Some(p),
                    Party::Unit(_) => None,
                },
                _ => None,
            };
            if let Some(p) = person {
                let n = &org.map.people[p as usize].name;
                if !people.contains(n) {
                    if people.len() < 4 {
                        people.push(n.clone());
                    } else {
                        more_people += 1;
                    }
                }
            }
            let fname = function_name(org, org.function_of(id));
            if !functions.contains(&fname) {
                functions.push(fname);
            }
        }
    }
    if more_people > 0 {
        people.push(format!("{} more", num(more_people)));
    }
    RiskItem {
        severity: p.severity,
        message: p.message(cx),
        findings: p.count(),
        people,
        functions,
    }
}

/// Section "Functions": one section per function (the scope's alone when narrowed).
fn function_sections(b: &Basis) -> Vec<FunctionSection> {
    b.section_functions()
        .into_iter()
        .flatten()
        .map(|f| function_section(b, f))
        .collect()
}

/// The goals a function's units and people own, as its section lists them.
struct FunctionGoals {
    unit_goals: Vec<GoalRow>,
    unit_goals_total: usize,
    person_goals: Vec<GoalRow>,
    person_goals_total: usize,
    measures: Vec<MeasureUse>,
}

/// One function's section: its headline, goals, measures, findings and missing feedback.
fn function_section(b: &Basis, f: u32) -> FunctionSection {
    let ff: Vec<&Finding> = (0..b.check.findings.len())
        .filter(|&i| b.subject_function[i] == Some(f))
        .map(|i| &b.check.findings[i])
        .collect();
    let headline = b.function_headline(f, &ff);
    let goals = function_goals(b, f);
    let card = b.card(f);
    let stale = without_feedback(b, card);
    let imposed_on = card.imposed_in.goals;
    FunctionSection {
        function: b.label_of(Some(f)),
        people: headline.people,
        headline,
        unit_goals: goals.unit_goals,
        unit_goals_total: goals.unit_goals_total,
        person_goals: goals.person_goals,
        person_goals_total: goals.person_goals_total,
        measures: goals.measures,
        findings_by_rule: findings_by_rule(card, &ff),
        without_feedback_total: stale.len(),
        without_feedback: stale.into_iter().take(LIST_CAP * 2).collect(),
        imposed_on,
    }
}

/// A function's goals (its own unit's first, then its teams', then its people's, each up
/// to [`PERSON_GOALS_CAP`]) and the measures they use, most used first.
fn function_goals(b: &Basis, f: u32) -> FunctionGoals {
    let (org, map) = (b.org, &*b.org.map);
    let mut unit_goals = Vec::new();
    let mut unit_goals_total = 0;
    let mut person_goals = Vec::new();
    let mut person_goals_total = 0;
    let mut uses: FxHashMap<u32, usize> = FxHashMap::default();
    for g in 0..map.goals.len() as u32 {
        if org.goal_owner_function(g) != Some(f) {
            continue;
        }
        if let Some(m) = org.goal_measure[g as usize] {
            *uses.entry(m).or_default() += 1;
        }
        match org.goal_owner[g as usize] {
            Party::Unit(u) => {
                unit_goals_total += 1;
                unit_goals.push((u != f, g));
            }
            Party::Person(_) => {
                person_goals_total += 1;
                if person_goals.len() < PERSON_GOALS_CAP {
                    person_goals.push(b.goal_row(g));
                }
            }
        }
    }
    // The function's own goals first, then its teams', in document order.
    unit_goals.sort_by_key(|&(team, _)| team);
    let mut measures: Vec<MeasureUse> = uses
        .into_iter()
        .map(|(m, n)| MeasureUse {
            name: map.measures[m as usize].name.clone(),
            kind: map.measures[m as usize].kind,
            goals: n,
        })
        .collect();
    measures.sort_by(|a, b| b.goals.cmp(&a.goals).then(a.name.cmp(&b.name)));
    FunctionGoals {
        unit_goals: unit_goals
            .into_iter()
            .take(PERSON_GOALS_CAP)
            .map(|(_, g)| b.goal_row(g))
            .collect(),
        unit_goals_total,
        person_goals,
        person_goals_total,
        measures,
    }
}

/// The scorecard's findings by rule (in order of first appearance), with up to
/// [`LIST_CAP`] messages each from the function's `findings`.
fn findings_by_rule(card: &Scorecard, findings: &[&Finding]) -> Vec<RuleFindings> {
    card.by_rule
        .iter()
        .map(|r| {
            let rule = REGISTRY[r.rule as usize].id;
            RuleFindings {
                rule: rule.to_string(),
                severity: r.severity,
                count: r.count,
                messages: findings
                    .iter()
                    .filter(|f| f.rule == rule)
                    .take(LIST_CAP)
                    .map(|f| f.message.clone())
                    .collect(),
            }
        })
        .collect()
}

/// The scorecard's people without recent feedback, "Name (last 2026-08-01)" or
/// "Name (never)".
fn without_feedback(b: &Basis, card: &Scorecard) -> Vec<String> {
    card.stale
        .iter()
        .map(|&p| {
            let when =
                b.last_check_in[p as usize].map_or("never".to_string(), |d| format!("last {d}"));
            format!("{} ({when})", b.org.map.people[p as usize].name)
        })
        .collect()
}

/// Appendix: every rule with findings in scope, its documentation and count.
fn rule_entries(b: &Basis) -> Vec<RuleEntry> {
    let mut counts = [0usize; REGISTRY.len()];
    for &i in &b.scoped {
        counts[b.analysis.hits[i].rule as usize] += 1;
    }
    REGISTRY
        .iter()
        .zip(counts)
        .filter(|&(_, count)| count > 0)
        .map(|(r, count)| RuleEntry {
            id: r.id.to_string(),
            default_severity: r.default_severity,
            count,
            summary: r.summary(),
            what: r.section("What it flags").unwrap_or_default(),
            why: r.section("Why it matters").unwrap_or_default(),
            fix: r.section("How to fix").unwrap_or_default(),
        })
        .collect()
}

/// The findings table: every finding in scope, with names and the subject's function.
fn finding_rows(b: &Basis) -> Vec<FindingRow> {
    b.scoped
        .iter()
        .map(|&i| {
            let f = &b.check.findings[i];
            FindingRow {
                severity: f.severity,
                rule: f.rule.clone(),
                subject: f.subject.clone(),
                subject_name: name(b.org, &f.subject),
                related: f.related.clone(),
                related_names: f.related.iter().map(|r| name(b.org, r)).collect(),
                function: function_name(b.org, b.subject_function[i]),
                message: f.message.clone(),
            }
        })
        .collect()
}

/// The goals table: every goal, or the scope's goals and the strategy.
fn goal_rows(b: &Basis) -> Vec<GoalRow> {
    let (org, map) = (b.org, &*b.org.map);
    (0..map.goals.len() as u32)
        .filter(|&g| {
            b.scope.is_none_or(|s| {
                org.goal_owner_function(g) == Some(s) || map.goals[g as usize].is_strategy()
            })
        })
        .map(|g| b.goal_row(g))
        .collect()
}

/// The people table: everyone, or the scope's people.
fn person_rows(b: &Basis) -> Vec<PersonRow> {
    let (org, map) = (b.org, &*b.org.map);
    (0..map.people.len() as u32)
        .filter(|&p| b.scope.is_none_or(|s| org.person_function(p) == Some(s)))
        .map(|p| {
            let person = &map.people[p as usize];
            let pg = &org.person_goals[p as usize];
            PersonRow {
                id: person.id.clone(),
                name: person.name.clone(),
                role: person.role.clone().unwrap_or_default(),
                unit: map.units[org.person_unit[p as usize] as usize].name.clone(),
                function: function_name(org, org.person_function(p)),
                manager: org.person_manager[p as usize]
                    .map(|m| map.people[m as usize].name.clone())
                    .unwrap_or_default(),
                goals: pg.len(),
                aligned_goals: pg.iter().filter(|&&g| org.aligned[g as usize]).count(),
                last_check_in: b.last_check_in[p as usize]
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                findings: b.by_id.get(person.id.as_str()).map_or(0, |e| e.0),
            }
        })
        .collect()
}

/// The measures table: every measure, or those the scope's goals use; with what each
/// measure does to others.
fn measure_rows(b: &Basis) -> Vec<MeasureRow> {
    let (org, map) = (b.org, &*b.org.map);
    (0..map.measures.len() as u32)
        .filter(|&m| {
            b.scope.is_none_or(|s| {
                org.goals_by_measure[m as usize]
                    .iter()
                    .any(|&g| org.goal_owner_function(g) == Some(s))
            })
        })
        .map(|m| {
            let measure = &map.measures[m as usize];
            let interactions: Vec<String> = map
                .interactions
                .iter()
                .filter(|i| i.from == measure.id)
                .map(|i| {
                    let verb = match i.effect {
                        Effect::Undermines => "undermines",
                        Effect::Supports => "supports",
                        Effect::Feeds => "feeds",
                        Effect::Guards => "guards",
                    };
                    format!("{verb} {}", name(org, &i.to))
                })
                .collect();
            MeasureRow {
                id: measure.id.clone(),
                name: measure.name.clone(),
                kind: measure.kind,
                unit: measure.unit.clone().unwrap_or_default(),
                direction: format!("{:?}", measure.effective_direction()).to_lowercase(),
                leading: measure.is_leading(),
                goals: org.goals_by_measure[m as usize].len(),
                interactions: interactions.join("; "),
            }
        })
        .collect()
}
