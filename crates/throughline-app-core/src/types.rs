//! Everything that crosses IPC that is not already a core, store or view type. The shell
//! generates their TypeScript declarations into `ui/src/bindings.ts` (ts-rs).

use crate::error::AppError;
use serde::{Deserialize, Serialize};
use throughline_core::effect::ChangeEffect;
use throughline_core::library::MeasureLibrary;
use throughline_core::model::{CheckIn, Goal, Interaction, Measure, Person, Unit, Value};
use throughline_core::report_options::{Format, Paper};
use throughline_store::{HistoryState, Touched};
use throughline_view::FindingRow;

/// The open document, as the header and title bar show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocInfo {
    /// The analysed revision on screen: it changes with every change and every file, and
    /// the page fetches each panel once per revision.
    pub revision: u64,
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
    /// The app's sample organisation (File ▸ Reset Sample restores it).
    pub sample: bool,
    /// The open draft (every panel shows it; edits go into it), or the file's draft that
    /// no longer applies; `None` without one.
    pub draft: Option<crate::draft::DraftInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppStatus {
    pub version: String,
    pub doc: Option<DocInfo>,
    pub recent: Vec<String>,
    /// Why the file given on the command line could not be opened (once).
    pub startup_error: Option<AppError>,
}

/// What a change did, in the reply to the command that made it and in the `doc-changed`
/// event (which also tells other windows' panels, and announces opening and closing).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    pub kind: ChangeKind,
    /// What was done (or undone / redone), for a status message.
    pub label: String,
    /// The document after the change (its `revision` is the new revision); `None` once
    /// closed.
    pub doc: Option<DocInfo>,
    /// The id the store gave the entity a `create_*` edit made (to select it).
    pub created: Option<String>,
    /// The entities it wrote or removed, or the whole map.
    pub touched: Touched,
    /// What an edit, undo, redo, restore or import did to the findings and the index (the
    /// notice after each change); `None` for opening and closing.
    pub effect: Option<ChangeEffect>,
    /// The first of the findings it made ([`ChangeEffect::new_hits`]), as the findings
    /// panel shows them.
    pub new_findings: Vec<FindingRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Opened,
    Edited,
    Undone,
    Redone,
    Restored,
    Imported,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndexedCheckIn {
    /// Position among all check-ins (what the edit API addresses).
    pub index: u32,
    pub check_in: CheckIn,
}

/// The selected item, for the inspector.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub detail: String,
}

/// Options for the inspector's pickers. People are listed only for organisations small
/// enough to list (the pickers search otherwise).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Choices {
    pub units: Vec<Choice>,
    pub functions: Vec<Choice>,
    pub people: Vec<Choice>,
    pub people_listed: bool,
    pub measures: Vec<Choice>,
    /// Values and their behaviours.
    pub values: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndexedInteraction {
    pub index: u32,
    pub interaction: Interaction,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasuresView {
    pub measures: Vec<Measure>,
    pub interactions: Vec<IndexedInteraction>,
    pub library: MeasureLibrary,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleDoc {
    pub id: String,
    /// The rule's name for people ("Imposed goal"), shown before its id.
    pub name: String,
    pub default_severity: String,
    pub summary: String,
    pub what: String,
    pub why: String,
    pub example: String,
    pub fix: String,
}

/// What the Export report dialog asks for. The file is chosen in a native save dialog.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportRequest {
    pub format: Format,
    /// A function's unit id; absent for the whole organisation.
    pub function: Option<String>,
    pub title: Option<String>,
    pub paper: Paper,
    /// A workshop report instead: what changed since this snapshot (its id), the map on
    /// screen (a draft's while one is open) the after side. PDF, HTML or Markdown; the
    /// whole organisation (`function` is not used).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub compare: Option<i64>,
}

/// A report the app wrote. `id` names it for Open and Show in folder, which only ever
/// reach files the app wrote in this session.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportSaved {
    pub id: u32,
    pub path: String,
    pub file_name: String,
    pub bytes: u32,
    pub millis: u32,
}

/// A menu item the page acts on (sent as the `menu` event). The ids, labels and shortcuts
/// are defined here once; the shell builds the native menu from them and the page's
/// handler is typed by them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum MenuAction {
    New,
    Open,
    OpenSample,
    Import,
    Export,
    SaveCopy,
    ExportReport,
    ImportSpreadsheet,
    ExportSpreadsheet,
    Close,
    Undo,
    Redo,
    Delete,
    Find,
    ZoomIn,
    ZoomOut,
    Fit,
    ViewMap,
    ViewMeasures,
    ViewAlignment,
    Decisions,
    ThemeLight,
    ThemeDark,
    ThemeSystem,
    Presentation,
    Quit,
    ResetSample,
    RulesReference,
    KeyboardShortcuts,
    About,
}

impl MenuAction {
    /// Its menu id (the serialised name: "open-sample").
    pub fn id(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => s,
            _ => unreachable!("a menu action serialises as a string"),
        }
    }

    pub fn from_id(id: &str) -> Option<MenuAction> {
        serde_json::from_value(serde_json::Value::String(id.to_string())).ok()
    }

    /// The item's label and keyboard shortcut.
    pub fn label(self) -> (&'static str, Option<&'static str>) {
        use MenuAction::*;
        match self {
            New => ("New…", Some("CmdOrCtrl+N")),
            Open => ("Open…", Some("CmdOrCtrl+O")),
            OpenSample => ("Open the Sample Organisation", None),
            Import => ("Import Map JSON…", Some("CmdOrCtrl+I")),
            Export => ("Export Map JSON…", Some("CmdOrCtrl+E")),
            SaveCopy => ("Save a Copy…", Some("CmdOrCtrl+Shift+S")),
            ExportReport => ("Export Report…", Some("CmdOrCtrl+Shift+E")),
            ImportSpreadsheet => ("Import from Spreadsheet…", Some("CmdOrCtrl+Shift+I")),
            ExportSpreadsheet => ("Export to Spreadsheet…", None),
            Close => ("Close", Some("CmdOrCtrl+W")),
            Undo => ("Undo", Some("CmdOrCtrl+Z")),
            Redo => ("Redo", Some("CmdOrCtrl+Shift+Z")),
            Delete => ("Delete Selected", None),
            Find => ("Find…", Some("CmdOrCtrl+F")),
            ZoomIn => ("Zoom In", Some("CmdOrCtrl+=")),
            ZoomOut => ("Zoom Out", Some("CmdOrCtrl+-")),
            Fit => ("Fit to Window", Some("CmdOrCtrl+0")),
            ViewMap => ("Alignment Map", Some("CmdOrCtrl+1")),
            ViewMeasures => ("Measures and Trade-offs", Some("CmdOrCtrl+2")),
            ViewAlignment => ("Alignment Views", Some("CmdOrCtrl+3")),
            Decisions => ("Decisions…", Some("CmdOrCtrl+Shift+D")),
            ThemeLight => ("Light Theme", None),
            ThemeDark => ("Dark Theme", None),
            ThemeSystem => ("System Theme", None),
            Presentation => ("Presentation Mode (Large Text)", Some("CmdOrCtrl+Shift+P")),
            Quit => ("Quit", Some("CmdOrCtrl+Q")),
            ResetSample => ("Reset the Sample Organisation", None),
            RulesReference => ("Rules Reference", Some("F1")),
            KeyboardShortcuts => ("Keyboard Shortcuts", Some("CmdOrCtrl+/")),
            About => ("About Throughline", None),
        }
    }
}

/// The events the shell sends the page, by name, with their payloads.
pub mod events {
    /// Payload [`crate::Change`]: the document changed, opened or closed.
    pub const DOC_CHANGED: &str = "doc-changed";
    /// Payload [`crate::MenuAction`].
    pub const MENU: &str = "menu";
    /// Payload [`crate::AppError`]: the file named on the command line could not be opened.
    pub const STARTUP_ERROR: &str = "startup-error";
    /// Payload [`crate::AppError`]: something the page did not ask for failed (Open Recent).
    pub const APP_ERROR: &str = "app-error";
    /// No payload: the report tool started.
    pub const REPORT_WRITING: &str = "report-writing";
}
