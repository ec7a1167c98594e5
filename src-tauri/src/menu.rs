//! The native menu bar. Items either act here (Open Recent) or are passed to the page as a
//! `menu` event carrying the item id, so the menu, the toolbar and the keyboard share one
//! code path in the UI.

use crate::{open_path, AppState};
use std::path::PathBuf;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let item = |id: &str, text: &str, accel: Option<&str>| {
        let b = MenuItemBuilder::with_id(id, text);
        match accel {
            Some(a) => b.accelerator(a).build(app),
            None => b.build(app),
        }
    };
    let recent = SubmenuBuilder::with_id(app, "recent", "Open Recent")
        .item(
            &MenuItemBuilder::with_id("recent-none", "No recent files")
                .enabled(false)
                .build(app)?,
        )
        .build()?;
    let file = SubmenuBuilder::with_id(app, "file", "File")
        .item(&item("new", "New…", Some("CmdOrCtrl+N"))?)
        .item(&item("open", "Open…", Some("CmdOrCtrl+O"))?)
        .item(&recent)
        .item(&item("open-sample", "Open the Sample Organisation", None)?)
        .separator()
        .item(&item("import", "Import Map JSON…", Some("CmdOrCtrl+I"))?)
        .item(&item("export", "Export Map JSON…", Some("CmdOrCtrl+E"))?)
        .item(&item(
            "save-copy",
            "Save a Copy…",
            Some("CmdOrCtrl+Shift+S"),
        )?)
        .separator()
        .item(&item(
            "export-report",
            "Export Report…",
            Some("CmdOrCtrl+Shift+E"),
        )?)
        .separator()
        .item(&item("close", "Close", Some("CmdOrCtrl+W"))?)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&item("undo", "Undo", Some("CmdOrCtrl+Z"))?)
        .item(&item("redo", "Redo", Some("CmdOrCtrl+Shift+Z"))?)
        .separator()
        .item(&item("delete", "Delete Selected", None)?)
        .item(&item("find", "Find…", Some("CmdOrCtrl+F"))?)
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(&item("zoom-in", "Zoom In", Some("CmdOrCtrl+="))?)
        .item(&item("zoom-out", "Zoom Out", Some("CmdOrCtrl+-"))?)
        .item(&item("fit", "Fit to Window", Some("CmdOrCtrl+0"))?)
        .separator()
        .item(&item("view-map", "Alignment Map", Some("CmdOrCtrl+1"))?)
        .item(&item(
            "view-measures",
            "Measures and Trade-offs",
            Some("CmdOrCtrl+2"),
        )?)
        .separator()
        .item(&item("theme-light", "Light Theme", None)?)
        .item(&item("theme-dark", "Dark Theme", None)?)
        .item(&item("theme-system", "System Theme", None)?)
        .item(&item(
            "presentation",
            "Presentation Mode (Large Text)",
            Some("CmdOrCtrl+Shift+P"),
        )?)
        .build()?;
    MenuBuilder::new(app).items(&[&file, &edit, &view]).build()
}

/// Rebuild Open Recent from the remembered list.
pub fn refresh_recent<R: Runtime>(app: &AppHandle<R>) {
    let Some(menu) = app.menu() else { return };
    // `Menu::get` looks at the top level only: Open Recent lives inside File.
    let Some(file) = menu.get("file") else { return };
    let Some(kind) = file.as_submenu().and_then(|f| f.get("recent")) else {
        return;
    };
    let Some(sub) = kind.as_submenu() else { return };
    if let Ok(items) = sub.items() {
        for it in items {
            let _ = sub.remove(&it);
        }
    }
    let recent: Vec<PathBuf> = app
        .state::<AppState>()
        .recent
        .lock()
        .expect("recent lock")
        .clone();
    if recent.is_empty() {
        if let Ok(i) = MenuItemBuilder::with_id("recent-none", "No recent files")
            .enabled(false)
            .build(app)
        {
            let _ = sub.append(&i);
        }
    }
    for (n, p) in recent.iter().enumerate() {
        let label = p
            .file_name()
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_else(|| p.display().to_string());
        if let Ok(i) = MenuItemBuilder::with_id(format!("recent:{n}"), label).build(app) {
            let _ = sub.append(&i);
        }
    }
}

pub fn on_event(app: &AppHandle, event: MenuEvent) {
    let id = event.id().as_ref().to_string();
    if let Some(n) = id
        .strip_prefix("recent:")
        .and_then(|n| n.parse::<usize>().ok())
    {
        let path = app
            .state::<AppState>()
            .recent
            .lock()
            .expect("recent lock")
            .get(n)
            .cloned();
        if let Some(path) = path {
            let handle = app.clone();
            tauri::async_runtime::spawn_blocking(move || {
                if let Err(e) = open_path(&handle, &path, false) {
                    let _ = handle.emit("app-error", e);
                }
            });
        }
        return;
    }
    let _ = app.emit("menu", id);
}
