//! What the rules make, and what is made of it: a finding's severity, the compact `Hit` a
//! rule pushes and the contract's `Finding` it is written as, what the findings of a
//! pattern share (`Cause`, `Pattern`) and a one-click fix (`Fix`, `FixChange`). Types
//! only: the rules (`crate::rules`), the analysis, the patterns and the fixes are built on
//! them, so none of those modules needs another to say what a finding is.

use crate::model::{Goal, Interaction, Measure};
use crate::org::Node;
use serde::{Deserialize, Serialize};

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

/// One finding as the rules make it: which rule, how serious, and the entities it is
/// about, as index nodes. Its message is written only when it is asked for
/// ([`Analysis::finding`]): an organisation where alignment mostly breaks has hundreds of
/// thousands of findings, and a screen shows fifty.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hit {
    /// The rule's place in [`REGISTRY`].
    pub rule: u8,
    pub severity: Severity,
    pub subject: Node,
    /// Sorted by id and without repeats (the contract's `related`).
    pub related: Box<[Node]>,
    /// What the message needs that is costly to find again (the rule says what it holds).
    pub arg: u32,
}

impl Hit {
    /// The nodes it names: its subject, then the related ones.
    pub fn nodes(&self) -> impl Iterator<Item = Node> + '_ {
        std::iter::once(self.subject).chain(self.related.iter().copied())
    }
}

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
    pub fn count(&self) -> usize {
        self.findings.len()
    }
}

/// What a fix changes, in the map's terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FixChange {
    /// This goal in place of the one with its id (its status or setter changed).
    PutGoal { goal: Goal },
    /// `goal` supports `supports` from now on.
    LinkSupport { goal: String, supports: String },
    /// A new goal (its id empty: the workspace gives it one).
    CreateGoal { goal: Goal },
    /// A measure from the library, new to the map (its library id).
    CreateMeasure { measure: Measure },
    /// A trade-off from the library, new to the map.
    AddInteraction { interaction: Interaction },
}

/// One fix for one finding: what the button says and the changes it makes, in order
/// (made as one edit: one undo step).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    /// The button's words ("Mark agreed with Ali Hassan").
    pub label: String,
    pub changes: Vec<FixChange>,
}
