//! The native menu bar, built from `MenuAction` (ids, labels and shortcuts are defined
//! there once). Items either act here (Open Recent) or are passed to the page as a typed
//! `menu` event, so the menu, the toolbar and the keyboard share one
//! code path in the UI.

use crate::{open_path, AppState};
use std::path::PathBuf;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use throughline_app_core::{events, MenuAction};

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let item = |action: MenuAction| {
        let (text, accel) = action.label();
        let b = MenuItemBuilder::with_id(action.id(), text);
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
    use MenuAction::*;
    // Enabled while the sample is open (`enable_reset_sample`).
    let reset_sample = item(ResetSample)?;
    reset_sample.set_enabled(false)?;
    let file = SubmenuBuilder::with_id(app, "file", "File")
        .item(&item(New)?)
        .item(&item(Open)?)
        .item(&recent)
        .item(&item(OpenSample)?)
        .item(&reset_sample)
        .separator()
        .item(&item(Import)?)
        .item(&item(Export)?)
        .item(&item(ImportSpreadsheet)?)
        .item(&item(ExportSpreadsheet)?)
        .item(&item(SaveCopy)?)
        .separator()
        .item(&item(ExportReport)?)
        .separator()
        .item(&item(Close)?)
        .item(&item(Quit)?)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&item(Undo)?)
        .item(&item(Redo)?)
        .separator()
        .item(&item(Delete)?)
        .item(&item(Find)?)
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(&item(ZoomIn)?)
        .item(&item(ZoomOut)?)
        .item(&item(Fit)?)
        .separator()
        .item(&item(ViewMap)?)
        .item(&item(ViewMeasures)?)
        .item(&item(ViewAlignment)?)
        .item(&item(Decisions)?)
        .separator()
        .item(&item(ThemeLight)?)
        .item(&item(ThemeDark)?)
        .item(&item(ThemeSystem)?)
        .item(&item(Presentation)?)
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&item(RulesReference)?)
        .item(&item(KeyboardShortcuts)?)
        .separator()
        .item(&item(About)?)
        .build()?;
    MenuBuilder::new(app)
        .items(&[&file, &edit, &view, &help])
        .build()
}

/// File ▸ Reset the Sample Organisation works only while the sample is open.
pub fn enable_reset_sample<R: Runtime>(app: &AppHandle<R>, on: bool) {
    let Some(menu) = app.menu() else { return };
    let Some(file) = menu.get("file") else { return };
    let id = MenuAction::ResetSample.id();
    if let Some(item) = file
        .as_submenu()
        .and_then(|f| f.get(&id))
        .and_then(|i| i.as_menuitem().cloned())
    {
        let _ = item.set_enabled(on);
    }
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
                    let _ = handle.emit(events::APP_ERROR, e);
                }
            });
        }
        return;
    }
    match MenuAction::from_id(&id) {
        // Quit closes the workspace (its edits are saved as they are made) and exits.
        Some(MenuAction::Quit) => {
            crate::close_current(app);
            app.exit(0);
        }
        Some(action) => {
            let _ = app.emit(events::MENU, action);
        }
        None => {}
    }
}
