//! What-if drafts in the app (issue #14 item 4): "Try a change" starts a draft on top of
//! the workspace's map; every edit, undo and redo then happens in the draft
//! (`throughline_store::draft`), never in the workspace, and every panel shows the draft.
//! The header says it is a draft and how it differs from the map before it (findings
//! resolved and new, the index before → after), live after each edit. Keep applies it as
//! one undoable edit of the workspace (with a decision if one is given); Discard drops it.
//! The draft lives in the file, so it is still there when the file is opened again.

use crate::session::Revision;
use serde::Serialize;
use throughline_core::effect::{self, Fingerprints};
use throughline_store::draft::Draft;
use throughline_store::{Applied, Edit, StoreError, Workspace};

/// What makes edits, undoes and redoes them: the workspace, or the open draft.
pub trait Editor {
    fn apply_edit(&mut self, edit: &Edit) -> Result<Applied, StoreError>;
    fn undo(&mut self) -> Result<String, StoreError>;
    fn redo(&mut self) -> Result<String, StoreError>;
}

impl Editor for Workspace {
    fn apply_edit(&mut self, edit: &Edit) -> Result<Applied, StoreError> {
        Workspace::apply_edit(self, edit)
    }
    fn undo(&mut self) -> Result<String, StoreError> {
        Workspace::undo(self)
    }
    fn redo(&mut self) -> Result<String, StoreError> {
        Workspace::redo(self)
    }
}

impl Editor for Draft {
    fn apply_edit(&mut self, edit: &Edit) -> Result<Applied, StoreError> {
        Draft::apply_edit(self, edit)
    }
    fn undo(&mut self) -> Result<String, StoreError> {
        Draft::undo(self)
    }
    fn redo(&mut self) -> Result<String, StoreError> {
        Draft::redo(self)
    }
}

/// The open draft and what it is compared with.
pub struct DraftDoc {
    pub draft: Draft,
    /// The workspace's revision before the draft: what Discard goes back to.
    pub base: Revision,
    /// The base's findings as identity hashes: the draft's difference is counted
    /// against them after each of its edits.
    pub base_prints: Fingerprints,
}

impl DraftDoc {
    pub fn new(draft: Draft, base: Revision) -> DraftDoc {
        let base_prints = effect::fingerprints(&base.org, &base.analysis);
        DraftDoc {
            draft,
            base,
            base_prints,
        }
    }
}

/// The draft as the header shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DraftInfo {
    /// What it tries ("Calls target at 80").
    pub name: String,
    /// When it was started (RFC 3339).
    pub started_at: String,
    /// How many edits it holds.
    pub edits: u32,
    /// Against the map before the draft: findings it resolves and makes, and the index
    /// before → after.
    pub resolved: u32,
    pub new: u32,
    pub index_before: Option<f64>,
    pub index_after: Option<f64>,
    /// Set when the file's draft no longer applies to the map (why): it can only be
    /// discarded.
    pub problem: Option<String>,
}

/// A draft in the file that no longer applies to the map.
pub struct DraftProblem {
    pub name: String,
    pub started_at: String,
    pub why: String,
}

/// The header's draft line for the document: the open draft against its base (`rev` is
/// the draft's revision), or the draft that no longer applies.
pub fn info(
    draft: Option<&DraftDoc>,
    problem: Option<&DraftProblem>,
    rev: &Revision,
) -> Option<DraftInfo> {
    if let Some(d) = draft {
        let e = effect::effect(&d.base_prints, &rev.org, &rev.analysis);
        let record = d.draft.record();
        return Some(DraftInfo {
            name: record.name.clone(),
            started_at: record.started_at.clone(),
            edits: record.edits.len() as u32,
            resolved: e.resolved,
            new: e.new,
            index_before: d.base.analysis.summary.alignment_index,
            index_after: rev.analysis.summary.alignment_index,
            problem: None,
        });
    }
    problem.map(|p| DraftInfo {
        name: p.name.clone(),
        started_at: p.started_at.clone(),
        edits: 0,
        resolved: 0,
        new: 0,
        index_before: rev.analysis.summary.alignment_index,
        index_after: rev.analysis.summary.alignment_index,
        problem: Some(p.why.clone()),
    })
}
