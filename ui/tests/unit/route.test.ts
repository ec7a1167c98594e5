import { describe, expect, it } from "vitest";
import { linkShown, pathOf, route, stackBottoms, stem, type Point, type Rect } from "../../src/lib/route";

const card = (id: string, x: number, y: number, width = 240, height = 92): Rect => ({ id, x, y, width, height });

/** Whether a route's segments pass through a card's inside. */
function crosses(points: Point[], r: Rect): boolean {
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    const [x1, x2] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
    const [y1, y2] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
    if (x1 < r.x + r.width && x2 > r.x && y1 < r.y + r.height && y2 > r.y) return true;
  }
  return false;
}

describe("links routed around the cards", () => {
  it("goes round a card that stands between two goals of one stack", () => {
    const top = card("top", 0, 0);
    const middle = card("middle", 0, 102);
    const bottom = card("bottom", 0, 204);
    const points = route(bottom, top, [top, middle, bottom]);
    expect(crosses(points, middle)).toBe(false);
    // Orthogonal: every segment is horizontal or vertical.
    for (let i = 1; i < points.length; i++) {
      expect(points[i][0] === points[i - 1][0] || points[i][1] === points[i - 1][1]).toBe(true);
    }
  });

  it("crosses over in a gap, not through the cards of the row between", () => {
    const strategy = card("strategy", 536, 0);
    const row = [card("a", 0, 300), card("b", 268, 300), card("c", 536, 300)];
    const goal = card("goal", 0, 600);
    const points = route(goal, strategy, [strategy, ...row, goal]);
    for (const r of row) expect(crosses(points, r)).toBe(false);
    expect(points[0][1]).toBe(600 + 46);
    expect(points[points.length - 1][1]).toBe(46);
  });

  it("structure links start under their unit's stack of goals", () => {
    const unit = card("unit", 0, 0, 240, 100);
    const g1 = card("g1", 0, 110);
    const g2 = card("g2", 0, 212);
    const child = card("child", 268, 400, 240, 100);
    const bottoms = stackBottoms([unit, g1, g2, child]);
    expect(bottoms.get("unit")).toBe(304);
    expect(bottoms.get("child")).toBe(500);
    const points = stem(unit, bottoms.get("unit")!, child);
    expect(points[0]).toEqual([120, 304]);
    expect(points[points.length - 1]).toEqual([388, 400]);
    expect(crosses(points, g1) || crosses(points, g2)).toBe(false);
  });

  it("shows a goal's second parents only while it or the parent is hovered or selected", () => {
    const second = { kind: "supports_secondary", source: "g", target: "p2" };
    expect(linkShown(second, null, null)).toBe(false);
    expect(linkShown(second, "g", null)).toBe(true);
    expect(linkShown(second, null, "p2")).toBe(true);
    expect(linkShown(second, "other", "other")).toBe(false);
    expect(linkShown({ kind: "supports", source: "g", target: "p1" }, null, null)).toBe(true);
  });

  it("draws rounded corners", () => {
    expect(pathOf([[0, 0], [0, 50], [50, 50]])).toBe("M 0 0 L 0 42 Q 0 50 8 50 L 50 50");
  });
});
