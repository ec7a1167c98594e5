//! Catchball: how a goal's target came to be agreed. A target is proposed to its owner, who
//! may counter it (another target or due date, and why), until both sides agree or the
//! owner disputes it — Hoshin's "catchball", and the seed's principle that accountability
//! holds when it is agreed by both sides, with commitment sought from every level.
//!
//! The history is workspace data beside the map (the store's `agreements` table), never
//! part of the map document, so the map format stays the contract's. Recording a step also
//! changes the goal, through an ordinary edit in the same undo step ([`plan_step`]): its
//! status follows the step ([`AgreementKind::status`]), and a proposal or an agreement that
//! names a target or a due date sets them. The `not-agreed` finding of a goal with a
//! counter quotes the latest one ([`counter_note`]).
//!
//! ```
//! use throughline_core::agreement::{plan_step, AgreementInput};
//! use throughline_core::model::{AgreementKind, Goal, Status};
//! let goal: Goal = serde_json::from_str(
//!     r#"{"id": "calls", "title": "120 calls a week", "owner": "ana", "target": 120}"#,
//! ).unwrap();
//! let counter = AgreementInput {
//!     goal: "calls".into(),
//!     kind: AgreementKind::Countered,
//!     date: "2027-01-12".into(),
//!     by: "ana".into(),
//!     target: Some(90.0),
//!     due: None,
//!     reason: "Win rate falls above 90 calls".into(),
//! };
//! let (step, after) = plan_step(&goal, Some("Ana Lee"), 1, "2027-01-12T09:00:00Z", &counter).unwrap();
//! assert_eq!(after.target, Some(120.0), "a counter does not change the target");
//! assert_eq!(after.effective_status(), Status::Proposed);
//! assert_eq!(
//!     throughline_core::agreement::counter_note(&step),
//!     "Latest counter (Ana Lee, 2027-01-12): a target of 90, because “Win rate falls above 90 calls”."
//! );
//! ```

use crate::format::parse_date;
use crate::model::{AgreementKind, Goal, Status};
use crate::text::{format_number, one_line};
use serde::{Deserialize, Serialize};

/// One step of a goal's agreement, as the workspace keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgreementStep {
    /// Allocated by the store: 1 + the largest id in the file.
    pub id: i64,
    /// The goal's id.
    pub goal: String,
    pub kind: AgreementKind,
    /// The day it happened, `YYYY-MM-DD`.
    pub date: String,
    /// Who took the step: a person's id, and their name then (kept, so the history reads
    /// right after they are renamed or leave).
    pub by: String,
    pub by_name: String,
    /// The target proposed, countered or agreed, if the step names one.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// The due date proposed, countered or agreed (`YYYY-MM-DD`), if the step names one.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// Why (a counter and a dispute need one).
    pub reason: String,
    /// When it was recorded (RFC 3339, UTC), from the workspace's clock.
    pub created_at: String,
}

/// A step to record: the goal and the person by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgreementInput {
    pub goal: String,
    pub kind: AgreementKind,
    pub date: String,
    pub by: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(default)]
    pub target: Option<f64>,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(default)]
    pub due: Option<String>,
    #[serde(default)]
    pub reason: String,
}

impl AgreementKind {
    /// The goal's status after a step of this kind: a counter reopens an agreed goal.
    pub fn status(self) -> Status {
        match self {
            AgreementKind::Proposed | AgreementKind::Countered => Status::Proposed,
            AgreementKind::Agreed => Status::Agreed,
            AgreementKind::Disputed => Status::Disputed,
        }
    }

    /// The verb of a history line: "countered".
    pub fn verb(self) -> &'static str {
        match self {
            AgreementKind::Proposed => "proposed",
            AgreementKind::Countered => "countered",
            AgreementKind::Agreed => "agreed",
            AgreementKind::Disputed => "disputed",
        }
    }

    /// Does a step of this kind set the goal's target and due date when it names them? A
    /// counter only answers: the target stays what was proposed until it is agreed.
    pub fn sets_target(self) -> bool {
        matches!(self, AgreementKind::Proposed | AgreementKind::Agreed)
    }
}

/// The step `input` records on `goal` (whose current state is given) with `id` and
/// `created_at` (both passed in), and the goal as it is after it. `by_name` is the name of
/// the person `input.by` names, `None` when the map has no such person. Text is trimmed.
/// Refused with a sentence naming what is wrong (the caller adds "nothing was saved").
pub fn plan_step(
    goal: &Goal,
    by_name: Option<&str>,
    id: i64,
    created_at: &str,
    input: &AgreementInput,
) -> Result<(AgreementStep, Goal), String> {
    let kind = input.kind;
    let date = input.date.trim();
    if parse_date(date).is_none() {
        return Err(format!(
            "the step's date “{date}” is not a date written YYYY-MM-DD"
        ));
    }
    let by = input.by.trim();
    let Some(by_name) = by_name else {
        return Err(if by.is_empty() {
            format!("say who {} it (a person)", kind.verb())
        } else {
            format!("“{by}”, who {} it, is not a person in the map", kind.verb())
        });
    };
    if let Some(t) = input.target {
        if !t.is_finite() {
            return Err(format!("the target {t} is not a number"));
        }
    }
    let due = match input.due.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => match parse_date(d) {
            Some(day) => Some(day),
            None => {
                return Err(format!(
                    "the due date “{d}” is not a date written YYYY-MM-DD"
                ))
            }
        },
    };
    let reason = input.reason.trim();
    match kind {
        AgreementKind::Countered if input.target.is_none() && due.is_none() => {
            return Err("a counter names another target or due date".into())
        }
        AgreementKind::Countered | AgreementKind::Disputed if reason.is_empty() => {
            return Err(format!("say why it is {}", kind.verb()))
        }
        _ => {}
    }
    let mut after = goal.clone();
    let status = kind.status();
    // An absent status reads as proposed: keep it absent rather than writing the default.
    after.status = match (goal.status, status) {
        (None, Status::Proposed) => None,
        _ => Some(status),
    };
    if kind.sets_target() {
        if input.target.is_some() {
            after.target = input.target;
        }
        if due.is_some() {
            after.due = due;
        }
    }
    let step = AgreementStep {
        id,
        goal: goal.id.clone(),
        kind,
        date: date.to_string(),
        by: by.to_string(),
        by_name: by_name.to_string(),
        target: input.target,
        due: due.map(|d| d.to_string()),
        reason: reason.to_string(),
        created_at: created_at.to_string(),
    };
    Ok((step, after))
}

/// What a step names: "a target of 90 by 2027-03-31", "a due date of 2027-03-31", or "".
pub fn terms(step: &AgreementStep) -> String {
    match (step.target, step.due.as_deref()) {
        (Some(t), Some(d)) => format!("a target of {} by {d}", format_number(t)),
        (Some(t), None) => format!("a target of {}", format_number(t)),
        (None, Some(d)) => format!("a due date of {d}"),
        (None, None) => String::new(),
    }
}

/// A history line: "2027-01-12 Ana Lee countered: a target of 90, because “…”".
pub fn describe(step: &AgreementStep) -> String {
    let mut out = format!(
        "{} {} {}",
        step.date,
        one_line(&step.by_name),
        step.kind.verb()
    );
    let terms = terms(step);
    if !terms.is_empty() {
        out.push_str(": ");
        out.push_str(&terms);
    }
    if !step.reason.is_empty() {
        out.push_str(&format!(", because “{}”", one_line(&step.reason)));
    }
    out
}

/// The sentence a `not-agreed` finding adds for its goal's latest counter.
pub fn counter_note(step: &AgreementStep) -> String {
    let mut out = format!(
        "Latest counter ({}, {}): {}",
        one_line(&step.by_name),
        step.date,
        terms(step)
    );
    if !step.reason.is_empty() {
        out.push_str(&format!(", because “{}”", one_line(&step.reason)));
    }
    out.push('.');
    out
}

/// The latest counter of a goal's history (oldest first), if any — unless a later step
/// agreed or proposed anew, which answered it.
pub fn latest_open_counter(history: &[AgreementStep]) -> Option<&AgreementStep> {
    let last = history
        .iter()
        .rposition(|s| s.kind != AgreementKind::Disputed)?;
    let s = &history[last];
    (s.kind == AgreementKind::Countered).then_some(s)
}

/// The history label of recording a step: "Ana Lee countered “120 calls a week”".
pub fn label(step: &AgreementStep, goal_title: &str) -> String {
    let t = one_line(goal_title);
    let cut: String = t.chars().take(60).collect();
    let more = if t.chars().count() > 60 { "…" } else { "" };
    format!(
        "{} {} “{cut}{more}”",
        one_line(&step.by_name),
        step.kind.verb()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal() -> Goal {
        serde_json::from_str(
            r#"{"id": "calls", "title": "120 calls a week", "owner": "ana", "target": 120, "due": "2027-03-31"}"#,
        )
        .unwrap()
    }

    fn input(kind: AgreementKind) -> AgreementInput {
        AgreementInput {
            goal: "calls".into(),
            kind,
            date: "2027-01-12".into(),
            by: "ana".into(),
            target: None,
            due: None,
            reason: String::new(),
        }
    }

    fn plan(i: &AgreementInput) -> Result<(AgreementStep, Goal), String> {
        plan_step(&goal(), Some("Ana Lee"), 7, "t", i)
    }

    #[test]
    fn each_kind_sets_the_status_and_only_proposals_and_agreements_set_the_target() {
        let mut agree = input(AgreementKind::Agreed);
        agree.target = Some(90.0);
        let (step, after) = plan(&agree).unwrap();
        assert_eq!(after.status, Some(Status::Agreed));
        assert_eq!(after.target, Some(90.0));
        assert_eq!(step.id, 7);
        assert_eq!(describe(&step), "2027-01-12 Ana Lee agreed: a target of 90");

        let mut counter = input(AgreementKind::Countered);
        counter.due = Some(" 2027-06-30 ".into());
        counter.reason = " new hires ramp up ".into();
        let (step, after) = plan(&counter).unwrap();
        assert_eq!((after.target, after.status), (Some(120.0), None));
        assert_eq!(
            after.due,
            goal().due,
            "a counter does not move the due date"
        );
        assert_eq!(
            describe(&step),
            "2027-01-12 Ana Lee countered: a due date of 2027-06-30, because “new hires ramp up”"
        );
        assert_eq!(
            label(&step, "120 calls a week"),
            "Ana Lee countered “120 calls a week”"
        );

        let mut dispute = input(AgreementKind::Disputed);
        dispute.reason = "Calls are not what wins deals".into();
        assert_eq!(plan(&dispute).unwrap().1.status, Some(Status::Disputed));

        let mut agreed = goal();
        agreed.status = Some(Status::Agreed);
        let (_, reopened) = plan_step(&agreed, Some("Ana Lee"), 1, "t", &counter).unwrap();
        assert_eq!(
            reopened.status,
            Some(Status::Proposed),
            "a counter reopens it"
        );
    }

    #[test]
    fn bad_steps_are_refused_by_name() {
        let err = |f: &dyn Fn(&mut AgreementInput), kind| {
            let mut i = input(kind);
            f(&mut i);
            plan(&i).unwrap_err()
        };
        assert_eq!(
            err(&|_| {}, AgreementKind::Countered),
            "a counter names another target or due date"
        );
        assert_eq!(
            err(&|i| i.target = Some(90.0), AgreementKind::Countered),
            "say why it is countered"
        );
        assert_eq!(
            err(&|_| {}, AgreementKind::Disputed),
            "say why it is disputed"
        );
        assert_eq!(
            err(&|i| i.date = "12/01/2027".into(), AgreementKind::Agreed),
            "the step's date “12/01/2027” is not a date written YYYY-MM-DD"
        );
        assert_eq!(
            err(
                &|i| i.due = Some("2027-02-30".into()),
                AgreementKind::Agreed
            ),
            "the due date “2027-02-30” is not a date written YYYY-MM-DD"
        );
        assert_eq!(
            err(&|i| i.target = Some(f64::NAN), AgreementKind::Agreed),
            "the target NaN is not a number"
        );
        assert_eq!(
            plan_step(&goal(), None, 1, "t", &input(AgreementKind::Agreed)).unwrap_err(),
            "“ana”, who agreed it, is not a person in the map"
        );
    }

    #[test]
    fn the_latest_counter_is_quoted_until_it_is_answered() {
        let step = |kind, target: Option<f64>| AgreementStep {
            id: 1,
            goal: "calls".into(),
            kind,
            date: "2027-01-12".into(),
            by: "ana".into(),
            by_name: "Ana Lee".into(),
            target,
            due: None,
            reason: "ramp-up".into(),
            created_at: "t".into(),
        };
        let proposed = step(AgreementKind::Proposed, Some(120.0));
        let counter = step(AgreementKind::Countered, Some(90.0));
        let disputed = step(AgreementKind::Disputed, None);
        let agreed = step(AgreementKind::Agreed, Some(100.0));
        assert_eq!(latest_open_counter(std::slice::from_ref(&proposed)), None);
        let h = [proposed.clone(), counter.clone()];
        assert_eq!(latest_open_counter(&h), Some(&counter));
        let h = [proposed.clone(), counter.clone(), disputed];
        assert_eq!(
            latest_open_counter(&h),
            Some(&counter),
            "a dispute keeps it"
        );
        let h = [proposed.clone(), counter.clone(), agreed];
        assert_eq!(latest_open_counter(&h), None, "an agreement answers it");
        let h = [counter.clone(), proposed];
        assert_eq!(latest_open_counter(&h), None, "so does a new proposal");
        assert_eq!(
            counter_note(&counter),
            "Latest counter (Ana Lee, 2027-01-12): a target of 90, because “ramp-up”."
        );
    }
}
