// Save what the map shows as a picture for slides: PNG (twice the screen's pixels) or SVG,
// from the map's own button (⤓, in its controls) or Ctrl+Alt+S (PNG) / Ctrl+Alt+Shift+S
// (SVG); while presenting, with the step's caption above the map, as a slide. The map's
// controls and the legend's "showing N of M" note are left out. The app asks where to save
// it and writes it (`save_picture`: the picture is checked to be an SVG or a PNG, then
// written atomically).
import { ControlButton } from "@xyflow/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { today } from "../lib/format";
import "./export.css";
import { pictureFileName, pictureOf, pngOf } from "../lib/mapImage";
import { api } from "../ipc";

/** What a picture of the map leaves out: its controls, its background dots, notes and
 * buttons for the user (the presenter's, the last change's effect, a draft's bar). */
export const NOT_IN_PICTURE =
  ".react-flow__controls, .react-flow__minimap, .react-flow__panel, .react-flow__background, .react-flow__attribution, .react-flow__handle, .budget-note, .export-menu, .presenter-controls, .effect, .draft-bar, .los-bar button";

/** What a picture shows: the map; while presenting, the caption above it too (a slide). */
export function pictureTarget(map: HTMLElement | null): HTMLElement | null {
  const centre = map?.closest<HTMLElement>(".centre");
  return centre?.querySelector(".presenter") ? centre : map;
}

export function ExportImage({ target, title }: { target: () => HTMLElement | null; title: string }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const menu = useRef<HTMLDivElement>(null);

  const save = useCallback(
    async (format: "png" | "svg") => {
      const el = pictureTarget(target());
      if (!el) return;
      setOpen(false);
      setBusy(true);
      setNote(null);
      try {
        // Let the menu close before the map is copied.
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        // A card's focus ring is the keyboard's, not the map's: out of the picture, and the
        // focus given back.
        const active = document.activeElement;
        const card = active instanceof HTMLElement && el.contains(active) && active.classList.contains("react-flow__node") ? active : null;
        card?.blur();
        let picture;
        try {
          picture = pictureOf(el, NOT_IN_PICTURE);
        } finally {
          card?.focus({ preventScroll: true });
        }
        const name = pictureFileName(title, today(), format);
        // The app asks where and writes it (the shell's save_picture); nothing when cancelled.
        const path = await api.savePicture(name, format, format === "svg" ? picture.svg : await pngOf(picture));
        if (path) setNote(`Saved the map as ${path}`);
      } catch (e) {
        setNote(
          format === "png"
            ? `This window could not draw the map as a PNG (${e instanceof Error ? e.message : String(e)}). Save it as SVG instead.`
            : `The map could not be saved (${e instanceof Error ? e.message : String(e)}).`,
        );
      } finally {
        setBusy(false);
      }
    },
    [target, title],
  );

  // Ctrl+Alt+S saves a PNG, with Shift an SVG (no menu holds them: the page takes the keys).
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !e.altKey || (e.key.toLowerCase() !== "s" && e.code !== "KeyS")) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      void saveRef.current(e.shiftKey ? "svg" : "png");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // The note goes after a while; the menu closes on Escape or a click elsewhere.
  useEffect(() => {
    if (!note) return;
    const t = setTimeout(() => setNote(null), 6000);
    return () => clearTimeout(t);
  }, [note]);
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector("button")?.focus();
    const away = (e: MouseEvent) => {
      if (!menu.current?.parentElement?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", away);
    return () => document.removeEventListener("mousedown", away);
  }, [open]);

  return (
    <>
      <ControlButton
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-haspopup="true"
        aria-label="Save the map as a picture"
        title="Save the map as a picture for slides (PNG: Ctrl+Alt+S, SVG: Ctrl+Alt+Shift+S)"
        disabled={busy}
      >
        ⤓
      </ControlButton>
      {open && (
        <div
          ref={menu}
          className="export-menu"
          role="group"
          aria-label="Save the map as"
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.stopPropagation();
              setOpen(false);
            }
          }}
        >
          <button onClick={() => void save("png")}>
            PNG <span className="muted">for slides · Ctrl+Alt+S</span>
          </button>
          <button onClick={() => void save("svg")}>
            SVG <span className="muted">Ctrl+Alt+Shift+S</span>
          </button>
        </div>
      )}
      {(note || busy) && (
        <div className="export-note" role="status">
          {busy ? "Drawing the map…" : note}
        </div>
      )}
    </>
  );
}
