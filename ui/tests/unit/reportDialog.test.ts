import { describe, expect, it } from "vitest";
import type { SnapshotEntry } from "../../src/bindings";
import { defaultSnapshot } from "../../src/components/ReportDialog";

const entry = (id: number, name: string, auto: boolean): SnapshotEntry => ({
  snapshot: { id, name, created_at: "2026-11-28T09:00:00Z", auto },
  alignment_index: 71.4,
  findings: 17,
});

describe("defaultSnapshot", () => {
  it("is the newest snapshot the user saved, passing over automatic ones", () => {
    const list = [entry(3, "Before restoring “x”", true), entry(2, "Before the workshop", false), entry(1, "Q3", false)];
    expect(defaultSnapshot(list)).toBe(2);
  });
  it("is the newest when all are automatic, and none without snapshots", () => {
    expect(defaultSnapshot([entry(5, "Before import of a.csv", true), entry(4, "b", true)])).toBe(5);
    expect(defaultSnapshot([])).toBeNull();
  });
});
