//! The effect of one change on the findings, for the notice the app shows after each edit
//! ("Resolved 2 · New 1 · Index 61.0 → 63.5"): how many findings the change resolved, how
//! many it made, how many changed severity, by rule, and the index before and after.
//!
//! A finding's identity is the comparison's (`compare-v1`: rule, subject, related). The
//! map before a change is gone once the store has changed it in place, so the findings
//! before are kept as [`Fingerprints`]: a 64-bit hash of each identity with its rule and
//! severity, taken just before the change. The full comparison
//! ([`crate::compare`]) names every finding on both sides; this only counts, at a cost of
//! one hash per finding, and lists the new ones (they are in the new analysis).
//!
//! ```
//! use throughline_core::{analysis, effect, format, Org};
//! let map = format::read_map(r#"{"format": "throughline/1", "organisation": {"name": "A"},
//!   "units": [{"id": "a", "name": "A", "kind": "organisation"}],
//!   "people": [{"id": "p", "name": "Pat", "unit": "a"}]}"#).unwrap();
//! let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
//! let before = Org::new(map.clone().into());
//! let kept = effect::fingerprints(&before, &analysis::run(&before, as_of));
//! let mut map = map;
//! map.people.clear();
//! let after = Org::new(map.into());
//! let e = effect::effect(&kept, &after, &analysis::run(&after, as_of));
//! assert_eq!((e.resolved, e.new), (1, 0)); // person-without-goals is gone
//! ```

use crate::analysis::{Analysis, Hit, Reach, Severity};
use crate::org::{id_of, Org};
use crate::rules::REGISTRY;
use serde::{Deserialize, Serialize};
use std::hash::Hasher;

/// The findings of one state as identity hashes (sorted), with the index of that state.
#[derive(Debug, Clone, Default)]
pub struct Fingerprints {
    prints: Vec<Print>,
    index: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Print {
    key: u64,
    rule: u8,
    severity: Severity,
}

/// What one change did to the findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeEffect {
    /// Findings before the change that are gone after it.
    pub resolved: u32,
    /// Findings after the change that were not there before.
    pub new: u32,
    /// Findings in both with another severity.
    pub changed: u32,
    /// Per rule with any resolved or new finding, in the registry's order.
    pub by_rule: Vec<RuleEffect>,
    pub index_before: Option<f64>,
    pub index_after: Option<f64>,
    /// The new findings' places in the new analysis' hits (`check`'s order), at most
    /// [`NEW_LISTED`].
    pub new_hits: Vec<u32>,
}

/// How many new findings a [`ChangeEffect`] lists by place.
pub const NEW_LISTED: usize = 5;

/// One rule's part of a [`ChangeEffect`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleEffect {
    pub rule: String,
    /// Its name for people ("Imposed goal").
    pub name: String,
    pub resolved: u32,
    pub new: u32,
}

impl ChangeEffect {
    /// A change that left every finding as it was (only wording changed).
    pub fn unchanged(index: Option<f64>) -> ChangeEffect {
        ChangeEffect {
            resolved: 0,
            new: 0,
            changed: 0,
            by_rule: Vec::new(),
            index_before: index,
            index_after: index,
            new_hits: Vec::new(),
        }
    }

    /// Did the change leave the findings and the index as they were?
    pub fn is_none(&self) -> bool {
        self.resolved == 0
            && self.new == 0
            && self.changed == 0
            && self.index_before == self.index_after
    }
}

/// A finding's print: its identity as a hash (its rule, its subject's id and its related
/// ids, each id ended by a byte no id text holds, 0xff being never UTF-8), with its rule
/// and severity.
fn print(org: &Org, hit: &Hit) -> Print {
    let mut h = rustc_hash::FxHasher::default();
    h.write_u8(hit.rule);
    for n in hit.nodes() {
        h.write(id_of(&org.map, n).as_bytes());
        h.write_u8(0xff);
    }
    Print {
        key: h.finish(),
        rule: hit.rule,
        severity: hit.severity,
    }
}

/// Every finding of a state, to compare the state after a change with.
pub fn fingerprints(org: &Org, analysis: &Analysis) -> Fingerprints {
    prints_of(org, &analysis.hits, analysis.summary.alignment_index)
}

/// Some findings of a state, with the state's `index`: the findings an edit of one goal
/// took out ([`Analysis::rerun`]), printed against the index after it (the same entities
/// in the same places, so the same ids).
pub fn prints_of(org: &Org, hits: &[Hit], index: Option<f64>) -> Fingerprints {
    let mut prints: Vec<Print> = hits.iter().map(|h| print(org, h)).collect();
    prints.sort_unstable();
    Fingerprints { prints, index }
}

/// The effect of a change, from the findings before it to the state after it.
pub fn effect(before: &Fingerprints, org: &Org, analysis: &Analysis) -> ChangeEffect {
    effect_where(before, org, analysis, |_| true).0
}

/// [`effect`], and the fingerprints of the state after the change: the next change's
/// "before", so that each change hashes its findings once.
pub fn effect_and_fingerprints(
    before: &Fingerprints,
    org: &Org,
    analysis: &Analysis,
) -> (ChangeEffect, Fingerprints) {
    effect_where(before, org, analysis, |_| true)
}

impl Fingerprints {
    /// These fingerprints with `removed` taken out and `added` put in (after an edit that
    /// re-ran what it reached: those findings' prints before and after).
    pub fn patched(&self, removed: &Fingerprints, added: &Fingerprints) -> Fingerprints {
        // Both lists are sorted: one pass takes out and puts in.
        let mut prints = Vec::with_capacity(self.prints.len() + added.prints.len());
        let mut gone = removed.prints.iter().peekable();
        let mut new = added.prints.iter().peekable();
        for p in &self.prints {
            while gone.next_if(|r| *r < p).is_some() {}
            if gone.next_if(|r| *r == p).is_some() {
                continue;
            }
            while let Some(a) = new.next_if(|a| *a < p) {
                prints.push(*a);
            }
            prints.push(*p);
        }
        prints.extend(new);
        Fingerprints {
            prints,
            index: added.index,
        }
    }
}

/// [`effect`] after an edit that re-ran only what it reached ([`Analysis::rerun`]), against
/// the [`prints_of`] the findings it took out; and the prints of the findings it made, to
/// patch the state's whole prints with ([`Fingerprints::patched`]).
pub fn effect_of_reach(
    before: &Fingerprints,
    org: &Org,
    analysis: &Analysis,
    reach: &Reach,
) -> (ChangeEffect, Fingerprints) {
    effect_where(before, org, analysis, |h| reach.contains(h))
}

fn effect_where(
    before: &Fingerprints,
    org: &Org,
    analysis: &Analysis,
    keep: impl Fn(&Hit) -> bool,
) -> (ChangeEffect, Fingerprints) {
    // The state after, with each finding's place, sorted like the prints before.
    let mut after: Vec<(Print, u32)> = analysis
        .hits
        .iter()
        .enumerate()
        .filter(|(_, h)| keep(h))
        .map(|(i, h)| (print(org, h), i as u32))
        .collect();
    after.sort_unstable_by_key(|(p, _)| *p);
    let mut resolved = vec![0u32; REGISTRY.len()];
    let mut new = vec![0u32; REGISTRY.len()];
    let mut changed = 0u32;
    let mut new_hits = Vec::new();
    let (b, a) = (&before.prints, &after);
    let (mut i, mut j) = (0, 0);
    while i < b.len() || j < a.len() {
        let order = match (b.get(i), a.get(j)) {
            (Some(x), Some((y, _))) => x.key.cmp(&y.key),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match order {
            std::cmp::Ordering::Less => {
                resolved[b[i].rule as usize] += 1;
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                new[a[j].0.rule as usize] += 1;
                new_hits.push(a[j].1);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                changed += u32::from(b[i].severity != a[j].0.severity);
                i += 1;
                j += 1;
            }
        }
    }
    new_hits.sort_unstable();
    new_hits.truncate(NEW_LISTED);
    let by_rule = REGISTRY
        .iter()
        .enumerate()
        .filter(|&(r, _)| resolved[r] + new[r] > 0)
        .map(|(r, meta)| RuleEffect {
            rule: meta.id.to_string(),
            name: meta.name(),
            resolved: resolved[r],
            new: new[r],
        })
        .collect();
    let effect = ChangeEffect {
        resolved: resolved.iter().sum(),
        new: new.iter().sum(),
        changed,
        by_rule,
        index_before: before.index,
        index_after: analysis.summary.alignment_index,
        new_hits,
    };
    let prints = Fingerprints {
        prints: after.into_iter().map(|(p, _)| p).collect(),
        index: analysis.summary.alignment_index,
    };
    (effect, prints)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::run;
    use crate::compare::{diff_findings, Side};
    use crate::gen::{generate, GenOptions};

    /// The counts equal the full comparison's on random edits of generated maps.
    #[test]
    fn effect_counts_equal_the_comparison() {
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        for seed in 1..6u64 {
            let mut opts = GenOptions::new(60, seed);
            opts.messy = seed % 2 == 0;
            let before_map = generate(&opts);
            let mut after_map = before_map.clone();
            // A handful of structural edits: goals lose their parent, people move.
            let n = after_map.goals.len();
            for k in (0..n).step_by(7) {
                after_map.goals[k].supports = None;
            }
            after_map.goals.truncate(n - n / 5);
            after_map
                .people
                .iter_mut()
                .step_by(5)
                .for_each(|p| p.manager = None);
            let Ok(after_map) = crate::format::read_map(&crate::format::write_map(&after_map))
            else {
                continue;
            };
            let before = Org::new(before_map.into());
            let after = Org::new(after_map.into());
            let (ba, aa) = (run(&before, as_of), run(&after, as_of));
            let e = effect(&fingerprints(&before, &ba), &after, &aa);
            let d = diff_findings(
                Side {
                    org: &before,
                    analysis: &ba,
                },
                Side {
                    org: &after,
                    analysis: &aa,
                },
            );
            assert_eq!(e.resolved as usize, d.resolved.len(), "seed {seed}");
            assert_eq!(e.new as usize, d.new.len(), "seed {seed}");
            assert_eq!(e.changed as usize, d.changed.len(), "seed {seed}");
            assert!(
                e.resolved + e.new > 0,
                "seed {seed}: the edits did something"
            );
            let listed: Vec<u32> = d.new.iter().copied().take(NEW_LISTED).collect();
            assert_eq!(e.new_hits, listed, "seed {seed}");
            let by_rule: u32 = e.by_rule.iter().map(|r| r.resolved + r.new).sum();
            assert_eq!(by_rule, e.resolved + e.new);
        }
    }

    /// What a change hands on to the next one equals the prints taken afresh: after a
    /// full analysis, and patched after an edit that re-ran what it reached (of one goal's
    /// status and target, and of its structure); and the effect counted from the findings
    /// re-run equals the effect counted from every finding.
    #[test]
    fn the_prints_handed_on_equal_fresh_ones() {
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let mut opts = GenOptions::new(80, 5);
        opts.messy = true;
        let org = Org::new(generate(&opts).into());
        let a = run(&org, as_of);
        let full = fingerprints(&org, &a);
        let (_, handed) = effect_and_fingerprints(&full, &org, &a);
        assert_eq!(handed.prints, full.prints);
        let mut changed = 0;
        let measures: Vec<String> = org.map.measures.iter().map(|m| m.id.clone()).collect();
        for g in 0..org.map.goals.len() as u32 {
            let mut map = (*org.map).clone();
            let goal = &mut map.goals[g as usize];
            if g % 2 == 0 {
                goal.status = None;
                goal.target = None;
            } else {
                goal.measure = Some(measures[g as usize % measures.len()].clone());
            }
            let mut after_org = Org::new(org.map.clone());
            let change = after_org.rebind_goal(map.into(), g);
            let reach = Reach::of_goal(&after_org, &change);
            let mut after = a.clone();
            let removed = after.rerun(&after_org, &reach);
            let before = prints_of(&after_org, &removed, a.summary.alignment_index);
            let (e, added) = effect_of_reach(&before, &after_org, &after, &reach);
            let patched = full.patched(&before, &added);
            assert_eq!(
                patched.prints,
                fingerprints(&after_org, &after).prints,
                "goal {g}"
            );
            assert_eq!(e, effect(&full, &after_org, &after), "goal {g}");
            changed += usize::from(patched.prints != full.prints);
        }
        assert!(changed > 0, "some edits changed the findings");
    }

    /// No change, no effect.
    #[test]
    fn the_same_state_has_no_effect() {
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let org = Org::new(generate(&GenOptions::new(40, 3)).into());
        let a = run(&org, as_of);
        let e = effect(&fingerprints(&org, &a), &org, &a);
        assert!(e.is_none(), "{e:?}");
    }
}
