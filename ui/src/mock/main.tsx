// A build of the app for a plain browser, with Tauri's IPC mocked (mockIPC). The backend is
// replaced by data the real engine computed for the shared acme fixture, before and after
// linking the orphaned forecast goal (ui/tests/fixtures, made by
// `cargo run -p throughline-view --example ui_fixtures`). Used by the Playwright tests.
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import type {
  AppStatus,
  Choices,
  DocInfo,
  Edit,
  EditOutcome,
  Entity,
  FindingsPage,
  MapDocument,
  MeasuresView,
  ReportRequest,
  ReportSaved,
  RuleDoc,
  SearchHit,
  ViewModel,
} from "../bindings";
import beforeJson from "../../tests/fixtures/acme-before.json";
import afterJson from "../../tests/fixtures/acme-after.json";

interface Stage {
  map: MapDocument;
  view: ViewModel;
  findings: FindingsPage;
}
const before = beforeJson as unknown as Stage;
const after = afterJson as unknown as Stage;

(window as unknown as { __TL_NO_NATIVE_MENU: boolean }).__TL_NO_NATIVE_MENU = true;

let open = false;
let linked = false;
const history: { undo: string | null; redo: string | null } = { undo: null, redo: null };
const stage = () => (linked ? after : before);
const LINK = "Link “Forecast accuracy 95%” to “Sales delivers EUR 8M”";

function doc(): DocInfo {
  const m = stage().map;
  return {
    path: "/mock/Acme Analytics.throughline",
    file_name: "Acme Analytics.throughline",
    organisation: m.organisation.name,
    read_only: false,
    units: m.units.length,
    people: m.people.length,
    goals: m.goals.length,
    as_of: "2026-11-28",
    focus_function: m.organisation.focus_function ?? null,
    history: { ...history },
    warning: null,
  };
}

function entity(id: string): Entity {
  const m = stage().map;
  const name = (x: string) => m.people.find((p) => p.id === x)?.name ?? m.units.find((u) => u.id === x)?.name ?? x;
  const goal = m.goals.find((g) => g.id === id);
  if (goal) {
    const node = stage().view.nodes.find((n) => n.id === id);
    return {
      kind: "goal",
      goal,
      supports: (goal.supports ?? []).map((sid) => ({
        id: sid,
        label: m.goals.find((x) => x.id === sid)?.title ?? sid,
        detail: "",
      })),
      owner_name: name(goal.owner),
      setter_name: name(goal.set_by ?? goal.owner),
      aligned: node?.aligned ?? true,
      imposed: !!node?.imposed_by,
    };
  }
  const person = m.people.find((p) => p.id === id);
  if (person) {
    return {
      kind: "person",
      person,
      check_ins: m.check_ins.map((c, index) => ({ index, check_in: c })).filter((c) => c.check_in.person === id),
      goals: m.goals.filter((g) => g.owner === id).map((g) => ({ id: g.id, label: g.title, detail: "" })),
    };
  }
  const unit = m.units.find((u) => u.id === id);
  if (unit) return { kind: "unit", unit };
  const value = m.values.find((v) => v.id === id);
  if (value) return { kind: "value", value };
  throw { code: "not_found", message: `Nothing has the id "${id}".` };
}

function choices(): Choices {
  const m = stage().map;
  return {
    units: m.units.map((u) => ({ id: u.id, label: u.name, detail: u.parent ?? "" })),
    functions: m.units.filter((u) => u.kind === "function").map((u) => ({ id: u.id, label: u.name, detail: "" })),
    people: m.people.map((p) => ({ id: p.id, label: p.name, detail: p.unit })),
    people_listed: true,
    measures: m.measures.map((x) => ({ id: x.id, label: x.name, detail: x.kind })),
    values: m.values.flatMap((v) => [
      { id: v.id, label: v.name, detail: "value" },
      ...(v.behaviours ?? []).map((b) => ({ id: b.id, label: b.name, detail: `behaviour of ${v.name}` })),
    ]),
  };
}

function search(query: string): SearchHit[] {
  const q = query.toLowerCase();
  const m = stage().map;
  return [
    ...m.people.map((p) => ({ id: p.id, kind: "person", label: p.name, context: p.role ?? "" })),
    ...m.goals.map((g) => ({ id: g.id, kind: "goal", label: g.title, context: `owned by ${g.owner}` })),
    ...m.units.map((u) => ({ id: u.id, kind: "unit", label: u.name, context: "" })),
  ].filter((h) => h.label.toLowerCase().includes(q) || h.id.includes(q));
}

function outcome(label: string): EditOutcome {
  return { label, doc: doc(), created: null };
}

function edit(e: Edit): EditOutcome {
  if (e.type === "link_support" && e.goal === "forecast-95" && e.supports === "sales-revenue") {
    linked = true;
    history.undo = LINK;
    history.redo = null;
    return outcome(LINK);
  }
  if (e.type === "link_support" && e.supports === e.goal) {
    throw { code: "refused", message: "that link would make the goal support itself" };
  }
  throw { code: "refused", message: `The mocked backend does not simulate “${e.type}”.` };
}

function rule(id: string): RuleDoc {
  return {
    id,
    default_severity: "warning",
    summary: `Summary of ${id}`,
    what: "What it flags.",
    why: "Why it matters: the principle behind it.",
    example: "An example.",
    fix: "How to fix it.",
  };
}

/** What Export report asked for, and what was opened: read by the Playwright tests. */
const reports: ReportRequest[] = [];
const opened: string[] = [];
(window as unknown as { __reports: unknown }).__reports = { reports, opened };

mockWindows("main");
mockIPC(
  (cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    switch (cmd) {
      case "app_status":
        return { version: "mock", doc: open ? doc() : null, recent: [], startup_error: null } satisfies AppStatus;
      case "open_sample_cmd":
        open = true;
        return doc();
      case "get_view":
        return stage().view;
      case "get_findings": {
        const f = a.filter as { severity?: string; rule?: string };
        const page = stage().findings;
        const rows = page.rows.filter(
          (r) => (!f.severity || r.finding.severity === f.severity) && (!f.rule || r.finding.rule === f.rule),
        );
        const groups = new Map<string, number>();
        for (const r of rows) {
          const key = `${r.finding.severity}|${r.finding.rule}`;
          groups.set(key, (groups.get(key) ?? 0) + 1);
        }
        const matching_groups = [...groups].map(([key, count]) => ({ key, label: key.split("|")[1], count }));
        return { ...page, rows, matching: rows.length, matching_groups };
      }
      case "get_choices":
        return choices();
      case "get_entity":
        return entity(a.id as string);
      case "apply_edit":
        return edit(a.edit as Edit);
      case "undo":
        if (!history.undo) throw { code: "nothing_to_do", message: "nothing to undo" };
        linked = false;
        history.redo = history.undo;
        history.undo = null;
        return outcome(`Undid: ${LINK}`);
      case "redo":
        if (!history.redo) throw { code: "nothing_to_do", message: "nothing to redo" };
        linked = true;
        history.undo = history.redo;
        history.redo = null;
        return outcome(`Redid: ${LINK}`);
      case "search":
        return search(a.query as string);
      case "rule_doc":
        return rule(a.id as string);
      case "measures_view":
        return {
          measures: stage().map.measures,
          interactions: stage().map.interactions.map((interaction, index) => ({ index, interaction })),
          library: { functions: [], measures: [], interactions: [] },
        } satisfies MeasuresView;
      case "mark_timing":
        return null;
      case "export_report": {
        // The real command opens a save dialog and writes the file; here it "writes" it.
        const r = a.request as ReportRequest;
        reports.push(r);
        const name = `${stage().map.organisation.name} alignment report.${r.format}`;
        return {
          id: reports.length - 1,
          path: `/tmp/${name}`,
          file_name: name,
          bytes: 123456,
          millis: 800,
        } satisfies ReportSaved;
      }
      case "cancel_report":
        return null;
      case "open_report":
      case "reveal_report":
        if ((a.id as number) >= reports.length) throw { code: "not_found", message: "That report was not written in this session." };
        opened.push(`${cmd}:${a.id as number}`);
        return null;
      default:
        throw { code: "internal", message: `unmocked command ${cmd}` };
    }
  },
  { shouldMockEvents: true },
);

await import("../main");
