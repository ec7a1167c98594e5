import { describe, expect, it } from "vitest";
import { formatDelta, formatIndex, groupFindings, parseTarget, severityLabel, snapshotTime } from "../../src/lib/format";
import type { FindingRow } from "../../src/bindings";

function row(rule: string, severity: "error" | "warning" | "info", subject: string): FindingRow {
  return {
    finding: { rule, severity, subject, related: [], message: "m" },
    subject_label: subject,
    related_labels: [],
    rule_name: `${rule} name`,
    rule_summary: `${rule} summary`,
    function: null,
    function_name: null,
    owner_label: null,
    setter_label: null,
    related_text: null,
  };
}

describe("format helpers", () => {
  it("labels severities with counts", () => {
    expect(severityLabel("error", 1)).toBe("1 error");
    expect(severityLabel("warning", 3)).toBe("3 warnings");
    expect(severityLabel("info", 4)).toBe("4 info");
    expect(severityLabel("warning")).toBe("Warning");
  });

  it("shows the index with one decimal, or a dash", () => {
    expect(formatIndex(71.4)).toBe("71.4%");
    expect(formatIndex(100)).toBe("100.0%");
    expect(formatIndex(null)).toBe("—");
  });

  it("groups findings by severity then rule, keeping order", () => {
    const groups = groupFindings([
      row("conflicting-goals", "error", "a"),
      row("imposed-goal", "error", "b"),
      row("imposed-goal", "error", "c"),
      row("lagging-only", "info", "d"),
    ]);
    expect(groups.map((g) => g.severity)).toEqual(["error", "info"]);
    expect(groups[0].rules.map((r) => [r.rule, r.rows.length])).toEqual([
      ["conflicting-goals", 1],
      ["imposed-goal", 2],
    ]);
  });

  it("parses targets strictly", () => {
    expect(parseTarget("")).toEqual({});
    expect(parseTarget("8,000,000")).toEqual({ value: 8000000 });
    expect(parseTarget("2.5")).toEqual({ value: 2.5 });
    expect(parseTarget("lots").error).toMatch(/not a number/);
  });
});

describe("the before / after view's words", () => {
  it("says an index delta with its sign, or no change", () => {
    expect(formatDelta(11.9)).toBe("+11.9");
    expect(formatDelta(-2)).toBe("−2.0");
    expect(formatDelta(0)).toBe("no change");
    expect(formatDelta(null)).toBe("");
  });
  it("shows a snapshot's time, or the text it could not read", () => {
    expect(snapshotTime("2026-11-28T12:01:00Z")).toMatch(/^2026-11-28 \d\d:01$/);
    expect(snapshotTime("not a date")).toBe("not a date");
  });
});
