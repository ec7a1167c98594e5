//! The commands the page invokes. Each is a few lines over the store, the core and the
//! view; long work runs on a blocking thread so the window never freezes.

use crate::ipc::*;
use crate::report_tool;
use crate::{close_current, install, open_path, open_sample, set_title, AppState, Doc};
use std::path::PathBuf;
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_dialog::DialogExt;
use throughline_core::format;
use throughline_core::library::measure_library;
use throughline_core::org::{Node, Org};
use throughline_core::rules::{rule_by_id, REGISTRY};
use throughline_store::{Applied, Edit, Options, SnapshotInfo, Workspace};
use throughline_view::{
    build_view, findings_page, search as view_search, FindingFilter, FindingsPage, SearchHit,
    ViewModel, ViewRequest,
};

/// Run blocking work off the async workers' toes and map a join failure to an error.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> IpcResult<T> + Send + 'static,
) -> IpcResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| IpcError::new("internal", format!("background task failed: {e}")))?
}

fn no_doc() -> IpcError {
    IpcError::new("no_document", "No workspace is open.")
}

/// Run `f` on the open document.
fn with_doc<T>(app: &AppHandle, f: impl FnOnce(&mut Doc) -> IpcResult<T>) -> IpcResult<T> {
    let state = app.state::<AppState>();
    let mut guard = state.doc.lock().expect("doc lock");
    let doc = guard.as_mut().ok_or_else(no_doc)?;
    f(doc)
}

fn changed(app: &AppHandle, label: String) -> IpcResult<EditOutcome> {
    let doc = with_doc(app, |d| d.info())?;
    set_title(app, Some(&doc));
    let _ = app.emit("doc-changed", ());
    Ok(EditOutcome {
        label,
        doc,
        created: None,
    })
}

fn pick(path: Option<tauri_plugin_dialog::FilePath>) -> IpcResult<Option<PathBuf>> {
    match path {
        None => Ok(None),
        Some(p) => p
            .into_path()
            .map(Some)
            .map_err(|e| IpcError::new("io", format!("unusable file choice: {e}"))),
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

#[tauri::command]
pub async fn app_status(app: AppHandle) -> IpcResult<AppStatus> {
    let state = app.state::<AppState>();
    let doc = match state.doc.lock().expect("doc lock").as_ref() {
        Some(d) => Some(d.info()?),
        None => None,
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
pub async fn open_sample_cmd(app: AppHandle) -> IpcResult<DocInfo> {
    blocking(move || open_sample(&app)).await
}

/// File ▸ New: ask where, create an empty workspace for an organisation of this name.
#[tauri::command]
pub async fn new_workspace(app: AppHandle, name: String) -> IpcResult<Option<DocInfo>> {
    blocking(move || {
        let name = name.trim().to_string();
        if name.is_empty() {
            return Err(IpcError::new("invalid", "Give the organisation a name."));
        }
        let chosen = app
            .dialog()
            .file()
            .set_title("New workspace")
            .set_file_name(format!("{name}.throughline"))
            .add_filter("Throughline workspace", &["throughline"])
            .blocking_save_file();
        let Some(path) = pick(chosen)? else {
            return Ok(None);
        };
        let path = with_extension(path, "throughline");
        let mut map = throughline_core::Map::new(name.clone());
        map.units.push(throughline_core::model::Unit {
            id: "org".into(),
            name,
            kind: throughline_core::model::UnitKind::Organisation,
            parent: None,
        });
        close_current(&app);
        // The save dialog already asked whether to replace an existing file.
        let ws = Workspace::create(&path, &map, true, Options::default())?;
        install(&app, ws).map(Some)
    })
    .await
}

#[tauri::command]
pub async fn open_workspace(app: AppHandle, read_only: bool) -> IpcResult<Option<DocInfo>> {
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
pub async fn open_recent(app: AppHandle, path: String) -> IpcResult<DocInfo> {
    let known = app
        .state::<AppState>()
        .recent
        .lock()
        .expect("recent lock")
        .iter()
        .any(|p| p.display().to_string() == path);
    if !known {
        return Err(IpcError::new(
            "not_recent",
            "That file is not in the recent list.",
        ));
    }
    blocking(move || open_path(&app, &PathBuf::from(path), false)).await
}

#[tauri::command]
pub async fn close_workspace(app: AppHandle) -> IpcResult<()> {
    let problem = close_current(&app);
    let _ = app.emit("doc-changed", ());
    match problem {
        Some(p) => Err(IpcError::new("close_incomplete", p)),
        None => Ok(()),
    }
}

/// File ▸ Import map JSON…: into the open workspace (replacing its map, undoably), or,
/// with none open, into a new workspace the user names.
#[tauri::command]
pub async fn import_map(app: AppHandle) -> IpcResult<Option<EditOutcome>> {
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
        let text = std::fs::read_to_string(&json_path).map_err(|e| {
            IpcError::new("io", format!("cannot read {}: {e}", json_path.display()))
        })?;
        let map = format::read_map(&text).map_err(|problems| {
            let list: Vec<String> = problems.iter().take(20).map(|p| p.to_string()).collect();
            IpcError::new(
                "invalid_map",
                format!(
                    "{} is not a valid map ({} problem{}):\n{}",
                    json_path.display(),
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" },
                    list.join("\n")
                ),
            )
        })?;
        let file_name = json_path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let has_doc = app
            .state::<AppState>()
            .doc
            .lock()
            .expect("doc lock")
            .is_some();
        if has_doc {
            let label = format!("Import {file_name}");
            with_doc(&app, |d| {
                d.ws.replace_map(&map, &label)?;
                d.refresh();
                Ok(())
            })?;
            return changed(&app, label).map(Some);
        }
        let chosen = app
            .dialog()
            .file()
            .set_title("Save the imported map as a workspace")
            .set_file_name(format!("{}.throughline", map.organisation.name))
            .add_filter("Throughline workspace", &["throughline"])
            .blocking_save_file();
        let Some(path) = pick(chosen)? else {
            return Ok(None);
        };
        let ws = Workspace::create(
            with_extension(path, "throughline"),
            &map,
            true,
            Options::default(),
        )?;
        let doc = install(&app, ws)?;
        Ok(Some(EditOutcome {
            label: format!("Imported {file_name}"),
            doc,
            created: None,
        }))
    })
    .await
}

#[tauri::command]
pub async fn export_map(app: AppHandle) -> IpcResult<Option<String>> {
    blocking(move || {
        let (text, name) = with_doc(&app, |d| {
            Ok((
                format::write_map(d.ws.map()),
                d.ws.map().organisation.name.clone(),
            ))
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
        write_atomically(&path, text.as_bytes())?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// Atomically, never over a workspace someone has open (`throughline_store::files`). The
/// save dialog has already asked before replacing a file.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> IpcResult<()> {
    Ok(throughline_store::write_file(path, bytes, true)?)
}

#[tauri::command]
pub async fn save_copy(app: AppHandle) -> IpcResult<Option<String>> {
    blocking(move || {
        let name = with_doc(&app, |d| Ok(d.ws.map().organisation.name.clone()))?;
        let chosen = app
            .dialog()
            .file()
            .set_title("Save a copy")
            .set_file_name(format!("{name} (copy).throughline"))
            .add_filter("Throughline workspace", &["throughline"])
            .blocking_save_file();
        let Some(path) = pick(chosen)? else {
            return Ok(None);
        };
        let path = with_extension(path, "throughline");
        // The save dialog has already asked before replacing a file.
        with_doc(&app, |d| Ok(d.ws.save_copy(&path, true)?))?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

#[tauri::command]
pub async fn get_view(app: AppHandle, request: ViewRequest) -> IpcResult<ViewModel> {
    blocking(move || {
        with_doc(&app, |d| {
            let org = Org::new(d.ws.map());
            Ok(build_view(&org, &d.report, &request))
        })
    })
    .await
}

#[tauri::command]
pub async fn get_findings(app: AppHandle, filter: FindingFilter) -> IpcResult<FindingsPage> {
    blocking(move || {
        with_doc(&app, |d| {
            let org = Org::new(d.ws.map());
            Ok(findings_page(&org, &d.report, &filter))
        })
    })
    .await
}

/// Change the document on a blocking thread, re-run the rules, and report what was done
/// (and the id a `create_*` edit allocated).
async fn change(
    app: AppHandle,
    f: impl FnOnce(&mut Doc) -> IpcResult<Applied> + Send + 'static,
) -> IpcResult<EditOutcome> {
    blocking(move || {
        let applied = with_doc(&app, |d| {
            let applied = f(d)?;
            d.refresh();
            Ok(applied)
        })?;
        let mut out = changed(&app, applied.label)?;
        out.created = applied.created;
        Ok(out)
    })
    .await
}

/// A change that creates nothing: just its label.
fn labelled(label: String) -> Applied {
    Applied {
        label,
        created: None,
    }
}

#[tauri::command]
pub async fn apply_edit(app: AppHandle, edit: Edit) -> IpcResult<EditOutcome> {
    change(app, move |d| Ok(d.ws.apply_edit(&edit)?)).await
}

#[tauri::command]
pub async fn undo(app: AppHandle) -> IpcResult<EditOutcome> {
    change(app, |d| Ok(labelled(format!("Undid: {}", d.ws.undo()?)))).await
}

#[tauri::command]
pub async fn redo(app: AppHandle) -> IpcResult<EditOutcome> {
    change(app, |d| Ok(labelled(format!("Redid: {}", d.ws.redo()?)))).await
}

#[tauri::command]
pub async fn search(
    app: AppHandle,
    query: String,
    limit: Option<u32>,
) -> IpcResult<Vec<SearchHit>> {
    blocking(move || {
        with_doc(&app, |d| {
            let org = Org::new(d.ws.map());
            Ok(view_search(
                &org,
                &query,
                limit.unwrap_or(20).min(200) as usize,
            ))
        })
    })
    .await
}

#[tauri::command]
pub async fn get_entity(app: AppHandle, id: String) -> IpcResult<Entity> {
    with_doc(&app, |d| {
        let map = d.ws.map();
        let org = Org::new(map);
        let missing = || IpcError::new("not_found", format!("Nothing has the id \"{id}\"."));
        Ok(match org.lookup(&id).ok_or_else(missing)? {
            Node::Goal(g) => Entity::Goal {
                goal: map.goals[g as usize].clone(),
                supports: org
                    .supported_by(g)
                    .map(|s| Choice {
                        id: map.goals[s as usize].id.clone(),
                        label: map.goals[s as usize].title.clone(),
                        detail: org.party_name(org.goal_owner[s as usize]).to_string(),
                    })
                    .collect(),
                owner_name: org.party_name(org.goal_owner[g as usize]).to_string(),
                setter_name: org.party_name(org.goal_setter[g as usize]).to_string(),
                aligned: org.aligned[g as usize],
                imposed: !org.in_line[g as usize],
            },
            Node::Person(p) => Entity::Person {
                person: map.people[p as usize].clone(),
                check_ins: map
                    .check_ins
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.person == id)
                    .map(|(i, c)| IndexedCheckIn {
                        index: i as u32,
                        check_in: c.clone(),
                    })
                    .collect(),
                goals: org.person_goals[p as usize]
                    .iter()
                    .map(|&g| Choice {
                        id: map.goals[g as usize].id.clone(),
                        label: map.goals[g as usize].title.clone(),
                        detail: String::new(),
                    })
                    .collect(),
            },
            Node::Unit(u) => Entity::Unit {
                unit: map.units[u as usize].clone(),
            },
            Node::Value(v) => Entity::Value {
                value: map.values[v as usize].clone(),
            },
            Node::Behaviour(v, _) => Entity::Value {
                value: map.values[v as usize].clone(),
            },
            Node::Measure(m) => Entity::Measure {
                measure: map.measures[m as usize].clone(),
            },
        })
    })
}

/// People are listed for pickers up to this many; beyond, pickers search.
const PEOPLE_LIST_MAX: usize = 1500;

#[tauri::command]
pub async fn get_choices(app: AppHandle) -> IpcResult<Choices> {
    with_doc(&app, |d| {
        let map = d.ws.map();
        let org = Org::new(map);
        let unit_choice = |i: usize| {
            let u = &map.units[i];
            Choice {
                id: u.id.clone(),
                label: u.name.clone(),
                detail: org.unit_parent[i]
                    .map(|p| map.units[p as usize].name.clone())
                    .unwrap_or_default(),
            }
        };
        let people_listed = map.people.len() <= PEOPLE_LIST_MAX;
        Ok(Choices {
            units: (0..map.units.len()).map(unit_choice).collect(),
            functions: (0..map.units.len())
                .filter(|&i| map.units[i].kind == throughline_core::model::UnitKind::Function)
                .map(unit_choice)
                .collect(),
            people: if people_listed {
                map.people
                    .iter()
                    .enumerate()
                    .map(|(i, p)| Choice {
                        id: p.id.clone(),
                        label: p.name.clone(),
                        detail: map.units[org.person_unit[i] as usize].name.clone(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
            people_listed,
            measures: map
                .measures
                .iter()
                .map(|m| Choice {
                    id: m.id.clone(),
                    label: m.name.clone(),
                    detail: format!("{:?}", m.kind).to_lowercase(),
                })
                .collect(),
            values: map
                .values
                .iter()
                .flat_map(|v| {
                    std::iter::once(Choice {
                        id: v.id.clone(),
                        label: v.name.clone(),
                        detail: "value".into(),
                    })
                    .chain(v.behaviours().iter().map(|b| Choice {
                        id: b.id.clone(),
                        label: b.name.clone(),
                        detail: format!("behaviour of {}", v.name),
                    }))
                })
                .collect(),
        })
    })
}

#[tauri::command]
pub async fn measures_view(app: AppHandle) -> IpcResult<MeasuresView> {
    with_doc(&app, |d| {
        let map = d.ws.map();
        Ok(MeasuresView {
            measures: map.measures.clone(),
            interactions: map
                .interactions
                .iter()
                .enumerate()
                .map(|(i, x)| IndexedInteraction {
                    index: i as u32,
                    interaction: x.clone(),
                })
                .collect(),
            library: measure_library(),
        })
    })
}

fn doc_of(id: &str) -> IpcResult<RuleDoc> {
    let r =
        rule_by_id(id).ok_or_else(|| IpcError::new("not_found", format!("No rule \"{id}\".")))?;
    let section = |h: &str| r.section(h).unwrap_or_default();
    Ok(RuleDoc {
        id: r.id.to_string(),
        default_severity: r.default_severity.as_str().to_string(),
        summary: r.summary(),
        what: section("What it flags"),
        why: section("Why it matters"),
        example: section("Example"),
        fix: section("How to fix"),
    })
}

#[tauri::command]
pub async fn rule_doc(id: String) -> IpcResult<RuleDoc> {
    doc_of(&id)
}

#[tauri::command]
pub async fn list_rules() -> IpcResult<Vec<RuleDoc>> {
    REGISTRY.iter().map(|r| doc_of(r.id)).collect()
}

#[tauri::command]
pub async fn list_snapshots(app: AppHandle) -> IpcResult<Vec<SnapshotInfo>> {
    with_doc(&app, |d| Ok(d.ws.snapshots()?))
}

#[tauri::command]
pub async fn save_snapshot(app: AppHandle, name: String) -> IpcResult<SnapshotInfo> {
    with_doc(&app, |d| {
        let id = d.ws.save_snapshot(&name)?;
        let list = d.ws.snapshots()?;
        list.into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| IpcError::new("internal", "the snapshot vanished"))
    })
}

#[tauri::command]
pub async fn restore_snapshot(app: AppHandle, id: i64) -> IpcResult<EditOutcome> {
    change(app, move |d| Ok(labelled(d.ws.restore_snapshot(id)?))).await
}

/// Benchmarks: with `THROUGHLINE_TIMING` set, print a measurement the page reports (`ms`),
/// or the time since the process started, to standard error.
#[tauri::command]
pub async fn mark_timing(what: String, ms: Option<f64>) -> IpcResult<()> {
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

/// Export report…: ask where, then have the report tool (a child process, see
/// `report_tool`) write the report of the map the app shows. The map is serialised up front
/// so edits are not blocked while a large PDF is typeset. Returns `None` when the save
/// dialog is cancelled.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    request: ReportRequest,
) -> IpcResult<Option<ReportSaved>> {
    blocking(move || {
        let format = request.format;
        // Before the save dialog: no point choosing a file the tool cannot write.
        let tool = report_tool::tool_path()?;
        // The map as the report tool will read it, taken as it is now (no copy of the map
        // is kept while the save dialog is open).
        let (map_json, organisation, scope_name, as_of) = with_doc(&app, |d| {
            let map = d.ws.map();
            let scope_name = request
                .function
                .as_deref()
                .and_then(|f| map.units.iter().find(|u| u.id == f))
                .map(|u| format!(" - {}", u.name))
                .unwrap_or_default();
            Ok((
                format::write_map(map),
                map.organisation.name.clone(),
                scope_name,
                d.as_of,
            ))
        })?;
        let ext = format.extension();
        use throughline_report::Format;
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
            .set_file_name(format!("{organisation} alignment report{scope_name}.{ext}"))
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
        let _ = app.emit("report-writing", ());
        let title = request.title.as_deref().filter(|t| !t.trim().is_empty());
        // Cancel (cancel_report) and the time limit stop the tool; it then leaves no file.
        let running = report_tool::Running::start();
        let bytes = report_tool::run(
            &tool,
            &report_tool::Job {
                map_json: &map_json,
                output: &path,
                format,
                title,
                function: request.function.as_deref(),
                as_of,
                paper: request.paper,
            },
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

fn written_report(app: &AppHandle, id: u32) -> IpcResult<PathBuf> {
    app.state::<AppState>()
        .reports
        .lock()
        .expect("reports lock")
        .get(id as usize)
        .cloned()
        .ok_or_else(|| IpcError::new("not_found", "That report was not written in this session."))
}

/// Open a report this session wrote, in the system's viewer for its type.
#[tauri::command]
pub async fn open_report(app: AppHandle, id: u32) -> IpcResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let path = written_report(&app, id)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| IpcError::new("open", format!("cannot open {}: {e}", path.display())))
}

/// Show a report this session wrote in the file manager.
#[tauri::command]
pub async fn reveal_report(app: AppHandle, id: u32) -> IpcResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let path = written_report(&app, id)?;
    app.opener()
        .reveal_item_in_dir(&path)
        .map_err(|e| IpcError::new("open", format!("cannot show {}: {e}", path.display())))
}
