//! A draft (issue #14 item 4): edits tried on top of the workspace's map without touching
//! it. The edits are planned and made in memory, on a copy of the workspace's state, with
//! their own undo and redo; the workspace keeps only their list (the `draft` table, schema
//! 5), written after each one, so a draft survives closing the app and is made again from
//! the map when the file is opened. Keeping it applies the edits as one edit of the
//! workspace (`Edit::Batch`, one undo step, with a decision if one is given); discarding
//! it deletes the list. At most one draft per workspace.

use crate::edit::{plan, Edit, Plan};
use crate::error::{Result, StoreError};
use crate::rows::State;
use crate::workspace::{Applied, Touched};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use throughline_core::Map;

/// What the file keeps of a draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftRecord {
    /// What the draft tries ("Calls target at 80").
    pub name: String,
    /// When it was started (RFC 3339).
    pub started_at: String,
    /// Its edits, in the order they were made (undone ones left out).
    pub edits: Vec<Edit>,
}

/// A draft in memory: the workspace's state with the draft's edits made.
pub struct Draft {
    record: DraftRecord,
    state: State,
    /// The plans of the edits made, for undo (their labels and backward ops).
    done: Vec<Plan>,
    /// Edits undone, newest last, for redo.
    undone: Vec<Edit>,
    last_touched: Touched,
    /// Did the last edit, undo or redo leave every row where it was?
    last_in_place: bool,
}

impl Draft {
    /// A draft of `record` on `base` (the workspace's state): its edits made again, in
    /// order. An edit that no longer applies is refused by name, saying which.
    pub(crate) fn new(record: DraftRecord, base: &State) -> Result<Draft> {
        let edits = record.edits.clone();
        let mut d = Draft {
            record: DraftRecord {
                edits: Vec::new(),
                ..record
            },
            state: base.clone(),
            done: Vec::new(),
            undone: Vec::new(),
            last_touched: Touched::Everything,
            last_in_place: false,
        };
        for (i, e) in edits.iter().enumerate() {
            d.apply_edit(e).map_err(|err| {
                StoreError::Refused(format!(
                    "the draft “{}” no longer applies to the map: its edit {} of {} is refused: {err}",
                    d.record.name,
                    i + 1,
                    edits.len()
                ))
            })?;
        }
        d.last_touched = Touched::Everything;
        d.last_in_place = false;
        Ok(d)
    }

    pub fn record(&self) -> &DraftRecord {
        &self.record
    }

    pub fn name(&self) -> &str {
        &self.record.name
    }

    /// The draft's map.
    pub fn map(&self) -> &Map {
        &self.state.map
    }

    /// The draft's map, shared.
    pub fn shared_map(&self) -> Arc<Map> {
        self.state.map.clone()
    }

    /// The index of the map's ids, kept up to date with it: what the app's `Org` keeps
    /// (`Org::with_ids`) instead of indexing the map again.
    pub fn ids(&self) -> &throughline_core::org::IdIndex {
        self.state.ids()
    }

    /// What the last edit, undo or redo touched.
    pub fn last_touched(&self) -> &Touched {
        &self.last_touched
    }

    /// Did the last edit, undo or redo leave every row of the map where it was?
    pub fn last_in_place(&self) -> bool {
        self.last_in_place
    }

    /// Labels of what the draft's undo and redo would do.
    pub fn history(&self) -> crate::workspace::HistoryState {
        crate::workspace::HistoryState {
            undo: self.done.last().map(|p| p.label.clone()),
            redo: self.undone.last().map(|e| {
                plan(&self.state, e)
                    .map(|p| p.label)
                    .unwrap_or_else(|_| "an edit that no longer applies".into())
            }),
        }
    }

    /// Make an edit in the draft (the workspace is not touched): planned and refused as
    /// the workspace would; edits made as one are made one after another.
    pub fn apply_edit(&mut self, edit: &Edit) -> Result<Applied> {
        let p = match edit {
            Edit::Batch { label, edits } => {
                // Planned on a copy, so a refusal leaves the draft as it was.
                let mut scratch = self.state.clone();
                crate::edit::plan_in_turn(&mut scratch, label, edits, |s, p| {
                    p.forward.iter().for_each(|op| s.apply(op));
                    Ok(())
                })?
            }
            _ => plan(&self.state, edit)?,
        };
        self.last_touched = Touched::of(&self.state, &p.forward);
        self.last_in_place = crate::workspace::rows_stay(&self.state, &p.forward);
        for op in &p.forward {
            self.state.apply(op);
        }
        let applied = Applied {
            label: p.label.clone(),
            created: p.created.clone(),
        };
        self.done.push(p);
        self.record.edits.push(edit.clone());
        self.undone.clear();
        Ok(applied)
    }

    /// Undo the draft's last edit. Returns its label.
    pub fn undo(&mut self) -> Result<String> {
        let p = self.done.pop().ok_or(StoreError::NothingTo("undo"))?;
        let edit = self.record.edits.pop().expect("an edit for each plan");
        self.last_touched = Touched::of(&self.state, &p.backward);
        self.last_in_place = crate::workspace::rows_stay(&self.state, &p.backward);
        for op in &p.backward {
            self.state.apply(op);
        }
        self.undone.push(edit);
        Ok(p.label)
    }

    /// Redo the draft's last undone edit. Returns its label.
    pub fn redo(&mut self) -> Result<String> {
        let edit = self.undone.pop().ok_or(StoreError::NothingTo("redo"))?;
        let undone = std::mem::take(&mut self.undone);
        let result = self.apply_edit(&edit);
        self.undone = undone;
        match result {
            Ok(a) => Ok(a.label),
            Err(e) => {
                self.undone.push(edit);
                Err(e)
            }
        }
    }
}

impl std::fmt::Debug for Draft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Draft")
            .field("name", &self.record.name)
            .field("edits", &self.record.edits.len())
            .field("undone", &self.undone.len())
            .finish()
    }
}
