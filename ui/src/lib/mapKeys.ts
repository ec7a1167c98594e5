// Keyboard navigation of the map (issue #13 item 7): which card an arrow key goes to, which
// card is the map's one Tab stop, how far the map pans to show a card, and what a screen
// reader says about a card (with its before / after mark). Pure: the cards' laid-out boxes
// (map units, from the Rust layout) in, ids out.
import type { ChangeMark, ViewNode } from "../bindings";
import { MARKS } from "./marks";

/** A card's box on the map (map units). */
export interface CardBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Direction = "left" | "right" | "up" | "down";

/** The arrow keys' directions. */
export const ARROWS: Record<string, Direction> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
};

/** The gap between two intervals (0 when they overlap). */
function gap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, b0 - a1, a0 - b1);
}

/**
 * The card an arrow goes to from `from`: the nearest card wholly beyond the current card's
 * edge in that direction (else, if none is, the nearest whose centre is beyond its centre).
 * Nearest counts the gap between the two cards' edges along the direction, plus their gap
 * across it weighted — eight times up and down (the map's columns: a card straight below
 * wins over a closer one off to the side), four times left and right (its rows) —, plus a
 * tenth of the offset between their centres across it (of two cards that both overlap, the
 * better aligned); ties go to the card earlier in reading order (top to bottom, left to
 * right). None: the same card stays.
 */
export function nextCard(cards: readonly CardBox[], from: string, dir: Direction): string | null {
  const c = cards.find((b) => b.id === from);
  if (!c) return null;
  const horizontal = dir === "left" || dir === "right";
  const sign = dir === "right" || dir === "down" ? 1 : -1;
  const cx = c.x + c.width / 2;
  const cy = c.y + c.height / 2;
  const best = { wholly: null as CardBox | null, whollyScore: Infinity, beyond: null as CardBox | null, beyondScore: Infinity };
  for (const b of cards) {
    if (b.id === from) continue;
    const bx = b.x + b.width / 2;
    const by = b.y + b.height / 2;
    const along = horizontal ? (bx - cx) * sign : (by - cy) * sign;
    if (along <= 0.5) continue;
    const edge = horizontal
      ? sign > 0
        ? b.x - (c.x + c.width)
        : c.x - (b.x + b.width)
      : sign > 0
        ? b.y - (c.y + c.height)
        : c.y - (b.y + b.height);
    const across = horizontal ? gap(c.y, c.y + c.height, b.y, b.y + b.height) : gap(c.x, c.x + c.width, b.x, b.x + b.width);
    const offset = horizontal ? Math.abs(by - cy) : Math.abs(bx - cx);
    const score = Math.max(0, edge) + (horizontal ? 4 : 8) * across + 0.1 * offset;
    const better = (than: CardBox | null, thanScore: number) =>
      score < thanScore - 1e-9 || (Math.abs(score - thanScore) <= 1e-9 && !!than && readingOrder(b, than) < 0);
    if (edge >= -0.5 && better(best.wholly, best.whollyScore)) {
      best.wholly = b;
      best.whollyScore = score;
    }
    if (better(best.beyond, best.beyondScore)) {
      best.beyond = b;
      best.beyondScore = score;
    }
  }
  return (best.wholly ?? best.beyond)?.id ?? null;
}

/** Top to bottom, then left to right. */
function readingOrder(a: CardBox, b: CardBox): number {
  return a.y - b.y || a.x - b.x;
}

/** The first card in reading order (Home) or the last (End). */
export function edgeCard(cards: readonly CardBox[], which: "first" | "last"): string | null {
  if (cards.length === 0) return null;
  let best = cards[0];
  for (const b of cards) {
    const o = readingOrder(b, best);
    if (which === "first" ? o < 0 : o > 0) best = b;
  }
  return best.id;
}

/** The viewport as the map shows it: its pan (`x`, `y`, screen pixels), zoom and size. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
}

/** Is the card's centre on screen (the map draws only cards on screen, so only those can
 * take focus)? */
export function centreShown(b: CardBox, v: Viewport): boolean {
  const sx = (b.x + b.width / 2) * v.zoom + v.x;
  const sy = (b.y + b.height / 2) * v.zoom + v.y;
  return sx >= 0 && sx <= v.width && sy >= 0 && sy <= v.height;
}

/**
 * The map's one Tab stop: the first of `preferred` (the card focused last, the selected
 * one, the first strategy goal) whose centre is on screen; else, of the cards on screen,
 * the one nearest the first preferred card (or, without one, the first in reading order).
 * Without a viewport (not measured yet), the first preferred card that exists.
 */
export function tabStop(cards: readonly CardBox[], preferred: readonly (string | null | undefined)[], v: Viewport | null): string | null {
  // (Run on every frame the map moves: a few scans, nothing built for every card.)
  const wanted = preferred.flatMap((id) => {
    const b = id ? cards.find((c) => c.id === id) : undefined;
    return b ? [b] : [];
  });
  if (!v || v.width <= 0 || v.height <= 0) return wanted[0]?.id ?? edgeCard(cards, "first");
  const shown = wanted.find((b) => centreShown(b, v));
  if (shown) return shown.id;
  const onScreen = cards.filter((b) => centreShown(b, v));
  if (onScreen.length === 0) return wanted[0]?.id ?? edgeCard(cards, "first");
  const to = wanted[0];
  if (!to) return edgeCard(onScreen, "first");
  const tx = to.x + to.width / 2;
  const ty = to.y + to.height / 2;
  let best = onScreen[0];
  let bestD = Infinity;
  for (const b of onScreen) {
    const d = Math.hypot(b.x + b.width / 2 - tx, b.y + b.height / 2 - ty);
    if (d < bestD) {
      best = b;
      bestD = d;
    }
  }
  return best.id;
}

/** The first strategy goal in reading order, else the first card: where the map's Tab stop
 * starts. */
export function startCard(nodes: readonly ViewNode[]): string | null {
  return edgeCard(
    nodes.filter((n) => n.kind === "goal" && n.strategy),
    "first",
  ) ?? edgeCard(nodes, "first");
}

/**
 * The pan that brings the whole card on screen with `margin` pixels around it, moving the
 * map as little as it can (null: it is on screen already). A card larger than the screen
 * shows its top left.
 */
export function panToShow(b: CardBox, v: Viewport, margin = 24): { x: number; y: number } | null {
  const left = b.x * v.zoom + v.x;
  const top = b.y * v.zoom + v.y;
  const right = left + b.width * v.zoom;
  const bottom = top + b.height * v.zoom;
  let dx = 0;
  let dy = 0;
  if (right > v.width - margin) dx = v.width - margin - right;
  if (left + dx < margin) dx = margin - left;
  if (bottom > v.height - margin) dy = v.height - margin - bottom;
  if (top + dy < margin) dy = margin - top;
  if (dx === 0 && dy === 0) return null;
  return { x: v.x + dx, y: v.y + dy };
}

const SEVERITY: Record<string, string> = { error: "error", warning: "warning", info: "info" };

/** What a screen reader says for a card: what it is, its title, whose it is, and its worst
 * finding ("Goal: 100 calls a week; owner Ali Hassan; 3 findings, worst: error; imposed by
 * Executive team"). */
export function cardName(n: ViewNode, mark?: ChangeMark | null): string {
  const kind =
    n.kind === "goal" ? (n.strategy ? "Strategy goal" : "Goal") : n.kind === "value" ? "Value" : n.kind === "person" ? "Person" : "Unit";
  const parts = [`${kind}: ${n.label}`];
  if (n.kind === "goal" && n.owner) parts.push(`owner ${n.owner}`);
  if (n.kind === "person" || n.kind === "unit") {
    if (n.detail) parts.push(n.detail);
  }
  if (n.severity) parts.push(`${n.findings} finding${n.findings === 1 ? "" : "s"}, worst: ${SEVERITY[n.severity]}`);
  else if (n.collapsed && n.inner_severity) parts.push(`worst inside: ${SEVERITY[n.inner_severity]}`);
  if (n.kind === "goal") {
    if (n.imposed_by) parts.push(`imposed by ${n.imposed_by}`);
    if (n.status && n.status !== "agreed") parts.push(n.status);
    if (!n.aligned && !n.strategy) parts.push("no line to strategy");
  }
  if (n.kind === "unit" && n.expandable) parts.push(n.collapsed ? `collapsed, ${n.hidden} more inside` : "expanded");
  if (mark) parts.push(`${MARKS[mark].word} since the comparison's before`);
  return parts.join("; ");
}
