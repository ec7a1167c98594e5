//! One-click fixes in the app: a finding's fixes (`throughline_core::fixes`, each rule's
//! own) as the edits the workspace applies, made as one under the fix's words
//! (`Edit::Batch`: "Have Hannah Cole set it (the owner's line)"). The page applies it with `apply_edit`, so a fix is one undo step whose
//! effect notice says what it resolved.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::session::Revision;
use serde::Serialize;
use throughline_core::fixes::{fixes, FixChange};
use throughline_store::decisions::FindingKey;
use throughline_store::Edit;

/// A fix as the finding's detail offers it: the button's words and the edit it makes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FixOption {
    pub label: String,
    pub edit: Edit,
}

/// The fixes of the finding `key` in `rev`, best first (none when its rule has no
/// obvious one). A key the revision does not have is refused by name.
pub fn options(rev: &Revision, key: &FindingKey) -> AppResult<Vec<FixOption>> {
    let i = rev.hit_index(key).ok_or_else(|| {
        AppError::new(
            ErrorCode::Invalid,
            format!(
                "the map has no finding of “{}” about “{}” now, so there is nothing to fix",
                key.rule, key.subject
            ),
        )
    })?;
    let cx = rev.analysis.ctx(&rev.org);
    Ok(fixes(&cx, &rev.analysis.hits[i])
        .into_iter()
        .map(|f| {
            // Under the fix's own words, so the notice and Undo say what the room did.
            let edit = Edit::Batch {
                label: f.label.clone(),
                edits: f.changes.into_iter().map(edit).collect(),
            };
            FixOption {
                label: f.label,
                edit,
            }
        })
        .collect())
}

/// A fix's change as the store's edit.
fn edit(change: FixChange) -> Edit {
    match change {
        FixChange::PutGoal { goal } => Edit::PutGoal { goal },
        FixChange::LinkSupport { goal, supports } => Edit::LinkSupport { goal, supports },
        FixChange::CreateGoal { goal } => Edit::CreateGoal { goal },
        FixChange::CreateMeasure { measure } => Edit::CreateMeasure { measure },
        FixChange::AddInteraction { interaction } => Edit::AddInteraction { interaction },
    }
}
