//! Throughline's desktop app: a thin Tauri 2 shell. State is one open document (a
//! `Workspace` plus its current findings); commands call the store, the core and the view
//! and return their types. Files are only reached through native dialogs run here, the
//! bundled sample, the recent list, or the command line — never a path the page invents.

pub mod bindings;
mod commands;
pub mod ipc;
mod menu;
mod report_tool;

use chrono::NaiveDate;
use ipc::{DocInfo, IpcError, IpcResult};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::{Emitter, Manager};
use throughline_core::analysis::{analyse, resolve_as_of, Report};
use throughline_store::{Options, Workspace};

/// The sample organisation, shipped in the binary.
pub const SAMPLE_JSON: &str = include_str!("../../examples/northwind.json");
const RECENT_MAX: usize = 10;

/// One open workspace and its findings, kept current after every change.
pub struct Doc {
    pub ws: Workspace,
    pub report: Report,
    pub as_of: NaiveDate,
}

impl Doc {
    pub fn new(ws: Workspace) -> Self {
        let today = chrono::Local::now().date_naive();
        let as_of = resolve_as_of(None, ws.map(), today);
        let report = analyse(ws.map(), as_of);
        Doc { ws, report, as_of }
    }

    /// Re-run the rules (after an edit, undo, redo or import).
    pub fn refresh(&mut self) {
        let today = chrono::Local::now().date_naive();
        self.as_of = resolve_as_of(None, self.ws.map(), today);
        self.report = analyse(self.ws.map(), self.as_of);
    }

    pub fn info(&self) -> IpcResult<DocInfo> {
        let map = self.ws.map();
        let path = self.ws.path();
        Ok(DocInfo {
            path: path.display().to_string(),
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            organisation: map.organisation.name.clone(),
            read_only: self.ws.is_read_only(),
            units: map.units.len() as u32,
            people: map.people.len() as u32,
            goals: map.goals.len() as u32,
            as_of: self.as_of.to_string(),
            focus_function: map.organisation.focus_function.clone(),
            history: self.ws.history()?,
            warning: self.ws.last_backup_error().map(str::to_string),
        })
    }
}

#[derive(Default)]
pub struct AppState {
    pub doc: Mutex<Option<Doc>>,
    pub recent: Mutex<Vec<PathBuf>>,
    /// Why the file named on the command line could not be opened, until the page has
    /// asked (`app_status`): an event sent before the page listens would be lost, and a
    /// refused file is refused in milliseconds.
    pub startup_error: Mutex<Option<IpcError>>,
    /// Reports written in this session: the only files Open / Show in folder may reach.
    pub reports: Mutex<Vec<PathBuf>>,
}

/// Where the app keeps its own files (recent list, the sample workspace).
/// `THROUGHLINE_DATA_DIR` overrides it (tests, portable use).
pub fn data_dir(app: &tauri::AppHandle) -> IpcResult<PathBuf> {
    let dir = match std::env::var_os("THROUGHLINE_DATA_DIR") {
        Some(d) => PathBuf::from(d),
        None => app
            .path()
            .app_data_dir()
            .map_err(|e| IpcError::new("io", format!("no data folder: {e}")))?,
    };
    std::fs::create_dir_all(&dir)
        .map_err(|e| IpcError::new("io", format!("cannot create {}: {e}", dir.display())))?;
    Ok(dir)
}

fn recent_file(app: &tauri::AppHandle) -> IpcResult<PathBuf> {
    Ok(data_dir(app)?.join("recent.json"))
}

pub fn load_recent(app: &tauri::AppHandle) -> Vec<PathBuf> {
    recent_file(app)
        .ok()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|t| serde_json::from_str::<Vec<PathBuf>>(&t).ok())
        .unwrap_or_default()
}

fn remember(app: &tauri::AppHandle, path: &Path) {
    let state = app.state::<AppState>();
    let mut recent = state.recent.lock().expect("recent lock");
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    recent.retain(|p| p != &path);
    recent.insert(0, path);
    recent.truncate(RECENT_MAX);
    if let Ok(file) = recent_file(app) {
        let _ = std::fs::write(
            file,
            serde_json::to_string_pretty(&*recent).unwrap_or_default(),
        );
    }
    drop(recent);
    menu::refresh_recent(app);
}

/// Make `ws` the open document: title, recent list, and tell the page.
pub fn install(app: &tauri::AppHandle, ws: Workspace) -> IpcResult<DocInfo> {
    let path = ws.path().to_path_buf();
    let doc = Doc::new(ws);
    let info = doc.info()?;
    *app.state::<AppState>().doc.lock().expect("doc lock") = Some(doc);
    remember(app, &path);
    set_title(app, Some(&info));
    let _ = app.emit("doc-changed", ());
    Ok(info)
}

pub fn set_title(app: &tauri::AppHandle, info: Option<&DocInfo>) {
    if let Some(w) = app.get_webview_window("main") {
        let title = match info {
            Some(i) => format!(
                "{} — {}{} — Throughline",
                i.organisation,
                i.file_name,
                if i.read_only { " (read-only)" } else { "" }
            ),
            None => "Throughline".to_string(),
        };
        let _ = w.set_title(&title);
    }
}

/// Open the sample organisation: a workspace in the data folder, created on first use.
pub fn open_sample(app: &tauri::AppHandle) -> IpcResult<DocInfo> {
    let path = data_dir(app)?.join("Northwind Software (sample).throughline");
    close_current(app);
    let ws = if path.exists() {
        Workspace::open(&path, Options::default())?
    } else {
        let map = throughline_core::format::read_map(SAMPLE_JSON).map_err(|p| {
            IpcError::new(
                "invalid_map",
                format!("the bundled sample is invalid: {p:?}"),
            )
        })?;
        Workspace::create(&path, &map, false, Options::default())?
    };
    install(app, ws)
}

/// Open a workspace file named on the command line or picked by the user.
pub fn open_path(app: &tauri::AppHandle, path: &Path, read_only: bool) -> IpcResult<DocInfo> {
    close_current(app);
    let opts = if read_only {
        Options::read_only()
    } else {
        Options::default()
    };
    let ws = Workspace::open(path, opts)?;
    install(app, ws)
}

/// Close the open workspace. Returns what went wrong leaving it as one whole file (another
/// program still reading it), for the page to show; the edits themselves are saved.
pub fn close_current(app: &tauri::AppHandle) -> Option<String> {
    let state = app.state::<AppState>();
    let old = state.doc.lock().expect("doc lock").take();
    set_title(app, None);
    let problem = old.and_then(|d| d.ws.close().err()).map(|e| e.to_string());
    if let Some(p) = &problem {
        eprintln!("throughline: {p}");
    }
    problem
}

/// Start the app. `args`: the command line after the program name (`--sample` or a
/// `.throughline` file to open).
/// When the process started (for `THROUGHLINE_TIMING` measurements).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// On Linux without a usable GPU render node (Xvfb, a VM or remote desktop without one),
/// WebKitGTK's default DMABUF renderer has no GPU to use: it rasterises through Mesa's
/// software GL and copies the pixels back into shared memory, which is no faster than
/// drawing on the CPU and, with the sample open, holds about 110 MB more (BENCHMARKS.md).
/// There the app asks WebKit for its shared-memory renderer, unless the user has chosen
/// with `WEBKIT_DISABLE_DMABUF_RENDERER` themselves. With a GPU, nothing changes. Must run
/// before any thread starts (it sets an environment variable the web process inherits).
fn choose_webkit_renderer() {
    #[cfg(target_os = "linux")]
    {
        const VAR: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";
        if std::env::var_os(VAR).is_none() && !has_render_node(Path::new("/dev/dri")) {
            std::env::set_var(VAR, "1");
        }
    }
}

/// Whether `dri` (normally /dev/dri) holds a render node (`renderD128`, ...) that this
/// user can open (one that is there but closed to us is no GPU for WebKit either).
#[cfg(any(target_os = "linux", test))]
fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            e.file_name().to_string_lossy().starts_with("renderD")
                && std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open(e.path())
                    .is_ok()
        })
    })
}

/// What `throughline-app --help` and `--version` print, before any window or display is
/// needed; `None` for anything else (the app starts).
pub fn command_line_answer(args: &[String]) -> Option<String> {
    let version = env!("CARGO_PKG_VERSION");
    match args.first().map(String::as_str) {
        Some("--version" | "-V") => Some(format!("throughline-app {version}\n")),
        Some("--help" | "-h") => Some(format!(
            "throughline-app {version}: the Throughline desktop app\n\n\
             Usage: throughline-app [--sample | FILE.throughline]\n\n\
             \x20 --sample          open the sample organisation (Northwind Software)\n\
             \x20 FILE.throughline  open this workspace (a reason is shown if it cannot be opened)\n\
             \x20 -h, --help        print this help\n\
             \x20 -V, --version     print the version\n\n\
             The command-line tool is `throughline` (check, report, import, export, ...).\n"
        )),
        _ => None,
    }
}

pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    choose_webkit_renderer();
    let args: Vec<String> = std::env::args().skip(1).collect();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState::default())
        .menu(menu::build)
        .on_menu_event(menu::on_event)
        .setup(move |app| {
            let handle = app.handle().clone();
            *app.state::<AppState>().recent.lock().expect("recent lock") = load_recent(&handle);
            menu::refresh_recent(&handle);
            let first = args.iter().find(|a| !a.starts_with("-psn")).cloned();
            if let Some(arg) = first {
                // Opening happens off the main thread so the window appears at once.
                tauri::async_runtime::spawn_blocking(move || {
                    let result = if arg == "--sample" {
                        open_sample(&handle)
                    } else {
                        open_path(&handle, Path::new(&arg), false)
                    };
                    if let Err(e) = result {
                        *handle
                            .state::<AppState>()
                            .startup_error
                            .lock()
                            .expect("startup error lock") = Some(e.clone());
                        let _ = handle.emit("startup-error", e);
                    }
                });
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::export_report,
            report_tool::cancel_report,
            commands::open_report,
            commands::reveal_report,
            commands::open_sample_cmd,
            commands::new_workspace,
            commands::open_workspace,
            commands::open_recent,
            commands::close_workspace,
            commands::import_map,
            commands::export_map,
            commands::save_copy,
            commands::get_view,
            commands::get_findings,
            commands::apply_edit,
            commands::undo,
            commands::redo,
            commands::search,
            commands::get_entity,
            commands::get_choices,
            commands::measures_view,
            commands::rule_doc,
            commands::list_rules,
            commands::list_snapshots,
            commands::save_snapshot,
            commands::restore_snapshot,
            commands::mark_timing,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Throughline");
}

#[cfg(test)]
mod cli_tests {
    #[test]
    fn help_and_version_answer_without_a_window() {
        let a = |s: &str| super::command_line_answer(&[s.to_string()]);
        assert!(a("--help").unwrap().contains("Usage: throughline-app"));
        assert!(a("--version").unwrap().starts_with("throughline-app "));
        assert!(a("--sample").is_none());
        assert!(super::command_line_answer(&[]).is_none());
    }
}

#[cfg(test)]
mod tests {
    use super::has_render_node;

    #[test]
    fn a_render_node_is_found_only_when_there_is_one() {
        let dir = tempfile::tempdir().expect("a temp dir");
        assert!(!has_render_node(&dir.path().join("missing")));
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("card0"), "").expect("write");
        assert!(
            !has_render_node(dir.path()),
            "a card alone is not a render node"
        );
        std::fs::write(dir.path().join("renderD128"), "").expect("write");
        assert!(has_render_node(dir.path()));
    }
}
