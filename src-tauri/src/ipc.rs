//! Everything that crosses IPC that is not already a core, store or view type. TypeScript
//! declarations for all of it are generated into `ui/src/bindings.ts` (see `bindings`).

use serde::{Deserialize, Serialize};
use throughline_core::library::MeasureLibrary;
use throughline_core::model::{CheckIn, Goal, Interaction, Measure, Person, Unit, Value};
use throughline_store::{HistoryState, StoreError};
use ts_rs::TS;

/// An error as the UI receives it: a stable code and a sentence for the user.
#[derive(Debug, Clone, Serialize, TS)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl IpcError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        IpcError {
            code: code.into(),
            message: message.into(),
        }
    }
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        IpcError::new(e.code(), e.to_string())
    }
}

pub type IpcResult<T> = Result<T, IpcError>;

/// The open document, as the header and title bar show it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DocInfo {
    pub path: String,
    pub file_name: String,
    pub organisation: String,
    pub read_only: bool,
    pub units: u32,
    pub people: u32,
    pub goals: u32,
    pub as_of: String,
    pub focus_function: Option<String>,
    pub history: HistoryState,
    /// The last automatic backup (or tidy-up) failed: the edits are saved, but the user
    /// should know their safety net is not there (shown in the status bar).
    pub warning: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    pub version: String,
    pub doc: Option<DocInfo>,
    pub recent: Vec<String>,
    /// Why the file given on the command line could not be opened (once).
    pub startup_error: Option<IpcError>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct EditOutcome {
    /// What was done (or undone / redone), for a status message.
    pub label: String,
    pub doc: DocInfo,
    /// The id the store gave the entity a `create_*` edit made (to select it).
    pub created: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct IndexedCheckIn {
    /// Position among all check-ins (what the edit API addresses).
    pub index: u32,
    pub check_in: CheckIn,
}

/// The selected item, for the inspector.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Entity {
    Goal {
        goal: Goal,
        /// The goals it supports, with their titles, in order.
        supports: Vec<Choice>,
        owner_name: String,
        setter_name: String,
        aligned: bool,
        imposed: bool,
    },
    Person {
        person: Person,
        check_ins: Vec<IndexedCheckIn>,
        goals: Vec<Choice>,
    },
    Unit {
        unit: Unit,
    },
    Value {
        value: Value,
    },
    Measure {
        measure: Measure,
    },
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub detail: String,
}

/// Options for the inspector's pickers. People are listed only for organisations small
/// enough to list (the pickers search otherwise).
#[derive(Debug, Clone, Serialize, TS)]
pub struct Choices {
    pub units: Vec<Choice>,
    pub functions: Vec<Choice>,
    pub people: Vec<Choice>,
    pub people_listed: bool,
    pub measures: Vec<Choice>,
    /// Values and their behaviours.
    pub values: Vec<Choice>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct IndexedInteraction {
    pub index: u32,
    pub interaction: Interaction,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MeasuresView {
    pub measures: Vec<Measure>,
    pub interactions: Vec<IndexedInteraction>,
    pub library: MeasureLibrary,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RuleDoc {
    pub id: String,
    pub default_severity: String,
    pub summary: String,
    pub what: String,
    pub why: String,
    pub example: String,
    pub fix: String,
}

/// What the Export report dialog asks for. The file is chosen in a native save dialog.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
pub struct ReportRequest {
    pub format: throughline_report::Format,
    /// A function's unit id; absent for the whole organisation.
    pub function: Option<String>,
    pub title: Option<String>,
    pub paper: throughline_report::Paper,
}

/// A report the app wrote. `id` names it for Open and Show in folder, which only ever
/// reach files the app wrote in this session.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportSaved {
    pub id: u32,
    pub path: String,
    pub file_name: String,
    pub bytes: u32,
    pub millis: u32,
}
