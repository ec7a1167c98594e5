// Change marks (issue #14 item 3): what a comparison says happened to an entity, as the
// before / after panel's lines and the map's cards show it — one sign and one word each.
import type { ChangeMark } from "../bindings";

export const MARKS: Record<ChangeMark, { sign: string; word: string }> = {
  added: { sign: "＋", word: "added" },
  removed: { sign: "−", word: "removed" },
  changed: { sign: "✎", word: "changed" },
  moved: { sign: "→", word: "moved" },
  relinked: { sign: "⇄", word: "re-linked" },
};

/** The marks a card can carry, in the legend's order (removed ones are not on the map:
 * the panel lists them as ghosts). */
export const CARD_MARKS: ChangeMark[] = ["added", "changed", "moved", "relinked"];
