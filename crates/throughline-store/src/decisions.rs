//! Decisions: what a workshop decided, when, why, by whom, and about which goals and
//! findings. Workspace data beside the map (the `decisions` table, schema v4), never part
//! of the map document. Recording, editing and deleting one is an undoable step of the
//! history like an edit ([`crate::rows::Op::Decision`]); a decision can also be recorded
//! together with an edit, in the same transaction and the same undo step
//! ([`crate::Workspace::apply_edit_with_decision`]).
//!
//! The people and goals a decision names are kept with the name they had when it was
//! recorded, so the decision still reads right after one of them is renamed or deleted
//! (the app shows the current name while the entity exists, the kept one marked removed
//! after). Findings are named by their identity `(rule, subject, related)` — the key
//! `throughline_core::compare` matches findings on — with their message as it was.

use crate::error::{Result, StoreError};
use crate::rows::State;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use throughline_core::validate::EntityKind;

/// A person or a goal a decision names, with its name (a goal's title) when the decision
/// was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// A finding by its identity, the key `compare` matches findings on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FindingKey {
    pub rule: String,
    pub subject: String,
    #[serde(default)]
    pub related: Vec<String>,
}

/// A finding a decision concerns: its identity and its message when the decision was
/// recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FindingRef {
    pub rule: String,
    pub subject: String,
    pub related: Vec<String>,
    pub text: String,
}

impl FindingRef {
    pub fn key(&self) -> FindingKey {
        FindingKey {
            rule: self.rule.clone(),
            subject: self.subject.clone(),
            related: self.related.clone(),
        }
    }
}

/// A decision as the workspace keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Decision {
    /// Allocated by the store: 1 + the largest id in the file.
    pub id: i64,
    /// The day it was taken, `YYYY-MM-DD`.
    pub date: String,
    pub statement: String,
    /// Why (may be empty).
    pub rationale: String,
    /// Who took it.
    pub people: Vec<Named>,
    /// The goals it concerns.
    pub goals: Vec<Named>,
    /// The findings it concerns.
    pub findings: Vec<FindingRef>,
    /// When it was recorded (RFC 3339, UTC), from the workspace's clock; an edit keeps it.
    pub created_at: String,
}

impl Decision {
    /// Who took it, by name: each person's name now (`name_now`: by id, `None` when they
    /// are no longer in the map), else the name the decision kept.
    pub fn people_named(&self, name_now: &dyn Fn(&str) -> Option<String>) -> Vec<String> {
        self.people
            .iter()
            .map(|p| name_now(&p.id).unwrap_or_else(|| p.name.clone()))
            .collect()
    }

    /// What it concerns, in words for reports and exports (no ids): each goal's title in
    /// quotes (now, else as kept), then each finding as its rule's name and its subject's
    /// name now ("Not agreed: 100 calls a week"; "a finding of Not agreed" when the subject
    /// is no longer in the map).
    pub fn concerns_named(&self, name_now: &dyn Fn(&str) -> Option<String>) -> Vec<String> {
        let goals = self
            .goals
            .iter()
            .map(|g| format!("“{}”", name_now(&g.id).unwrap_or_else(|| g.name.clone())));
        let findings = self.findings.iter().map(|f| {
            let rule = throughline_core::rules::rule_by_id(&f.rule)
                .map_or_else(|| f.rule.clone(), |r| r.name());
            match name_now(&f.subject) {
                Some(name) => format!("{rule}: {name}"),
                None => format!("a finding of {rule}"),
            }
        });
        goals.chain(findings).collect()
    }
}

/// A decision to record (or what an edit of one makes it): people and goals by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DecisionInput {
    pub date: String,
    pub statement: String,
    pub rationale: String,
    pub people: Vec<String>,
    pub goals: Vec<String>,
    pub findings: Vec<FindingRef>,
}

/// How a decision names an entity: its kind and its name now, or `None` when the map has
/// no such id.
pub type Lookup<'a> = dyn Fn(&str) -> Option<(EntityKind, String)> + 'a;

/// The kind and name of `id` in `state`'s map (a goal's title).
pub fn lookup_in(state: &State, id: &str) -> Option<(EntityKind, String)> {
    let kind = state.kind_of(id)?;
    let name = match kind {
        EntityKind::Person | EntityKind::Goal => state.name_of(id)?.to_string(),
        _ => String::new(),
    };
    Some((kind, name))
}

fn refused(msg: String) -> StoreError {
    StoreError::Refused(msg)
}

/// Is `d` a date written `YYYY-MM-DD`?
fn is_date(d: &str) -> bool {
    throughline_core::format::parse_date(d).is_some()
}

/// The ids in order, each once.
fn once(ids: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for id in ids {
        let id = id.trim();
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Resolve `ids` as entities of `want`, each with its name now; the first id that is not
/// one is refused by name.
fn resolve(lookup: &Lookup, ids: &[String], want: EntityKind, what: &str) -> Result<Vec<Named>> {
    once(ids)
        .into_iter()
        .map(|id| match lookup(id) {
            Some((k, name)) if k == want => Ok(Named {
                id: id.to_string(),
                name,
            }),
            Some((k, _)) => Err(refused(format!(
                "the decision names “{id}” among its {what}, but “{id}” is {}, not {}; nothing was saved",
                k.article(),
                want.article()
            ))),
            None if want == EntityKind::Goal => Err(refused(format!(
                "the decision names goal “{id}”, which is not in the map; nothing was saved"
            ))),
            None => Err(refused(format!(
                "the decision names person “{id}”, who is not in the map; nothing was saved"
            ))),
        })
        .collect()
}

/// What is wrong with a decision's own fields (not its references): its date and its
/// statement. Also checks decisions read back from the file.
pub fn problems(date: &str, statement: &str) -> Option<String> {
    if statement.trim().is_empty() {
        return Some("a decision needs a statement (what was decided)".into());
    }
    if !is_date(date) {
        return Some(format!(
            "the decision's date “{date}” is not a date written YYYY-MM-DD"
        ));
    }
    None
}

/// The decision `input` makes, with `id` and `created_at` (both passed in), its people and
/// goals resolved by `lookup` (each must be in the map; their names now are kept) and its
/// findings checked (a known rule, a subject). Text is trimmed; ids are kept once each, in
/// order. Refused with a sentence naming what is wrong; nothing is written then.
pub fn plan_decision(
    lookup: &Lookup,
    id: i64,
    created_at: &str,
    input: &DecisionInput,
) -> Result<Decision> {
    let statement = input.statement.trim();
    let date = input.date.trim();
    if let Some(p) = problems(date, statement) {
        return Err(refused(format!("{p}; nothing was saved")));
    }
    let people = resolve(lookup, &input.people, EntityKind::Person, "people")?;
    let goals = resolve(lookup, &input.goals, EntityKind::Goal, "goals")?;
    let mut findings: Vec<FindingRef> = Vec::new();
    for f in &input.findings {
        if throughline_core::rules::rule_by_id(&f.rule).is_none() {
            return Err(refused(format!(
                "the decision names a finding of “{}”, which is not a rule; nothing was saved",
                f.rule
            )));
        }
        if f.subject.trim().is_empty() {
            return Err(refused(format!(
                "the decision names a finding of “{}” without its subject; nothing was saved",
                f.rule
            )));
        }
        if !findings.iter().any(|x| x.key() == f.key()) {
            findings.push(f.clone());
        }
    }
    Ok(Decision {
        id,
        date: date.to_string(),
        statement: statement.to_string(),
        rationale: input.rationale.trim().to_string(),
        people,
        goals,
        findings,
        created_at: created_at.to_string(),
    })
}

/// The history label of a change to a decision: "Record decision “…”" (the statement cut
/// at 60 characters).
pub fn label(verb: &str, d: &Decision) -> String {
    let s = throughline_core::text::one_line(&d.statement);
    let cut: String = s.chars().take(60).collect();
    let more = if s.chars().count() > 60 { "…" } else { "" };
    format!("{verb} decision “{cut}{more}”")
}

// ---- the table ------------------------------------------------------------------------

const COLUMNS: &str = "id, date, statement, rationale, people, goals, findings, created_at";

/// Insert or replace a decision's row.
pub(crate) fn write(tx: &Connection, d: &Decision) -> rusqlite::Result<()> {
    tx.prepare_cached(&format!(
        "INSERT OR REPLACE INTO decisions ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    ))?
    .execute(params![
        d.id,
        d.date,
        d.statement,
        d.rationale,
        json(&d.people),
        json(&d.goals),
        json(&d.findings),
        d.created_at
    ])?;
    Ok(())
}

/// A list as JSON text for its column.
fn json<T: Serialize>(v: &[T]) -> String {
    serde_json::to_string(v).expect("a decision's lists serialise")
}

pub(crate) fn remove(tx: &Connection, id: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM decisions WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// A row read back: the lists are parsed, the fields checked; a damaged row is named.
fn decode(r: &rusqlite::Row) -> rusqlite::Result<std::result::Result<Decision, String>> {
    let id: i64 = r.get(0)?;
    let (date, statement): (String, String) = (r.get(1)?, r.get(2)?);
    let (people, goals, findings): (String, String, String) = (r.get(4)?, r.get(5)?, r.get(6)?);
    let parsed = (|| -> std::result::Result<Decision, String> {
        if let Some(p) = problems(&date, &statement) {
            return Err(p);
        }
        let list = |what: &str, text: &str| format!("its {what} are unreadable ({text:.40})");
        Ok(Decision {
            id,
            people: serde_json::from_str(&people).map_err(|_| list("people", &people))?,
            goals: serde_json::from_str(&goals).map_err(|_| list("goals", &goals))?,
            findings: serde_json::from_str(&findings).map_err(|_| list("findings", &findings))?,
            date: date.clone(),
            statement: statement.clone(),
            rationale: r.get(3).map_err(|e| e.to_string())?,
            created_at: r.get(7).map_err(|e| e.to_string())?,
        })
    })();
    Ok(parsed.map_err(|p| format!("decision {id}: {p}")))
}

fn damaged(problem: String) -> StoreError {
    refused(format!("a decision in the workspace is damaged: {problem}"))
}

/// Every decision, newest first (by date, then by id).
pub(crate) fn read_all(conn: &Connection, path: &std::path::Path) -> Result<Vec<Decision>> {
    let sq = |e| StoreError::sqlite(path, e);
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM decisions ORDER BY date DESC, id DESC"
        ))
        .map_err(sq)?;
    let rows = stmt.query_map([], decode).map_err(sq)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row.map_err(sq)?.map_err(damaged)?);
    }
    Ok(out)
}

/// One decision, or `None`.
pub(crate) fn read_one(
    conn: &Connection,
    path: &std::path::Path,
    id: i64,
) -> Result<Option<Decision>> {
    let sq = |e| StoreError::sqlite(path, e);
    let row = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM decisions WHERE id = ?1"))
        .map_err(sq)?
        .query_row([id], decode)
        .optional()
        .map_err(sq)?;
    row.transpose().map_err(damaged)
}

/// The id the next decision gets: 1 + the largest one in the file. (An id freed by an
/// undo may be given again: undo and redo run strictly newest first and a new change drops
/// the redo entries, so no entry ever names two decisions by one id.)
pub(crate) fn next_id(conn: &Connection, path: &std::path::Path) -> Result<i64> {
    conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM decisions", [], |r| {
        r.get(0)
    })
    .map_err(|e| StoreError::sqlite(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(id: &str) -> Option<(EntityKind, String)> {
        match id {
            "ben" => Some((EntityKind::Person, "Ben Osei".into())),
            "grow" => Some((EntityKind::Goal, "Grow ARR".into())),
            "sales" => Some((EntityKind::Unit, String::new())),
            _ => None,
        }
    }

    fn input() -> DecisionInput {
        DecisionInput {
            date: "2027-01-10".into(),
            statement: "  Calls target goes to 90 a week ".into(),
            rationale: "Win rate drops above 90".into(),
            people: vec!["ben".into(), "ben".into()],
            goals: vec!["grow".into()],
            findings: vec![],
        }
    }

    #[test]
    fn a_decision_keeps_names_trims_and_keeps_each_id_once() {
        let d = plan_decision(&lookup, 3, "2027-01-10T09:00:00+00:00", &input()).unwrap();
        assert_eq!(d.statement, "Calls target goes to 90 a week");
        assert_eq!(
            d.people,
            [Named {
                id: "ben".into(),
                name: "Ben Osei".into()
            }]
        );
        assert_eq!(d.goals[0].name, "Grow ARR");
        assert_eq!(d.id, 3);
        assert_eq!(
            label("Record", &d),
            "Record decision “Calls target goes to 90 a week”"
        );
    }

    /// Names now while the entities are in the map, the kept ones after; a finding by its
    /// rule's name and its subject's name, or the rule alone once the subject is gone.
    #[test]
    fn a_decision_in_words_names_people_goals_and_findings() {
        let mut i = input();
        i.findings.push(FindingRef {
            rule: "not-agreed".into(),
            subject: "grow".into(),
            related: vec![],
            text: "Goal “Grow ARR” (grow) is only proposed".into(),
        });
        let d = plan_decision(&lookup, 1, "t", &i).unwrap();
        let renamed = |id: &str| (id == "ben").then(|| "Ben Osei-Mensah".to_string());
        assert_eq!(d.people_named(&renamed), ["Ben Osei-Mensah"]);
        assert_eq!(
            d.concerns_named(&renamed),
            ["“Grow ARR”", "a finding of Not agreed"]
        );
        let all = |id: &str| lookup(id).map(|(_, n)| n);
        assert_eq!(
            d.concerns_named(&all),
            ["“Grow ARR”", "Not agreed: Grow ARR"]
        );
    }

    #[test]
    fn bad_input_is_refused_by_name() {
        let err = |f: &dyn Fn(&mut DecisionInput)| {
            let mut i = input();
            f(&mut i);
            plan_decision(&lookup, 1, "t", &i).unwrap_err().to_string()
        };
        assert_eq!(
            err(&|i| i.people.push("nobody".into())),
            "the decision names person “nobody”, who is not in the map; nothing was saved"
        );
        assert_eq!(
            err(&|i| i.goals.push("gone".into())),
            "the decision names goal “gone”, which is not in the map; nothing was saved"
        );
        assert_eq!(
            err(&|i| i.people.push("sales".into())),
            "the decision names “sales” among its people, but “sales” is a unit, not a person; nothing was saved"
        );
        assert!(err(&|i| i.statement = "  ".into()).contains("needs a statement"));
        assert!(err(&|i| i.date = "10/01/2027".into()).contains("“10/01/2027” is not a date"));
        assert!(err(&|i| i.date = "2027-02-30".into()).contains("is not a date"));
        assert!(err(&|i| i.findings.push(FindingRef {
            rule: "no-such-rule".into(),
            subject: "grow".into(),
            related: vec![],
            text: String::new()
        }))
        .contains("“no-such-rule”, which is not a rule"));
    }
}
