// The alignment views' drawing arithmetic, pure (vitest): the flow diagram's layout, the
// heat map's shading and the words for counts.

/** "1 goal", "3 goals"; `many` when the plural is not `one` + "s". */
export function plural(n: number, one: string, many?: string): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : (many ?? `${one}s`)}`;
}

/** A count with grouped digits: 12643 → "12,643". */
export function num(n: number): string {
  return n.toLocaleString("en-GB");
}

/** The width, in pixels, the longest of `labels` needs at `px` (a generous estimate for a
 * bold sans-serif: 0.62 em a character), so the flow diagram's names are not cut. */
export function labelRoom(labels: string[], px: number): number {
  return Math.ceil(Math.max(0, ...labels.map((l) => l.length)) * px * 0.62);
}

/** "25%" of `part` in `whole` (rounded; "" when the whole is empty). */
export function percent(part: number, whole: number): string {
  return whole === 0 ? "" : `${Math.round((100 * part) / whole)}%`;
}

/** A heat-map cell's background: the accent mixed in by its share of the largest cell, at
 * most 55% so the cell's text keeps its contrast. Nothing for an empty cell. */
export function heat(n: number, max: number): string | undefined {
  if (n <= 0 || max <= 0) return undefined;
  const pct = Math.round(8 + (47 * n) / max);
  return `color-mix(in srgb, var(--accent) ${pct}%, var(--panel))`;
}

export interface FlowNode {
  /** The function's place in the view's `functions`. */
  index: number;
  y: number;
  h: number;
  /** Goals through this node. */
  total: number;
}

export interface FlowBand {
  setter: number;
  owner: number;
  /** Where the band leaves its setter and reaches its owner (top edges), and its height. */
  y0: number;
  y1: number;
  h: number;
}

/** Bands below this height are drawn this high, so one goal stays visible and clickable. */
export const MIN_BAND = 6;
/** The gap between two functions of a column. */
export const GAP = 18;

/**
 * The bipartite flow diagram's layout from the matrix of goals (`cells[setter][owner]`, the
 * `goals` of each): setters on the left in the view's order, owners on the right ordered by
 * where their goals come from (the mean place of their setters, weighted by goals, so bands
 * cross less), each function as tall as the bands through it, bands stacked in the other
 * side's order, `height` shared by the goals (at least `MIN_BAND` a band).
 */
export function flowLayout(cells: { goals: number }[][], height: number): { left: FlowNode[]; right: FlowNode[]; bands: FlowBand[]; height: number } {
  const n = cells.length;
  const pairs: { s: number; o: number; g: number }[] = [];
  for (let s = 0; s < n; s++) for (let o = 0; o < n; o++) if (s !== o && cells[s][o].goals > 0) pairs.push({ s, o, g: cells[s][o].goals });
  if (pairs.length === 0) return { left: [], right: [], bands: [], height: 0 };
  const total = pairs.reduce((a, p) => a + p.g, 0);
  const setters = [...new Set(pairs.map((p) => p.s))].sort((a, b) => a - b);
  const rank = new Map(setters.map((s, i) => [s, i]));
  const bary = new Map<number, number>();
  for (const o of new Set(pairs.map((p) => p.o))) {
    const into = pairs.filter((p) => p.o === o);
    bary.set(o, into.reduce((a, p) => a + rank.get(p.s)! * p.g, 0) / into.reduce((a, p) => a + p.g, 0));
  }
  const owners = [...bary.keys()].sort((a, b) => bary.get(a)! - bary.get(b)! || a - b);
  const place = new Map(owners.map((o, i) => [o, i]));
  pairs.sort((a, b) => a.s - b.s || place.get(a.o)! - place.get(b.o)!);
  const gaps = Math.max(setters.length, owners.length) - 1;
  const scale = Math.max(0, height - gaps * GAP) / total;
  const thick = (g: number) => Math.max(MIN_BAND, g * scale);
  const column = (ids: number[], through: (i: number) => { g: number }[]) => {
    const nodes: FlowNode[] = [];
    let y = 0;
    for (const i of ids) {
      const bands = through(i);
      const h = bands.reduce((a, p) => a + thick(p.g), 0);
      nodes.push({ index: i, y, h, total: bands.reduce((a, p) => a + p.g, 0) });
      y += h + GAP;
    }
    return { nodes, bottom: y - GAP };
  };
  const left = column(setters, (s) => pairs.filter((p) => p.s === s));
  const right = column(owners, (o) => pairs.filter((p) => p.o === o));
  // Each band leaves its setter in owner order and reaches its owner in setter order.
  const outY = new Map(left.nodes.map((x) => [x.index, x.y]));
  const inY = new Map(right.nodes.map((x) => [x.index, x.y]));
  const bands: FlowBand[] = [];
  for (const p of pairs) {
    const h = thick(p.g);
    bands.push({ setter: p.s, owner: p.o, y0: outY.get(p.s)!, y1: 0, h });
    outY.set(p.s, outY.get(p.s)! + h);
  }
  for (const b of [...bands].sort((a, c) => place.get(a.owner)! - place.get(c.owner)! || rank.get(a.setter)! - rank.get(c.setter)!)) {
    b.y1 = inY.get(b.owner)!;
    inY.set(b.owner, b.y1 + b.h);
  }
  return { left: left.nodes, right: right.nodes, bands, height: Math.max(left.bottom, right.bottom) };
}
