// Small pure helpers shared by the components (unit-tested with vitest).
import type { FindingRow, Severity } from "../bindings";
import { isoDate, isoDateTime } from "./dates";

export const SEVERITIES: Severity[] = ["error", "warning", "info"];

export function severityLabel(s: Severity, n?: number): string {
  const word = s === "error" ? "error" : s === "warning" ? "warning" : "info";
  if (n === undefined) return word[0].toUpperCase() + word.slice(1);
  if (word === "info") return `${n} info`;
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function formatIndex(i: number | null | undefined): string {
  return i === null || i === undefined ? "—" : `${i.toFixed(1)}%`;
}

/** Findings grouped by severity, then rule, in the order they arrive (already sorted). */
export function groupFindings(
  rows: FindingRow[],
): { severity: Severity; rules: { rule: string; summary: string; rows: FindingRow[] }[] }[] {
  const out: { severity: Severity; rules: { rule: string; summary: string; rows: FindingRow[] }[] }[] = [];
  for (const row of rows) {
    const sev = row.finding.severity;
    let group = out.find((g) => g.severity === sev);
    if (!group) {
      group = { severity: sev, rules: [] };
      out.push(group);
    }
    let rule = group.rules.find((r) => r.rule === row.finding.rule);
    if (!rule) {
      rule = { rule: row.finding.rule, summary: row.rule_summary, rows: [] };
      group.rules.push(rule);
    }
    rule.rows.push(row);
  }
  return out;
}

/** Parse a target field: empty -> undefined, else a finite number or an error message. */
export function parseTarget(text: string): { value?: number; error?: string } {
  const t = text.trim().replace(/,/g, "");
  if (t === "") return {};
  const v = Number(t);
  if (!Number.isFinite(v)) return { error: `“${text}” is not a number` };
  return { value: v };
}

/** Today's date as YYYY-MM-DD in local time. */
export function today(): string {
  return isoDate(new Date());
}

/** A snapshot's time as the list shows it ("2026-12-02 15:40", local time). */
export function snapshotTime(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return isoDateTime(d);
}

/** An index delta as the before / after view says it: "+11.9", "−2.0", "no change". */
export function formatDelta(d: number | null | undefined): string {
  if (d === null || d === undefined) return "";
  if (d === 0) return "no change";
  return `${d > 0 ? "+" : "−"}${Math.abs(d).toFixed(1)}`;
}
