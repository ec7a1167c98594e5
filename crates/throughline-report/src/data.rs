//! The report's content, computed once from the map and the `check` findings, and rendered
//! by every format. Everything here is plain data: numbers are counted, never estimated, and
//! every finding comes from [`throughline_core::analysis::run`] unchanged.

use crate::ReportError;
use rustc_hash::FxHashMap;
use serde::Serialize;
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

/// The index inputs of person-owned `goals`, with the analysis' flagged goals.
fn index_counts(org: &Org, flagged: &[bool], goals: impl Iterator<Item = u32>) -> IndexCounts {
    let mut c = IndexCounts {
        person_goals: 0,
        aligned: 0,
        sound: 0,
    };
    for g in goals {
        if !matches!(org.goal_owner[g as usize], Party::Person(_)) {
            continue;
        }
        c.person_goals += 1;
        if org.aligned[g as usize] {
            c.aligned += 1;
            if !flagged[g as usize] {
                c.sound += 1;
            }
        }
    }
    c
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
        let map = &*org.map;
        let all_functions = (0..map.units.len() as u32)
            .filter(|&u| map.units[u as usize].kind == UnitKind::Function)
            .collect();
        Basis {
            org,
            analysis,
            check,
            scope,
            subject_function,
            scoped,
            scoped_findings,
            by_id,
            all_functions,
            last_check_in: last_check_ins(org, as_of),
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

    /// The headline of one function: its people, the goals its units and people own, and
    /// `findings`.
    fn function_headline(&self, f: u32, findings: &[&Finding]) -> Headline {
        let org = self.org;
        let people: Vec<usize> = (0..org.map.people.len())
            .filter(|&p| org.person_function(p as u32) == Some(f))
            .collect();
        let goals = (0..org.map.goals.len() as u32)
            .filter(|&g| org.goal_owner_function(g) == Some(f))
            .count();
        let counts = index_counts(
            org,
            &self.analysis.index.flagged,
            people
                .iter()
                .flat_map(|&p| org.person_goals[p].iter().copied()),
        );
        let index = throughline_core::analysis::alignment_index(
            counts.sound as u64,
            counts.person_goals as u64,
        );
        headline(
            people.len(),
            goals,
            counts,
            index,
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

/// Each person's last check-in on or before `as_of`.
fn last_check_ins(org: &Org, as_of: chrono::NaiveDate) -> Vec<Option<chrono::NaiveDate>> {
    let mut last: Vec<Option<chrono::NaiveDate>> = vec![None; org.map.people.len()];
    for c in &org.map.check_ins {
        if c.date > as_of {
            continue;
        }
        if let Some(p) = org.person_index(&c.person) {
            let e = &mut last[p as usize];
            if e.is_none_or(|d| c.date > d) {
                *e = Some(c.date);
            }
        }
    }
    last
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
    let functions = function_sections(&b, &imposition);
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

impl ImpositionCell {
    /// Two cells' goals added up.
    fn plus(self, o: ImpositionCell) -> ImpositionCell {
        ImpositionCell {
            goals: self.goals + o.goals,
            imposed: self.imposed + o.imposed,
            aligned: self.aligned + o.aligned,
        }
    }
}

/// Goals set across functions, by (setter's function, owner's function); within the scope,
/// only those the scope's function sets or owns.
fn imposition_pairs(b: &Basis) -> FxHashMap<(Option<u32>, Option<u32>), ImpositionCell> {
    let org = b.org;
    let mut pairs: FxHashMap<(Option<u32>, Option<u32>), ImpositionCell> = FxHashMap::default();
    for g in 0..org.map.goals.len() as u32 {
        if org.map.goals[g as usize].is_strategy() {
            continue;
        }
        let owner_f = org.goal_owner_function(g);
        let setter_f = org.unit_function[org.goal_setter_unit[g as usize] as usize];
        if owner_f == setter_f {
            continue;
        }
        if let Some(s) = b.scope {
            if owner_f != Some(s) && setter_f != Some(s) {
                continue;
            }
        }
        let c = pairs.entry((setter_f, owner_f)).or_default();
        c.goals += 1;
        if !org.in_line[g as usize] {
            c.imposed += 1;
        }
        if org.aligned[g as usize] {
            c.aligned += 1;
        }
    }
    pairs
}

/// Section "Who imposes on whom": the function × function table of goals set across.
fn imposition(b: &Basis) -> Imposition {
    let pairs = imposition_pairs(b);
    let mut functions: Vec<Option<u32>> = match b.scope {
        None => b.section_functions(),
        Some(s) => {
            let mut v: Vec<Option<u32>> = b
                .all_functions
                .iter()
                .map(|&f| Some(f))
                .filter(|f| *f == Some(s) || pairs.keys().any(|(a, b)| a == f || b == f))
                .collect();
            if v.is_empty() {
                v.push(Some(s));
            }
            v
        }
    };
    if pairs.keys().any(|(a, b)| a.is_none() || b.is_none()) {
        functions.push(None);
    }
    let cells: Vec<Vec<ImpositionCell>> = functions
        .iter()
        .map(|s| {
            functions
                .iter()
                .map(|o| pairs.get(&(*s, *o)).copied().unwrap_or_default())
                .collect()
        })
        .collect();
    let received: Vec<ImpositionCell> = (0..functions.len())
        .map(|o| {
            cells
                .iter()
                .fold(ImpositionCell::default(), |acc, row| acc.plus(row[o]))
        })
        .collect();
    let total = received
        .iter()
        .fold(ImpositionCell::default(), |acc, c| acc.plus(*c));
    Imposition {
        functions: functions.iter().map(|f| b.label_of(*f)).collect(),
        cells,
        received,
        total,
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

/// The coverage table's rows: the scope's function or every function, then
/// [`NO_FUNCTION`] when goals outside any function exist (unscoped only).
fn coverage_functions(b: &Basis) -> Vec<Option<u32>> {
    let (org, map) = (b.org, &*b.org.map);
    let mut v = b.section_functions();
    if b.scope.is_none()
        && (0..map.goals.len() as u32)
            .any(|g| !map.goals[g as usize].is_strategy() && org.goal_owner_function(g).is_none())
    {
        v.push(None);
    }
    v
}

/// Reverse search from each strategy goal through `supports`: per row, the goals reaching
/// each strategy goal, and per goal whether it reaches any.
fn traced_goals(
    org: &Org,
    strategy: &[u32],
    row_of: &FxHashMap<Option<u32>, usize>,
) -> (Vec<Vec<usize>>, Vec<bool>) {
    let n_goals = org.map.goals.len();
    let mut cov = vec![vec![0usize; strategy.len()]; row_of.len()];
    let mut traced = vec![false; n_goals];
    let mut seen = vec![u32::MAX; n_goals];
    for (si, &s) in strategy.iter().enumerate() {
        let mut stack = vec![s];
        seen[s as usize] = si as u32;
        while let Some(g) = stack.pop() {
            for sup in org.supporters(g) {
                if seen[sup as usize] == si as u32 {
                    continue;
                }
                seen[sup as usize] = si as u32;
                if org.map.goals[sup as usize].is_strategy() {
                    continue;
                }
                traced[sup as usize] = true;
                if let Some(&r) = row_of.get(&org.goal_owner_function(sup)) {
                    cov[r][si] += 1;
                }
                stack.push(sup);
            }
        }
    }
    (cov, traced)
}

/// Section "Coverage of the strategy": function × strategy goal, by reverse search.
fn coverage(b: &Basis) -> Coverage {
    let (org, map) = (b.org, &*b.org.map);
    let strategy: Vec<u32> = (0..map.goals.len() as u32)
        .filter(|&g| map.goals[g as usize].is_strategy())
        .collect();
    let functions = coverage_functions(b);
    let row_of: FxHashMap<Option<u32>, usize> =
        functions.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let (cov, traced) = traced_goals(org, &strategy, &row_of);
    let mut rows: Vec<CoverageRow> = functions
        .iter()
        .zip(cov)
        .map(|(f, cells)| CoverageRow {
            function: b.label_of(*f),
            cells,
            untraced: 0,
            goals: 0,
        })
        .collect();
    for g in 0..map.goals.len() as u32 {
        if map.goals[g as usize].is_strategy() {
            continue;
        }
        if let Some(&r) = row_of.get(&org.goal_owner_function(g)) {
            rows[r].goals += 1;
            if !traced[g as usize] {
                rows[r].untraced += 1;
            }
        }
    }
    Coverage {
        max: rows
            .iter()
            .flat_map(|r| r.cells.iter().copied())
            .max()
            .unwrap_or(0),
        strategy: strategy
            .iter()
            .map(|&g| Label {
                id: map.goals[g as usize].id.clone(),
                name: map.goals[g as usize].title.clone(),
            })
            .collect(),
        rows,
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
fn function_sections(b: &Basis, imposition: &Imposition) -> Vec<FunctionSection> {
    b.section_functions()
        .into_iter()
        .flatten()
        .map(|f| function_section(b, f, imposition))
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
fn function_section(b: &Basis, f: u32, imposition: &Imposition) -> FunctionSection {
    let ff: Vec<&Finding> = (0..b.check.findings.len())
        .filter(|&i| b.subject_function[i] == Some(f))
        .map(|i| &b.check.findings[i])
        .collect();
    let headline = b.function_headline(f, &ff);
    let goals = function_goals(b, f);
    let stale = without_feedback(b, &ff);
    let imposed_on = imposition
        .functions
        .iter()
        .position(|l| l.id == b.org.map.units[f as usize].id)
        .map_or(0, |o| imposition.received[o].goals);
    FunctionSection {
        function: b.label_of(Some(f)),
        people: headline.people,
        headline,
        unit_goals: goals.unit_goals,
        unit_goals_total: goals.unit_goals_total,
        person_goals: goals.person_goals,
        person_goals_total: goals.person_goals_total,
        measures: goals.measures,
        findings_by_rule: findings_by_rule(&ff),
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

/// Findings grouped by rule in order of first appearance, up to [`LIST_CAP`] messages each.
fn findings_by_rule(findings: &[&Finding]) -> Vec<RuleFindings> {
    let mut by_rule: Vec<RuleFindings> = Vec::new();
    for f in findings {
        match by_rule.iter_mut().find(|r| r.rule == f.rule) {
            Some(r) => {
                r.count += 1;
                r.severity = r.severity.min(f.severity);
                if r.messages.len() < LIST_CAP {
                    r.messages.push(f.message.clone());
                }
            }
            None => by_rule.push(RuleFindings {
                rule: f.rule.clone(),
                severity: f.severity,
                count: 1,
                messages: vec![f.message.clone()],
            }),
        }
    }
    by_rule
}

/// The people of `stale-feedback` findings, "Name (last 2026-08-01)" or "Name (never)".
fn without_feedback(b: &Basis, findings: &[&Finding]) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.rule == "stale-feedback")
        .map(|f| {
            let p = b.org.person_index(&f.subject);
            let when = p
                .and_then(|p| b.last_check_in[p as usize])
                .map_or("never".to_string(), |d| format!("last {d}"));
            format!("{} ({when})", name(b.org, &f.subject))
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
