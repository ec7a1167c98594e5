import { describe, expect, it } from "vitest";
import type { FieldMapping, ImportRequest } from "../../src/bindings";
import { chooseColumn, choicesFor, count, levelNumber, resetColumns, size, unitLevels, withLevels } from "../../src/lib/importing";

const t = { file: "people.csv", sheet: null };
const other = { file: "okr.xlsx", sheet: "Goals" };
const request: ImportRequest = {
  target: "open",
  organisation: null,
  columns: [{ ...other, header: "Owner", field: "owner" }],
  levels: null,
  date_order: null,
  decimal_comma: false,
  remove_missing: false,
};
const field = (f: string, header: string | null): FieldMapping => ({ field: f, label: f, hint: "", required: false, header });

describe("column choices", () => {
  it("gives a field another column and ignores the one that gave it", () => {
    const fields = [field("manager", "Manager"), field("email", null)];
    const r = chooseColumn(request, t, fields, "manager", "Supervisor Name");
    expect(choicesFor(r, t)).toEqual([
      { ...t, header: "Manager", field: null },
      { ...t, header: "Supervisor Name", field: "manager" },
    ]);
    expect(choicesFor(r, other)).toHaveLength(1);
  });
  it("maps an ignored header, and clears a field", () => {
    const fields = [field("email", null), field("role", "Title")];
    const r = chooseColumn(request, t, fields, "email", "Mail");
    expect(choicesFor(r, t)).toEqual([{ ...t, header: "Mail", field: "email" }]);
    const cleared = chooseColumn(r, t, fields, "role", null);
    expect(choicesFor(cleared, t)).toContainEqual({ ...t, header: "Title", field: null });
  });
  it("choosing again replaces the earlier choice for that header", () => {
    let r = chooseColumn(request, t, [field("email", null)], "email", "Mail");
    r = chooseColumn(r, t, [field("email", "Mail"), field("name", null)], "name", "Mail");
    expect(choicesFor(r, t)).toEqual([{ ...t, header: "Mail", field: "name" }]);
  });
  it("resets one table to what was detected", () => {
    const r = chooseColumn(request, t, [field("email", null)], "email", "Mail");
    expect(resetColumns(r, t).columns).toEqual(request.columns);
  });
});

describe("words", () => {
  it("counts and sizes", () => {
    expect(count(1, "problem", "problems")).toBe("1 problem");
    expect(count(10000, "row", "rows")).toBe("10,000 rows");
    expect(size(900)).toBe("900 bytes");
    expect(size(2048)).toBe("2 KB");
    expect(size(3 * 1024 * 1024)).toBe("3.0 MB");
  });
});

describe("unit levels", () => {
  const fields = [field("name", "Name"), field("team", "Team"), field("function", "Division"), field("department", null), field("level4", "Squad")];
  it("lists the level headers top first", () => {
    expect(unitLevels({ fields })).toEqual(["Division", "Team", "Squad"]);
    expect(levelNumber("level12")).toBe(12);
    expect(levelNumber("manager")).toBeNull();
  });
  it("sets the levels, and clears the last one's column when none is left", () => {
    const r = withLevels(request, { ...t, fields }, ["Division", "Pod"]);
    expect(r.levels).toEqual(["Division", "Pod"]);
    const one = [field("name", "Name"), field("function", "Division")];
    const none = withLevels({ ...request, levels: ["Division"] }, { ...t, fields: one }, []);
    expect(none.levels).toBeNull();
    expect(choicesFor(none, t)).toContainEqual({ ...t, header: "Division", field: null });
  });
});
