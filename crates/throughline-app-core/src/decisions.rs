//! Decisions as the Decisions panel and the reports show them: newest first, each person
//! and goal by its name now (or, once it is deleted, by the name it had, marked removed),
//! each finding with its rule's name and whether the map still has it. The decisions are
//! read from the workspace only when asked for (the panel, an export), never by an edit's
//! analysis.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::session::Revision;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use throughline_core::org::id_of;
use throughline_store::decisions::{Decision, DecisionInput, FindingKey, FindingRef, Named};

/// A decision to record, or what an edit of one makes it (from the page): people and goals
/// by id, findings by identity. The store allocates the id and the time it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionRequest {
    /// `YYYY-MM-DD`; the page fills in today.
    pub date: String,
    pub statement: String,
    pub rationale: String,
    pub people: Vec<String>,
    pub goals: Vec<String>,
    pub findings: Vec<FindingKey>,
}

/// A person or a goal a decision names, as shown now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionSubject {
    pub id: String,
    /// Its name now, or the name it had when the decision was taken once it is deleted.
    pub name: String,
    /// No longer in the map: shown with its old name, not as a link.
    pub removed: bool,
    /// The name it had when the decision was taken, when it has been renamed since.
    pub was: Option<String>,
}

/// A finding a decision concerns, as shown now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionFinding {
    pub rule: String,
    /// The rule's name for people ("Imposed goal").
    pub rule_name: String,
    pub subject: String,
    pub related: Vec<String>,
    /// Its message when the decision was taken.
    pub text: String,
    /// The subject's name now ("100 calls a week"), or `None` once it is no longer in the
    /// map (then the finding does not open).
    pub subject_name: Option<String>,
    /// The map still has this finding (same rule, subject and related).
    pub still_found: bool,
}

/// A decision as the panel lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionView {
    pub id: i64,
    pub date: String,
    pub statement: String,
    pub rationale: String,
    pub people: Vec<DecisionSubject>,
    pub goals: Vec<DecisionSubject>,
    pub findings: Vec<DecisionFinding>,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// The identity of every finding of `rev` (rule, subject, related), for "still found".
fn identities(rev: &Revision) -> HashSet<(&'static str, &str, Vec<&str>)> {
    let map = &rev.org.map;
    rev.analysis
        .hits
        .iter()
        .map(|h| {
            (
                h.rule().id,
                id_of(map, h.subject),
                h.related.iter().map(|&n| id_of(map, n)).collect(),
            )
        })
        .collect()
}

/// The name of `id` in the revision's map now: a goal's title (`goal`), a person's name.
fn name_now(rev: &Revision, id: &str, goal: bool) -> Option<String> {
    let (org, map) = (&rev.org, &rev.org.map);
    if goal {
        org.goal_index(id)
            .map(|g| map.goals[g as usize].title.clone())
    } else {
        org.person_index(id)
            .map(|p| map.people[p as usize].name.clone())
    }
}

fn subject(rev: &Revision, n: &Named, goal: bool) -> DecisionSubject {
    match name_now(rev, &n.id, goal) {
        Some(now) => DecisionSubject {
            id: n.id.clone(),
            was: (now != n.name).then(|| n.name.clone()),
            name: now,
            removed: false,
        },
        None => DecisionSubject {
            id: n.id.clone(),
            name: n.name.clone(),
            removed: true,
            was: None,
        },
    }
}

/// The decisions as shown against the revision on screen, in the order given (the store's:
/// newest first).
pub fn views(rev: &Revision, decisions: Vec<Decision>) -> Vec<DecisionView> {
    let found = if decisions.iter().any(|d| !d.findings.is_empty()) {
        identities(rev)
    } else {
        HashSet::new()
    };
    decisions
        .into_iter()
        .map(|d| DecisionView {
            people: d.people.iter().map(|n| subject(rev, n, false)).collect(),
            goals: d.goals.iter().map(|n| subject(rev, n, true)).collect(),
            findings: d
                .findings
                .iter()
                .map(|f| DecisionFinding {
                    rule_name: throughline_core::rules::rule_by_id(&f.rule)
                        .map(|r| r.name())
                        .unwrap_or_else(|| f.rule.clone()),
                    subject_name: rev.org.name_of(&f.subject).map(str::to_string),
                    still_found: found.contains(&(
                        throughline_core::rules::rule_by_id(&f.rule).map_or("", |r| r.id),
                        f.subject.as_str(),
                        f.related.iter().map(String::as_str).collect(),
                    )),
                    rule: f.rule.clone(),
                    subject: f.subject.clone(),
                    related: f.related.clone(),
                    text: f.text.clone(),
                })
                .collect(),
            id: d.id,
            date: d.date,
            statement: d.statement,
            rationale: d.rationale,
            created_at: d.created_at,
        })
        .collect()
}

/// What the store records for `req`: each finding must be one the map has now (it is
/// named from a finding on screen), and is kept with its message as it reads now.
pub fn input(rev: &Revision, req: &DecisionRequest) -> AppResult<DecisionInput> {
    let mut findings = Vec::with_capacity(req.findings.len());
    for key in &req.findings {
        let Some(i) = rev.hit_index(key) else {
            return Err(AppError::new(
                ErrorCode::Invalid,
                format!(
                    "the decision names a finding of “{}” about “{}” that the map does not have now; nothing was saved",
                    key.rule, key.subject
                ),
            ));
        };
        let f = rev.analysis.finding(&rev.org, i);
        findings.push(FindingRef {
            rule: f.rule,
            subject: f.subject,
            related: f.related,
            text: f.message,
        });
    }
    Ok(DecisionInput {
        date: req.date.clone(),
        statement: req.statement.clone(),
        rationale: req.rationale.clone(),
        people: req.people.clone(),
        goals: req.goals.clone(),
        findings,
    })
}
