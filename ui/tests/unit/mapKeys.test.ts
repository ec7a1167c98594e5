import { describe, expect, it } from "vitest";
import type { ViewNode } from "../../src/bindings";
import { cardName, centreShown, edgeCard, nextCard, panToShow, startCard, tabStop, type CardBox } from "../../src/lib/mapKeys";

/** Acme's first view as the Rust layout places it (map units). */
const ACME: CardBox[] = [
  ["grow", 402, 0, 92],
  ["integrity", 670, 0, 92],
  ["growth", 938, 0, 92],
  ["acme", 670, 172, 100],
  ["board", 0, 352, 100],
  ["sales", 469, 352, 100],
  ["sales-revenue", 469, 462, 92],
  ["sales-win-rate", 469, 564, 92],
  ["forecast-95", 469, 768, 92],
  ["marketing", 1072, 352, 100],
  ["ceo", 0, 940, 100],
  ["cso", 268, 940, 100],
  ["cso-revenue", 268, 1050, 92],
  ["sales-north", 670, 940, 100],
  ["rep1", 536, 1222, 100],
  ["rep2", 804, 1222, 100],
].map(([id, x, y, height]) => ({ id: id as string, x: x as number, y: y as number, width: 240, height: height as number }));

const node = (over: Partial<ViewNode>): ViewNode => ({
  id: "g",
  kind: "goal",
  label: "100 calls a week",
  detail: "Calls · 100",
  owner: "Ali Hassan",
  x: 0,
  y: 0,
  width: 240,
  height: 92,
  severity: null,
  findings: 0,
  inner_severity: null,
  strategy: false,
  status: null,
  imposed_by: null,
  aligned: true,
  unit_kind: null,
  collapsed: false,
  hidden: 0,
  expandable: false,
  function: null,
  ...over,
});

describe("the arrows", () => {
  it("go to the nearest card that way, in its row or column", () => {
    expect(nextCard(ACME, "grow", "right")).toBe("integrity");
    expect(nextCard(ACME, "integrity", "left")).toBe("grow");
    expect(nextCard(ACME, "integrity", "down")).toBe("acme");
    expect(nextCard(ACME, "acme", "up")).toBe("integrity");
    // Straight below beats closer but off to the side.
    expect(nextCard(ACME, "grow", "down")).toBe("sales");
    expect(nextCard(ACME, "sales", "down")).toBe("sales-revenue");
    expect(nextCard(ACME, "sales-revenue", "down")).toBe("sales-win-rate");
    // Up from a person, their unit above (overlapping), not a nearer card beside it.
    expect(nextCard(ACME, "rep1", "up")).toBe("sales-north");
    expect(nextCard(ACME, "cso", "right")).toBe("sales-north");
    expect(nextCard(ACME, "sales-north", "left")).toBe("cso");
  });

  it("prefer a card wholly that way to one overlapping the current card across", () => {
    // Northwind's organisation card: a value above it overlaps it, the executive team below
    // is wholly to its left.
    const cards: CardBox[] = [
      { id: "org", x: 620, y: 354, width: 173, height: 70 },
      { id: "value", x: 521, y: 228, width: 174, height: 66 },
      { id: "board", x: 425, y: 485, width: 173, height: 70 },
      { id: "above", x: 620, y: 100, width: 173, height: 70 },
    ];
    expect(nextCard(cards, "org", "left")).toBe("board");
    // Nothing wholly to the right: the one whose centre is.
    const stairs: CardBox[] = [
      { id: "a", x: 0, y: 0, width: 100, height: 50 },
      { id: "b", x: 60, y: 100, width: 100, height: 50 },
    ];
    expect(nextCard(stairs, "a", "right")).toBe("b");
    expect(nextCard(stairs, "b", "left")).toBe("a");
    // Along a row, past the parent card above and between.
    expect(nextCard(ACME, "sales", "right")).toBe("marketing");
    expect(nextCard(ACME, "marketing", "left")).toBe("sales");
  });

  it("break ties in reading order, and stay at the edge", () => {
    // Hannah Cole's and Sales North's cards overlap the forecast's column as much.
    expect(nextCard(ACME, "forecast-95", "down")).toBe("cso");
    expect(nextCard(ACME, "grow", "up")).toBeNull();
    expect(nextCard(ACME, "board", "left")).toBeNull();
    expect(nextCard(ACME, "nowhere", "left")).toBeNull();
    expect(nextCard([], "grow", "left")).toBeNull();
  });

  it("are undone by the opposite arrow along a row", () => {
    for (const b of ACME) {
      const r = nextCard(ACME, b.id, "right");
      if (r && b.y === ACME.find((c) => c.id === r)!.y) expect(nextCard(ACME, r, "left")).toBe(b.id);
    }
  });

  it("Home and End go to the first and last cards in reading order", () => {
    expect(edgeCard(ACME, "first")).toBe("grow");
    expect(edgeCard(ACME, "last")).toBe("rep2");
    expect(edgeCard([], "first")).toBeNull();
  });
});

describe("the map's Tab stop", () => {
  const screen = { x: 0, y: 0, zoom: 0.5, width: 800, height: 600 };

  it("starts at the first strategy goal", () => {
    const nodes = [node({ id: "a", x: 0, y: 300 }), node({ id: "s2", strategy: true, x: 500, y: 0 }), node({ id: "s1", strategy: true, x: 100, y: 0 })];
    expect(startCard(nodes)).toBe("s1");
    expect(startCard([node({ id: "a", y: 5 }), node({ id: "b", y: 1 })])).toBe("b");
    expect(startCard([])).toBeNull();
  });

  it("is the first preferred card on screen, else the card on screen nearest it", () => {
    expect(tabStop(ACME, ["sales", "grow"], screen)).toBe("sales");
    expect(tabStop(ACME, [null, "acme", "grow"], screen)).toBe("acme");
    // rep1 is below the screen: the card on screen nearest it, its unit.
    expect(tabStop(ACME, ["rep1"], screen)).toBe("sales-north");
    // The same, panned down: rep1 is shown.
    expect(tabStop(ACME, ["rep1"], { ...screen, y: -400 })).toBe("rep1");
    // Gone from the map: the next preferred.
    expect(tabStop(ACME, ["gone", "integrity"], screen)).toBe("integrity");
    // Nothing preferred: the first card on screen.
    expect(tabStop(ACME, [], { ...screen, y: -400 })).toBe("forecast-95");
    // Not measured yet: the first preferred.
    expect(tabStop(ACME, ["rep1"], null)).toBe("rep1");
  });

  it("counts a card on screen when its centre is", () => {
    const b = { id: "b", x: 1400, y: 0, width: 240, height: 92 };
    expect(centreShown(b, screen)).toBe(true); // (1400 + 120) × 0.5 = 760 < 800
    expect(centreShown({ ...b, x: 1700 }, screen)).toBe(false);
  });
});

describe("panning to a card", () => {
  const v = { x: 0, y: 0, zoom: 0.5, width: 800, height: 600 };
  it("does not move a card already on screen", () => {
    expect(panToShow({ id: "a", x: 100, y: 100, width: 240, height: 92 }, v)).toBeNull();
  });
  it("moves the map as little as shows the card with a margin", () => {
    // Bottom at (1300 + 92) × 0.5 = 696: up by 696 − 576.
    expect(panToShow({ id: "a", x: 100, y: 1300, width: 240, height: 92 }, v)).toEqual({ x: 0, y: -120 });
    // Left of the screen: right until its left edge is 24 px in.
    expect(panToShow({ id: "a", x: -400, y: 100, width: 240, height: 92 }, { ...v, x: 10 })).toEqual({ x: 224, y: 0 });
    // Larger than the screen: its top left shows.
    expect(panToShow({ id: "a", x: 0, y: 100, width: 4000, height: 92 }, { ...v, x: -100 })).toEqual({ x: 24, y: 0 });
  });
});

describe("a card's accessible name", () => {
  it("says what it is, its title, whose it is and its worst finding", () => {
    expect(cardName(node({ severity: "error", findings: 3, imposed_by: "Executive team", aligned: false }))).toBe(
      "Goal: 100 calls a week; owner Ali Hassan; 3 findings, worst: error; imposed by Executive team; no line to strategy",
    );
    expect(cardName(node({ strategy: true, owner: "Acme", label: "Grow revenue 25%" }))).toBe("Strategy goal: Grow revenue 25%; owner Acme");
    expect(cardName(node({ status: "disputed", severity: "warning", findings: 1 }))).toBe(
      "Goal: 100 calls a week; owner Ali Hassan; 1 finding, worst: warning; disputed",
    );
    expect(cardName(node({ kind: "unit", label: "Sales", detail: "Function · 8 people", owner: null, expandable: true, collapsed: true, hidden: 8, inner_severity: "error" }))).toBe(
      "Unit: Sales; Function · 8 people; worst inside: error; collapsed, 8 more inside",
    );
    expect(cardName(node({ kind: "person", label: "Maria Lopez", detail: "CEO · Executive team", owner: null }))).toBe("Person: Maria Lopez; CEO · Executive team");
    expect(cardName(node({ kind: "value", label: "Integrity", detail: "1 behaviour", owner: null }))).toBe("Value: Integrity");
    // Compared with now, its mark last.
    expect(cardName(node({}), "relinked")).toBe("Goal: 100 calls a week; owner Ali Hassan; re-linked since the comparison's before");
    expect(cardName(node({}), null)).toBe("Goal: 100 calls a week; owner Ali Hassan");
  });
});
