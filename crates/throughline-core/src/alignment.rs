//! The alignment views' numbers, computed once for the reports and the app alike: who sets
//! targets on whom (setter function → owner function), coverage of the strategy (function ×
//! strategy goal, through `supports`) and a scorecard per function (its alignment index,
//! findings by rule, goals set on it and by it across functions, people without recent
//! feedback, leading / lagging balance).
//!
//! Pure: read from an [`Org`] and its [`Analysis`]; functions are unit indexes, `None` the
//! organisation level (people and units in no function). Names are the caller's business.

use crate::analysis::{alignment_index, Analysis, Severity};
use crate::model::{Status, UnitKind};
use crate::org::{Node, Org, Party};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

/// The function units of the map, in document order.
pub fn functions(org: &Org) -> Vec<u32> {
    let map = &*org.map;
    (0..map.units.len() as u32)
        .filter(|&u| map.units[u as usize].kind == UnitKind::Function)
        .collect()
}

/// Goals one function sets on another (or one band of a flow).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlowCell {
    pub goals: usize,
    /// Of those, goals not in the owner's line (the imposed-goal rule's test).
    pub imposed: usize,
    /// Of those, goals that are aligned (trace to a strategy goal).
    pub aligned: usize,
    /// Imposed goals whose status is `agreed`.
    pub imposed_agreed: usize,
    /// Imposed goals whose status is `disputed`.
    pub imposed_disputed: usize,
}

impl FlowCell {
    /// Two cells' goals added up.
    pub fn plus(self, o: FlowCell) -> FlowCell {
        FlowCell {
            goals: self.goals + o.goals,
            imposed: self.imposed + o.imposed,
            aligned: self.aligned + o.aligned,
            imposed_agreed: self.imposed_agreed + o.imposed_agreed,
            imposed_disputed: self.imposed_disputed + o.imposed_disputed,
        }
    }

    /// Goals in the owner's line (set across functions by someone above the owner).
    pub fn in_line(&self) -> usize {
        self.goals - self.imposed
    }

    /// Imposed goals not (yet) agreed: proposed or disputed.
    pub fn imposed_not_agreed(&self) -> usize {
        self.imposed - self.imposed_agreed
    }

    fn add(&mut self, org: &Org, g: u32) {
        self.goals += 1;
        if !org.in_line[g as usize] {
            self.imposed += 1;
            match org.map.goals[g as usize].effective_status() {
                Status::Agreed => self.imposed_agreed += 1,
                Status::Disputed => self.imposed_disputed += 1,
                _ => {}
            }
        }
        if org.aligned[g as usize] {
            self.aligned += 1;
        }
    }
}

/// Who sets targets on whom: rows are setter functions, columns owner functions, both in
/// `functions` order, whose last entry is `None` when anyone outside a function sets or
/// owns such goals.
#[derive(Debug, Clone, PartialEq)]
pub struct Flows {
    pub functions: Vec<Option<u32>>,
    /// `cells[setter][owner]`; the diagonal (set inside the function) is always empty.
    pub cells: Vec<Vec<FlowCell>>,
    /// Per owner function: every goal set on it by other functions.
    pub received: Vec<FlowCell>,
    /// Per setter function: every goal it sets on other functions.
    pub given: Vec<FlowCell>,
    pub total: FlowCell,
}

/// The functions of the setter and owner of a goal set across functions: `None` for a
/// strategy goal or a goal set inside its owner's function.
pub fn goal_flow(org: &Org, g: u32) -> Option<(Option<u32>, Option<u32>)> {
    if org.map.goals[g as usize].is_strategy() {
        return None;
    }
    let owner = org.goal_owner_function(g);
    let setter = org.unit_function[org.goal_setter_unit[g as usize] as usize];
    (owner != setter).then_some((setter, owner))
}

/// Goals set across functions, by (setter's function, owner's function); with a `scope`,
/// only those the scope's function sets or owns.
fn flow_pairs(org: &Org, scope: Option<u32>) -> FxHashMap<(Option<u32>, Option<u32>), FlowCell> {
    let mut pairs: FxHashMap<(Option<u32>, Option<u32>), FlowCell> = FxHashMap::default();
    for g in 0..org.map.goals.len() as u32 {
        let Some((setter, owner)) = goal_flow(org, g) else {
            continue;
        };
        if let Some(s) = scope {
            if owner != Some(s) && setter != Some(s) {
                continue;
            }
        }
        pairs.entry((setter, owner)).or_default().add(org, g);
    }
    pairs
}

/// Who sets targets on whom. Unscoped: every function; with a `scope`, the scope's
/// function and those it exchanges goals with.
pub fn flows(org: &Org, scope: Option<u32>) -> Flows {
    let pairs = flow_pairs(org, scope);
    let all = functions(org);
    let mut functions: Vec<Option<u32>> = match scope {
        None => all.iter().map(|&f| Some(f)).collect(),
        Some(s) => {
            let mut v: Vec<Option<u32>> = all
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
    let cells: Vec<Vec<FlowCell>> = functions
        .iter()
        .map(|s| {
            functions
                .iter()
                .map(|o| pairs.get(&(*s, *o)).copied().unwrap_or_default())
                .collect()
        })
        .collect();
    let received: Vec<FlowCell> = (0..functions.len())
        .map(|o| {
            cells
                .iter()
                .fold(FlowCell::default(), |acc, row| acc.plus(row[o]))
        })
        .collect();
    let given: Vec<FlowCell> = cells
        .iter()
        .map(|row| row.iter().fold(FlowCell::default(), |acc, c| acc.plus(*c)))
        .collect();
    let total = received
        .iter()
        .fold(FlowCell::default(), |acc, c| acc.plus(*c));
    Flows {
        functions,
        cells,
        received,
        given,
        total,
    }
}

/// The goals of one flow (one cell of the matrix, one band of the diagram): set by
/// `setter`'s function on `owner`'s (`None`: the organisation level), in document order.
pub fn flow_goals(org: &Org, setter: Option<u32>, owner: Option<u32>) -> Vec<u32> {
    (0..org.map.goals.len() as u32)
        .filter(|&g| goal_flow(org, g) == Some((setter, owner)))
        .collect()
}

/// How many goals of each function trace (through `supports`) to each strategy goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// The strategy goals, in document order.
    pub strategy: Vec<u32>,
    /// The rows: every function (or the scope's), then `None` (unscoped only) when goals
    /// outside any function exist.
    pub functions: Vec<Option<u32>>,
    /// `cells[row][strategy goal]`: the row's goals that reach that strategy goal.
    pub cells: Vec<Vec<usize>>,
    /// Per row: goals that reach no strategy goal.
    pub untraced: Vec<usize>,
    /// Per row: its non-strategy goals.
    pub goals: Vec<usize>,
    /// The largest cell, for shading.
    pub max: usize,
}

/// The strategy goals, in document order.
pub fn strategy_goals(org: &Org) -> Vec<u32> {
    (0..org.map.goals.len() as u32)
        .filter(|&g| org.map.goals[g as usize].is_strategy())
        .collect()
}

/// Every goal that reaches the strategy goal `s` through `supports` (not `s` itself, no
/// strategy goal), calling `reach(goal)` once for each.
fn reverse_search(org: &Org, s: u32, seen: &mut [u32], mark: u32, mut reach: impl FnMut(u32)) {
    let mut stack = vec![s];
    seen[s as usize] = mark;
    while let Some(g) = stack.pop() {
        for sup in org.supporters(g) {
            if seen[sup as usize] == mark {
                continue;
            }
            seen[sup as usize] = mark;
            if org.map.goals[sup as usize].is_strategy() {
                continue;
            }
            reach(sup);
            stack.push(sup);
        }
    }
}

/// Coverage of the strategy, by reverse search from each strategy goal.
pub fn coverage(org: &Org, scope: Option<u32>) -> Coverage {
    let map = &*org.map;
    let strategy = strategy_goals(org);
    let mut functions: Vec<Option<u32>> = match scope {
        Some(s) => vec![Some(s)],
        None => self::functions(org).into_iter().map(Some).collect(),
    };
    if scope.is_none()
        && (0..map.goals.len() as u32)
            .any(|g| !map.goals[g as usize].is_strategy() && org.goal_owner_function(g).is_none())
    {
        functions.push(None);
    }
    let row_of: FxHashMap<Option<u32>, usize> =
        functions.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let n_goals = map.goals.len();
    let mut cells = vec![vec![0usize; strategy.len()]; functions.len()];
    let mut traced = vec![false; n_goals];
    let mut seen = vec![u32::MAX; n_goals];
    for (si, &s) in strategy.iter().enumerate() {
        reverse_search(org, s, &mut seen, si as u32, |g| {
            traced[g as usize] = true;
            if let Some(&r) = row_of.get(&org.goal_owner_function(g)) {
                cells[r][si] += 1;
            }
        });
    }
    let mut untraced = vec![0; functions.len()];
    let mut goals = vec![0; functions.len()];
    for g in 0..n_goals as u32 {
        if map.goals[g as usize].is_strategy() {
            continue;
        }
        if let Some(&r) = row_of.get(&org.goal_owner_function(g)) {
            goals[r] += 1;
            if !traced[g as usize] {
                untraced[r] += 1;
            }
        }
    }
    Coverage {
        max: cells.iter().flatten().copied().max().unwrap_or(0),
        strategy,
        functions,
        cells,
        untraced,
        goals,
    }
}

/// The goals of `function` (`None`: the organisation level) that reach the strategy goal
/// `strategy`, or (`strategy` `None`) that reach none, in document order. A goal that is
/// not a strategy goal is refused (`None`).
pub fn coverage_goals(org: &Org, function: Option<u32>, strategy: Option<u32>) -> Option<Vec<u32>> {
    let map = &*org.map;
    let n = map.goals.len();
    let mut traced = vec![false; n];
    let mut seen = vec![u32::MAX; n];
    match strategy {
        Some(s) => {
            if !map.goals.get(s as usize)?.is_strategy() {
                return None;
            }
            reverse_search(org, s, &mut seen, 0, |g| traced[g as usize] = true);
        }
        None => {
            for (i, s) in strategy_goals(org).into_iter().enumerate() {
                reverse_search(org, s, &mut seen, i as u32, |g| traced[g as usize] = true);
            }
        }
    }
    let want = strategy.is_some();
    Some(
        (0..n as u32)
            .filter(|&g| {
                !map.goals[g as usize].is_strategy()
                    && org.goal_owner_function(g) == function
                    && traced[g as usize] == want
            })
            .collect(),
    )
}

/// The alignment index's inputs over one function: its people and the goals they own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FunctionCounts {
    /// People in the function's units.
    pub people: usize,
    /// Goals owned in the function (by its units or its people), strategy goals included.
    pub goals: usize,
    /// Goals owned by its people.
    pub person_goals: usize,
    /// Of those, aligned.
    pub aligned: usize,
    /// Aligned and named in no finding of an index rule: the index's numerator.
    pub sound: usize,
}

impl FunctionCounts {
    /// The function's alignment index (the spec's formula, as `check` computes it).
    pub fn index(&self) -> Option<f64> {
        alignment_index(self.sound as u64, self.person_goals as u64)
    }
}

/// Findings of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleCount {
    /// The rule's place in the registry.
    pub rule: u8,
    /// The worst severity among them.
    pub severity: Severity,
    pub count: usize,
}

/// One function at a glance.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    pub function: u32,
    pub counts: FunctionCounts,
    /// Findings whose subject is in the function, by severity.
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Those findings by rule, in order of first appearance (the findings' order).
    pub by_rule: Vec<RuleCount>,
    /// Goals other functions set on it.
    pub imposed_in: FlowCell,
    /// Goals it sets on other functions.
    pub imposed_out: FlowCell,
    /// People of the function with goals.
    pub people_with_goals: usize,
    /// Of those, people without a recent check-in (its `stale-feedback` findings' subjects),
    /// in the findings' order.
    pub stale: Vec<u32>,
    /// Goals owned in the function on a leading measure, on a lagging one, and on none.
    pub leading: usize,
    pub lagging: usize,
    pub unmeasured: usize,
}

/// Each person's last check-in on or before `as_of`.
pub fn last_check_ins(org: &Org, as_of: NaiveDate) -> Vec<Option<NaiveDate>> {
    let mut last: Vec<Option<NaiveDate>> = vec![None; org.map.people.len()];
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

/// Every function's scorecard, in document order, in one pass over people, goals and
/// findings.
pub fn scorecards(org: &Org, analysis: &Analysis) -> Vec<Scorecard> {
    let map = &*org.map;
    let functions = functions(org);
    let mut slot = vec![usize::MAX; map.units.len()];
    for (i, &f) in functions.iter().enumerate() {
        slot[f as usize] = i;
    }
    let at = |f: Option<u32>| f.map(|u| slot[u as usize]).filter(|&i| i != usize::MAX);
    let mut cards: Vec<Scorecard> = functions
        .iter()
        .map(|&f| Scorecard {
            function: f,
            counts: FunctionCounts::default(),
            findings: 0,
            errors: 0,
            warnings: 0,
            infos: 0,
            by_rule: Vec::new(),
            imposed_in: FlowCell::default(),
            imposed_out: FlowCell::default(),
            people_with_goals: 0,
            stale: Vec::new(),
            leading: 0,
            lagging: 0,
            unmeasured: 0,
        })
        .collect();
    let flagged = &analysis.index.flagged;
    for p in 0..map.people.len() as u32 {
        let Some(i) = at(org.person_function(p)) else {
            continue;
        };
        let c = &mut cards[i].counts;
        c.people += 1;
        let goals = &org.person_goals[p as usize];
        if !goals.is_empty() {
            cards[i].people_with_goals += 1;
        }
        let c = &mut cards[i].counts;
        for &g in goals {
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
    }
    for g in 0..map.goals.len() as u32 {
        if let Some(i) = at(org.goal_owner_function(g)) {
            let card = &mut cards[i];
            card.counts.goals += 1;
            match org.goal_measure[g as usize] {
                Some(m) if map.measures[m as usize].is_leading() => card.leading += 1,
                Some(_) => card.lagging += 1,
                None => card.unmeasured += 1,
            }
        }
        if let Some((setter, owner)) = goal_flow(org, g) {
            if let Some(i) = at(owner) {
                cards[i].imposed_in.add(org, g);
            }
            if let Some(i) = at(setter) {
                cards[i].imposed_out.add(org, g);
            }
        }
    }
    for h in &analysis.hits {
        let Some(i) = at(org.function_of_node(h.subject)) else {
            continue;
        };
        let card = &mut cards[i];
        card.findings += 1;
        match h.severity {
            Severity::Error => card.errors += 1,
            Severity::Warning => card.warnings += 1,
            Severity::Info => card.infos += 1,
        }
        match card.by_rule.iter_mut().find(|r| r.rule == h.rule) {
            Some(r) => {
                r.count += 1;
                r.severity = r.severity.min(h.severity);
            }
            None => card.by_rule.push(RuleCount {
                rule: h.rule,
                severity: h.severity,
                count: 1,
            }),
        }
        if let (Node::Person(p), "stale-feedback") = (h.subject, h.rule().id) {
            card.stale.push(p);
        }
    }
    cards
}

/// One function's scorecard (`None` if `f` is not a function).
pub fn scorecard(org: &Org, analysis: &Analysis, f: u32) -> Option<Scorecard> {
    scorecards(org, analysis)
        .into_iter()
        .find(|c| c.function == f)
}

/// The three views at once, unscoped: what the app shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    pub flows: Flows,
    pub coverage: Coverage,
    pub scorecards: Vec<Scorecard>,
}

/// Compute the three views of the whole organisation.
pub fn alignment(org: &Org, analysis: &Analysis) -> Alignment {
    Alignment {
        flows: flows(org, None),
        coverage: coverage(org, None),
        scorecards: scorecards(org, analysis),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::run;
    use std::sync::Arc;

    /// The acme fixture, indexed and analysed as of its own day. Its report's sections
    /// ("Who imposes on whom", "Coverage of the strategy", "Functions") print the numbers
    /// expected below.
    fn acme() -> (Org, Analysis) {
        let text = include_str!("../../../tests/fixtures/acme.json");
        let org = Org::new(Arc::new(crate::format::read_map(text).unwrap()));
        let analysis = run(&org, NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        (org, analysis)
    }

    fn unit(org: &Org, id: &str) -> u32 {
        org.unit_index(id).unwrap()
    }

    fn goal_ids(org: &Org, goals: &[u32]) -> Vec<String> {
        goals
            .iter()
            .map(|&g| org.map.goals[g as usize].id.clone())
            .collect()
    }

    fn cell(goals: usize, imposed: usize, aligned: usize, agreed: usize) -> FlowCell {
        FlowCell {
            goals,
            imposed,
            aligned,
            imposed_agreed: agreed,
            imposed_disputed: 0,
        }
    }

    #[test]
    fn who_sets_targets_on_whom_in_acme() {
        let (org, _) = acme();
        let f = flows(&org, None);
        let [board, sales, marketing, finance] =
            ["board", "sales", "marketing", "finance"].map(|id| unit(&org, id));
        assert_eq!(
            f.functions,
            vec![Some(board), Some(sales), Some(marketing), Some(finance)]
        );
        let empty = FlowCell::default();
        // The executive team sets "100 calls a week" (proposed, unlinked) on a sales rep and
        // "2,000 leads a quarter" (agreed, linked) on marketing; finance sets "Forecast
        // accuracy 95%" (proposed) on sales. All three from outside the owner's line.
        assert_eq!(
            f.cells,
            vec![
                vec![empty, cell(1, 1, 0, 0), cell(1, 1, 1, 1), empty],
                vec![empty; 4],
                vec![empty; 4],
                vec![empty, cell(1, 1, 0, 0), empty, empty],
            ]
        );
        assert_eq!(
            f.received,
            vec![empty, cell(2, 2, 0, 0), cell(1, 1, 1, 1), empty]
        );
        assert_eq!(
            f.given,
            vec![cell(2, 2, 1, 1), empty, empty, cell(1, 1, 0, 0)]
        );
        assert_eq!(f.total, cell(3, 3, 1, 1));
        assert_eq!(f.total.in_line(), 0);
        assert_eq!(f.total.imposed_not_agreed(), 2);
        assert_eq!(
            goal_ids(&org, &flow_goals(&org, Some(board), Some(sales))),
            ["rep1-calls"]
        );
        assert_eq!(
            goal_ids(&org, &flow_goals(&org, Some(finance), Some(sales))),
            ["forecast-95"]
        );
        assert!(flow_goals(&org, Some(sales), Some(sales)).is_empty());
        // Narrowed to marketing: marketing and who it exchanges goals with.
        let m = flows(&org, Some(marketing));
        assert_eq!(m.functions, vec![Some(board), Some(marketing)]);
        assert_eq!(m.total, cell(1, 1, 1, 1));
    }

    #[test]
    fn a_disputed_imposed_goal_is_counted_as_disputed() {
        let text = include_str!("../../../tests/fixtures/acme.json").replace(
            r#""set_by": "finance","#,
            r#""set_by": "finance", "status": "disputed","#,
        );
        let org = Org::new(Arc::new(crate::format::read_map(&text).unwrap()));
        let f = flows(&org, None);
        let (finance, sales) = (unit(&org, "finance"), unit(&org, "sales"));
        let i = |u| f.functions.iter().position(|&x| x == Some(u)).unwrap();
        let c = f.cells[i(finance)][i(sales)];
        assert_eq!((c.imposed, c.imposed_agreed, c.imposed_disputed), (1, 0, 1));
        assert_eq!(c.imposed_not_agreed(), 1);
    }

    #[test]
    fn coverage_of_the_strategy_in_acme() {
        let (org, _) = acme();
        let c = coverage(&org, None);
        assert_eq!(goal_ids(&org, &c.strategy), ["grow"]);
        assert_eq!(
            c.functions,
            ["board", "sales", "marketing", "finance"].map(|id| Some(unit(&org, id)))
        );
        assert_eq!(c.cells, vec![vec![0], vec![6], vec![1], vec![0]]);
        assert_eq!(c.untraced, vec![0, 3, 0, 1]);
        assert_eq!(c.goals, vec![0, 9, 1, 1]);
        assert_eq!(c.max, 6);
        let sales = Some(unit(&org, "sales"));
        let grow = org.goal_index("grow");
        assert_eq!(
            goal_ids(&org, &coverage_goals(&org, sales, grow).unwrap()),
            [
                "sales-revenue",
                "sales-win-rate",
                "sales-pipeline",
                "rep1-revenue",
                "rep2-revenue",
                "cso-revenue"
            ]
        );
        assert_eq!(
            goal_ids(&org, &coverage_goals(&org, sales, None).unwrap()),
            ["forecast-95", "rep1-calls", "rep2-skills"]
        );
        // Not a strategy goal: refused.
        assert_eq!(
            coverage_goals(&org, sales, org.goal_index("rep1-calls")),
            None
        );
        let narrowed = coverage(&org, sales);
        assert_eq!(narrowed.cells, vec![vec![6]]);
    }

    #[test]
    fn scorecards_in_acme() {
        let (org, analysis) = acme();
        let cards = scorecards(&org, &analysis);
        let ids: Vec<&str> = cards
            .iter()
            .map(|c| org.map.units[c.function as usize].id.as_str())
            .collect();
        assert_eq!(ids, ["board", "sales", "marketing", "finance"]);
        let rules = |c: &Scorecard| -> Vec<(&str, Severity, usize)> {
            c.by_rule
                .iter()
                .map(|r| {
                    (
                        crate::rules::REGISTRY[r.rule as usize].id,
                        r.severity,
                        r.count,
                    )
                })
                .collect()
        };
        let person = |p: u32| org.map.people[p as usize].id.as_str();
        use Severity::*;

        let board = &cards[0];
        assert_eq!(
            board.counts,
            FunctionCounts {
                people: 1,
                goals: 0,
                person_goals: 0,
                aligned: 0,
                sound: 0
            }
        );
        assert_eq!(board.counts.index(), None);
        assert_eq!(
            (board.findings, board.errors, board.warnings, board.infos),
            (2, 0, 2, 0)
        );
        assert_eq!(
            rules(board),
            [
                ("person-without-goals", Warning, 1),
                ("unmeasured-function", Warning, 1)
            ]
        );
        assert_eq!(board.imposed_in, FlowCell::default());
        assert_eq!(board.imposed_out, cell(2, 2, 1, 1));

        let sales = &cards[1];
        assert_eq!(
            sales.counts,
            FunctionCounts {
                people: 3,
                goals: 9,
                person_goals: 5,
                aligned: 4,
                sound: 4
            }
        );
        assert_eq!(sales.counts.index(), Some(80.0));
        assert_eq!(
            (sales.findings, sales.errors, sales.warnings, sales.infos),
            (10, 3, 4, 3)
        );
        assert_eq!(
            rules(sales),
            [
                ("conflicting-goals", Error, 1),
                ("imposed-goal", Error, 2),
                ("not-agreed", Warning, 1),
                ("orphaned-goal", Warning, 2),
                ("stale-feedback", Warning, 1),
                ("lagging-only", Info, 1),
                ("no-development-goal", Info, 2),
            ]
        );
        assert_eq!(sales.imposed_in, cell(2, 2, 0, 0));
        assert_eq!(sales.imposed_out, FlowCell::default());
        assert_eq!(sales.people_with_goals, 3);
        assert_eq!(
            sales.stale.iter().map(|&p| person(p)).collect::<Vec<_>>(),
            ["rep2"]
        );
        assert_eq!((sales.leading, sales.lagging, sales.unmeasured), (3, 6, 0));

        let marketing = &cards[2];
        assert_eq!(marketing.counts.index(), Some(0.0));
        assert_eq!(marketing.counts.aligned, 1);
        assert_eq!(marketing.imposed_in, cell(1, 1, 1, 1));
        assert_eq!(
            (marketing.leading, marketing.lagging, marketing.unmeasured),
            (1, 0, 0)
        );
        assert!(marketing.stale.is_empty());

        let finance = &cards[3];
        assert_eq!(finance.counts.index(), Some(100.0));
        assert_eq!(
            (
                finance.findings,
                finance.errors,
                finance.warnings,
                finance.infos
            ),
            (3, 0, 3, 0)
        );
        assert_eq!(
            finance.stale.iter().map(|&p| person(p)).collect::<Vec<_>>(),
            ["cfo"]
        );
        assert_eq!(
            (finance.leading, finance.lagging, finance.unmeasured),
            (0, 0, 1)
        );
        assert_eq!(finance.imposed_out, cell(1, 1, 0, 0));

        assert_eq!(
            scorecard(&org, &analysis, unit(&org, "sales")).as_ref(),
            Some(sales)
        );
        assert_eq!(scorecard(&org, &analysis, unit(&org, "sales-north")), None);
    }

    /// People and units in no function are the organisation level (`None`): with acme's
    /// executive team a team instead of a function, the goals its CEO sets on Sales and
    /// Marketing come from the organisation level, the last row of the flows; a map with no
    /// function has no rows, no cards.
    #[test]
    fn the_organisation_level_and_a_map_without_functions() {
        let (org, _) = acme();
        let mut map = (*org.map).clone();
        let board = unit(&org, "board") as usize;
        map.units[board].kind = UnitKind::Team;
        let org = Org::new(Arc::new(map.clone()));
        let f = flows(&org, None);
        let [sales, marketing, finance] =
            ["sales", "marketing", "finance"].map(|id| unit(&org, id));
        assert_eq!(
            f.functions,
            vec![Some(sales), Some(marketing), Some(finance), None]
        );
        assert_eq!(f.cells[3][0], cell(1, 1, 0, 0));
        assert_eq!(f.cells[3][1], cell(1, 1, 1, 1));
        assert_eq!(f.given[3].goals, 2);
        assert_eq!(
            goal_ids(&org, &flow_goals(&org, None, Some(sales))),
            ["rep1-calls"]
        );

        for u in &mut map.units {
            if u.kind == UnitKind::Function {
                u.kind = UnitKind::Team;
            }
        }
        let org = Org::new(Arc::new(map));
        let analysis = run(&org, NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        let a = alignment(&org, &analysis);
        assert!(a.flows.functions.is_empty() && a.flows.total == FlowCell::default());
        assert!(a.scorecards.is_empty());
        // Every goal is at the organisation level: one coverage row.
        assert_eq!(a.coverage.functions, vec![None]);
        assert_eq!(a.coverage.goals, vec![11]);
        assert_eq!(a.coverage.cells, vec![vec![7]]);
    }

    /// The scorecards' counts add up to the whole organisation's where every person and
    /// goal is in a function (a generated organisation).
    #[test]
    fn scorecards_add_up_on_a_generated_organisation() {
        let map = crate::gen::generate(&crate::gen::GenOptions {
            people: 400,
            seed: 7,
            as_of: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            messy: true,
        });
        let org = Org::new(Arc::new(map));
        let analysis = run(&org, NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        let a = alignment(&org, &analysis);
        let in_functions: usize = a.scorecards.iter().map(|c| c.counts.person_goals).sum();
        let outside = (0..org.map.people.len() as u32)
            .filter(|&p| org.person_function(p).is_none())
            .map(|p| org.person_goals[p as usize].len())
            .sum::<usize>();
        assert_eq!(in_functions + outside, analysis.summary.person_goals);
        let given: usize = a.flows.given.iter().map(|c| c.goals).sum();
        assert_eq!(given, a.flows.total.goals);
        let received: usize = a.scorecards.iter().map(|c| c.imposed_in.goals).sum();
        let none_received = match a.flows.functions.last() {
            Some(None) => a.flows.received.last().unwrap().goals,
            _ => 0,
        };
        assert_eq!(received + none_received, a.flows.total.goals);
        let hits_in_functions: usize = a.scorecards.iter().map(|c| c.findings).sum();
        assert!(hits_in_functions <= analysis.hits.len());
    }
}
