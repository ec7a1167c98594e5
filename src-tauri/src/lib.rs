//! Throughline's desktop app: a thin Tauri 2 shell over `throughline-app-core`, which holds
//! the open document and its one analysed revision per change. This crate adapts commands,
//! menus, dialogs and events to it and holds no logic of its own. Files are only reached
//! through native dialogs run here, the bundled sample, the recent list, or the command
//! line — never a path the page invents.

pub mod bindings;
mod commands;
mod menu;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::{Emitter, Manager};
use throughline_app_core::import::RememberedMappings;
use throughline_app_core::{events, AppError, AppResult, Change, DocInfo, ErrorCode, Session};

const RECENT_MAX: usize = 10;

pub struct AppState {
    /// The open document and its analysed revision (throughline-app-core).
    pub session: Mutex<Session>,
    pub recent: Mutex<Vec<PathBuf>>,
    /// Why the file named on the command line could not be opened, until the page has
    /// asked (`app_status`): an event sent before the page listens would be lost, and a
    /// refused file is refused in milliseconds.
    pub startup_error: Mutex<Option<AppError>>,
    /// Reports written in this session: the only files Open / Show in folder may reach.
    pub reports: Mutex<Vec<PathBuf>>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            session: Mutex::new(Session::new(|| chrono::Local::now().date_naive())),
            recent: Mutex::default(),
            startup_error: Mutex::default(),
            reports: Mutex::default(),
        }
    }
}

/// Where the app keeps its own files (recent list, the sample workspace).
/// `THROUGHLINE_DATA_DIR` overrides it (tests, portable use).
pub fn data_dir(app: &tauri::AppHandle) -> AppResult<PathBuf> {
    let dir = match std::env::var_os("THROUGHLINE_DATA_DIR") {
        Some(d) => PathBuf::from(d),
        None => app
            .path()
            .app_data_dir()
            .map_err(|e| AppError::new(ErrorCode::Io, format!("no data folder: {e}")))?,
    };
    std::fs::create_dir_all(&dir).map_err(|e| {
        AppError::new(
            ErrorCode::Io,
            format!("cannot create {}: {e}", dir.display()),
        )
    })?;
    Ok(dir)
}

fn recent_file(app: &tauri::AppHandle) -> AppResult<PathBuf> {
    Ok(data_dir(app)?.join("recent.json"))
}

/// The column choices remembered per header set (import wizard), beside the recent list.
fn mappings_file(app: &tauri::AppHandle) -> AppResult<PathBuf> {
    Ok(data_dir(app)?.join("import-mappings.json"))
}

pub fn load_mappings(app: &tauri::AppHandle) -> RememberedMappings {
    mappings_file(app)
        .ok()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .map(|t| RememberedMappings::from_json(&t))
        .unwrap_or_default()
}

/// Keep the remembered column choices (atomically; a failure only costs the memory).
pub fn save_mappings(app: &tauri::AppHandle, m: &RememberedMappings) {
    if let Ok(file) = mappings_file(app) {
        if let Err(e) = throughline_store::write_file(&file, m.to_json().as_bytes(), true) {
            eprintln!("throughline: cannot save the remembered import columns: {e}");
        }
    }
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

/// Run `f` on the session (the one open document).
pub fn with_session<T>(
    app: &tauri::AppHandle,
    f: impl FnOnce(&mut Session) -> AppResult<T>,
) -> AppResult<T> {
    let state = app.state::<AppState>();
    let mut session = state.session.lock().expect("session lock");
    f(&mut session)
}

/// Tell the window about a change: its title, the recent list for a file just opened,
/// and the `doc-changed` event (the page fetches each panel once per revision).
pub fn announce(app: &tauri::AppHandle, change: &Change) {
    set_title(app, change.doc.as_ref());
    menu::enable_reset_sample(app, change.doc.as_ref().is_some_and(|d| d.sample));
    if change.kind == throughline_app_core::ChangeKind::Opened {
        if let Some(d) = &change.doc {
            remember(app, Path::new(&d.path));
        }
    }
    let _ = app.emit(events::DOC_CHANGED, change);
}

/// Run a change on the session and announce it.
pub fn change(
    app: &tauri::AppHandle,
    f: impl FnOnce(&mut Session) -> AppResult<Change>,
) -> AppResult<Change> {
    let change = with_session(app, f)?;
    announce(app, &change);
    Ok(change)
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

/// The sample organisation's workspace, in the data folder.
pub fn sample_path(app: &tauri::AppHandle) -> AppResult<PathBuf> {
    Ok(data_dir(app)?.join("Northwind Software (sample).throughline"))
}

/// Open the sample organisation: a workspace in the data folder, created on first use.
pub fn open_sample(app: &tauri::AppHandle) -> AppResult<Change> {
    let path = sample_path(app)?;
    let map = throughline_app_core::sample_map()?;
    change(app, |s| s.open_or_create(&path, &map))
}

/// Open a workspace file named on the command line or picked by the user.
pub fn open_path(app: &tauri::AppHandle, path: &Path, read_only: bool) -> AppResult<Change> {
    change(app, |s| s.open(path, read_only))
}

/// Close the open workspace and announce it. Returns what went wrong leaving it as one
/// whole file (another program still reading it); the edits themselves are saved.
pub fn close_current(app: &tauri::AppHandle) -> Option<String> {
    let problem = app
        .state::<AppState>()
        .session
        .lock()
        .expect("session lock")
        .close();
    if let Some(p) = &problem {
        eprintln!("throughline: {p}");
    }
    announce(
        app,
        &Change {
            kind: throughline_app_core::ChangeKind::Closed,
            label: "Closed".into(),
            doc: None,
            created: None,
            touched: throughline_store::Touched::Everything,
            effect: None,
            new_findings: Vec::new(),
        },
    );
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
            if let Ok(p) = sample_path(&handle) {
                app.state::<AppState>()
                    .session
                    .lock()
                    .expect("session lock")
                    .set_sample_path(p);
            }
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
                        let _ = handle.emit(events::STARTUP_ERROR, e);
                    }
                });
            }
            Ok(())
        })
        .invoke_handler(commands::handler())
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
