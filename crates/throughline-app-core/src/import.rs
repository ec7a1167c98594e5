//! The import wizard without Tauri: the files the user picked (read once, kept as tables
//! between previews), the wizard's choices ([`ImportRequest`]), what each step shows
//! ([`ImportPreview`]: every table with its kind, its column mapping, its first rows as
//! they will become people and goals with their problems in place, every problem, and the
//! change set), the plan an Import applies, and the column choices remembered per header
//! set ([`RememberedMappings`]) for the next import of the same kind of file.
//!
//! Pure apart from the clock-free work of `throughline-import`: the shell reads the files
//! and persists the remembered mappings; the session applies the plan as one change.

use crate::error::{AppError, AppResult, ErrorCode};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use throughline_core::Map;
use throughline_import::headers::normalise;
use throughline_import::{
    self as ti, ColumnOverride, Field, FieldChoice, ImportOptions, RowOutcome, TableKind, TableRef,
};

/// How many entries of each list of the change set the wizard receives (the counts are
/// always whole).
pub const CHANGE_LIST_MAX: usize = 200;
/// How many problems the wizard receives (the count is always whole).
pub const PROBLEMS_MAX: usize = 500;
/// How many header sets are remembered.
pub const REMEMBERED_MAX: usize = 50;

/// A file the user picked, as the shell read it.
#[derive(Debug, Clone)]
pub struct PickedFile {
    /// Its name without the folder (what messages and snapshots name).
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Where an import goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportTarget {
    /// Into the open workspace: one undo step, a snapshot first.
    #[default]
    Open,
    /// A new workspace (Start from a spreadsheet), saved where the user chooses.
    New,
}

/// How dates written `A/B/Y` are read; absent: inferred per column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum DateOrderChoice {
    Dmy,
    Mdy,
}

/// One column choice of the wizard: in this table, this header gives this field (its
/// name as `--column` writes it: `email`, `function`, `set_by`), or nothing (`None`:
/// ignored). Later choices win.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ColumnChoice {
    pub file: String,
    pub sheet: Option<String>,
    pub header: String,
    pub field: Option<String>,
}

/// Everything the wizard lets the user choose.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportRequest {
    pub target: ImportTarget,
    /// The organisation's name; absent: the workspace's, else the first file's name.
    pub organisation: Option<String>,
    pub columns: Vec<ColumnChoice>,
    /// The unit level columns, top first (instead of Division, Department, Team).
    pub levels: Option<Vec<String>>,
    pub date_order: Option<DateOrderChoice>,
    pub decimal_comma: bool,
    /// Delete what the files no longer mention (off unless the user turns it on).
    pub remove_missing: bool,
}

impl ImportRequest {
    /// The import crate's options for this request.
    pub fn options(&self) -> AppResult<ImportOptions> {
        let columns = self
            .columns
            .iter()
            .map(|c| {
                let field = match c.field.as_deref() {
                    None => None,
                    Some(name) => Some(FieldChoice::parse(name).ok_or_else(|| {
                        AppError::new(ErrorCode::Invalid, format!("No field \"{name}\"."))
                    })?),
                };
                Ok(ColumnOverride {
                    table: Some(TableRef {
                        file: c.file.clone(),
                        sheet: c.sheet.clone(),
                    }),
                    header: c.header.clone(),
                    field,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        Ok(ImportOptions {
            organisation: self
                .organisation
                .clone()
                .filter(|o| !o.trim().is_empty())
                .map(|o| o.trim().to_string()),
            columns,
            levels: self.levels.clone().filter(|l| !l.is_empty()),
            date_order: self.date_order.map(|d| match d {
                DateOrderChoice::Dmy => ti::DateOrder::Dmy,
                DateOrderChoice::Mdy => ti::DateOrder::Mdy,
            }),
            decimal_comma: self.decimal_comma,
            remove_missing: self.remove_missing,
        })
    }
}

// ---- what the wizard shows ----------------------------------------------------------

/// A picked file: how big, how many tables, or why it cannot be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportFile {
    pub name: String,
    pub bytes: u32,
    pub tables: u32,
    pub problem: Option<String>,
}

/// What a table was taken for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ImportTableKind {
    People,
    Goals,
    /// Neither: not imported (an Instructions sheet), unless its columns are named.
    Skipped,
}

/// A field of a table's kind and the column that gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldMapping {
    /// The field's name (`email`, `function`, `set_by`), as a [`ColumnChoice`] names it.
    pub field: String,
    pub label: String,
    /// What the field is for, in a few words.
    pub hint: String,
    pub required: bool,
    /// The header of the column giving it; `None`: no column does.
    pub header: Option<String>,
}

/// A header of the table's header row and the field it gives (`None`: ignored).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HeaderMapping {
    pub header: String,
    pub field: Option<String>,
}

/// What became of a previewed row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum RowStatus {
    Added,
    Updated,
    Unchanged,
    /// The row has a problem.
    Problem,
}

/// One cell of a previewed row: a mapped field's text and its problem, if any.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewCell {
    pub field: String,
    pub text: String,
    pub problem: Option<String>,
}

/// One of a table's first rows, as it will become a person or a goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewLine {
    /// The spreadsheet's own row number.
    pub row: u32,
    /// The map id it gives (or keeps).
    pub id: Option<String>,
    pub status: RowStatus,
    /// For a person, the unit they will be in (`Sales > Enterprise`; empty: the
    /// organisation itself); for a goal, `None`.
    pub unit: Option<String>,
    /// One per mapped column, in the order of [`TablePreview::shown`].
    pub cells: Vec<PreviewCell>,
    /// Problems of the row that belong to no shown cell.
    pub problems: Vec<String>,
}

/// A table found in the files: its kind, mapping and first rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TablePreview {
    pub file: String,
    pub sheet: Option<String>,
    /// `FILE` or `FILE:SHEET`.
    pub label: String,
    pub kind: ImportTableKind,
    /// `csv` (delimited text), `xlsx`, `xls` or `ods`.
    pub file_kind: String,
    pub header_row: Option<u32>,
    pub data_rows: u32,
    /// Every field of the table's kind (for a skipped table, the fields that make it
    /// people or goals) with the column recognised for it.
    pub fields: Vec<FieldMapping>,
    /// Every header of the header row (of a skipped table: its first row), with its field.
    pub headers: Vec<HeaderMapping>,
    /// The fields the preview shows, in column order (label per field).
    pub shown: Vec<FieldMapping>,
    pub preview: Vec<PreviewLine>,
    /// Its column choices came from a remembered mapping for these headers.
    pub remembered: bool,
}

/// A problem, as the contract writes it (`text`) and located.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportProblem {
    /// `FILE[:SHEET] row N, column "HEADER": message`.
    pub text: String,
    pub file: String,
    pub sheet: Option<String>,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub message: String,
}

impl From<&ti::Problem> for ImportProblem {
    fn from(p: &ti::Problem) -> Self {
        let message = app_wording(&p.message);
        let text = ti::Problem {
            message: message.clone(),
            ..p.clone()
        }
        .to_string();
        ImportProblem {
            text,
            file: p.file.clone(),
            sheet: p.sheet.clone(),
            row: p.row,
            column: p.column.clone(),
            message,
        }
    }
}

/// A problem's message as the wizard says it: the CLI's `--column` advice becomes the
/// wizard's own step.
pub fn app_wording(message: &str) -> String {
    match message.split_once("; ") {
        Some((what, how)) if how.contains("--column") => {
            format!("{what}; choose its columns in step 2, Columns")
        }
        _ => message.to_string(),
    }
}

/// A field that changes: old → new, as text (`""`: none).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// One entry of the change set.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeItem {
    pub id: String,
    /// A name or a goal's title.
    pub label: String,
    /// A unit's path; a measure's origin ("from the measure library" or "new").
    pub detail: Option<String>,
    pub fields: Vec<FieldChange>,
    /// With remove-missing: why it is kept.
    pub refused: Option<String>,
}

/// One list of the change set: the first [`CHANGE_LIST_MAX`] entries and how many.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeList {
    pub total: u32,
    pub items: Vec<ChangeItem>,
}

impl ChangeList {
    fn of<T>(all: &[T], f: impl Fn(&T) -> ChangeItem) -> ChangeList {
        ChangeList {
            total: all.len() as u32,
            items: all.iter().take(CHANGE_LIST_MAX).map(f).collect(),
        }
    }
}

/// What changes for one kind of entity.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeGroup {
    pub added: ChangeList,
    pub updated: ChangeList,
    pub missing: ChangeList,
    pub unchanged: u32,
}

/// The change set of the import, as the wizard's last step shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportChanges {
    pub people: ChangeGroup,
    pub units: ChangeGroup,
    pub goals: ChangeGroup,
    /// Added measures only: from the measure library or new.
    pub measures: ChangeGroup,
    pub measures_from_library: u32,
    pub ignored_columns: Vec<String>,
    pub skipped_tables: Vec<String>,
    /// The import would change nothing.
    pub changes_nothing: bool,
    /// "12 people added, 3 updated; 4 units created; ..." (the status line after Import).
    pub summary: String,
}

/// Everything the wizard's steps show, for the files picked and the choices made.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPreview {
    /// The choices this preview was made with (with remembered column choices filled in
    /// when the files were picked): the page sends it back, changed.
    pub request: ImportRequest,
    /// The open workspace's file name (an import into it); `None` for a new workspace.
    pub into: Option<String>,
    /// The organisation's name the import gives.
    pub organisation: String,
    pub files: Vec<ImportFile>,
    pub tables: Vec<TablePreview>,
    /// The first [`PROBLEMS_MAX`] problems, in the order of the files, sheets and rows.
    pub problems: Vec<ImportProblem>,
    pub problem_count: u32,
    /// The change set; `None` while there are problems.
    pub changes: Option<ImportChanges>,
    /// Why Import cannot run yet; `None`: it can.
    pub blocked: Option<String>,
}

// ---- the fields ------------------------------------------------------------------------

struct FieldDef {
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    required: bool,
}

const fn def(
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    required: bool,
) -> FieldDef {
    FieldDef {
        name,
        label,
        hint,
        required,
    }
}

const PEOPLE_FIELDS: &[FieldDef] = &[
    def("name", "Name", "the person's full name", true),
    def(
        "first_name",
        "First name",
        "used when there is no name column",
        false,
    ),
    def(
        "last_name",
        "Last name",
        "used when there is no name column",
        false,
    ),
    def("id", "Employee ID", "the HR system's key", false),
    def("email", "Email", "work e-mail", false),
    def("role", "Job title", "", false),
    def("manager", "Manager", "id, e-mail or name", false),
    def("manager_id", "Manager ID", "", false),
    def("manager_email", "Manager email", "", false),
    def(
        "function",
        "Function",
        "unit level 1: Division, Function",
        false,
    ),
    def("department", "Department", "unit level 2", false),
    def("team", "Team", "unit level 3", false),
    def("unit_path", "Unit path", "Sales > Enterprise", false),
];

const GOALS_FIELDS: &[FieldDef] = &[
    def("title", "Title", "the goal, objective or key result", true),
    def(
        "owner",
        "Owner",
        "a person (id, e-mail, name) or a unit",
        true,
    ),
    def("id", "Goal ID", "a key other rows can support", false),
    def("level", "Level", "strategy or objective", false),
    def("set_by", "Set by", "who set it; empty: the owner", false),
    def(
        "measure",
        "Measure",
        "a workspace or library measure",
        false,
    ),
    def(
        "measure_kind",
        "Measure kind",
        "outcome, activity, quality...",
        false,
    ),
    def("target", "Target", "€1.5m, 30%, 120", false),
    def("due", "Due", "a date, a serial, Q1 2027", false),
    def("status", "Status", "proposed, agreed, disputed", false),
    def(
        "supports",
        "Supports",
        "goals by id or title, ; between",
        false,
    ),
    def("values", "Values", "values or behaviours, ; between", false),
];

/// The fields that make a skipped table a people or a goals table.
const SKIPPED_FIELDS: &[FieldDef] = &[
    def("name", "Name (people)", "makes it a people table", false),
    def("first_name", "First name (people)", "", false),
    def("last_name", "Last name (people)", "", false),
    def("email", "Email (people)", "", false),
    def(
        "title",
        "Title (goals)",
        "with an owner: a goals table",
        false,
    ),
    def("owner", "Owner (goals)", "makes it a goals table", false),
];

fn label_of(kind: TableKind, name: &str) -> (String, String) {
    let list = match kind {
        TableKind::People => PEOPLE_FIELDS,
        TableKind::Goals => GOALS_FIELDS,
        TableKind::Skipped => SKIPPED_FIELDS,
    };
    match list.iter().find(|d| d.name == name) {
        Some(d) => (d.label.to_string(), d.hint.to_string()),
        // Levels past the third (from `levels`).
        None => match name.strip_prefix("level") {
            Some(n) => (format!("Unit level {n}"), String::new()),
            None => (name.to_string(), String::new()),
        },
    }
}

// ---- the picked files -------------------------------------------------------------------

struct DraftFile {
    name: String,
    bytes: usize,
    tables: usize,
    problem: Option<ti::Problem>,
}

/// The files picked for one run of the wizard, read once: previews only plan again.
pub struct ImportDraft {
    files: Vec<DraftFile>,
    tables: Vec<ti::Table>,
    /// Per table: its normalised header list, as detection sees it (the key of a
    /// remembered mapping).
    keys: Vec<Vec<String>>,
    /// Per table: its column choices came from a remembered mapping.
    recalled: Vec<bool>,
}

impl Default for ImportDraft {
    fn default() -> Self {
        Self::new()
    }
}

impl ImportDraft {
    pub fn new() -> ImportDraft {
        ImportDraft {
            files: Vec::new(),
            tables: Vec::new(),
            keys: Vec::new(),
            recalled: Vec::new(),
        }
    }

    /// Read more files (a name already picked is replaced by its new bytes).
    pub fn add(&mut self, files: Vec<PickedFile>) {
        for f in files {
            if self.files.iter().any(|d| d.name == f.name) {
                self.remove(&f.name);
            }
            let (tables, problem) = match ti::read_tables(&f.name, &f.bytes) {
                Ok(t) => (t, None),
                Err(p) => (Vec::new(), Some(p)),
            };
            self.files.push(DraftFile {
                name: f.name,
                bytes: f.bytes.len(),
                tables: tables.len(),
                problem,
            });
            for t in tables {
                self.keys.push(header_key(&t));
                self.recalled.push(false);
                self.tables.push(t);
            }
        }
    }

    /// Forget a picked file.
    pub fn remove(&mut self, name: &str) {
        self.files.retain(|f| f.name != name);
        let mut i = 0;
        while i < self.tables.len() {
            if self.tables[i].source.file == name {
                self.tables.remove(i);
                self.keys.remove(i);
                self.recalled.remove(i);
            } else {
                i += 1;
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The first file's name: the import's NAME ("Import of NAME").
    pub fn name(&self) -> &str {
        self.files.first().map_or("", |f| f.name.as_str())
    }

    fn read_problems(&self) -> impl Iterator<Item = &ti::Problem> {
        self.files.iter().filter_map(|f| f.problem.as_ref())
    }

    /// The whole analysis of the files for `request` against `base`.
    fn analyse(&self, base: &Map, request: &ImportRequest) -> AppResult<ti::Analysis> {
        let opts = request.options()?;
        let mut a = ti::analyse(&self.tables, base, &opts);
        let unread: Vec<ti::Problem> = self.read_problems().cloned().collect();
        if !unread.is_empty() {
            // A file that cannot be read stops the import like any other problem.
            if self.tables.is_empty() {
                a.problems.clear();
            }
            a.problems.splice(0..0, unread);
            a.plan = None;
        }
        Ok(a)
    }

    /// The plan of the import, or every problem as one error.
    pub fn plan(&self, base: &Map, request: &ImportRequest) -> AppResult<ti::Plan> {
        if self.is_empty() {
            return Err(AppError::new(ErrorCode::Invalid, "No files are picked."));
        }
        let a = self.analyse(base, request)?;
        match a.plan {
            Some(p) => Ok(p),
            None => Err(problems_error(&a.problems)),
        }
    }

    /// What the wizard shows. `into`: the open workspace's file name, for an import into
    /// it.
    pub fn preview(
        &self,
        base: &Map,
        request: &ImportRequest,
        into: Option<&str>,
    ) -> AppResult<ImportPreview> {
        let a = self.analyse(base, request)?;
        let tables = self
            .tables
            .iter()
            .zip(&a.tables)
            .enumerate()
            .map(|(i, (t, info))| {
                table_preview(
                    t,
                    info,
                    &a.problems,
                    self.recalled[i] && !self.choices_of(request, i).is_empty(),
                )
            })
            .collect();
        let changes = a
            .plan
            .as_ref()
            .map(|p| import_changes(p, request.remove_missing));
        let organisation = match &a.plan {
            Some(p) => p.map.organisation.name.clone(),
            None => request
                .options()?
                .organisation
                .or_else(|| Some(base.organisation.name.clone()).filter(|n| !n.is_empty()))
                .unwrap_or_else(|| file_stem(self.name())),
        };
        let blocked = if self.is_empty() {
            Some("Pick at least one file.".to_string())
        } else if !a.problems.is_empty() {
            let n = a.problems.len();
            Some(format!(
                "{n} problem{} to fix first: nothing is imported while there is any.",
                if n == 1 { "" } else { "s" }
            ))
        } else if changes.as_ref().is_some_and(|c| c.changes_nothing) {
            Some("The workspace already holds what the files say: nothing to import.".into())
        } else {
            None
        };
        Ok(ImportPreview {
            request: request.clone(),
            into: into.map(str::to_string),
            organisation,
            files: self
                .files
                .iter()
                .map(|f| ImportFile {
                    name: f.name.clone(),
                    bytes: f.bytes.min(u32::MAX as usize) as u32,
                    tables: f.tables as u32,
                    problem: f.problem.as_ref().map(|p| p.message.clone()),
                })
                .collect(),
            tables,
            problem_count: a.problems.len() as u32,
            problems: a
                .problems
                .iter()
                .take(PROBLEMS_MAX)
                .map(ImportProblem::from)
                .collect(),
            changes,
            blocked,
        })
    }

    /// Per table: the column choices of `request` that name it.
    fn choices_of<'a>(&self, request: &'a ImportRequest, i: usize) -> Vec<&'a ColumnChoice> {
        let src = &self.tables[i].source;
        request
            .columns
            .iter()
            .filter(|c| c.file == src.file && c.sheet == src.sheet)
            .collect()
    }

    /// Fill in remembered column choices for every table the request has none for.
    pub fn recall(&mut self, remembered: &RememberedMappings, request: &mut ImportRequest) {
        for i in 0..self.tables.len() {
            if !self.choices_of(request, i).is_empty() {
                continue;
            }
            let Some(set) = remembered.find(&self.keys[i]) else {
                continue;
            };
            let src = &self.tables[i].source;
            request
                .columns
                .extend(set.columns.iter().map(|c| ColumnChoice {
                    file: src.file.clone(),
                    sheet: src.sheet.clone(),
                    header: c.header.clone(),
                    field: c.field.clone(),
                }));
            self.recalled[i] = !set.columns.is_empty();
        }
    }

    /// Remember the request's column choices per table header set (a table with none
    /// forgets what was remembered for its headers: the user went back to detection).
    pub fn remember(&self, remembered: &mut RememberedMappings, request: &ImportRequest) {
        for i in 0..self.tables.len() {
            if self.keys[i].is_empty() {
                continue;
            }
            let columns: Vec<RememberedColumn> = self
                .choices_of(request, i)
                .into_iter()
                .map(|c| RememberedColumn {
                    header: c.header.clone(),
                    field: c.field.clone(),
                })
                .collect();
            remembered.put(self.keys[i].clone(), columns);
        }
    }
}

/// A table's normalised header list, as detection sees it: its header row's headers, or
/// (when no row is recognised) its first non-blank row.
fn header_key(t: &ti::Table) -> Vec<String> {
    let mut ignore = Vec::new();
    let m = ti::headers::map_table(t, &[], None, &mut ignore);
    let cells: Vec<String> = match m.header_row {
        Some(_) => m.columns.iter().map(|c| c.header.clone()).collect(),
        None => first_row(t),
    };
    cells
        .iter()
        .map(|h| normalise(h))
        .filter(|h| !h.is_empty())
        .collect()
}

/// The texts of a table's first non-blank row.
fn first_row(t: &ti::Table) -> Vec<String> {
    t.rows
        .iter()
        .find(|r| !r.is_blank())
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.text().trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn file_stem(file: &str) -> String {
    match file.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => file.to_string(),
    }
}

/// Every problem as one error (the first twenty listed).
pub fn problems_error(problems: &[ti::Problem]) -> AppError {
    let n = problems.len();
    let list: Vec<String> = problems
        .iter()
        .take(20)
        .map(|p| ImportProblem::from(p).text)
        .collect();
    AppError::new(
        ErrorCode::ImportProblems,
        format!(
            "{n} problem{}; nothing was imported:\n{}{}",
            if n == 1 { "" } else { "s" },
            list.join("\n"),
            if n > 20 {
                format!("\n… and {} more", n - 20)
            } else {
                String::new()
            }
        ),
    )
}

fn table_preview(
    t: &ti::Table,
    info: &ti::TableInfo,
    problems: &[ti::Problem],
    remembered: bool,
) -> TablePreview {
    let m = &info.mapping;
    let kind = m.kind;
    let defs = match kind {
        TableKind::People => PEOPLE_FIELDS,
        TableKind::Goals => GOALS_FIELDS,
        TableKind::Skipped => SKIPPED_FIELDS,
    };
    let header_of = |name: &str| {
        m.columns
            .iter()
            .find(|c| c.field.is_some_and(|f| f.name() == name))
            .map(|c| c.header.clone())
    };
    let mut fields: Vec<FieldMapping> = defs
        .iter()
        .map(|d| FieldMapping {
            field: d.name.to_string(),
            label: d.label.to_string(),
            hint: d.hint.to_string(),
            required: d.required,
            header: header_of(d.name),
        })
        .collect();
    // Levels past the team (from `levels`).
    for c in &m.columns {
        if let Some(Field::Level(n)) = c.field {
            if n > 2 {
                let name = c.field.map(Field::name).unwrap_or_default();
                let (label, hint) = label_of(kind, &name);
                fields.push(FieldMapping {
                    field: name,
                    label,
                    hint,
                    required: false,
                    header: Some(c.header.clone()),
                });
            }
        }
    }
    let headers: Vec<HeaderMapping> = if m.header_row.is_some() {
        m.columns
            .iter()
            .map(|c| HeaderMapping {
                header: c.header.clone(),
                field: c.field.map(Field::name),
            })
            .collect()
    } else {
        first_row(t)
            .into_iter()
            .map(|h| HeaderMapping {
                header: h,
                field: None,
            })
            .collect()
    };
    let shown: Vec<FieldMapping> = m
        .columns
        .iter()
        .filter_map(|c| {
            let name = c.field?.name();
            let (label, hint) = label_of(kind, &name);
            Some(FieldMapping {
                required: defs.iter().any(|d| d.name == name && d.required),
                field: name,
                label,
                hint,
                header: Some(c.header.clone()),
            })
        })
        .collect();
    let field_of_header = |h: &str| {
        m.columns
            .iter()
            .find(|c| c.header == h)
            .and_then(|c| c.field.map(Field::name))
    };
    let mine = |p: &&ti::Problem| p.file == m.source.file && p.sheet == m.source.sheet;
    let preview = info
        .preview
        .iter()
        .map(|r| {
            let mut cells: Vec<PreviewCell> = shown
                .iter()
                .map(|f| PreviewCell {
                    field: f.field.clone(),
                    text: r.values.get(&f.field).cloned().unwrap_or_default(),
                    problem: None,
                })
                .collect();
            let mut rest = Vec::new();
            for p in problems
                .iter()
                .filter(mine)
                .filter(|p| p.row == Some(r.row))
            {
                let cell = p
                    .column
                    .as_deref()
                    .and_then(field_of_header)
                    .and_then(|f| cells.iter_mut().find(|c| c.field == f));
                match cell {
                    Some(c) if c.problem.is_none() => c.problem = Some(app_wording(&p.message)),
                    Some(c) => {
                        let s = c.problem.take().unwrap_or_default();
                        c.problem = Some(format!("{s}; {}", app_wording(&p.message)));
                    }
                    None => rest.push(match &p.column {
                        Some(col) => format!("column \"{col}\": {}", app_wording(&p.message)),
                        None => app_wording(&p.message),
                    }),
                }
            }
            let status = match r.outcome {
                _ if cells.iter().any(|c| c.problem.is_some()) || !rest.is_empty() => {
                    RowStatus::Problem
                }
                RowOutcome::Added => RowStatus::Added,
                RowOutcome::Updated => RowStatus::Updated,
                RowOutcome::Unchanged => RowStatus::Unchanged,
                RowOutcome::Rejected => RowStatus::Problem,
            };
            let unit = (kind == TableKind::People).then(|| unit_of(&r.values));
            PreviewLine {
                row: r.row,
                id: r.id.clone(),
                status,
                unit,
                cells,
                problems: rest,
            }
        })
        .collect();
    TablePreview {
        file: m.source.file.clone(),
        sheet: m.source.sheet.clone(),
        label: m.source.label(),
        kind: match kind {
            TableKind::People => ImportTableKind::People,
            TableKind::Goals => ImportTableKind::Goals,
            TableKind::Skipped => ImportTableKind::Skipped,
        },
        file_kind: match info.file_kind {
            ti::FileKind::Text => "csv",
            ti::FileKind::Xlsx => "xlsx",
            ti::FileKind::Xls => "xls",
            ti::FileKind::Ods => "ods",
        }
        .to_string(),
        header_row: m.header_row,
        data_rows: info.data_rows as u32,
        fields,
        headers,
        shown,
        preview,
        remembered,
    }
}

/// The unit path a person's row gives: the unit path column's parts, else the level
/// columns' non-empty values, top first.
fn unit_of(values: &std::collections::BTreeMap<String, String>) -> String {
    if let Some(p) = values.get("unit_path").filter(|p| !p.trim().is_empty()) {
        return p
            .split(['>', '/'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" > ");
    }
    let mut levels: Vec<(u32, &str)> = values
        .iter()
        .filter_map(|(k, v)| {
            let n = match k.as_str() {
                "function" => 1,
                "department" => 2,
                "team" => 3,
                other => other.strip_prefix("level")?.parse().ok()?,
            };
            Some((n, v.trim())).filter(|(_, v)| !v.is_empty())
        })
        .collect();
    levels.sort();
    levels
        .into_iter()
        .map(|(_, v)| v)
        .collect::<Vec<_>>()
        .join(" > ")
}

fn json_text(v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        Json::Array(a) => a.iter().map(json_text).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

fn fields(ch: &ti::FieldChanges) -> Vec<FieldChange> {
    ch.iter()
        .map(|(f, [old, new])| FieldChange {
            field: f.clone(),
            old: json_text(old),
            new: json_text(new),
        })
        .collect()
}

fn item(id: &str, label: &str) -> ChangeItem {
    ChangeItem {
        id: id.to_string(),
        label: label.to_string(),
        detail: None,
        fields: Vec::new(),
        refused: None,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), if n == 1 { one } else { many })
}

/// 10000 → "10,000" (the map's own number format).
fn grouped(n: usize) -> String {
    throughline_view::format_number(n as f64)
}

/// The change set as the wizard shows it.
pub fn import_changes(plan: &ti::Plan, remove_missing: bool) -> ImportChanges {
    let c = &plan.changes;
    let library = throughline_core::library::measure_library();
    let from_library = |name: &str| library.measures.iter().any(|m| m.name == name);
    let missing_refused = |r: &Option<String>| if remove_missing { r.clone() } else { None };
    let people = ChangeGroup {
        added: ChangeList::of(&c.people.added, |x| item(&x.id, &x.name)),
        updated: ChangeList::of(&c.people.updated, |x| ChangeItem {
            fields: fields(&x.changes),
            ..item(&x.id, &x.name)
        }),
        missing: ChangeList::of(&c.people.missing, |x| ChangeItem {
            refused: missing_refused(&x.refused),
            ..item(&x.id, &x.name)
        }),
        unchanged: c.people.unchanged as u32,
    };
    let units = ChangeGroup {
        added: ChangeList::of(&c.units.added, |x| ChangeItem {
            detail: Some(x.path.clone()).filter(|p| !p.is_empty()),
            ..item(&x.id, &x.name)
        }),
        updated: ChangeList::default(),
        missing: ChangeList::of(&c.units.missing, |x| ChangeItem {
            refused: missing_refused(&x.refused),
            ..item(&x.id, &x.name)
        }),
        unchanged: c.units.unchanged as u32,
    };
    let goals = ChangeGroup {
        added: ChangeList::of(&c.goals.added, |x| item(&x.id, &x.title)),
        updated: ChangeList::of(&c.goals.updated, |x| ChangeItem {
            fields: fields(&x.changes),
            ..item(&x.id, &x.title)
        }),
        missing: ChangeList::of(&c.goals.missing, |x| ChangeItem {
            refused: missing_refused(&x.refused),
            ..item(&x.id, &x.title)
        }),
        unchanged: c.goals.unchanged as u32,
    };
    let measures_from_library = c
        .measures
        .added
        .iter()
        .filter(|m| from_library(&m.name))
        .count();
    let measures = ChangeGroup {
        added: ChangeList::of(&c.measures.added, |x| ChangeItem {
            detail: Some(
                if from_library(&x.name) {
                    "from the measure library"
                } else {
                    "new measure"
                }
                .to_string(),
            ),
            ..item(&x.id, &x.name)
        }),
        ..ChangeGroup::default()
    };
    let mut parts = Vec::new();
    let kind = |added: usize, updated: usize, removed: usize, one: &str, many: &str| {
        let mut s = Vec::new();
        if added > 0 {
            s.push(format!("{} added", plural(added, one, many)));
        }
        if updated > 0 {
            s.push(format!(
                "{} updated",
                if s.is_empty() {
                    plural(updated, one, many)
                } else {
                    updated.to_string()
                }
            ));
        }
        if removed > 0 {
            s.push(format!(
                "{} removed",
                if s.is_empty() {
                    plural(removed, one, many)
                } else {
                    removed.to_string()
                }
            ));
        }
        s.join(", ")
    };
    let removed = |refused: Vec<bool>| {
        if remove_missing {
            refused.iter().filter(|r| !**r).count()
        } else {
            0
        }
    };
    parts.push(kind(
        c.people.added.len(),
        c.people.updated.len(),
        removed(
            c.people
                .missing
                .iter()
                .map(|m| m.refused.is_some())
                .collect(),
        ),
        "person",
        "people",
    ));
    if !c.units.added.is_empty() {
        parts.push(format!(
            "{} created",
            plural(c.units.added.len(), "unit", "units")
        ));
    }
    parts.push(kind(
        c.goals.added.len(),
        c.goals.updated.len(),
        removed(
            c.goals
                .missing
                .iter()
                .map(|m| m.refused.is_some())
                .collect(),
        ),
        "goal",
        "goals",
    ));
    if !c.measures.added.is_empty() {
        parts.push(format!(
            "{} added ({measures_from_library} from the library)",
            plural(c.measures.added.len(), "measure", "measures")
        ));
    }
    parts.retain(|p| !p.is_empty());
    let changes_nothing = c.changes_nothing(remove_missing);
    ImportChanges {
        people,
        units,
        goals,
        measures,
        measures_from_library: measures_from_library as u32,
        ignored_columns: c.ignored_columns.clone(),
        skipped_tables: c.skipped_tables.clone(),
        changes_nothing,
        summary: if parts.is_empty() || changes_nothing {
            "nothing changes".into()
        } else {
            parts.join("; ")
        },
    }
}

// ---- remembered mappings ----------------------------------------------------------------

/// A remembered column choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedColumn {
    pub header: String,
    pub field: Option<String>,
}

/// The column choices made for one header set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedSet {
    /// The normalised header list (in order).
    pub headers: Vec<String>,
    pub columns: Vec<RememberedColumn>,
}

/// The user's column choices per header set, newest first, for the next import of a file
/// with the same headers. The shell keeps it as JSON in the app's data folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedMappings {
    pub sets: Vec<RememberedSet>,
}

impl RememberedMappings {
    /// Read the saved JSON (anything unreadable: nothing remembered).
    pub fn from_json(text: &str) -> RememberedMappings {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn find(&self, headers: &[String]) -> Option<&RememberedSet> {
        self.sets.iter().find(|s| s.headers == headers)
    }

    /// Remember `columns` for `headers` (newest first; none: forget the set).
    pub fn put(&mut self, headers: Vec<String>, columns: Vec<RememberedColumn>) {
        self.sets.retain(|s| s.headers != headers);
        if !columns.is_empty() {
            self.sets.insert(0, RememberedSet { headers, columns });
            self.sets.truncate(REMEMBERED_MAX);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_sets_are_newest_first_capped_and_forgotten_when_empty() {
        let mut r = RememberedMappings::default();
        let col = |h: &str| RememberedColumn {
            header: h.into(),
            field: Some("email".into()),
        };
        for i in 0..(REMEMBERED_MAX + 5) {
            r.put(vec![format!("h{i}")], vec![col("E")]);
        }
        assert_eq!(r.sets.len(), REMEMBERED_MAX);
        assert_eq!(r.sets[0].headers, ["h54"]);
        r.put(vec!["h10".into()], vec![col("Mail")]);
        assert_eq!(r.sets[0].headers, ["h10"]);
        assert_eq!(r.find(&["h10".into()]).unwrap().columns, [col("Mail")]);
        r.put(vec!["h10".into()], vec![]);
        assert!(r.find(&["h10".into()]).is_none());
        assert_eq!(RememberedMappings::from_json(&r.to_json()), r);
    }

    #[test]
    fn a_person_s_unit_is_the_path_of_their_levels_or_their_unit_path() {
        let v = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<std::collections::BTreeMap<_, _>>()
        };
        assert_eq!(
            unit_of(&v(&[
                ("team", "Enterprise"),
                ("function", "Sales"),
                ("name", "Ana")
            ])),
            "Sales > Enterprise"
        );
        assert_eq!(
            unit_of(&v(&[("unit_path", "Sales/ Enterprise ")])),
            "Sales > Enterprise"
        );
        assert_eq!(unit_of(&v(&[("department", " ")])), "");
    }

    #[test]
    fn counts_are_grouped() {
        assert_eq!(grouped(7), "7");
        assert_eq!(grouped(10_000), "10,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(plural(10_000, "person", "people"), "10,000 people");
    }

    #[test]
    fn the_cli_s_column_advice_becomes_the_wizard_s_step() {
        assert_eq!(
            app_wording(
                "no recognised title column (headers: \"A\"); name it with --column title=HEADER"
            ),
            "no recognised title column (headers: \"A\"); choose its columns in step 2, Columns"
        );
        assert_eq!(
            app_wording("no name: every person needs one"),
            "no name: every person needs one"
        );
    }

    #[test]
    fn a_request_becomes_the_import_options() {
        let r = ImportRequest {
            organisation: Some("  ".into()),
            columns: vec![ColumnChoice {
                file: "a.csv".into(),
                sheet: None,
                header: "Mail".into(),
                field: Some("email".into()),
            }],
            date_order: Some(DateOrderChoice::Dmy),
            decimal_comma: true,
            ..ImportRequest::default()
        };
        let o = r.options().unwrap();
        assert_eq!(o.organisation, None, "a blank name is no name");
        assert_eq!(o.date_order, Some(ti::DateOrder::Dmy));
        assert!(o.decimal_comma && !o.remove_missing);
        assert_eq!(o.columns[0].table.as_ref().unwrap().file, "a.csv");
        assert!(o.columns[0].field.unwrap().people.is_some());
    }
}
