//! Running the rules: findings, `settings.rules` overrides, the contract's sort order and
//! the summary with the alignment index.

pub use crate::finding::{Finding, Hit, Severity};
use crate::model::{Map, RuleSetting, Settings};
use crate::org::{id_of, Node, Org, Party, Terms};
use crate::rules::{Ctx, RuleMeta, REGISTRY};
use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The `summary` object of `throughline check --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Summary {
    pub people: usize,
    pub goals: usize,
    pub person_goals: usize,
    pub aligned_person_goals: usize,
    /// Percentage with one decimal, `None` when there are no person-owned goals.
    pub alignment_index: Option<f64>,
    /// Findings per rule, in the order the findings are printed; rules with none left out.
    #[serde(serialize_with = "serialize_pairs")]
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
    pub by_rule: Vec<(String, usize)>,
}

fn serialize_pairs<S: Serializer>(pairs: &[(String, usize)], s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

/// Everything `check` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Report {
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// The as-of date: the command line's, else `settings.as_of`, else today (passed in: the
/// core never reads the clock).
pub fn resolve_as_of(explicit: Option<NaiveDate>, map: &Map, today: NaiveDate) -> NaiveDate {
    explicit
        .or_else(|| map.settings.as_ref().and_then(|s| s.as_of))
        .unwrap_or(today)
}

/// Analyse a valid map (indexing it first; see [`Org::new`]).
pub fn analyse(map: impl Into<std::sync::Arc<Map>>, as_of: NaiveDate) -> Report {
    analyse_org(&Org::new(map.into()), as_of)
}

/// Analyse an already indexed map, every message written out.
pub fn analyse_org(org: &Org, as_of: NaiveDate) -> Report {
    run(org, as_of).report(org)
}

/// The findings of one map as the rules made them, sorted in the contract's order, with
/// the summary; messages are written on demand against the same [`Org`].
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub hits: Vec<Hit>,
    pub summary: Summary,
    /// What the summary's alignment index was computed from, for the reports' per-function
    /// indexes.
    pub index: IndexInputs,
    pub as_of: NaiveDate,
    /// Boxed: an analysis is kept and moved by value (the app's revisions), so it stays
    /// small.
    settings: Box<Settings>,
}

/// The alignment index's inputs beyond the summary's counts.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexInputs {
    /// Per goal: named in a finding of an [`INDEX_RULES`] rule, so never "sound".
    pub flagged: Vec<bool>,
    /// Person-owned goals that are aligned and not flagged: the index's numerator.
    pub sound_person_goals: usize,
}

impl Analysis {
    /// What a rule's message function reads.
    pub fn ctx<'a>(&'a self, org: &'a Org) -> Ctx<'a> {
        Ctx {
            org,
            as_of: self.as_of,
            settings: &self.settings,
        }
    }

    /// The `i`-th finding, its message written.
    pub fn finding(&self, org: &Org, i: usize) -> Finding {
        self.render(org, &self.hits[i])
    }

    /// A hit as the contract's finding.
    pub fn render(&self, org: &Org, hit: &Hit) -> Finding {
        let cx = self.ctx(org);
        let rule = hit.rule();
        Finding {
            rule: rule.id.to_string(),
            severity: hit.severity,
            subject: id_of(&org.map, hit.subject).to_string(),
            related: hit
                .related
                .iter()
                .map(|&n| id_of(&org.map, n).to_string())
                .collect(),
            message: (rule.message)(&cx, hit),
        }
    }

    /// Every finding in order, each written when the iterator reaches it.
    pub fn findings<'a>(&'a self, org: &'a Org) -> impl ExactSizeIterator<Item = Finding> + 'a {
        self.hits.iter().map(move |h| self.render(org, h))
    }

    /// Everything `check` reports, every message written.
    pub fn report(&self, org: &Org) -> Report {
        Report {
            findings: self.findings(org).collect(),
            summary: self.summary.clone(),
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.hits.iter().filter(|h| h.severity == severity).count()
    }

    pub fn has_errors(&self) -> bool {
        self.hits.iter().any(|h| h.severity == Severity::Error)
    }
}

/// Run every rule over an indexed map: the findings sorted, the summary made, no message
/// written yet.
pub fn run(org: &Org, as_of: NaiveDate) -> Analysis {
    let settings = org.map.settings_or_default();
    let hits = run_rules(org, as_of, &settings, |_| true);
    let (summary, index) = summarise(org, &hits);
    Analysis {
        hits,
        summary,
        index,
        as_of,
        settings: Box::new(settings),
    }
}

/// The hits of the rules `chosen` picks (by place in the registry), in the contract's
/// order.
fn run_rules(
    org: &Org,
    as_of: NaiveDate,
    settings: &Settings,
    chosen: impl Fn(usize) -> bool + Sync,
) -> Vec<Hit> {
    let cx = Ctx {
        org,
        as_of,
        settings,
    };
    // Rules are independent readers of `org`: run them on a few threads, each taking the
    // next rule from the registry, then put the results back in registry order.
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let run = || {
        let mut done: Vec<(usize, Vec<Hit>)> = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(rule) = REGISTRY.get(i) else {
                return done;
            };
            if chosen(i) {
                done.push((i, run_rule(i, rule, &cx, settings)));
            }
        }
    };
    let mut per_rule: Vec<(usize, Vec<Hit>)> = if workers == 1 {
        run()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..workers).map(|_| s.spawn(run)).collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("a rule panicked"))
                .collect()
        })
    };
    // Each rule's hits come sorted by severity, subject and related (the rule is the
    // same): the contract's order is, per severity, each rule's run in the rules' order.
    per_rule.sort_unstable_by_key(|(i, _)| rule_rank(*i as u8));
    let mut hits: Vec<Hit> = Vec::with_capacity(per_rule.iter().map(|(_, f)| f.len()).sum());
    let mut runs: Vec<_> = per_rule
        .into_iter()
        .map(|(_, f)| f.into_iter().peekable())
        .collect();
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        for run in &mut runs {
            while let Some(h) = run.next_if(|h| h.severity == severity) {
                hits.push(h);
            }
        }
    }
    debug_assert!(runs.iter_mut().all(|r| r.peek().is_none()));
    hits
}

/// What `settings.rules` says of a rule: `None` when it is off, else the severity it forces
/// (if any).
fn setting_of(rule: &RuleMeta, settings: &Settings) -> Option<Option<Severity>> {
    match settings
        .rules
        .as_ref()
        .and_then(|r| r.get(rule.id))
        .copied()
    {
        Some(RuleSetting::Off) => None,
        Some(RuleSetting::Error) => Some(Some(Severity::Error)),
        Some(RuleSetting::Warning) => Some(Some(Severity::Warning)),
        Some(RuleSetting::Info) => Some(Some(Severity::Info)),
        None => Some(None),
    }
}

/// One rule's hits, with `settings.rules` applied (none when it is off), sorted in the
/// contract's order.
fn run_rule(index: usize, rule: &RuleMeta, cx: &Ctx, settings: &Settings) -> Vec<Hit> {
    let Some(forced) = setting_of(rule, settings) else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    (rule.check)(cx, &mut hits);
    finish(index, forced, &cx.org.map, &mut hits);
    sort_hits(&cx.org.map, &mut hits);
    hits
}

/// Stamp a rule's hits with its place in the registry, sort and deduplicate their related
/// nodes by id, and apply a forced severity.
fn finish(index: usize, forced: Option<Severity>, map: &Map, hits: &mut [Hit]) {
    for h in hits {
        h.rule = index as u8;
        if h.related.len() > 1 {
            let mut related = std::mem::take(&mut h.related).into_vec();
            related.sort_unstable_by(|&a, &b| id_of(map, a).cmp(id_of(map, b)));
            related.dedup();
            h.related = related.into_boxed_slice();
        }
        if let Some(s) = forced {
            h.severity = s;
        }
    }
}

/// The contract's order between two hits of `map`.
fn hit_order(map: &Map, a: &Hit, b: &Hit) -> std::cmp::Ordering {
    (a.severity, rule_rank(a.rule), id_of(map, a.subject))
        .cmp(&(b.severity, rule_rank(b.rule), id_of(map, b.subject)))
        .then_with(|| {
            let ra = a.related.iter().map(|&n| id_of(map, n));
            ra.cmp(b.related.iter().map(|&n| id_of(map, n)))
        })
}

/// The findings an edit of one goal can change, by rule: of the rules that read a term the
/// edit changed (`RuleMeta::reads`, against what [`Org::rebind_goal`] says changed), every
/// finding — or, for a person-local rule, its findings about the goal's owner before and
/// after; for a rule of goal pairs, the findings naming the goal — and the goal-local
/// rules' findings about the goal itself, whatever changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// The edited goal.
    pub goal: u32,
    /// Its owners before and after, when they are people (the same one once).
    people: [Option<u32>; 2],
    /// The rules re-run in full, by place in the registry (a bit each).
    rules: u32,
    /// The person-local rules re-run for `people`.
    person_rules: u32,
    /// The rules of goal pairs re-run for the pairs of `goal`.
    pair_rules: u32,
    /// Can the alignment index change? Only through a finding of an index rule, or a goal
    /// changing owner or becoming aligned or not.
    index: bool,
}

impl Reach {
    /// An edit of goal `g` that changed no index term (a target, due date, status or
    /// title): the goal-local rules' findings about `g` alone.
    pub fn goal_local(g: u32) -> Reach {
        Reach {
            goal: g,
            people: [None, None],
            rules: 0,
            person_rules: 0,
            pair_rules: 0,
            index: false,
        }
    }

    /// What an edit of one goal reaches, from what patching the index for it changed;
    /// `org` is the index after the edit.
    pub fn of_goal(org: &Org, change: &crate::org::GoalChange) -> Reach {
        let g = change.goal;
        let mut reach = Reach::goal_local(g);
        let person = |p: Party| match p {
            Party::Person(p) => Some(p),
            Party::Unit(_) => None,
        };
        let (before, after) = (
            person(change.owner_before),
            person(org.goal_owner[g as usize]),
        );
        reach.people = [before, after.filter(|&a| Some(a) != before)];
        for (i, rule) in REGISTRY.iter().enumerate() {
            if rule.goal_local.is_some() || !rule.reads.intersects(change.terms) {
                continue;
            }
            let bit = 1u32 << i;
            if rule.person_local.is_some() {
                reach.person_rules |= bit;
            } else if rule.goal_pairs.is_some() {
                reach.pair_rules |= bit;
            } else {
                reach.rules |= bit;
            }
            reach.index |= INDEX_RULES.contains(&rule.id);
        }
        reach.index |= change
            .terms
            .intersects(Terms::of(&[Terms::OWNER, Terms::ALIGNED]));
        reach
    }

    /// Does the rule at place `r` of the registry run again in full?
    pub fn reruns(&self, r: u8) -> bool {
        self.rules & (1 << r) != 0
    }

    /// Is this finding one the edit can change (taken out and made again)?
    pub fn contains(&self, h: &Hit) -> bool {
        let bit = 1u32 << h.rule;
        if self.rules & bit != 0 {
            return true;
        }
        if self.person_rules & bit != 0 {
            if let Node::Person(p) = h.subject {
                return self.people.contains(&Some(p));
            }
        }
        if self.pair_rules & bit != 0 && h.nodes().any(|n| n == Node::Goal(self.goal)) {
            return true;
        }
        h.subject == Node::Goal(self.goal) && REGISTRY[h.rule as usize].goal_local.is_some()
    }
}

const _: () = assert!(REGISTRY.len() <= 32, "Reach keeps one bit per rule");

impl Analysis {
    /// After an edit of one goal (`org` patched by [`Org::rebind_goal`], `reach` from what
    /// it changed), bring the findings up to date: the findings in `reach` are taken out,
    /// its rules run again (in full, for the owners, for the goal's pairs or for the goal
    /// alone) and the new findings merged in the contract's order; the summary follows.
    /// Equal to a fresh [`run`] on the changed map (a test holds every rule's `reads` and
    /// local checks to that). Returns the findings taken out, for the change's effect: the
    /// edit kept every entity in its place, so they read the same against `org`.
    pub fn rerun(&mut self, org: &Org, reach: &Reach) -> Vec<Hit> {
        let cx = Ctx {
            org,
            as_of: self.as_of,
            settings: &self.settings,
        };
        let mut fresh = if reach.rules == 0 {
            Vec::new()
        } else {
            run_rules(org, self.as_of, &self.settings, |i| reach.reruns(i as u8))
        };
        for (i, rule) in REGISTRY.iter().enumerate() {
            let Some(forced) = setting_of(rule, &self.settings) else {
                continue;
            };
            let bit = 1u32 << i;
            let at = fresh.len();
            if let Some(check_goal) = rule.goal_local {
                debug_assert!(
                    !INDEX_RULES.contains(&rule.id),
                    "the index needs a full run"
                );
                check_goal(&cx, reach.goal, &mut fresh);
            } else if let Some(check_person) =
                rule.person_local.filter(|_| reach.person_rules & bit != 0)
            {
                for p in reach.people.into_iter().flatten() {
                    check_person(&cx, p, &mut fresh);
                }
            } else if let Some(pairs_of) = rule.goal_pairs.filter(|_| reach.pair_rules & bit != 0) {
                pairs_of(&cx, reach.goal, &mut fresh);
            } else {
                continue;
            }
            finish(i, forced, &org.map, &mut fresh[at..]);
        }
        sort_hits(&org.map, &mut fresh);
        // One pass: the findings the edit reached taken out, the fresh ones merged in.
        let old = std::mem::take(&mut self.hits);
        let mut hits = Vec::with_capacity(old.len() + fresh.len());
        let mut removed = Vec::new();
        let mut fresh = fresh.into_iter().peekable();
        for h in old {
            if reach.contains(&h) {
                removed.push(h);
                continue;
            }
            while let Some(x) = fresh.next_if(|x| hit_order(&org.map, x, &h).is_lt()) {
                hits.push(x);
            }
            hits.push(h);
        }
        hits.extend(fresh);
        self.hits = hits;
        if reach.index {
            let (summary, index) = summarise(org, &self.hits);
            self.summary = summary;
            self.index = index;
        } else {
            self.summary.by_rule = by_rule(&self.hits);
        }
        removed
    }
}

/// The contract's order: severity, rule, subject, related (ids compared as strings).
///
/// Sorted through one integer key per hit (severity, the rule's rank among the rule ids,
/// the subject id's first eight bytes, the hit's place), so that comparing strings on the
/// heap — a cache miss each, and most of the time when a messy organisation has 600,000
/// findings — happens only within runs of hits whose keys tie but for their places.
pub fn sort_hits(map: &Map, hits: &mut Vec<Hit>) {
    let full = |a: &Hit, b: &Hit| hit_order(map, a, b);
    if hits.len() < 64 {
        hits.sort_unstable_by(full);
        return;
    }
    let prefix = |s: &str| {
        let mut b = [0u8; 8];
        let n = s.len().min(8);
        b[..n].copy_from_slice(&s.as_bytes()[..n]);
        u64::from_be_bytes(b)
    };
    let mut keys: Vec<u128> = hits
        .iter()
        .enumerate()
        .map(|(i, h)| {
            (h.severity as u128) << 104
                | (rule_rank(h.rule) as u128) << 96
                | (prefix(id_of(map, h.subject)) as u128) << 32
                | i as u128
        })
        .collect();
    keys.sort_unstable();
    // Runs that tie but for the place: ordered by the whole ids.
    let place = |k: u128| (k & 0xffff_ffff) as usize;
    let mut start = 0;
    while start < keys.len() {
        let head = keys[start] >> 32;
        let mut end = start + 1;
        while keys.get(end).is_some_and(|&k| k >> 32 == head) {
            end += 1;
        }
        if end - start > 1 {
            keys[start..end].sort_unstable_by(|&a, &b| full(&hits[place(a)], &hits[place(b)]));
        }
        start = end;
    }
    let mut slots: Vec<Option<Hit>> = std::mem::take(hits).into_iter().map(Some).collect();
    hits.extend(
        keys.iter()
            .map(|&k| slots[place(k)].take().expect("each hit once")),
    );
}

/// A rule's rank among the rule ids in string order (the contract sorts by rule id).
fn rule_rank(rule: u8) -> u8 {
    static RANKS: std::sync::OnceLock<[u8; REGISTRY.len()]> = std::sync::OnceLock::new();
    RANKS.get_or_init(|| {
        let mut order: Vec<usize> = (0..REGISTRY.len()).collect();
        order.sort_by_key(|&i| REGISTRY[i].id);
        let mut ranks = [0u8; REGISTRY.len()];
        for (rank, i) in order.into_iter().enumerate() {
            ranks[i] = rank as u8;
        }
        ranks
    })[rule as usize]
}

/// Findings of these rules take a goal out of the alignment index's "good" count.
pub const INDEX_RULES: [&str; 3] = ["conflicting-goals", "imposed-goal", "unguarded-volume"];

/// The summary, and the index inputs it was computed from.
fn summarise(org: &Org, hits: &[Hit]) -> (Summary, IndexInputs) {
    let map = &*org.map;
    let index_rules: u32 = REGISTRY
        .iter()
        .enumerate()
        .filter(|(_, r)| INDEX_RULES.contains(&r.id))
        .fold(0, |bits, (i, _)| bits | 1 << i);
    let mut flagged = vec![false; map.goals.len()];
    for h in hits.iter().filter(|h| index_rules & (1 << h.rule) != 0) {
        for n in h.nodes() {
            if let Node::Goal(g) = n {
                flagged[g as usize] = true;
            }
        }
    }
    let mut total = 0u64;
    let mut aligned = 0u64;
    let mut good = 0u64;
    for (g, owner) in org.goal_owner.iter().enumerate() {
        if matches!(owner, Party::Person(_)) {
            total += 1;
            if org.aligned[g] {
                aligned += 1;
                if !flagged[g] {
                    good += 1;
                }
            }
        }
    }
    let summary = Summary {
        people: map.people.len(),
        goals: map.goals.len(),
        person_goals: total as usize,
        aligned_person_goals: aligned as usize,
        alignment_index: alignment_index(good, total),
        by_rule: by_rule(hits),
    };
    let index = IndexInputs {
        flagged,
        sound_person_goals: good as usize,
    };
    (summary, index)
}

/// Findings per rule, in the order the findings are printed.
fn by_rule(hits: &[Hit]) -> Vec<(String, usize)> {
    let mut counts = [0usize; REGISTRY.len()];
    let mut order: Vec<u8> = Vec::new();
    for h in hits {
        if counts[h.rule as usize] == 0 {
            order.push(h.rule);
        }
        counts[h.rule as usize] += 1;
    }
    order
        .into_iter()
        .map(|r| (REGISTRY[r as usize].id.to_string(), counts[r as usize]))
        .collect()
}

/// `floor((2000 * good + total) / (2 * total)) / 10`, exactly, in integers.
pub fn alignment_index(good: u64, total: u64) -> Option<f64> {
    if total == 0 {
        return None;
    }
    let tenths = (2000 * good + total) / (2 * total);
    Some(tenths as f64 / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Re-running the goal-local rules for one goal after its target, due date or status
    /// changed gives what a fresh run on the changed map gives.
    #[test]
    fn rerun_of_a_goal_local_edit_equals_a_fresh_run() {
        use crate::model::Status;
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        for messy in [false, true] {
            let mut opts = crate::gen::GenOptions::new(300, 5);
            opts.messy = messy;
            let mut map = crate::gen::generate(&opts);
            let mut org = Org::new(std::sync::Arc::new(map.clone()));
            let mut analysis = run(&org, as_of);
            let n = map.goals.len();
            for i in 0..60usize {
                let g = (i * 7919) % n;
                let goal = &mut map.goals[g];
                match i % 3 {
                    0 => {
                        goal.target = if goal.target.is_some() {
                            None
                        } else {
                            Some(1.0)
                        }
                    }
                    1 => {
                        goal.due = if goal.due.is_some() {
                            None
                        } else {
                            Some(as_of)
                        }
                    }
                    _ => {
                        goal.status =
                            Some([Status::Proposed, Status::Agreed, Status::Disputed][(i / 3) % 3])
                    }
                }
                org.rebind(std::sync::Arc::new(map.clone()));
                analysis.rerun(&org, &Reach::goal_local(g as u32));
                let fresh = run(&Org::new(std::sync::Arc::new(map.clone())), as_of);
                assert_eq!(analysis, fresh, "edit {i} (messy: {messy})");
            }
        }
    }

    /// After random edits of one goal's owner, setter, measure, supports, values and level,
    /// re-running what the edit reaches (each rule's `reads` against what the index patch
    /// says changed) gives what a fresh run on the changed map gives; and the findings it
    /// takes out are the findings of the reach before the edit.
    #[test]
    fn rerun_of_a_goal_edit_equals_a_fresh_run() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let mut skipped = 0usize;
        // Large maps have many findings of each rule; small ones, links that only one goal
        // makes (a strategy reached by one person's goal alone).
        let maps = [
            (250, false, 3u64),
            (250, true, 4),
            (250, true, 9),
            (12, false, 5),
            (12, true, 6),
        ];
        for (people, messy, seed) in maps {
            let mut opts = crate::gen::GenOptions::new(people, seed);
            opts.messy = messy;
            let mut map = crate::gen::generate(&opts);
            let mut org = Org::new(std::sync::Arc::new(map.clone()));
            let mut analysis = run(&org, as_of);
            let mut edits = crate::org::GoalEdits::new(&map, seed.wrapping_mul(0x9e37_79b9));
            for step in 0..200 {
                let before = analysis.clone();
                let (g, _) = edits.next(&mut map);
                let shared = std::sync::Arc::new(map.clone());
                let change = org.rebind_goal(shared.clone(), g as u32);
                let changed = change.terms;
                let reach = Reach::of_goal(&org, &change);
                skipped += REGISTRY.len() - reach.rules.count_ones() as usize;
                let removed = analysis.rerun(&org, &reach);
                let fresh = run(&Org::new(shared), as_of);
                // Not `assert_eq!`: a whole analysis is too long to read in a failure.
                let first = analysis
                    .hits
                    .iter()
                    .zip(&fresh.hits)
                    .position(|(a, b)| a != b);
                assert!(
                    analysis == fresh,
                    "step {step}: goal {g}, {changed:?} (messy: {messy}): {} hits, fresh {}, \
                     first difference at {first:?}",
                    analysis.hits.len(),
                    fresh.hits.len()
                );
                let expect: Vec<&Hit> = before.hits.iter().filter(|h| reach.contains(h)).collect();
                assert_eq!(removed.iter().collect::<Vec<_>>(), expect, "step {step}");
            }
        }
        assert!(skipped > 0, "some edits left rules out");
    }

    /// Each rule's runs laid out per severity give the order one comparison sort of every
    /// finding gives: on tidy and messy maps, with long ids that tie on their first eight
    /// bytes, and with rules forced to other severities.
    #[test]
    fn the_findings_are_in_the_contracts_order() {
        use crate::model::RuleSetting;
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        for (messy, long_ids, forced) in [
            (false, false, false),
            (true, true, false),
            (true, false, true),
        ] {
            let mut opts = crate::gen::GenOptions::new(150, 8);
            opts.messy = messy;
            let mut map = crate::gen::generate(&opts);
            if long_ids {
                let long = |id: &str| format!("goal-of-the-year-{id}");
                for goal in &mut map.goals {
                    goal.id = long(&goal.id);
                    if let Some(to) = &mut goal.supports {
                        to.iter_mut().for_each(|s| *s = long(s));
                    }
                }
            }
            if forced {
                let mut rules = std::collections::BTreeMap::new();
                rules.insert("not-agreed".to_string(), RuleSetting::Error);
                rules.insert("imposed-goal".to_string(), RuleSetting::Info);
                rules.insert("orphaned-goal".to_string(), RuleSetting::Off);
                map.settings.get_or_insert_with(Default::default).rules = Some(rules);
            }
            let org = Org::new(std::sync::Arc::new(map));
            let a = run(&org, as_of);
            let mut sorted = a.hits.clone();
            sorted.sort_by(|x, y| hit_order(&org.map, x, y));
            assert!(a.hits.len() > 100);
            assert!(
                a.hits == sorted,
                "messy {messy}, long ids {long_ids}, forced {forced}"
            );
        }
    }

    #[test]
    fn index_rounds_half_up_exactly() {
        assert_eq!(alignment_index(5, 7), Some(71.4));
        assert_eq!(alignment_index(5, 6), Some(83.3));
        assert_eq!(alignment_index(1, 8), Some(12.5));
        assert_eq!(alignment_index(1, 16), Some(6.3)); // 6.25 rounds half up
        assert_eq!(alignment_index(2, 3), Some(66.7));
        assert_eq!(alignment_index(0, 3), Some(0.0));
        assert_eq!(alignment_index(3, 3), Some(100.0));
        assert_eq!(alignment_index(0, 0), None);
    }
}
