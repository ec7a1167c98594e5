//! Findings grouped by their cause: a *pattern* is every finding of one rule, at one
//! severity, that shares a cause — the unit that set the goals, the measure (or the pair of
//! measures) they are on, and the function of their owners. "The executive team sets
//! Outbound calls on 243 Sales reps" is one pattern, not 243 rows. Every finding belongs to
//! exactly one pattern (a finding alone is a pattern of one); patterns come biggest first.
//!
//! Which parts of the cause a rule's findings share is the rule's own definition
//! (`cause:` in its `rule!`, else [`default_cause`]), and so is the sentence a pattern is
//! told in (`pattern:`). See `docs/spec-notes.md`, "Patterns".

use crate::analysis::{Analysis, Severity};
pub use crate::finding::{Cause, Pattern};
use crate::org::Org;
use crate::rules::{Ctx, REGISTRY};
use rustc_hash::FxHashMap;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

impl Pattern {
    /// The pattern in plain words, without ids: the rule's `pattern` sentence.
    pub fn message(&self, cx: &Ctx) -> String {
        let text = (REGISTRY[self.rule as usize].pattern)(cx, self);
        let mut c = text.chars();
        match c.next() {
            Some(first) => first.to_uppercase().chain(c).collect(),
            None => text,
        }
    }
}

/// Every finding in exactly one pattern, biggest first (then by severity and by the
/// first finding, which is the contract's order).
pub fn patterns(org: &Org, analysis: &Analysis) -> Vec<Pattern> {
    let cx = analysis.ctx(org);
    let mut at: FxHashMap<(u8, Severity, Cause), usize> = FxHashMap::default();
    let mut out: Vec<Pattern> = Vec::new();
    for (i, hit) in analysis.hits.iter().enumerate() {
        let cause = (REGISTRY[hit.rule as usize].cause)(&cx, hit);
        let slot = *at
            .entry((hit.rule, hit.severity, cause))
            .or_insert_with(|| {
                out.push(Pattern {
                    rule: hit.rule,
                    severity: hit.severity,
                    cause,
                    findings: Vec::new(),
                });
                out.len() - 1
            });
        out[slot].findings.push(i as u32);
    }
    // Stable: equal sizes keep the order of their first findings.
    out.sort_by(|a, b| {
        b.findings
            .len()
            .cmp(&a.findings.len())
            .then(a.severity.cmp(&b.severity))
    });
    out
}

/// The patterns as `check --format json` writes them: `rule`, `severity`, `cause` (the
/// ids of what the findings share), `findings` (indexes into `findings`) and `message`.
pub fn patterns_json<'a>(
    org: &'a Org,
    analysis: &'a Analysis,
    patterns: &'a [Pattern],
) -> impl Serialize + 'a {
    PatternsJson {
        org,
        analysis,
        patterns,
    }
}

struct PatternsJson<'a> {
    org: &'a Org,
    analysis: &'a Analysis,
    patterns: &'a [Pattern],
}

impl Serialize for PatternsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let cx = self.analysis.ctx(self.org);
        s.collect_seq(self.patterns.iter().map(|p| PatternJson {
            cx: &cx,
            pattern: p,
        }))
    }
}

struct PatternJson<'a> {
    cx: &'a Ctx<'a>,
    pattern: &'a Pattern,
}

impl Serialize for PatternJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.pattern;
        let map = &*self.cx.org.map;
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("rule", REGISTRY[p.rule as usize].id)?;
        m.serialize_entry("severity", &p.severity)?;
        let mut cause = serde_json::Map::new();
        let unit = |u: u32| serde_json::Value::String(map.units[u as usize].id.clone());
        let measure = |x: u32| serde_json::Value::String(map.measures[x as usize].id.clone());
        if let Some(u) = p.cause.setter {
            cause.insert("setter".into(), unit(u));
        }
        if let Some(x) = p.cause.measure {
            cause.insert("measure".into(), measure(x));
        }
        if let Some((a, b)) = p.cause.measures {
            cause.insert("measures".into(), vec![measure(a), measure(b)].into());
        }
        if let Some(u) = p.cause.function {
            cause.insert("function".into(), unit(u));
        }
        m.serialize_entry("cause", &cause)?;
        m.serialize_entry("findings", &p.findings)?;
        m.serialize_entry("message", &p.message(self.cx))?;
        m.end()
    }
}

// What `check --format json` writes: the findings, the summary and the patterns.

impl Analysis {
    /// What `check --format json` writes: [`Analysis::report`]'s JSON (`findings`,
    /// `summary`), each message written as it is serialised and then dropped, so the report
    /// is never held whole; then `patterns`.
    pub fn report_json<'a>(&'a self, org: &'a Org) -> impl Serialize + 'a {
        ReportJson {
            analysis: self,
            org,
        }
    }
}

/// [`crate::analysis::Report`]'s serialisation, written from an [`Analysis`] one finding at
/// a time.
struct ReportJson<'a> {
    analysis: &'a Analysis,
    org: &'a Org,
}

impl Serialize for ReportJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Findings<'a>(&'a ReportJson<'a>);
        impl Serialize for Findings<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.analysis.findings(self.0.org))
            }
        }
        let patterns = patterns(self.org, self.analysis);
        let mut st = s.serialize_struct("Report", 3)?;
        st.serialize_field("findings", &Findings(self))?;
        st.serialize_field("summary", &self.analysis.summary)?;
        st.serialize_field(
            "patterns",
            &patterns_json(self.org, self.analysis, &patterns),
        )?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_finding_is_in_exactly_one_pattern_biggest_first() {
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        for messy in [false, true] {
            let mut opts = crate::gen::GenOptions::new(500, 7);
            opts.messy = messy;
            let org = Org::new(crate::gen::generate(&opts).into());
            let analysis = crate::analysis::run(&org, as_of);
            let ps = patterns(&org, &analysis);
            let mut seen = vec![0u32; analysis.hits.len()];
            for p in &ps {
                for &i in &p.findings {
                    seen[i as usize] += 1;
                    let h = &analysis.hits[i as usize];
                    assert_eq!((h.rule, h.severity), (p.rule, p.severity));
                }
                assert!(p.findings.windows(2).all(|w| w[0] < w[1]));
                assert!(!p.message(&analysis.ctx(&org)).is_empty());
            }
            assert!(seen.iter().all(|&n| n == 1), "each finding once");
            assert!(ps.windows(2).all(|w| w[0].count() >= w[1].count()));
            assert!(ps.len() < analysis.hits.len() / 3, "findings do group");
        }
    }
}
