import { describe, expect, it } from "vitest";
import type { FindingRow, PatternRow } from "../../src/bindings";
import { captionKicker, findingCount, firstSentence, nextStep, overviewLine, patternFocus, presentKey, stepLabel } from "../../src/lib/present";
import { groupView } from "../../src/lib/view";
import { localUrls, pictureFileName, styleText } from "../../src/lib/mapImage";

describe("presenting: the keys a clicker sends", () => {
  it("steps with the arrows and PageDown / PageUp, leaves with Escape", () => {
    expect(presentKey({ key: "ArrowRight" })).toBe("next");
    expect(presentKey({ key: "PageDown" })).toBe("next");
    expect(presentKey({ key: "ArrowLeft" })).toBe("previous");
    expect(presentKey({ key: "PageUp" })).toBe("previous");
    expect(presentKey({ key: "Home" })).toBe("first");
    expect(presentKey({ key: "End" })).toBe("last");
    expect(presentKey({ key: "Escape" })).toBe("leave");
    expect(presentKey({ key: "a" })).toBeNull();
    // With a modifier the key is someone else's (Ctrl+→ in a field, Alt+← in a browser).
    expect(presentKey({ key: "ArrowRight", ctrlKey: true })).toBeNull();
    expect(presentKey({ key: "ArrowLeft", altKey: true })).toBeNull();
  });
  it("goes from the overview (-1) through the patterns, and stops at either end", () => {
    expect(nextStep(-1, "next", 3)).toBe(0);
    expect(nextStep(2, "next", 3)).toBe(2);
    expect(nextStep(0, "previous", 3)).toBe(-1);
    expect(nextStep(-1, "previous", 3)).toBe(-1);
    expect(nextStep(1, "last", 3)).toBe(2);
    expect(nextStep(2, "first", 3)).toBe(-1);
    expect(nextStep(-1, "next", 0)).toBe(-1);
  });
  it("counts the steps", () => {
    expect(stepLabel(-1, 12)).toBe("Overview");
    expect(stepLabel(2, 12)).toBe("3 of 12");
    expect(stepLabel(0, 1234)).toBe("1 of 1,234");
    expect(findingCount(1)).toBe("1 finding");
    expect(findingCount(243)).toBe("243 findings");
    expect(overviewLine(27, 9867)).toBe("27 patterns in 9,867 findings");
    expect(overviewLine(1, 1)).toBe("1 pattern in 1 finding");
  });
});

describe("presenting: the caption", () => {
  const pattern = (count: number, fn: string | null = "Sales"): PatternRow => ({
    index: 0,
    rule: "conflicting-goals",
    rule_name: "Conflicting goals",
    severity: "error",
    count,
    message: "3 pairs of goals in Sales pull against each other.",
    function_name: fn,
  });
  it("says the severity, the rule, the count and the function", () => {
    expect(captionKicker(pattern(3))).toBe("Error · Conflicting goals · 3 findings · Sales");
    expect(captionKicker(pattern(3, null))).toBe("Error · Conflicting goals · 3 findings");
    // A pattern of one names its subject.
    expect(captionKicker(pattern(1), "Win 30% of qualified deals")).toBe("Error · Conflicting goals · Win 30% of qualified deals · Sales");
    expect(captionKicker(pattern(1))).toBe("Error · Conflicting goals · 1 finding · Sales");
  });
  it("takes the first sentence of why it matters, without markup or line breaks", () => {
    expect(firstSentence("People cannot be accountable for two numbers\nwithout anyone saying which wins. The classic case: …")).toBe(
      "People cannot be accountable for two numbers without anyone saying which wins.",
    );
    expect(firstSentence("A `volume` goal is *paid* for. Then more.")).toBe("A volume goal is paid for.");
    expect(firstSentence("Targets such as e.g. calls per week matter")).toBe("Targets such as e.g. calls per week matter");
  });
  it("shows each subject once and the related items that are not subjects", () => {
    const row = (subject: string, related: string[]) => ({ finding: { subject, related } }) as unknown as FindingRow;
    expect(patternFocus([row("a", ["x"]), row("b", ["x", "a"]), row("a", ["y"])])).toEqual({ subjects: ["a", "b"], related: ["x", "y"] });
  });
  it("brings a group of cards into view, never below a readable zoom", () => {
    const cards = [
      { x: 0, y: 0, width: 200, height: 100 },
      { x: 800, y: 300, width: 200, height: 100 },
    ];
    expect(groupView(cards, 1200, 800, 0.7, 1.2, 100)).toEqual({ x: 500, y: 200, zoom: 1 });
    // Too far apart to read both: the first one, in the middle, at the readable zoom.
    expect(groupView(cards, 600, 400, 0.7, 1.2, 100)).toEqual({ x: 100, y: 50, zoom: 0.7 });
    // The others that fit with the first are kept, those that do not are left out.
    const three = [cards[0], { x: 300, y: 0, width: 200, height: 100 }, cards[1]];
    expect(groupView(three, 600, 400, 0.7, 1.2, 100)).toEqual({ x: 250, y: 50, zoom: 0.7 });
    expect(groupView([cards[0]], 1200, 800, 0.7, 1.2, 100)!.zoom).toBe(1.2);
    expect(groupView([], 1200, 800, 0.7, 1.2)).toBeNull();
  });
});

describe("the map as a picture", () => {
  it("writes only what the picture would not get anyway", () => {
    const defaults = new Map([
      ["color", "rgb(0, 0, 0)"],
      ["display", "block"],
      ["font-size", "16px"],
    ]);
    const parent = new Map([
      ["color", "rgb(255, 0, 0)"],
      ["display", "block"],
      ["font-size", "16px"],
    ]);
    // Equal to both the default and the parent: nothing; inherited from a red parent but
    // black itself: written (the copy would otherwise inherit red).
    const own = new Map([
      ["color", "rgb(0, 0, 0)"],
      ["display", "block"],
      ["font-size", "20px"],
      ["--k", "1.35"],
      ["transition-duration", "0.2s"],
      ["inline-size", "200px"],
    ]);
    expect(styleText(own, parent, defaults)).toBe("color:rgb(0, 0, 0);font-size:20px");
    // The root writes what differs from the defaults.
    expect(styleText(own, null, defaults)).toBe("font-size:20px");
    // A clamped title keeps its ellipsis.
    expect(styleText(new Map([["display", "flow-root"], ["-webkit-line-clamp", "2"]]), null, new Map([["-webkit-line-clamp", "none"]]))).toBe(
      "display:-webkit-box;-webkit-line-clamp:2",
    );
  });
  it("points markers and patterns at the picture's own copies", () => {
    expect(localUrls('url("http://127.0.0.1:4000/mock.html#1__type=arrowclosed")')).toBe("url(#1__type=arrowclosed)");
    expect(localUrls("url(#pattern-1)")).toBe("url(#pattern-1)");
    expect(localUrls("none")).toBe("none");
  });
  it("names the file after the organisation and the day, without characters a file system refuses", () => {
    expect(pictureFileName("Northwind Software", "2026-12-07", "png")).toBe("Northwind Software – map – 2026-12-07.png");
    expect(pictureFileName('A/B: "C"', "2026-12-07", "svg")).toBe("A B C – map – 2026-12-07.svg");
    expect(pictureFileName("  ", "2026-12-07", "svg")).toBe("Throughline – map – 2026-12-07.svg");
  });
});
