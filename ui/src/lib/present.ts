// Presenting (issue #13 item 6): the keys that step through the findings' patterns (those
// a presentation clicker sends), what each step's caption says, and which cards it shows.
import type { FindingRow, PatternRow } from "../bindings";

export type PresentStep = "next" | "previous" | "first" | "last" | "leave";

/** What a key does while presenting: → / PageDown (a clicker's "next"), ← / PageUp,
 * Home / End, Escape; `null` for any other key or with Ctrl, Alt or ⌘ held. */
export function presentKey(e: { key: string; ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean }): PresentStep | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  switch (e.key) {
    case "ArrowRight":
    case "PageDown":
      return "next";
    case "ArrowLeft":
    case "PageUp":
      return "previous";
    case "Home":
      return "first";
    case "End":
      return "last";
    case "Escape":
      return "leave";
    default:
      return null;
  }
}

/** The step after `step` (-1 is the overview, 0 … total-1 the patterns), clamped. */
export function nextStep(step: number, how: Exclude<PresentStep, "leave">, total: number): number {
  if (total === 0) return -1;
  switch (how) {
    case "next":
      return Math.min(step + 1, total - 1);
    case "previous":
      return Math.max(step - 1, -1);
    case "first":
      return -1;
    case "last":
      return total - 1;
  }
}

/** The step counter: "3 of 12" (the overview is "Overview"). */
export function stepLabel(step: number, total: number): string {
  return step < 0 ? "Overview" : `${(step + 1).toLocaleString("en")} of ${total.toLocaleString("en")}`;
}

/** "3 findings" / "1 finding". */
export function findingCount(n: number): string {
  return `${n.toLocaleString("en")} finding${n === 1 ? "" : "s"}`;
}

/**
 * The first sentence of a rule's "Why it matters" for a caption: markup (`code`, *emphasis*)
 * and line breaks dropped; a sentence ends at ". " before a capital letter or at the end.
 */
export function firstSentence(text: string): string {
  const plain = text.replace(/`([^`]+)`/g, "$1").replace(/\*([^*\s][^*]*)\*/g, "$1").replace(/\s+/g, " ").trim();
  const m = /^(.+?[.!?])(?=\s+["“(]?[A-Z])/.exec(plain);
  return m ? m[1] : plain;
}

/** The cards a pattern's step shows: its findings' subjects (centred) and what they are
 * related to (highlighted too), each once, in the findings' order. */
export function patternFocus(rows: FindingRow[]): { subjects: string[]; related: string[] } {
  const subjects = [...new Set(rows.map((r) => r.finding.subject))];
  const seen = new Set(subjects);
  const related: string[] = [];
  for (const r of rows)
    for (const id of r.finding.related)
      if (!seen.has(id)) {
        seen.add(id);
        related.push(id);
      }
  return { subjects, related };
}

/** The caption's first line: "Error · Conflicting goals · 3 findings · Sales"; a pattern
 * of one names its finding's subject instead of the count ("Info · Value without
 * behaviours · Ownership"). */
export function captionKicker(p: PatternRow, subject?: string): string {
  const sev = p.severity === "error" ? "Error" : p.severity === "warning" ? "Warning" : "Info";
  const what = p.count === 1 && subject ? subject : findingCount(p.count);
  return [sev, p.rule_name, what, p.function_name !== what ? p.function_name : null].filter(Boolean).join(" · ");
}

/** The overview's line: "19 patterns in 30 findings" (every pattern, not only those the
 * steps go through). */
export function overviewLine(patterns: number, findings: number): string {
  return `${patterns.toLocaleString("en")} pattern${patterns === 1 ? "" : "s"} in ${findingCount(findings)}`;
}
