//! The alignment rules: one file per rule, one registry.
//!
//! Each rule file declares its `RULE` with [`rule!`]: the rule's id, default severity, check
//! function and its documentation, written once as the doc comment. That text is both the
//! rustdoc and what `throughline explain RULE` and the app show, so it cannot drift.

use crate::finding::{Cause, Fix, Hit, Pattern, Severity};
use crate::model::Settings;
use crate::org::{Node, Org, Party};
use chrono::NaiveDate;

mod alignment_cycle;
mod conflicting_goals;
mod fixing;
mod imposed_goal;
mod lagging_only;
mod no_development_goal;
mod not_agreed;
mod orphaned_goal;
mod overloaded_person;
mod person_without_goals;
mod stale_feedback;
mod uncascaded_objective;
mod unguarded_volume;
mod unmeasured_function;
mod unvalued_strategy;
mod vague_goal;
mod value_without_behaviours;

/// What rules read: the indexed map, the as-of date and the effective settings.
pub struct Ctx<'a> {
    pub org: &'a Org,
    pub as_of: NaiveDate,
    pub settings: &'a Settings,
}

/// A rule's identity, documentation and check.
pub struct RuleMeta {
    /// Kebab-case id used in findings, `settings.rules` and `throughline explain`.
    pub id: &'static str,
    pub default_severity: Severity,
    /// The doc comment as written (each line keeps rustdoc's leading space).
    raw_doc: &'static str,
    /// Appends this rule's findings, with their default (or escalated) severities.
    pub check: fn(&Ctx, &mut Vec<Hit>),
    /// Writes one of its findings' message (against the map the finding was made from).
    pub message: fn(&Ctx, &Hit) -> String,
    /// For a goal-local rule, its check of one goal: the rule's findings about goal `g`,
    /// which depend on nothing but that goal and the index. A rule that reads a goal's
    /// target, due date or status must be goal-local (the app re-runs only these rules, and
    /// only for the goal, when such a field changes; `check` is then every goal's check).
    pub goal_local: Option<fn(&Ctx, u32, &mut Vec<Hit>)>,
    /// For a person-local rule, its check of one person: the rule's findings about person
    /// `p`, which depend on nothing but that person, their own goals and check-ins. After
    /// an edit of one goal that changed a term the rule reads, it runs again for the goal's
    /// owner before and after alone.
    pub person_local: Option<fn(&Ctx, u32, &mut Vec<Hit>)>,
    /// For a rule whose findings are about pairs of goals and depend on nothing but the
    /// two goals: the findings that name goal `g`. After an edit of one goal that changed
    /// a term the rule reads, only the findings naming it are made again.
    pub goal_pairs: Option<fn(&Ctx, u32, &mut Vec<Hit>)>,
    /// The goals' index terms its `check` reads (`reads:` in `rule!`; every term when it
    /// declares none): after an edit of one goal, the analysis re-runs a rule only when the
    /// edit changed a term it reads ([`crate::analysis::Reach`]); a test holds every rule's
    /// declaration to a fresh run. A goal-local rule is re-run for the edited goal alone
    /// whatever changed, so it declares nothing.
    pub reads: crate::org::Terms,
    /// What a finding shares with the others of its pattern (`crate::patterns`).
    pub cause: fn(&Ctx, &Hit) -> Cause,
    /// A pattern of this rule's findings in plain words, without ids.
    pub pattern: fn(&Ctx, &Pattern) -> String,
    /// How a finding's related items read after its subject, in a list of findings
    /// ("pulls against Win rate 30%"); `related:` in `rule!`, "with" by default. For a rule
    /// whose related item is the goal's setter it is "set by".
    pub related_as: &'static str,
    /// Its one-click fixes for a finding (`crate::fixes`); `fix:` in `rule!`, none by
    /// default.
    pub fix: fn(&Ctx, &Hit) -> Vec<Fix>,
}

impl RuleMeta {
    /// The rule's documentation as Markdown: a one-line summary, then the sections
    /// "What it flags", "Why it matters", "Example" and "How to fix".
    pub fn doc(&self) -> String {
        let mut out = String::with_capacity(self.raw_doc.len());
        for line in self.raw_doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }

    /// The rule's name for people: its id in words ("Imposed goal").
    pub fn name(&self) -> String {
        let words = self.id.replace('-', " ");
        let mut c = words.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => words,
        }
    }

    /// The first line of the documentation.
    pub fn summary(&self) -> String {
        self.doc().lines().next().unwrap_or_default().to_string()
    }

    /// The body of one `## Heading` section of the documentation.
    pub fn section(&self, heading: &str) -> Option<String> {
        let doc = self.doc();
        let start = doc.find(&format!("## {heading}\n"))? + heading.len() + 4;
        let rest = &doc[start..];
        let end = rest.find("\n## ").unwrap_or(rest.len());
        Some(rest[..end].trim().to_string())
    }
}

/// Declares a rule's `RULE` static from its doc comment, id, severity and check function.
macro_rules! rule {
    (@goal_local) => { None };
    (@goal_local $goal:path) => { Some($goal) };
    (@local) => { None };
    (@local $local:path) => { Some($local) };
    (@cause) => { $crate::rules::default_cause };
    (@cause $cause:path) => { $cause };
    (@related) => { "with" };
    (@related $related:literal) => { $related };
    (@reads) => { $crate::org::Terms::ALL };
    (@reads $($term:ident)|+) => { $crate::org::Terms::of(&[$($crate::org::Terms::$term),+]) };
    (@fix) => { $crate::rules::no_fix };
    (@fix $fix:path) => { $fix };
    (
        $(#[doc = $doc:literal])*
        id: $id:literal,
        severity: $sev:ident,
        check: $check:path,
        message: $message:path,
        pattern: $pattern:path
        $(, goal_local: $goal:path)?
        $(, person_local: $person:path)?
        $(, goal_pairs: $pairs:path)?
        $(, reads: $($term:ident)|+)?
        $(, cause: $cause:path)?
        $(, related: $related:literal)?
        $(, fix: $fix:path)? $(,)?
    ) => {
        $(#[doc = $doc])*
        // A literal: the rule files are inside `rules`, so they see its private fields.
        pub static RULE: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            id: $id,
            default_severity: $crate::finding::Severity::$sev,
            raw_doc: concat!($($doc, "\n"),*),
            check: $check,
            message: $message,
            goal_local: $crate::rules::rule!(@goal_local $($goal)?),
            person_local: $crate::rules::rule!(@local $($person)?),
            goal_pairs: $crate::rules::rule!(@local $($pairs)?),
            reads: $crate::rules::rule!(@reads $($($term)|+)?),
            cause: $crate::rules::rule!(@cause $($cause)?),
            pattern: $pattern,
            related_as: $crate::rules::rule!(@related $($related)?),
            fix: $crate::rules::rule!(@fix $($fix)?),
        };
    };
}
pub(crate) use rule;

/// Every rule, in the order of the spec's table.
pub static REGISTRY: [&RuleMeta; 16] = [
    &orphaned_goal::RULE,
    &imposed_goal::RULE,
    &conflicting_goals::RULE,
    &unguarded_volume::RULE,
    &uncascaded_objective::RULE,
    &unmeasured_function::RULE,
    &person_without_goals::RULE,
    &no_development_goal::RULE,
    &lagging_only::RULE,
    &unvalued_strategy::RULE,
    &value_without_behaviours::RULE,
    &not_agreed::RULE,
    &stale_feedback::RULE,
    &vague_goal::RULE,
    &overloaded_person::RULE,
    &alignment_cycle::RULE,
];

pub fn rule_by_id(id: &str) -> Option<&'static RuleMeta> {
    REGISTRY.iter().copied().find(|r| r.id == id)
}

impl Hit {
    /// The rule that made it.
    pub fn rule(&self) -> &'static RuleMeta {
        REGISTRY[self.rule as usize]
    }
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

/// For rules without a one-click fix.
pub fn no_fix(_: &Ctx, _: &Hit) -> Vec<Fix> {
    Vec::new()
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

// Naming helpers for messages: people, units and goals by name, ids in brackets.

impl Ctx<'_> {
    /// A finding about `subject`; `related` is sorted and deduplicated by the analysis.
    pub fn hit(
        &self,
        severity: Severity,
        subject: Node,
        related: impl Into<Box<[Node]>>,
        arg: u32,
    ) -> Hit {
        Hit {
            rule: 0, // set by the analysis, which knows the rule's place in the registry
            severity,
            subject,
            related: related.into(),
            arg,
        }
    }

    /// `“Title” (id)`
    pub fn goal(&self, g: u32) -> String {
        let goal = &self.org.map.goals[g as usize];
        format!("“{}” ({})", goal.title, goal.id)
    }

    pub fn person(&self, p: u32) -> &str {
        &self.org.map.people[p as usize].name
    }

    pub fn unit(&self, u: u32) -> &str {
        &self.org.map.units[u as usize].name
    }

    pub fn party(&self, p: Party) -> &str {
        self.org.party_name(p)
    }

    /// The name of a goal's owner's function, or of their unit when they have none.
    pub fn function_or_unit_of_goal(&self, g: u32) -> &str {
        let org = self.org;
        match org.goal_owner_function(g) {
            Some(f) => self.unit(f),
            None => self.unit(org.goal_owner_unit[g as usize]),
        }
    }
}

/// Joins names as "a, b and c".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].as_ref().to_string(),
        n => {
            let head: Vec<&str> = items[..n - 1].iter().map(|s| s.as_ref()).collect();
            format!("{} and {}", head.join(", "), items[n - 1].as_ref())
        }
    }
}

/// "Sales'" / "Ali Hassan's".
pub fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// The verb for a count: "is" for one, "are" for more.
pub fn verb(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// "a goal" / "3 goals" (every noun the rules count starts with a consonant).
pub fn count_a(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("a {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "1 goal" / "3 goals".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Joins names as "a, b or c".
pub fn or_list<S: AsRef<str>>(items: &[S]) -> String {
    match items.len() {
        0 | 1 => and_list(items),
        n => {
            let head: Vec<&str> = items[..n - 1].iter().map(|s| s.as_ref()).collect();
            format!("{} or {}", head.join(", "), items[n - 1].as_ref())
        }
    }
}

/// Lists at most `max` items then "and N more".
pub fn and_list_capped<S: AsRef<str>>(items: &[S], max: usize) -> String {
    if items.len() <= max {
        return and_list(items);
    }
    let head: Vec<&str> = items[..max].iter().map(|s| s.as_ref()).collect();
    format!("{} and {} more", head.join(", "), items.len() - max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut ids: Vec<&str> = REGISTRY.iter().map(|r| r.id).collect();
        assert!(ids
            .iter()
            .all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), REGISTRY.len());
    }

    #[test]
    fn lists_read_naturally() {
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(and_list_capped(&["a", "b", "c", "d"], 2), "a, b and 2 more");
    }
}
