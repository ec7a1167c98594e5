import { describe, expect, it } from "vitest";
import { keysOf, MENU_ITEMS, shortcutGroups } from "../../src/lib/shortcuts";
// The Rust that builds the native menu: its labels and shortcuts, and its menus.
import typesRs from "../../../crates/throughline-app-core/src/types.rs?raw";
import menuRs from "../../../src-tauri/src/menu.rs?raw";

/** "open-sample" for `OpenSample`, as serde writes MenuAction (kebab-case). */
const kebab = (variant: string) => variant.replace(/(?<=[a-z0-9])([A-Z])/g, "-$1").toLowerCase();

describe("Keyboard shortcuts", () => {
  it("lists each menu item with the label and shortcut the native menu has", () => {
    // MenuAction::label in the app core: `Variant => ("Label", Some("Accel"))` or `None`.
    const body = typesRs.slice(typesRs.indexOf("pub fn label(self)"));
    const rust = [...body.matchAll(/^\s*(\w+) => \("([^"]+)", (?:Some\("([^"]+)"\)|None)\),$/gm)].map(([, variant, label, accel]) => [
      kebab(variant),
      label,
      accel ?? null,
    ]);
    expect(rust.length).toBeGreaterThan(20);
    const ours = Object.entries(MENU_ITEMS).map(([id, i]) => [id, i.label, i.accelerator]);
    expect(ours.sort()).toEqual(rust.sort());
  });

  it("puts each item in the menu that holds it", () => {
    const menu = menuRs;
    for (const [title, name] of [
      ["File", "file"],
      ["Edit", "edit"],
      ["View", "view"],
      ["Help", "help"],
    ]) {
      const at = menu.indexOf(`let ${name} = SubmenuBuilder`);
      const block = menu.slice(at, menu.indexOf(".build()?;", at));
      const variants = [...block.matchAll(/item\((\w+)\)/g)].map(([, v]) => kebab(v));
      // Reset Sample is built before the File menu (it starts disabled).
      if (name === "file") variants.push("reset-sample");
      const ours = Object.entries(MENU_ITEMS)
        .filter(([, i]) => i.menu === title)
        .map(([id]) => id);
      expect(ours.sort(), title).toEqual(variants.sort());
    }
  });

  it("writes the keys as they are pressed", () => {
    expect(keysOf("CmdOrCtrl+Shift+Z", false)).toEqual(["Ctrl", "Shift", "Z"]);
    expect(keysOf("CmdOrCtrl+Shift+Z", true)).toEqual(["⌘", "Shift", "Z"]);
    expect(keysOf("CmdOrCtrl+-", false)).toEqual(["Ctrl", "-"]);
    expect(keysOf("CmdOrCtrl+=", false)).toEqual(["Ctrl", "="]);
    expect(keysOf("F1", false)).toEqual(["F1"]);
  });

  it("lists every shortcut once, the page's own keys after the menus'", () => {
    const groups = shortcutGroups(false);
    expect(groups.map((g) => g.title)).toEqual(["File", "Edit", "View", "Help", "Map and panels", "On the map", "Presenting", "Find box"]);
    const map = groups.find((g) => g.title === "On the map")!;
    expect(map.items.map((i) => i.keys.map((k) => k.join("+")).join(" "))).toEqual(["Tab", "← ↑ → ↓", "Home End", "Enter Space", "+ −"]);
    const help = groups.find((g) => g.title === "Help")!;
    expect(help.items).toEqual([
      { keys: [["F1"]], what: "Rules Reference" },
      { keys: [["Ctrl", "/"]], what: "Keyboard Shortcuts" },
    ]);
    const edit = groups.find((g) => g.title === "Edit")!;
    expect(edit.items.map((i) => i.what)).toEqual(["Undo", "Redo", "Delete the selected goal, person, unit or value", "Find"]);
    const menuKeys = groups.slice(0, 4).flatMap((g) => g.items.map((i) => i.keys.map((k) => k.join("+")).join()));
    expect(new Set(menuKeys).size).toBe(menuKeys.length);
  });
});
