//! A goal's agreement history (catchball) as the inspector shows it, and the counter a
//! `not-agreed` finding quotes. The history lives in the workspace beside the map
//! (`throughline_store::agreements`); its wording is the core's
//! (`throughline_core::agreement`), so the app, the reports and the CLI say it alike.

use serde::Serialize;
use throughline_core::agreement::{counter_note, describe, latest_open_counter, AgreementStep};
use throughline_view::FindingRow;

/// The rule whose findings quote a goal's latest counter.
const NOT_AGREED: &str = "not-agreed";

/// A goal's agreement history, oldest first, with each step in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgreementHistory {
    pub goal: String,
    pub steps: Vec<AgreementStep>,
    /// Each step as a sentence ("2027-01-12 Ali Hassan countered: a target of 80, because
    /// “…”"), in the order of `steps`.
    pub lines: Vec<String>,
    /// The latest counter not yet answered by an agreement or a new proposal, as the
    /// `not-agreed` finding quotes it.
    pub open_counter: Option<String>,
}

pub fn history(goal: &str, steps: Vec<AgreementStep>) -> AgreementHistory {
    AgreementHistory {
        goal: goal.to_string(),
        lines: steps.iter().map(describe).collect(),
        open_counter: latest_open_counter(&steps).map(counter_note),
        steps,
    }
}

/// Add each `not-agreed` row's latest open counter to its message; `steps_of` reads a
/// goal's history (only the rows of that rule ask).
pub fn quote_counters<E>(
    rows: &mut [FindingRow],
    mut steps_of: impl FnMut(&str) -> Result<Vec<AgreementStep>, E>,
) -> Result<(), E> {
    for row in rows.iter_mut().filter(|r| r.finding.rule == NOT_AGREED) {
        let steps = steps_of(&row.finding.subject)?;
        if let Some(c) = latest_open_counter(&steps) {
            row.finding.message = format!("{} {}", row.finding.message, counter_note(c));
        }
    }
    Ok(())
}
