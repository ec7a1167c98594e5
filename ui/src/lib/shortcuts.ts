// The menus' items and shortcuts as the native menu has them (MenuAction::label in
// crates/throughline-app-core/src/types.rs, the menus of src-tauri/src/menu.rs; a vitest
// compares this list with the Rust one), and the keys the page handles itself: what Help ▸
// Keyboard Shortcuts lists.
import type { MenuAction } from "../bindings";

export type MenuName = "File" | "Edit" | "View" | "Help";

export interface MenuItemInfo {
  menu: MenuName;
  label: string;
  /** The accelerator as Tauri writes it ("CmdOrCtrl+Shift+Z"), if any. */
  accelerator: string | null;
}

/** Every menu action (the type makes the list cover each one), in menu order. */
export const MENU_ITEMS: Record<MenuAction, MenuItemInfo> = {
  new: { menu: "File", label: "New…", accelerator: "CmdOrCtrl+N" },
  open: { menu: "File", label: "Open…", accelerator: "CmdOrCtrl+O" },
  "open-sample": { menu: "File", label: "Open the Sample Organisation", accelerator: null },
  "reset-sample": { menu: "File", label: "Reset the Sample Organisation", accelerator: null },
  import: { menu: "File", label: "Import Map JSON…", accelerator: "CmdOrCtrl+I" },
  export: { menu: "File", label: "Export Map JSON…", accelerator: "CmdOrCtrl+E" },
  "import-spreadsheet": { menu: "File", label: "Import from Spreadsheet…", accelerator: "CmdOrCtrl+Shift+I" },
  "export-spreadsheet": { menu: "File", label: "Export to Spreadsheet…", accelerator: null },
  "save-copy": { menu: "File", label: "Save a Copy…", accelerator: "CmdOrCtrl+Shift+S" },
  "export-report": { menu: "File", label: "Export Report…", accelerator: "CmdOrCtrl+Shift+E" },
  close: { menu: "File", label: "Close", accelerator: "CmdOrCtrl+W" },
  quit: { menu: "File", label: "Quit", accelerator: "CmdOrCtrl+Q" },
  undo: { menu: "Edit", label: "Undo", accelerator: "CmdOrCtrl+Z" },
  redo: { menu: "Edit", label: "Redo", accelerator: "CmdOrCtrl+Shift+Z" },
  delete: { menu: "Edit", label: "Delete Selected", accelerator: null },
  find: { menu: "Edit", label: "Find…", accelerator: "CmdOrCtrl+F" },
  "zoom-in": { menu: "View", label: "Zoom In", accelerator: "CmdOrCtrl+=" },
  "zoom-out": { menu: "View", label: "Zoom Out", accelerator: "CmdOrCtrl+-" },
  fit: { menu: "View", label: "Fit to Window", accelerator: "CmdOrCtrl+0" },
  "view-map": { menu: "View", label: "Alignment Map", accelerator: "CmdOrCtrl+1" },
  "view-measures": { menu: "View", label: "Measures and Trade-offs", accelerator: "CmdOrCtrl+2" },
  "view-alignment": { menu: "View", label: "Alignment Views", accelerator: "CmdOrCtrl+3" },
  decisions: { menu: "View", label: "Decisions…", accelerator: "CmdOrCtrl+Shift+D" },
  "theme-light": { menu: "View", label: "Light Theme", accelerator: null },
  "theme-dark": { menu: "View", label: "Dark Theme", accelerator: null },
  "theme-system": { menu: "View", label: "System Theme", accelerator: null },
  presentation: { menu: "View", label: "Presentation Mode (Large Text)", accelerator: "CmdOrCtrl+Shift+P" },
  "rules-reference": { menu: "Help", label: "Rules Reference", accelerator: "F1" },
  "keyboard-shortcuts": { menu: "Help", label: "Keyboard Shortcuts", accelerator: "CmdOrCtrl+/" },
  about: { menu: "Help", label: "About Throughline", accelerator: null },
};

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** The keys of an accelerator as they are pressed here: ["Ctrl", "Shift", "Z"] (⌘ on a Mac). */
export function keysOf(accelerator: string, mac = isMac()): string[] {
  return accelerator.split(/\+(?=.)/).map((k) => (k === "CmdOrCtrl" ? (mac ? "⌘" : "Ctrl") : k));
}

export interface ShortcutGroup {
  title: string;
  items: { keys: string[][]; what: string }[];
}

/** What Keyboard Shortcuts lists: each menu's items that have a shortcut, then the keys the
 * page handles itself. */
export function shortcutGroups(mac = isMac()): ShortcutGroup[] {
  const menus: MenuName[] = ["File", "Edit", "View", "Help"];
  const fromMenus = menus.map((menu) => ({
    title: menu,
    items: Object.values(MENU_ITEMS)
      .filter((i) => i.menu === menu && i.accelerator)
      .map((i) => ({ keys: [keysOf(i.accelerator!, mac)], what: i.label.replace(/…$/, "") })),
  }));
  // Delete has no accelerator in the menu: the page takes the key (outside text fields).
  fromMenus[1].items.splice(2, 0, { keys: [["Delete"]], what: "Delete the selected goal, person, unit or value" });
  return [
    ...fromMenus,
    {
      title: "Map and panels",
      items: [
        { keys: [["Tab"], ["Shift", "Tab"]], what: "Move to the next or previous control" },
        { keys: [["Enter"], ["Space"]], what: "Press the focused button (open a finding or a pattern)" },
        { keys: [["Esc"]], what: "Clear the selection and the highlighted finding; close a dialog" },
        { keys: [["Ctrl", "Alt", "S"]], what: "Save the map as a picture (PNG, for slides)" },
        { keys: [["Ctrl", "Alt", "Shift", "S"]], what: "Save the map as a picture (SVG)" },
      ],
    },
    {
      title: "On the map",
      items: [
        { keys: [["Tab"]], what: "Into the map (one stop: the card focused last, the selected one or the first strategy goal) and out of it" },
        { keys: [["←"], ["↑"], ["→"], ["↓"]], what: "The nearest card that way (presenting, → and ← step through the patterns)" },
        { keys: [["Home"], ["End"]], what: "The first card; the last card" },
        { keys: [["Enter"], ["Space"]], what: "Open the focused card in the inspector" },
        { keys: [["+"], ["−"]], what: "Open or close the focused unit" },
      ],
    },
    {
      title: "Presenting",
      items: [
        { keys: [["→"], ["Page Down"]], what: "The next pattern (a presentation clicker's “next”)" },
        { keys: [["←"], ["Page Up"]], what: "The previous pattern" },
        { keys: [["Home"], ["End"]], what: "The overview; the last pattern" },
        { keys: [["Esc"]], what: "Stop presenting" },
      ],
    },
    {
      title: "Find box",
      items: [
        { keys: [["↓"], ["↑"]], what: "Move through the results" },
        { keys: [["Enter"]], what: "Open the chosen result on the map" },
        { keys: [["Esc"]], what: "Clear the search" },
      ],
    },
  ];
}
