//! Findings grouped by their cause: a *pattern* is every finding of one rule, at one
//! severity, that shares a cause — the unit that set the goals, the measure (or the pair of
//! measures) they are on, and the function of their owners. "The executive team sets
//! Outbound calls on 243 Sales reps" is one pattern, not 243 rows. Every finding belongs to
//! exactly one pattern (a finding alone is a pattern of one); patterns come biggest first.
//!
//! Which parts of the cause a rule's findings share is the rule's own definition
//! (`cause:` in its `rule!`, else [`default_cause`]), and so is the sentence a pattern is
//! told in (`pattern:`). See `docs/spec-notes.md`, "Patterns".

use crate::analysis::{Analysis, Hit, Severity};
use crate::org::{Node, Org};
use crate::rules::{Ctx, REGISTRY};
use rustc_hash::FxHashMap;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// What the findings of one pattern have in common, as indexes into the map. `None`: that
/// part is not part of this rule's cause (or, for `function`, the owners have none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Cause {
    /// The unit that set the goals (the setter unit of the spec).
    pub setter: Option<u32>,
    /// The measure the goals are on.
    pub measure: Option<u32>,
    /// A measure and the measure it undermines.
    pub measures: Option<(u32, u32)>,
    /// The function of the findings' subjects (a goal's owner's, a person's, a unit's).
    pub function: Option<u32>,
}

/// The cause most rules share: for a goal, who set it from outside its owner's line (a goal
/// set within the line has no setter in its cause: every team of a function setting its
/// own goals is one cause, not one per team), what it is measured on and the owner's
/// function; for a person or a unit, the function.
pub fn default_cause(cx: &Ctx, hit: &Hit) -> Cause {
    let org = cx.org;
    match hit.subject {
        Node::Goal(g) => Cause {
            setter: (!org.in_line[g as usize]).then(|| org.goal_setter_unit[g as usize]),
            measure: org.goal_measure[g as usize],
            measures: None,
            function: org.goal_owner_function(g),
        },
        n => Cause {
            function: org.function_of_node(n),
            ..Cause::default()
        },
    }
}

/// One pattern: a rule, a severity, a cause and its findings.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The rule's place in the registry.
    pub rule: u8,
    pub severity: Severity,
    pub cause: Cause,
    /// Indexes into the analysis's findings (the order `check` prints them in), ascending.
    pub findings: Vec<u32>,
}

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

    pub fn count(&self) -> usize {
        self.findings.len()
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

// Words for the rules' pattern sentences.

impl Ctx<'_> {
    /// "Sales", or "no function".
    pub fn function_name(&self, p: &Pattern) -> &str {
        p.cause.function.map_or("no function", |u| self.unit(u))
    }

    /// "in Sales", or "outside any function".
    pub fn in_function(&self, p: &Pattern) -> String {
        match p.cause.function {
            Some(u) => format!("in {}", self.unit(u)),
            None => "outside any function".into(),
        }
    }

    /// ", set by Finance," when the goals were set from outside their owners' line, else "".
    pub fn set_by(&self, p: &Pattern) -> String {
        p.cause
            .setter
            .map(|u| format!(", set by {},", self.unit(u)))
            .unwrap_or_default()
    }

    /// The setter unit's name ("their own line" when set within it).
    pub fn setter_name(&self, p: &Pattern) -> &str {
        p.cause.setter.map_or("their own line", |u| self.unit(u))
    }

    /// "on Outbound calls", or "" when the goals have no measure.
    pub fn on_measure(&self, p: &Pattern) -> String {
        p.cause
            .measure
            .map(|m| format!(" on {}", self.org.map.measures[m as usize].name))
            .unwrap_or_default()
    }

    /// The names of the measures the pattern's measure undermines: "; it undermines Win
    /// rate", or "".
    pub fn undermining(&self, p: &Pattern) -> String {
        let Some(m) = p.cause.measure else {
            return String::new();
        };
        let mut names: Vec<&str> = self.org.measure_out[m as usize]
            .iter()
            .filter(|(e, _)| *e == crate::model::Effect::Undermines)
            .map(|&(_, n)| self.org.map.measures[n as usize].name.as_str())
            .collect();
        names.dedup();
        if names.is_empty() {
            String::new()
        } else {
            format!("; it undermines {}", crate::rules::and_list(&names))
        }
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
