// The import wizard's pure helpers: column choices as the backend reads them (later ones
// win), and a few words for the screen. Tested with vitest.
import type { ColumnChoice, FieldMapping, ImportRequest, ImportTableKind, RowStatus, TablePreview } from "../bindings";

type TableId = Pick<TablePreview, "file" | "sheet">;

const sameTable = (c: ColumnChoice, t: TableId) => c.file === t.file && c.sheet === t.sheet;

/**
 * Give `field` the column `header` in table `t` (`null`: no column). The header that gave
 * the field before is ignored from now on, so no two columns give one field.
 */
export function chooseColumn(
  request: ImportRequest,
  t: TableId,
  fields: FieldMapping[],
  field: string,
  header: string | null,
): ImportRequest {
  const old = fields.find((f) => f.field === field)?.header ?? null;
  const columns = request.columns.filter((c) => !(sameTable(c, t) && (c.header === header || c.header === old)));
  if (old !== null && old !== header) columns.push({ file: t.file, sheet: t.sheet, header: old, field: null });
  if (header !== null) columns.push({ file: t.file, sheet: t.sheet, header, field });
  return { ...request, columns };
}

/** Forget the choices made for table `t`: back to what was detected. */
export function resetColumns(request: ImportRequest, t: TableId): ImportRequest {
  return { ...request, columns: request.columns.filter((c) => !sameTable(c, t)) };
}

/** The choices that name table `t`. */
export function choicesFor(request: ImportRequest, t: TableId): ColumnChoice[] {
  return request.columns.filter((c) => sameTable(c, t));
}

export const KIND_LABEL: Record<ImportTableKind, string> = {
  people: "People",
  goals: "Goals",
  skipped: "Not imported",
};

export const STATUS_LABEL: Record<RowStatus, string> = {
  added: "New",
  updated: "Updated",
  unchanged: "Unchanged",
  problem: "Problem",
};

/** "1 problem", "3 problems". */
export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** "2.4 MB", "812 KB", "90 bytes". */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A unit level field's place: `function` 1, `department` 2, `team` 3, `levelN` N; else null. */
export function levelNumber(field: string): number | null {
  const fixed: Record<string, number> = { function: 1, department: 2, team: 3 };
  if (field in fixed) return fixed[field];
  const m = /^level(\d+)$/.exec(field);
  return m ? Number(m[1]) : null;
}

/** The headers that give a people table's unit levels, top first. */
export function unitLevels(t: Pick<TablePreview, "fields">): string[] {
  return t.fields
    .flatMap((f) => {
      const n = levelNumber(f.field);
      return n !== null && f.header !== null ? [{ n, header: f.header }] : [];
    })
    .sort((a, b) => a.n - b.n)
    .map((x) => x.header);
}

/**
 * Units from these headers, top first (the CLI's `--levels`). An empty list clears the
 * last level's column instead, since no `levels` means "recognise them by their names".
 */
export function withLevels(request: ImportRequest, t: TableId & Pick<TablePreview, "fields">, levels: string[]): ImportRequest {
  if (levels.length > 0) return { ...request, levels };
  const last = t.fields.find((f) => levelNumber(f.field) !== null && f.header !== null);
  const cleared = { ...request, levels: null };
  return last ? chooseColumn(cleared, t, t.fields, last.field, null) : cleared;
}
