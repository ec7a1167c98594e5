// Orthogonal routes for the map's `supports` links that keep off the cards: each link
// leaves its goal by a side, runs in the gap between columns, crosses over in a gap between
// cards and enters the goal it supports by a side. The candidates are few and each is
// scored by the cards it would cross; the best one wins.

export interface Rect {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Point = [number, number];

/** Half the layout's gap between columns (`H_GAP` in crates/throughline-view layout.rs). */
const SIDE = 14;
/** Above this many cards, links are not routed (the map draws plain smooth steps). */
export const ROUTE_MAX_CARDS = 400;
/** How long routing one view may take, in milliseconds. */
export const ROUTE_BUDGET_MS = 120;

function crosses(a: Point, b: Point, r: Rect): boolean {
  const [x1, x2] = a[0] < b[0] ? [a[0], b[0]] : [b[0], a[0]];
  const [y1, y2] = a[1] < b[1] ? [a[1], b[1]] : [b[1], a[1]];
  return x1 < r.x + r.width && x2 > r.x && y1 < r.y + r.height && y2 > r.y;
}

function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    const prev = out[out.length - 2];
    // Drop the middle of three points on one line.
    if (prev && last && ((prev[0] === last[0] && last[0] === p[0]) || (prev[1] === last[1] && last[1] === p[1]))) {
      out[out.length - 1] = p;
    } else {
      out.push(p);
    }
  }
  return out;
}

/** The route from `s` (the goal that supports) to `t` (the goal it supports). */
export function route(s: Rect, t: Rect, cards: readonly Rect[]): Point[] {
  const sy = s.y + s.height / 2;
  const ty = t.y + t.height / 2;
  const left = (r: Rect) => r.x - SIDE;
  const right = (r: Rect) => r.x + r.width + SIDE;
  const sCx = s.x + s.width / 2;
  const tCx = t.x + t.width / 2;
  // Sides facing each other first; the same side of both when they share a column.
  const xs: [number, number, number, number][] = [];
  for (const sSide of [sCx <= tCx ? "right" : "left", sCx <= tCx ? "left" : "right"]) {
    for (const tSide of ["left", "right"]) {
      const x1 = sSide === "right" ? right(s) : left(s);
      const x2 = tSide === "right" ? right(t) : left(t);
      xs.push([sSide === "right" ? s.x + s.width : s.x, x1, x2, tSide === "right" ? t.x + t.width : t.x]);
    }
  }
  // Every candidate stays within the two cards' box widened by the side channels.
  const lo = Math.min(s.y, t.y) - 40;
  const hi = Math.max(s.y + s.height, t.y + t.height) + 40;
  const west = Math.min(s.x, t.x) - 2 * SIDE;
  const east = Math.max(s.x + s.width, t.x + t.width) + 2 * SIDE;
  const near = cards.filter(
    (c) => c.id !== s.id && c.id !== t.id && c.y < hi && c.y + c.height > lo && c.x < east && c.x + c.width > west,
  );
  // Where the link may cross over: level with either end, or in a gap above or below a card.
  const ys = new Set<number>([sy, ty]);
  for (const c of near) {
    ys.add(c.y - 5);
    ys.add(c.y + c.height + 5);
  }
  let best: Point[] | null = null;
  let bestScore = Infinity;
  for (const [sx, x1, x2, tx] of xs) {
    for (const yh of ys) {
      const points = simplify([
        [sx, sy],
        [x1, sy],
        [x1, yh],
        [x2, yh],
        [x2, ty],
        [tx, ty],
      ]);
      let score = points.length * 20;
      for (let i = 1; i < points.length; i++) {
        score += Math.abs(points[i][0] - points[i - 1][0]) + Math.abs(points[i][1] - points[i - 1][1]);
      }
      // Each card crossed costs more than any detour; stop counting once it cannot win.
      for (let i = 1; i < points.length && score < bestScore; i++) {
        for (const c of near) {
          if (crosses(points[i - 1], points[i], c)) {
            score += 100000;
            if (score >= bestScore) break;
          }
        }
      }
      if (score < bestScore) {
        bestScore = score;
        best = points;
      }
    }
  }
  return best ?? [
    [s.x + s.width / 2, s.y],
    [t.x + t.width / 2, t.y + t.height],
  ];
}

/** An SVG path through `points` with rounded corners. */
export function pathOf(points: Point[], radius = 8): string {
  if (points.length === 0) return "";
  let d = `M ${points[0][0]} ${points[0][1]}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [px, py] = points[i - 1];
    const [x, y] = points[i];
    const [nx, ny] = points[i + 1];
    const r = Math.min(radius, Math.hypot(x - px, y - py) / 2, Math.hypot(nx - x, ny - y) / 2);
    const ax = x - Math.sign(x - px) * r;
    const ay = y - Math.sign(y - py) * r;
    const bx = x + Math.sign(nx - x) * r;
    const by = y + Math.sign(ny - y) * r;
    d += ` L ${ax} ${ay} Q ${x} ${y} ${bx} ${by}`;
  }
  const last = points[points.length - 1];
  return `${d} L ${last[0]} ${last[1]}`;
}

/** Gap the layout leaves between a card and the goals stacked under it (`STACK_GAP`). */
const STACK_GAP = 10;
/** Half the layout's gap between rows (`V_GAP`). */
const HALF_ROW_GAP = 40;

/**
 * The bottom of each card's stack: the card and the goals stacked under it (same left edge,
 * one under the other), by id.
 */
export function stackBottoms(cards: readonly Rect[]): Map<string, number> {
  const byX = new Map<number, Rect[]>();
  for (const c of cards) {
    const col = byX.get(c.x) ?? [];
    col.push(c);
    byX.set(c.x, col);
  }
  const out = new Map<string, number>();
  for (const col of byX.values()) {
    col.sort((a, b) => a.y - b.y);
    // From the bottom up: a card's stack ends where the next card is not right under it.
    let bottom = -Infinity;
    for (let i = col.length - 1; i >= 0; i--) {
      const c = col[i];
      const next = col[i + 1];
      const end = c.y + c.height;
      bottom = next && next.y >= end && next.y - end <= STACK_GAP + 2 ? bottom : end;
      out.set(c.id, bottom);
    }
  }
  return out;
}

/** A structure link from a unit to a card of the row below: down from under the unit's
 * stack of goals (not behind it), across in the gap above the row, down into the card. */
export function stem(s: Rect, stackBottom: number, t: Rect): Point[] {
  // A card beside, not below (a line of sight's path): from side to side, through the gap.
  if (t.y < stackBottom && t.x >= s.x + s.width) {
    const gap = (s.x + s.width + t.x) / 2;
    const sy = s.y + Math.min(s.height, t.height) / 2;
    return simplify([
      [s.x + s.width, sy],
      [gap, sy],
      [gap, t.y + t.height / 2],
      [t.x, t.y + t.height / 2],
    ]);
  }
  const sx = s.x + s.width / 2;
  const tx = t.x + t.width / 2;
  const mid = Math.max(stackBottom + 4, t.y - HALF_ROW_GAP);
  return simplify([
    [sx, stackBottom],
    [sx, mid],
    [tx, mid],
    [tx, t.y],
  ]);
}

/** Whether a link is drawn: a goal's second parents (`supports_secondary`) only while one of
 * its two cards is hovered or selected (drawn always, they would cross everything). */
export function linkShown(
  e: { kind: string; source: string; target: string },
  hovered: string | null,
  selected: string | null,
): boolean {
  if (e.kind !== "supports_secondary") return true;
  return [hovered, selected].some((id) => id !== null && (e.source === id || e.target === id));
}
