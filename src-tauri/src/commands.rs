//! The commands the page invokes, declared once in [`commands!`]: that one list registers
//! them with Tauri and describes them to the TypeScript bindings (`Commands` in
//! `ui/src/bindings.ts`), from which the page's wrappers and the mock follow. Each command
//! is a few lines over `throughline-app-core`; long work runs on a blocking thread so the
//! window never freezes.

use crate::{
    announce, change, close_current, load_mappings, open_path, open_sample, save_mappings,
    with_session, AppState,
};
use std::path::PathBuf;
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_dialog::DialogExt;
use throughline_app_core::agreements::AgreementHistory;
use throughline_app_core::alignment::{AlignmentCell, AlignmentGoals, AlignmentView};
use throughline_app_core::before_after::{BeforeAfter, CompareSide, SnapshotEntry};
use throughline_app_core::decisions::{DecisionRequest, DecisionView};
use throughline_app_core::fixes::FixOption;
use throughline_app_core::import::{ImportPreview, ImportRequest, ImportTarget, PickedFile};
use throughline_app_core::measures::MeasuresDesigner;
use throughline_app_core::picture::PictureFormat;
use throughline_app_core::projections::{self, new_map, read_map_file};
use throughline_app_core::report_tool;
use throughline_app_core::{
    events, AppError, AppResult, AppStatus, Change, Choices, Entity, ErrorCode, MeasuresView,
    ReportRequest, ReportSaved, RuleDoc, Session,
};
use throughline_core::agreement::AgreementInput;
use throughline_core::report_options::Format;
use throughline_store::decisions::FindingKey;
use throughline_store::{Edit, SnapshotInfo};
use throughline_view::{FindingFilter, FindingsPage, SearchHit, ViewModel, ViewRequest};

/// Every command: its name, its arguments and what it returns. Expands to the Tauri
/// handler and to the description the bindings are generated from.
macro_rules! commands {
    ($($name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty;)*) => {
        /// The Tauri handler of every command.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// Each command's name, arguments (name and TypeScript type) and result type, for
        /// `bindings.rs`.
        pub fn signatures(cfg: &ts_rs::Config) -> Vec<(&'static str, Vec<(&'static str, String)>, String)> {
            vec![$((
                stringify!($name),
                vec![$((stringify!($arg), <$ty as ts_rs::TS>::name(cfg))),*],
                <$ret as ts_rs::TS>::name(cfg),
            )),*]
        }
    };
}

commands! {
    app_status() -> AppStatus;
    open_sample_cmd() -> Change;
    new_workspace(name: String) -> Option<Change>;
    open_workspace(read_only: bool) -> Option<Change>;
    open_recent(path: String) -> Change;
    close_workspace() -> ();
    import_map() -> Option<Change>;
    export_map() -> Option<String>;
    save_copy() -> Option<String>;
    get_view(request: ViewRequest) -> ViewModel;
    get_findings(filter: FindingFilter) -> FindingsPage;
    apply_edit(edit: Edit) -> Change;
    undo() -> Change;
    redo() -> Change;
    reset_sample() -> Change;
    start_draft(name: String) -> Change;
    keep_draft(decision: Option<DecisionRequest>) -> Change;
    discard_draft() -> Change;
    search(query: String, limit: Option<u32>) -> Vec<SearchHit>;
    get_entity(id: String) -> Entity;
    get_choices() -> Choices;
    measures_view() -> MeasuresView;
    measures_designer(function: Option<String>) -> MeasuresDesigner;
    alignment_view() -> AlignmentView;
    alignment_goals(cell: AlignmentCell) -> AlignmentGoals;
    rule_doc(id: String) -> RuleDoc;
    list_rules() -> Vec<RuleDoc>;
    list_snapshots() -> Vec<SnapshotEntry>;
    save_snapshot(name: String) -> SnapshotInfo;
    restore_snapshot(id: i64) -> Change;
    delete_snapshot(id: i64) -> String;
    compare(before: CompareSide, after: CompareSide) -> BeforeAfter;
    list_decisions() -> Vec<DecisionView>;
    get_fixes(key: FindingKey) -> Vec<FixOption>;
    record_decision(decision: DecisionRequest) -> Change;
    update_decision(id: i64, decision: DecisionRequest) -> Change;
    delete_decision(id: i64) -> Change;
    record_agreement(step: AgreementInput) -> Change;
    get_agreements(goal: String) -> AgreementHistory;
    export_report(request: ReportRequest) -> Option<ReportSaved>;
    cancel_report() -> ();
    open_report(id: u32) -> ();
    reveal_report(id: u32) -> ();
    mark_timing(what: String, ms: Option<f64>) -> ();
    import_pick_files(request: ImportRequest) -> Option<ImportPreview>;
    import_preview(request: ImportRequest) -> ImportPreview;
    import_remove_file(name: String, request: ImportRequest) -> ImportPreview;
    import_apply(request: ImportRequest) -> Option<Change>;
    import_cancel() -> ();
    export_spreadsheet() -> Option<String>;
    save_picture(name: String, format: PictureFormat, data: String) -> Option<String>;
}

/// Run blocking work off the async workers' toes and map a join failure to an error.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, format!("background task failed: {e}")))?
}

fn pick(path: Option<tauri_plugin_dialog::FilePath>) -> AppResult<Option<PathBuf>> {
    match path {
        None => Ok(None),
        Some(p) => p
            .into_path()
            .map(Some)
            .map_err(|e| AppError::new(ErrorCode::Io, format!("unusable file choice: {e}"))),
    }
}

fn with_extension(mut p: PathBuf, ext: &str) -> PathBuf {
    if p.extension().is_none_or(|e| e != ext) {
        let mut name = p.file_name().unwrap_or_default().to_os_string();
        name.push(".");
        name.push(ext);
        p.set_file_name(name);
    }
    p
}

/// A save dialog for a workspace file; `None` when cancelled.
fn save_workspace_dialog(
    app: &AppHandle,
    title: &str,
    file_name: &str,
) -> AppResult<Option<PathBuf>> {
    let chosen = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter("Throughline workspace", &["throughline"])
        .blocking_save_file();
    Ok(pick(chosen)?.map(|p| with_extension(p, "throughline")))
}

#[tauri::command]
async fn app_status(app: AppHandle) -> AppResult<AppStatus> {
    let state = app.state::<AppState>();
    let doc = {
        let session = state.session.lock().expect("session lock");
        if session.is_open() {
            Some(session.info()?)
        } else {
            None
        }
    };
    let recent = state
        .recent
        .lock()
        .expect("recent lock")
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let startup_error = state
        .startup_error
        .lock()
        .expect("startup error lock")
        .take();
    Ok(AppStatus {
        version: env!("CARGO_PKG_VERSION").to_string(),
        doc,
        recent,
        startup_error,
    })
}

#[tauri::command]
async fn open_sample_cmd(app: AppHandle) -> AppResult<Change> {
    blocking(move || open_sample(&app)).await
}

/// File ▸ New: ask where, create an empty workspace for an organisation of this name.
#[tauri::command]
async fn new_workspace(app: AppHandle, name: String) -> AppResult<Option<Change>> {
    blocking(move || {
        let map = new_map(&name)?;
        let file_name = format!("{}.throughline", map.organisation.name);
        let Some(path) = save_workspace_dialog(&app, "New workspace", &file_name)? else {
            return Ok(None);
        };
        // The save dialog already asked whether to replace an existing file.
        change(&app, |s| s.create(&path, &map, true)).map(Some)
    })
    .await
}

#[tauri::command]
async fn open_workspace(app: AppHandle, read_only: bool) -> AppResult<Option<Change>> {
    blocking(move || {
        let chosen = app
            .dialog()
            .file()
            .set_title(if read_only {
                "Open read-only"
            } else {
                "Open workspace"
            })
            .add_filter("Throughline workspace", &["throughline"])
            .blocking_pick_file();
        let Some(path) = pick(chosen)? else {
            return Ok(None);
        };
        open_path(&app, &path, read_only).map(Some)
    })
    .await
}

/// Open a file from the recent list (only paths the app itself remembered).
#[tauri::command]
async fn open_recent(app: AppHandle, path: String) -> AppResult<Change> {
    let known = app
        .state::<AppState>()
        .recent
        .lock()
        .expect("recent lock")
        .iter()
        .any(|p| p.display().to_string() == path);
    if !known {
        return Err(AppError::new(
            ErrorCode::NotRecent,
            "That file is not in the recent list.",
        ));
    }
    blocking(move || open_path(&app, &PathBuf::from(path), false)).await
}

#[tauri::command]
async fn close_workspace(app: AppHandle) -> AppResult<()> {
    match close_current(&app) {
        Some(p) => Err(AppError::new(ErrorCode::CloseIncomplete, p)),
        None => Ok(()),
    }
}

/// File ▸ Import map JSON…: into the open workspace (replacing its map, undoably), or,
/// with none open, into a new workspace the user names.
#[tauri::command]
async fn import_map(app: AppHandle) -> AppResult<Option<Change>> {
    blocking(move || {
        let chosen = app
            .dialog()
            .file()
            .set_title("Import map JSON")
            .add_filter("Throughline map", &["json"])
            .blocking_pick_file();
        let Some(json_path) = pick(chosen)? else {
            return Ok(None);
        };
        let map = read_map_file(&json_path)?;
        let file_name = json_path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let has_doc = with_session(&app, |s| Ok(s.is_open()))?;
        if has_doc {
            let label = format!("Import {file_name}");
            return change(&app, |s| s.replace_map(&map, &label)).map(Some);
        }
        let name = format!("{}.throughline", map.organisation.name);
        let Some(path) =
            save_workspace_dialog(&app, "Save the imported map as a workspace", &name)?
        else {
            return Ok(None);
        };
        let mut opened = with_session(&app, |s| s.create(&path, &map, true))?;
        opened.label = format!("Imported {file_name}");
        announce(&app, &opened);
        Ok(Some(opened))
    })
    .await
}

#[tauri::command]
async fn export_map(app: AppHandle) -> AppResult<Option<String>> {
    blocking(move || {
        let (text, name) = with_session(&app, |s| {
            Ok((s.map_json()?, s.revision()?.map().organisation.name.clone()))
        })?;
        let chosen = app
            .dialog()
            .file()
            .set_title("Export map JSON")
            .set_file_name(format!("{name}.json"))
            .add_filter("Throughline map", &["json"])
            .blocking_save_file();
        let Some(path) = pick(chosen)? else {
            return Ok(None);
        };
        let path = with_extension(path, "json");
        // Atomically, never over a workspace someone has open; the dialog already asked.
        throughline_store::write_file(&path, text.as_bytes(), true)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

#[tauri::command]
async fn save_copy(app: AppHandle) -> AppResult<Option<String>> {
    blocking(move || {
        let name = with_session(&app, |s| Ok(s.revision()?.map().organisation.name.clone()))?;
        let Some(path) =
            save_workspace_dialog(&app, "Save a copy", &format!("{name} (copy).throughline"))?
        else {
            return Ok(None);
        };
        // The save dialog has already asked before replacing a file.
        with_session(&app, |s| s.save_copy(&path, true))?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

#[tauri::command]
async fn get_view(app: AppHandle, request: ViewRequest) -> AppResult<ViewModel> {
    blocking(move || with_session(&app, |s| s.view(&request))).await
}

#[tauri::command]
async fn get_findings(app: AppHandle, filter: FindingFilter) -> AppResult<FindingsPage> {
    blocking(move || with_session(&app, |s| s.findings(&filter))).await
}

#[tauri::command]
async fn apply_edit(app: AppHandle, edit: Edit) -> AppResult<Change> {
    blocking(move || change(&app, |s| s.apply_edit(&edit))).await
}

#[tauri::command]
async fn undo(app: AppHandle) -> AppResult<Change> {
    blocking(move || change(&app, Session::undo)).await
}

#[tauri::command]
async fn redo(app: AppHandle) -> AppResult<Change> {
    blocking(move || change(&app, Session::redo)).await
}

/// File ▸ Reset the Sample Organisation (the sample's file only; one undoable change).
#[tauri::command]
async fn reset_sample(app: AppHandle) -> AppResult<Change> {
    blocking(move || change(&app, Session::reset_sample)).await
}

/// Try a change: a draft on top of the map (every edit goes into it until kept).
#[tauri::command]
async fn start_draft(app: AppHandle, name: String) -> AppResult<Change> {
    blocking(move || change(&app, |s| s.start_draft(&name))).await
}

/// Keep the draft: one undoable edit of the workspace, with a decision if one is given.
#[tauri::command]
async fn keep_draft(app: AppHandle, decision: Option<DecisionRequest>) -> AppResult<Change> {
    blocking(move || change(&app, |s| s.keep_draft(decision.as_ref()))).await
}

/// Discard the draft: the map as it was before it.
#[tauri::command]
async fn discard_draft(app: AppHandle) -> AppResult<Change> {
    blocking(move || change(&app, Session::discard_draft)).await
}

#[tauri::command]
async fn search(app: AppHandle, query: String, limit: Option<u32>) -> AppResult<Vec<SearchHit>> {
    blocking(move || {
        with_session(&app, |s| {
            s.search(&query, limit.unwrap_or(20).min(200) as usize)
        })
    })
    .await
}

#[tauri::command]
async fn get_entity(app: AppHandle, id: String) -> AppResult<Entity> {
    with_session(&app, |s| s.entity(&id))
}

#[tauri::command]
async fn get_choices(app: AppHandle) -> AppResult<Choices> {
    with_session(&app, |s| s.choices())
}

#[tauri::command]
async fn measures_view(app: AppHandle) -> AppResult<MeasuresView> {
    with_session(&app, |s| s.measures_view())
}

/// One function's measures for the designer (`None`: the focus function or the first).
#[tauri::command]
async fn measures_designer(
    app: AppHandle,
    function: Option<String>,
) -> AppResult<MeasuresDesigner> {
    with_session(&app, |s| {
        throughline_app_core::measures::measures_designer(s.revision()?, function.as_deref())
    })
}

/// The alignment views of the revision on screen (computed once per revision).
#[tauri::command]
async fn alignment_view(app: AppHandle) -> AppResult<AlignmentView> {
    with_session(&app, |s| Ok(s.revision()?.alignment().clone()))
}

/// The goals of a cell or band of the alignment views.
#[tauri::command]
async fn alignment_goals(app: AppHandle, cell: AlignmentCell) -> AppResult<AlignmentGoals> {
    with_session(&app, |s| {
        throughline_app_core::alignment::alignment_goals(s.revision()?, &cell)
    })
}

#[tauri::command]
async fn rule_doc(id: String) -> AppResult<RuleDoc> {
    projections::rule_doc(&id)
}

#[tauri::command]
async fn list_rules() -> AppResult<Vec<RuleDoc>> {
    projections::rules()
}

/// The snapshots with their index (computed the first time each is listed: a thread).
#[tauri::command]
async fn list_snapshots(app: AppHandle) -> AppResult<Vec<SnapshotEntry>> {
    blocking(move || with_session(&app, |s| s.snapshot_list())).await
}

#[tauri::command]
async fn save_snapshot(app: AppHandle, name: String) -> AppResult<SnapshotInfo> {
    with_session(&app, |s| s.save_snapshot(&name))
}

#[tauri::command]
async fn restore_snapshot(app: AppHandle, id: i64) -> AppResult<Change> {
    blocking(move || change(&app, |s| s.restore_snapshot(id))).await
}

/// Delete a named snapshot; returns what was done, for the status bar.
#[tauri::command]
async fn delete_snapshot(app: AppHandle, id: i64) -> AppResult<String> {
    with_session(&app, |s| s.delete_snapshot(id))
}

/// The before / after view between two states of the open workspace.
#[tauri::command]
async fn compare(
    app: AppHandle,
    before: CompareSide,
    after: CompareSide,
) -> AppResult<BeforeAfter> {
    blocking(move || with_session(&app, |s| s.compare(before, after))).await
}

/// A finding's one-click fixes (the page applies one with `apply_edit`).
#[tauri::command]
async fn get_fixes(app: AppHandle, key: FindingKey) -> AppResult<Vec<FixOption>> {
    with_session(&app, |s| s.fixes(&key))
}

/// Record a step of a goal's agreement (catchball): one undoable change.
#[tauri::command]
async fn record_agreement(app: AppHandle, step: AgreementInput) -> AppResult<Change> {
    blocking(move || change(&app, |s| s.record_agreement(&step))).await
}

/// A goal's agreement history, oldest first, in words.
#[tauri::command]
async fn get_agreements(app: AppHandle, goal: String) -> AppResult<AgreementHistory> {
    with_session(&app, |s| s.agreements(&goal))
}

/// The decisions, newest first, with names as they are now.
#[tauri::command]
async fn list_decisions(app: AppHandle) -> AppResult<Vec<DecisionView>> {
    with_session(&app, |s| s.decisions())
}

/// Record a decision: one undoable change.
#[tauri::command]
async fn record_decision(app: AppHandle, decision: DecisionRequest) -> AppResult<Change> {
    blocking(move || change(&app, |s| s.record_decision(&decision))).await
}

#[tauri::command]
async fn update_decision(app: AppHandle, id: i64, decision: DecisionRequest) -> AppResult<Change> {
    blocking(move || change(&app, |s| s.update_decision(id, &decision))).await
}

#[tauri::command]
async fn delete_decision(app: AppHandle, id: i64) -> AppResult<Change> {
    blocking(move || change(&app, |s| s.delete_decision(id))).await
}

/// Benchmarks: with `THROUGHLINE_TIMING` set, print a measurement the page reports (`ms`),
/// or the time since the process started, to standard error.
#[tauri::command]
async fn mark_timing(what: String, ms: Option<f64>) -> AppResult<()> {
    if std::env::var_os("THROUGHLINE_TIMING").is_some() {
        let ms = ms.unwrap_or_else(|| {
            crate::STARTED
                .get()
                .map_or(0.0, |t| t.elapsed().as_secs_f64() * 1e3)
        });
        eprintln!("throughline-timing {what} {ms:.1}");
    }
    Ok(())
}

/// Stop the report being written, if any (its export then fails with `report_cancelled`).
#[tauri::command]
async fn cancel_report() -> AppResult<()> {
    report_tool::cancel_report();
    Ok(())
}

/// Export report…: ask where, then have the report tool (a child process, see
/// `report_tool`) write the report of the map the app shows. The map is serialised up front
/// so edits are not blocked while a large PDF is typeset. Returns `None` when the save
/// dialog is cancelled.
#[tauri::command]
async fn export_report(app: AppHandle, request: ReportRequest) -> AppResult<Option<ReportSaved>> {
    blocking(move || {
        let format = request.format;
        // Before the save dialog: no point choosing a file the tool cannot write.
        let tool = report_tool::tool_path()?;
        // The map as the report tool will read it, the workspace, the title: taken now.
        let source = with_session(&app, |s| s.report_source(&request))?;
        let ext = format.extension();
        let (filter_name, filter_ext): (&str, &[&str]) = match format {
            Format::Pdf => ("PDF document", &["pdf"]),
            Format::Html => ("Web page (HTML)", &["html", "htm"]),
            Format::Xlsx => ("Excel workbook", &["xlsx"]),
            Format::Csv => ("CSV (findings)", &["csv"]),
            Format::Md => ("Markdown", &["md"]),
            Format::Json => ("JSON", &["json"]),
        };
        let chosen = app
            .dialog()
            .file()
            .set_title("Export report")
            .set_file_name(format!("{}.{ext}", source.file_stem))
            .add_filter(filter_name, filter_ext)
            .blocking_save_file();
        let Some(path) = pick(chosen)? else {
            return Ok(None);
        };
        let path = if filter_ext
            .iter()
            .any(|e| path.extension().is_some_and(|x| x == *e))
        {
            path
        } else {
            with_extension(path, ext)
        };
        let started = std::time::Instant::now();
        let _ = app.emit(events::REPORT_WRITING, ());
        // Cancel (cancel_report) and the time limit stop the tool; it then leaves no file.
        let running = report_tool::Running::start();
        let bytes = report_tool::run(
            &tool,
            &source.job(&request, &path),
            report_tool::TIME_LIMIT,
            running.flag(),
        )?;
        drop(running);
        let state = app.state::<AppState>();
        let mut reports = state.reports.lock().expect("reports lock");
        reports.push(path.clone());
        Ok(Some(ReportSaved {
            id: (reports.len() - 1) as u32,
            path: path.display().to_string(),
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            bytes: bytes.min(u64::from(u32::MAX)) as u32,
            millis: started.elapsed().as_millis().min(u32::MAX as u128) as u32,
        }))
    })
    .await
}

fn written_report(app: &AppHandle, id: u32) -> AppResult<PathBuf> {
    app.state::<AppState>()
        .reports
        .lock()
        .expect("reports lock")
        .get(id as usize)
        .cloned()
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                "That report was not written in this session.",
            )
        })
}

/// Open a report this session wrote, in the system's viewer for its type.
#[tauri::command]
async fn open_report(app: AppHandle, id: u32) -> AppResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let path = written_report(&app, id)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            AppError::new(
                ErrorCode::Open,
                format!("cannot open {}: {e}", path.display()),
            )
        })
}

/// Show a report this session wrote in the file manager.
#[tauri::command]
async fn reveal_report(app: AppHandle, id: u32) -> AppResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let path = written_report(&app, id)?;
    app.opener().reveal_item_in_dir(&path).map_err(|e| {
        AppError::new(
            ErrorCode::Open,
            format!("cannot show {}: {e}", path.display()),
        )
    })
}

/// The spreadsheet files the import reads (the contract's inputs).
const SPREADSHEETS: &[&str] = &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"];

/// Import from Spreadsheet… / Start from a spreadsheet: pick files (several at once, and
/// again to add more), read them once into the wizard and preview with the column choices
/// remembered for their headers. `None` when the dialog is cancelled.
#[tauri::command]
async fn import_pick_files(
    app: AppHandle,
    request: ImportRequest,
) -> AppResult<Option<ImportPreview>> {
    blocking(move || {
        let chosen = app
            .dialog()
            .file()
            .set_title("Import from spreadsheet")
            .add_filter("Spreadsheets and CSV", SPREADSHEETS)
            .blocking_pick_files();
        let Some(chosen) = chosen else {
            return Ok(None);
        };
        let mut files = Vec::new();
        for c in chosen {
            let Some(path) = pick(Some(c))? else { continue };
            let bytes = std::fs::read(&path).map_err(|e| {
                AppError::new(
                    ErrorCode::Io,
                    format!("cannot read {}: {e}", path.display()),
                )
            })?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            files.push(PickedFile { name, bytes });
        }
        let remembered = load_mappings(&app);
        with_session(&app, |s| s.import_add_files(files, request, &remembered)).map(Some)
    })
    .await
}

/// The wizard's steps for changed choices (the files are not read again).
#[tauri::command]
async fn import_preview(app: AppHandle, request: ImportRequest) -> AppResult<ImportPreview> {
    blocking(move || with_session(&app, |s| s.import_preview(&request))).await
}

#[tauri::command]
async fn import_remove_file(
    app: AppHandle,
    name: String,
    request: ImportRequest,
) -> AppResult<ImportPreview> {
    blocking(move || with_session(&app, |s| s.import_remove_file(&name, &request))).await
}

/// Import: into the open workspace as one change, or (Start from a spreadsheet) into a
/// new workspace saved where the user chooses and opened. Nothing is written when there is
/// any problem; the column choices are remembered for the next import. `None` when the
/// save dialog is cancelled.
#[tauri::command]
async fn import_apply(app: AppHandle, request: ImportRequest) -> AppResult<Option<Change>> {
    blocking(move || {
        let mut remembered = load_mappings(&app);
        let done = match request.target {
            ImportTarget::Open => change(&app, |s| s.import_apply(&request, &mut remembered))?,
            ImportTarget::New => {
                // Every problem before the dialog: nobody chooses a file for nothing.
                let organisation = with_session(&app, |s| s.import_check(&request))?;
                let Some(path) = save_workspace_dialog(
                    &app,
                    "Save the imported organisation as a workspace",
                    &format!("{organisation}.throughline"),
                )?
                else {
                    return Ok(None);
                };
                change(&app, |s| s.import_create(&path, &request, &mut remembered))?
            }
        };
        save_mappings(&app, &remembered);
        Ok(Some(done))
    })
    .await
}

/// The wizard closed: its files are let go.
#[tauri::command]
async fn import_cancel(app: AppHandle) -> AppResult<()> {
    with_session(&app, |s| {
        s.import_cancel();
        Ok(())
    })
}

/// Save the picture of the map the page drew (SVG text or a PNG data URL) where the user
/// says; `None` when the dialog is cancelled.
#[tauri::command]
async fn save_picture(
    app: AppHandle,
    name: String,
    format: PictureFormat,
    data: String,
) -> AppResult<Option<String>> {
    blocking(move || {
        let bytes = throughline_app_core::picture::bytes(format, &data)?;
        let ext = format.extension();
        let (filter, exts): (&str, &[&str]) = match format {
            PictureFormat::Png => ("PNG image", &["png"]),
            PictureFormat::Svg => ("SVG image", &["svg"]),
        };
        let chosen = app
            .dialog()
            .file()
            .set_title("Save the map as a picture")
            .set_file_name(&name)
            .add_filter(filter, exts)
            .blocking_save_file();
        let Some(path) = pick(chosen)? else {
            return Ok(None);
        };
        let path = with_extension(path, ext);
        // The save dialog already asked before replacing a file.
        throughline_store::write_file(&path, &bytes, true)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// File ▸ Export to Spreadsheet…: People and Goals sheets (XLSX) that re-import with no
/// change, written atomically where the user chooses.
#[tauri::command]
async fn export_spreadsheet(app: AppHandle) -> AppResult<Option<String>> {
    blocking(move || {
        let name = with_session(&app, |s| Ok(s.revision()?.map().organisation.name.clone()))?;
        let chosen = app
            .dialog()
            .file()
            .set_title("Export to spreadsheet")
            .set_file_name(format!("{name}.xlsx"))
            .add_filter("Excel workbook", &["xlsx"])
            .blocking_save_file();
        let Some(path) = pick(chosen)? else {
            return Ok(None);
        };
        let path = with_extension(path, "xlsx");
        // The save dialog already asked before replacing a file.
        with_session(&app, |s| s.export_xlsx(&path, true))?;
        Ok(Some(path.display().to_string()))
    })
    .await
}
