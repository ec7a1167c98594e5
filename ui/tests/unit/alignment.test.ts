import { describe, expect, it } from "vitest";
import { flowLayout, GAP, heat, labelRoom, MIN_BAND, num, percent, plural } from "../../src/lib/alignment";

const cells = (m: number[][]) => m.map((row) => row.map((goals) => ({ goals })));

describe("flowLayout", () => {
  it("lays setters left and owners right, each as tall as its bands, bands stacked so they cross less", () => {
    // 0 sets 10 on 1 and 5 on 2; 3 sets 5 on 1.
    const l = flowLayout(
      cells([
        [0, 10, 5, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 5, 0, 0],
      ]),
      200 + GAP,
    );
    expect(l.left.map((n) => [n.index, n.total])).toEqual([
      [0, 15],
      [3, 5],
    ]);
    // 2 gets its goals from the first setter only, 1 from both: 2 comes first.
    expect(l.right.map((n) => [n.index, n.total])).toEqual([
      [2, 5],
      [1, 15],
    ]);
    // 20 goals share 200 px (one gap): 10 px a goal.
    expect(l.left[0]).toMatchObject({ y: 0, h: 150 });
    expect(l.left[1]).toMatchObject({ y: 150 + GAP, h: 50 });
    expect(l.height).toBe(200 + GAP);
    const band = (s: number, o: number) => l.bands.find((b) => b.setter === s && b.owner === o)!;
    // 0 → 2 leaves 0 first, then 0 → 1, which reaches 1 first; 3 → 1 reaches 1 under it:
    // no band crosses another.
    expect(band(0, 2)).toMatchObject({ y0: 0, y1: 0, h: 50 });
    expect(band(0, 1)).toMatchObject({ y0: 50, y1: 50 + GAP, h: 100 });
    expect(band(3, 1)).toMatchObject({ y0: 150 + GAP, y1: 150 + GAP, h: 50 });
  });

  it("keeps one goal visible next to thousands, and ignores the diagonal", () => {
    const l = flowLayout(
      cells([
        [7, 5000],
        [1, 0],
      ]),
      400,
    );
    expect(l.bands.length).toBe(2);
    expect(l.bands.find((b) => b.setter === 1)!.h).toBe(MIN_BAND);
  });

  it("draws nothing when no function sets goals on another", () => {
    expect(flowLayout(cells([[3]]), 400)).toEqual({ left: [], right: [], bands: [], height: 0 });
  });
});

describe("words and shading", () => {
  it("counts", () => {
    expect(plural(1, "goal")).toBe("1 goal");
    expect(plural(12643, "goal")).toBe("12,643 goals");
    expect(plural(2, "person", "people")).toBe("2 people");
    expect(percent(3, 9)).toBe("33%");
    expect(percent(0, 0)).toBe("");
    expect(num(10733)).toBe("10,733");
    // "3,170 Customer Success" at 18 px: 22 characters.
    expect(labelRoom(["65 Executive team", "3,170 Customer Success"], 18)).toBe(Math.ceil(22 * 18 * 0.62));
    expect(labelRoom([], 18)).toBe(0);
  });
  it("shades by share of the largest cell, never past 55%", () => {
    expect(heat(0, 6)).toBeUndefined();
    expect(heat(6, 6)).toBe("color-mix(in srgb, var(--accent) 55%, var(--panel))");
    expect(heat(1, 6)).toBe("color-mix(in srgb, var(--accent) 16%, var(--panel))");
  });
});
