//! Running the rules: findings, `settings.rules` overrides, the contract's sort order and
//! the summary with the alignment index.

use crate::model::{Map, RuleSetting, Settings};
use crate::org::{Org, Party};
use crate::rules::{Ctx, RuleMeta, REGISTRY};
use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How serious a finding is. Orders as the contract sorts: error, warning, info.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    /// The one id the finding is about.
    pub subject: String,
    /// Other ids involved, sorted by string order.
    pub related: Vec<String>,
    /// What is wrong, why it matters and what to do, naming people, units and goals.
    pub message: String,
}

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

/// Analyse an already indexed map.
pub fn analyse_org(org: &Org, as_of: NaiveDate) -> Report {
    let settings = org.map.settings_or_default();
    let cx = Ctx {
        org,
        as_of,
        settings: &settings,
    };
    // Rules are independent readers of `org`: run them on a few threads, each taking the
    // next rule from the registry, then put the results back in registry order.
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let run = || {
        let mut done: Vec<(usize, Vec<Finding>)> = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(rule) = REGISTRY.get(i) else {
                return done;
            };
            done.push((i, run_rule(rule, &cx, &settings)));
        }
    };
    let mut per_rule: Vec<(usize, Vec<Finding>)> = if workers == 1 {
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
    per_rule.sort_unstable_by_key(|(i, _)| *i);
    let mut findings: Vec<Finding> =
        Vec::with_capacity(per_rule.iter().map(|(_, f)| f.len()).sum());
    for (_, f) in per_rule {
        findings.extend(f);
    }
    sort_findings(&mut findings);
    let summary = summarise(org, &findings);
    Report { findings, summary }
}

/// One rule's findings, with `settings.rules` applied (none when it is off).
fn run_rule(rule: &RuleMeta, cx: &Ctx, settings: &Settings) -> Vec<Finding> {
    let setting = settings
        .rules
        .as_ref()
        .and_then(|r| r.get(rule.id))
        .copied();
    let forced = match setting {
        Some(RuleSetting::Off) => return Vec::new(),
        Some(RuleSetting::Error) => Some(Severity::Error),
        Some(RuleSetting::Warning) => Some(Severity::Warning),
        Some(RuleSetting::Info) => Some(Severity::Info),
        None => None,
    };
    let mut findings = Vec::new();
    (rule.check)(cx, &mut findings);
    for f in &mut findings {
        f.related.sort_unstable();
        f.related.dedup();
        if let Some(s) = forced {
            f.severity = s;
        }
    }
    findings
}

/// The contract's order: severity, rule, subject, related.
///
/// Sorted through a small key per finding (severity, the rule's rank among the rule ids,
/// the subject's first eight bytes), so that comparing strings on the heap — a cache miss
/// each, and most of the time when a messy organisation has 600,000 findings — happens only
/// between findings whose keys tie.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    let full = |a: &Finding, b: &Finding| {
        (a.severity, &a.rule, &a.subject, &a.related)
            .cmp(&(b.severity, &b.rule, &b.subject, &b.related))
    };
    if findings.len() < 64 {
        findings.sort_unstable_by(full);
        return;
    }
    let mut ids: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let rank = |rule: &str| ids.binary_search(&rule).expect("listed") as u32;
    let prefix = |s: &str| {
        let mut b = [0u8; 8];
        let n = s.len().min(8);
        b[..n].copy_from_slice(&s.as_bytes()[..n]);
        u64::from_be_bytes(b)
    };
    let mut keys: Vec<(Severity, u32, u64, u32)> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| (f.severity, rank(&f.rule), prefix(&f.subject), i as u32))
        .collect();
    keys.sort_unstable_by(|a, b| {
        (a.0, a.1, a.2)
            .cmp(&(b.0, b.1, b.2))
            .then_with(|| full(&findings[a.3 as usize], &findings[b.3 as usize]))
    });
    let mut slots: Vec<Option<Finding>> = std::mem::take(findings).into_iter().map(Some).collect();
    findings.extend(
        keys.iter()
            .map(|k| slots[k.3 as usize].take().expect("each finding once")),
    );
}

/// Rules whose findings take a goal out of the alignment index's "good" count.
/// Findings of these rules take a goal out of the alignment index's "good" count.
pub const INDEX_RULES: [&str; 3] = ["conflicting-goals", "imposed-goal", "unguarded-volume"];

fn summarise(org: &Org, findings: &[Finding]) -> Summary {
    let map = &*org.map;
    let mut flagged = vec![false; map.goals.len()];
    for f in findings
        .iter()
        .filter(|f| INDEX_RULES.contains(&f.rule.as_str()))
    {
        for id in std::iter::once(&f.subject).chain(&f.related) {
            if let Some(g) = org.goal_index(id) {
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
    let mut by_rule: Vec<(String, usize)> = Vec::new();
    for f in findings {
        match by_rule.iter_mut().find(|(r, _)| *r == f.rule) {
            Some((_, n)) => *n += 1,
            None => by_rule.push((f.rule.clone(), 1)),
        }
    }
    Summary {
        people: map.people.len(),
        goals: map.goals.len(),
        person_goals: total as usize,
        aligned_person_goals: aligned as usize,
        alignment_index: alignment_index(good, total),
        by_rule,
    }
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
