//! A goal's agreement history (catchball, `throughline_core::agreement`): workspace data
//! beside the map (the `agreements` table, schema v6), never part of the map document.
//! Recording a step is one undoable step of the history: the step
//! ([`crate::rows::Op::Agreement`]) and, when it changes the goal (its status, or the target
//! and due date a proposal or an agreement names), the goal's edit, in one transaction
//! ([`crate::Workspace::record_agreement`]). A step outlives its goal: it names the goal and
//! the person by id, with the person's name at the time.

use crate::error::{Result, StoreError};
use rusqlite::{params, Connection};
use throughline_core::agreement::AgreementStep;
use throughline_core::model::AgreementKind;

const COLUMNS: &str = "id, goal, kind, date, by_id, by_name, target, due, reason, created_at";

/// Insert or replace a step's row.
pub(crate) fn write(tx: &Connection, s: &AgreementStep) -> rusqlite::Result<()> {
    tx.prepare_cached(&format!(
        "INSERT OR REPLACE INTO agreements ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))?
    .execute(params![
        s.id,
        s.goal,
        s.kind.name(),
        s.date,
        s.by,
        s.by_name,
        s.target,
        s.due,
        s.reason,
        s.created_at
    ])?;
    Ok(())
}

pub(crate) fn remove(tx: &Connection, id: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM agreements WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// A row read back, its kind and dates checked; a damaged row is named.
fn decode(r: &rusqlite::Row) -> rusqlite::Result<std::result::Result<AgreementStep, String>> {
    let id: i64 = r.get(0)?;
    let kind: String = r.get(2)?;
    let date: String = r.get(3)?;
    let due: Option<String> = r.get(7)?;
    let target: Option<f64> = r.get(6)?;
    let step = AgreementStep {
        id,
        goal: r.get(1)?,
        kind: AgreementKind::Proposed,
        date,
        by: r.get(4)?,
        by_name: r.get(5)?,
        target,
        due,
        reason: r.get(8)?,
        created_at: r.get(9)?,
    };
    let Some(kind) = AgreementKind::from_name(&kind) else {
        return Ok(Err(format!(
            "agreement step {id}: “{kind}” is not one of {}",
            AgreementKind::NAMES.join(", ")
        )));
    };
    let is_date = |d: &str| throughline_core::format::parse_date(d).is_some();
    if !is_date(&step.date) || step.due.as_deref().is_some_and(|d| !is_date(d)) {
        return Ok(Err(format!(
            "agreement step {id}: a date is not YYYY-MM-DD"
        )));
    }
    Ok(Ok(AgreementStep { kind, ..step }))
}

fn damaged(problem: String) -> StoreError {
    StoreError::Refused(format!(
        "a goal's agreement history in the workspace is damaged: {problem}"
    ))
}

fn collect(
    rows: impl Iterator<Item = rusqlite::Result<std::result::Result<AgreementStep, String>>>,
    path: &std::path::Path,
) -> Result<Vec<AgreementStep>> {
    let mut out = Vec::new();
    for row in rows {
        out.push(
            row.map_err(|e| StoreError::sqlite(path, e))?
                .map_err(damaged)?,
        );
    }
    Ok(out)
}

/// Goal `goal`'s steps, oldest first (by date, then in the order they were recorded).
pub(crate) fn of_goal(
    conn: &Connection,
    path: &std::path::Path,
    goal: &str,
) -> Result<Vec<AgreementStep>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM agreements WHERE goal = ?1 ORDER BY date, id"
        ))
        .map_err(|e| StoreError::sqlite(path, e))?;
    let rows = stmt
        .query_map([goal], decode)
        .map_err(|e| StoreError::sqlite(path, e))?;
    collect(rows, path)
}

/// Every step, by goal, then oldest first.
pub(crate) fn all(conn: &Connection, path: &std::path::Path) -> Result<Vec<AgreementStep>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM agreements ORDER BY goal, date, id"
        ))
        .map_err(|e| StoreError::sqlite(path, e))?;
    let rows = stmt
        .query_map([], decode)
        .map_err(|e| StoreError::sqlite(path, e))?;
    collect(rows, path)
}

/// The id the next step gets: 1 + the largest one in the file (as for decisions, an id
/// freed by an undo may be given again; see `crate::decisions::next_id`).
pub(crate) fn next_id(conn: &Connection, path: &std::path::Path) -> Result<i64> {
    conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM agreements", [], |r| {
        r.get(0)
    })
    .map_err(|e| StoreError::sqlite(path, e))
}
