import { describe, expect, it } from "vitest";
import { deleteEdit } from "../../src/lib/edits";

describe("deleteEdit", () => {
  it("deletes each kind by its id, and leaves measures to the measures view", () => {
    expect(deleteEdit({ kind: "unit", unit: { id: "u1", name: "U", kind: "team" } })).toEqual({ type: "delete_unit", id: "u1" });
    expect(deleteEdit({ kind: "value", value: { id: "v1", name: "V" } })).toEqual({ type: "delete_value", id: "v1" });
    expect(
      deleteEdit({ kind: "person", person: { id: "p1", name: "P", unit: "u1" }, check_ins: [], goals: [] }),
    ).toEqual({ type: "delete_person", id: "p1" });
    expect(deleteEdit({ kind: "measure", measure: { id: "m1", name: "M", kind: "outcome" } })).toBeNull();
  });
});
