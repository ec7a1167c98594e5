// A build of the app for a plain browser, with Tauri's IPC mocked (mockIPC). The backend is
// replaced by data the real engine computed for the shared acme fixture, before and after
// linking the orphaned forecast goal (ui/tests/fixtures, made by
// `cargo run -p throughline-view --example ui_fixtures`). Used by the Playwright tests.
import { download, svgDataUrl } from "../lib/mapImage";
import { emit } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import type {
  AgreementHistory,
  AgreementStep,
  AppStatus,
  Change,
  ChangeKind,
  Choices,
  Commands,
  DocInfo,
  Edit,
  Entity,
  FindingsPage,
  ImportPreview,
  ImportRequest,
  MapDocument,
  MeasuresView,
  MenuAction,
  ReportRequest,
  ReportSaved,
  BeforeAfter,
  CompareSide,
  DecisionRequest,
  DecisionView,
  SnapshotEntry,
  RuleDoc,
  SearchHit,
  ViewModel,
} from "../bindings";
import beforeJson from "../../tests/fixtures/acme-before.json";
import afterJson from "../../tests/fixtures/acme-after.json";
// The app's sample (northwind) with its first view at each map width, served instead of
// acme with `mock.html?org=sample` (read only: the map and its first views).
import sampleJson from "../../tests/fixtures/sample-first.json";
// The import wizard's previews, computed by the real session
// (`cargo run -p throughline-app-core --example ui_import_fixtures`).
import importJson from "../../tests/fixtures/import-preview.json";
// The before / after views between acme's states, and acme with "100 calls a week" deleted,
// computed by the real session (`cargo run -p throughline-app-core --example ui_compare_fixtures`).
import compareJson from "../../tests/fixtures/compare.json";
// Every rule's documentation, read from the rules' source at build time.
import { RULES } from "./rules";
import { designer, flagFixes } from "./measures";
import { alignmentGoals, alignmentView } from "./alignment";

interface Stage {
  map: MapDocument;
  view: ViewModel;
  findings: FindingsPage;
}
const before = beforeJson as unknown as Stage;
const after = afterJson as unknown as Stage;
type SampleStage = Omit<Stage, "view"> & {
  views: { max_width: number; view: ViewModel }[];
  /** Sofia Marchetti's line of sight. */
  line_of_sight: ViewModel;
};
const sample =
  new URLSearchParams(location.search).get("org") === "sample" ? (sampleJson as unknown as SampleStage) : null;
/** The sample's view for a request: the first view for its width (widest that fits). */
function sampleView(s: SampleStage, request: { max_width?: number; line_of_sight?: string; reveal?: string }): ViewModel {
  if (request.line_of_sight) return s.line_of_sight;
  const w = request.max_width ?? Infinity;
  const fits = s.views.filter((v) => v.max_width <= w);
  const view = (fits[fits.length - 1] ?? s.views[0]).view;
  // A card to reveal that this view does not show: the narrowest of the views that does
  // (the backend opens just the path to it; the mock has only these whole levels).
  const reveal = request.reveal;
  if (reveal && !view.nodes.some((n) => n.id === reveal)) return s.views.find((v) => v.view.nodes.some((n) => n.id === reveal))?.view ?? view;
  return view;
}
const compared = compareJson as unknown as { deleted: Stage; pairs: Record<string, BeforeAfter> };
const deletedStage = compared.deleted;
const imports = importJson as unknown as { first: ImportPreview; fixed: ImportPreview; removing: ImportPreview };

(window as unknown as { __TL_NO_NATIVE_MENU: boolean }).__TL_NO_NATIVE_MENU = true;

let open = false;
let linked = false;
/** The wizard's import applied (one more person, Nora Berg). */
let imported = false;
let picked: string[] = [];
let revision = 1;
const history: { undo: string | null; redo: string | null } = { undo: null, redo: null };
/** "100 calls a week" deleted (the fix that moves the index; not together with the link). */
let deleted = false;
const stage = (): Stage =>
  sample ? { ...sample, view: sampleView(sample, {}) } : deleted ? deletedStage : linked ? after : before;
/** Acme's states the mock has, as the comparison fixtures name them. */
type StageKey = "before" | "after" | "deleted";
const STAGES: Record<StageKey, Stage> = { before, after, deleted: deletedStage };
const stageKey = (): StageKey => (deleted ? "deleted" : linked ? "after" : "before");
function setStage(k: StageKey) {
  linked = k === "after";
  deleted = k === "deleted";
}
/** Changes undone and redone by the state they go from and to (a delete, a restore). */
const steps: Record<string, { from: StageKey; to: StageKey }> = {};
const DELETE = "Delete goal “100 calls a week”";
const RESET = "Reset the sample organisation";
/** The snapshots, and the state each holds. */
const snaps: { info: SnapshotEntry["snapshot"]; stage: StageKey }[] = [];
const keyOf = (side: CompareSide): StageKey => {
  if (side.kind === "now") return stageKey();
  const s = snaps.find((x) => x.info.id === side.id);
  if (!s) throw { code: "no_snapshot", message: `There is no snapshot ${side.id}.` };
  return s.stage;
};
const labelOf = (side: CompareSide) => (side.kind === "now" ? "Now" : snaps.find((x) => x.info.id === side.id)!.info.name);
function snapshotAt(name: string, k: StageKey, auto: boolean) {
  const id = snaps.reduce((m, x) => Math.max(m, x.info.id), 0) + 1;
  // Deterministic times: 09:00 UTC on the fixture's day, a minute apart.
  const created_at = new Date(Date.UTC(2026, 10, 28, 9, id)).toISOString();
  snaps.push({ info: { id, name, created_at, auto }, stage: k });
  return snaps[snaps.length - 1].info;
}
/** Is `id` in the map now (so the view can open it)? */
function present(id: string): boolean {
  const m = stage().map;
  return [m.goals, m.people, m.units, m.values, m.measures].some((l: { id: string }[]) => l.some((x) => x.id === id));
}
function compare(b: CompareSide, a: CompareSide): BeforeAfter {
  const c = compared.pairs[`${keyOf(b)}>${keyOf(a)}`];
  return {
    ...c,
    before_side: b,
    after_side: a,
    before_label: labelOf(b),
    after_label: labelOf(a),
    resolved: c.resolved.map((f) => ({ ...f, present: present(f.row.finding.subject) })),
    new: c.new.map((f) => ({ ...f, present: present(f.row.finding.subject) })),
    changed: c.changed.map((f) => ({ ...f, present: present(f.row.finding.subject) })),
    changes: c.changes.map((l) => ({ ...l, present: present(l.id) })),
  };
}
const LINK = "Link “Forecast accuracy 95%” to “Sales delivers EUR 8M”";

/** The decisions, in the order recorded; undo and redo of a decision change by label. */
let decisionList: DecisionView[] = [];
const decisionSteps: Record<string, { undo: DecisionView[]; redo: DecisionView[] }> = {};
/** A decision as the session lists it: names from the map now, findings from the page. */
function decisionView(id: number, r: DecisionRequest, created_at: string): DecisionView {
  const m = stage().map;
  if (!r.statement.trim()) throw { code: "refused", message: "a decision needs a statement (what was decided); nothing was saved" };
  const named = (ids: string[], list: { id: string; name: string }[], what: string) =>
    ids.map((x) => {
      const found = list.find((e) => e.id === x);
      if (!found) throw { code: "refused", message: `the decision names ${what} “${x}”, which is not in the map; nothing was saved` };
      return { id: x, name: found.name, removed: false, was: null };
    });
  const rows = stage().findings.rows;
  return {
    id,
    date: r.date,
    statement: r.statement.trim(),
    rationale: r.rationale.trim(),
    people: named(r.people, m.people, "person"),
    goals: named(r.goals, m.goals.map((g) => ({ id: g.id, name: g.title })), "goal"),
    findings: r.findings.map((k) => {
      const row = rows.find((x) => x.finding.rule === k.rule && x.finding.subject === k.subject && x.finding.related.join() === k.related.join());
      if (!row) throw { code: "invalid", message: `the decision names a finding of “${k.rule}” about “${k.subject}” that the map does not have now; nothing was saved` };
      return { ...k, rule_name: row.rule_name, text: row.finding.message, subject_name: row.subject_label, still_found: true };
    }),
    created_at,
  };
}
/** A change to the decisions: one undoable step. */
function decided(label: string, next: DecisionView[], created: string | null = null): Change {
  decisionSteps[label] = { undo: decisionList, redo: next };
  decisionList = next;
  history.undo = label;
  history.redo = null;
  return { ...outcome(label.replace(/^Record /, "Recorded "), "edited"), created, touched: { kind: "entities", ids: [] } };
}
const cut = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);

/** The draft (Try a change): the state it started from, the history outside it, its edits. */
let drafting: { name: string; from: StageKey; outside: { undo: string | null; redo: string | null }; edits: number } | null = null;
function draftInfo(): DocInfo["draft"] {
  if (!drafting) return null;
  const e = effectOf(STAGES[drafting.from], stage()).effect!;
  return {
    name: drafting.name,
    started_at: "2026-11-28T10:00:00Z",
    edits: drafting.edits,
    resolved: e.resolved,
    new: e.new,
    index_before: e.index_before,
    index_after: e.index_after,
    problem: null,
  };
}

function doc(): DocInfo {
  const m = stage().map;
  return {
    revision,
    path: "/mock/Acme Analytics.throughline",
    file_name: "Acme Analytics.throughline",
    organisation: m.organisation.name,
    read_only: false,
    units: m.units.length,
    people: m.people.length + (imported ? 1 : 0),
    goals: m.goals.length,
    as_of: "2026-11-28",
    focus_function: m.organisation.focus_function ?? null,
    history: { ...history },
    warning: null,
    // The mock opens only its sample (Open the sample organisation).
    sample: true,
    draft: draftInfo(),
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

/** What going from one stage to the other did to the findings, as the session says it
 * (identity: rule, subject, related; the fixtures' pages hold every finding of acme). */
function effectOf(from: Stage, to: Stage): Pick<Change, "effect" | "new_findings"> {
  const key = (r: FindingsPage["rows"][number]) =>
    `${r.finding.rule}|${r.finding.subject}|${r.finding.related.join(",")}`;
  const was = new Set(from.findings.rows.map(key));
  const is = new Set(to.findings.rows.map(key));
  const resolved = from.findings.rows.filter((r) => !is.has(key(r)));
  const made = to.findings.rows.filter((r) => !was.has(key(r)));
  const rules = new Map<string, { rule: string; name: string; resolved: number; new: number }>();
  for (const [rows, side] of [[resolved, "resolved"], [made, "new"]] as const) {
    for (const r of rows) {
      const e = rules.get(r.finding.rule) ?? { rule: r.finding.rule, name: r.rule_name, resolved: 0, new: 0 };
      e[side] += 1;
      rules.set(r.finding.rule, e);
    }
  }
  return {
    effect: {
      resolved: resolved.length,
      new: made.length,
      changed: 0,
      by_rule: [...rules.values()],
      index_before: from.findings.summary.alignment_index,
      index_after: to.findings.summary.alignment_index,
      new_hits: [],
    },
    new_findings: made.slice(0, 5),
  };
}

/** A change: a new revision, as the backend makes one per change. */
function outcome(label: string, kind: ChangeKind = "edited", from: Stage | null = null): Change {
  revision += 1;
  const change: Change = {
    kind,
    label,
    doc: doc(),
    created: null,
    touched: { kind: "everything" },
    ...(from ? effectOf(from, stage()) : { effect: null, new_findings: [] }),
  };
  // Like the shell: the reply, and the same change as the `doc-changed` event.
  setTimeout(() => void emit("doc-changed", change), 0);
  return change;
}

function edit(e: Edit): Change {
  // Counted before the change is told (its doc says how many edits the draft holds).
  if (drafting) drafting.edits += 1;
  try {
    return editStage(e);
  } catch (err) {
    if (drafting) drafting.edits -= 1;
    throw err;
  }
}

function editStage(e: Edit): Change {
  if (e.type === "link_support" && e.goal === "forecast-95" && e.supports === "sales-revenue") {
    linked = true;
    history.undo = LINK;
    history.redo = null;
    return outcome(LINK, "edited", before);
  }
  if (e.type === "delete_goal" && e.id === "rep1-calls" && stageKey() === "before") {
    deleted = true;
    steps[DELETE] = { from: "before", to: "deleted" };
    history.undo = DELETE;
    history.redo = null;
    return outcome(DELETE, "edited", before);
  }
  if (e.type === "link_support" && e.supports === e.goal) {
    throw { code: "refused", message: "that link would make the goal support itself" };
  }
  throw { code: "refused", message: `The mocked backend does not simulate “${e.type}”.` };
}

function rule(id: string): RuleDoc {
  const doc = RULES.find((r) => r.id === id);
  if (!doc) throw { code: "not_found", message: `No rule "${id}".` };
  return doc;
}

/** The wizard's preview for a request: as picked, once the columns are chosen, and with
 * Remove missing on; always echoing the request and the files still picked. */
function importPreview(request: ImportRequest): ImportPreview {
  const base = request.columns.length === 0 ? imports.first : request.remove_missing ? imports.removing : imports.fixed;
  return {
    ...base,
    request,
    into: request.target === "open" ? base.into : null,
    organisation: request.organisation ?? (request.target === "open" ? base.organisation : "people"),
    files: base.files.filter((f) => picked.includes(f.name)),
    tables: base.tables.filter((t) => picked.includes(t.file)),
  };
}
const IMPORT = "Import of people.csv";

/** What Export report asked for, and what was opened: read by the Playwright tests. */
const reports: ReportRequest[] = [];
const opened: string[] = [];
(window as unknown as { __reports: unknown }).__reports = { reports, opened };
/** A native menu item, as the shell sends it (for the Playwright tests). */
(window as unknown as { __menu: (a: MenuAction) => void }).__menu = (a) => void emit("menu", a);

/** Every command the backend answers (`Commands`, generated from the Rust list): the
 * type makes the mock cover each one, with its arguments and result. */
type Handlers = { [K in keyof Commands]: (args: Commands[K]["args"]) => Commands[K]["result"] };
const unavailable = (what: string) => () => {
  throw { code: "invalid", message: `The mocked backend has no ${what}.` };
};

/** Agreement steps recorded in the mock (catchball), worded as the core words them. */
const agreementSteps: AgreementStep[] = [];
function agreementLine(a: AgreementStep): string {
  const terms =
    a.target !== undefined && a.due
      ? `a target of ${a.target.toLocaleString("en")} by ${a.due}`
      : a.target !== undefined
        ? `a target of ${a.target.toLocaleString("en")}`
        : a.due
          ? `a due date of ${a.due}`
          : "";
  return `${a.date} ${a.by_name} ${a.kind}${terms ? `: ${terms}` : ""}${a.reason ? `, because “${a.reason}”` : ""}`;
}
function agreementHistory(goal: string): AgreementHistory {
  const steps = agreementSteps.filter((a) => a.goal === goal);
  const last = steps.filter((a) => a.kind !== "disputed").at(-1);
  const counter =
    last?.kind === "countered"
      ? `Latest counter (${last.by_name}, ${last.date}): ${agreementLine(last).split(": ").slice(1).join(": ")}.`
      : null;
  return { goal, steps, lines: steps.map(agreementLine), open_counter: counter };
}

const handlers: Handlers = {
  app_status: () => ({ version: "mock", doc: open ? doc() : null, recent: [], startup_error: null }) satisfies AppStatus,
  open_sample_cmd: () => {
    open = true;
    return outcome("Opened Acme Analytics.throughline", "opened");
  },
  // File ▸ Reset the Sample Organisation: the first stage again, one undoable change.
  reset_sample: () => {
    const from = stage();
    steps[RESET] = { from: stageKey(), to: "before" };
    setStage("before");
    history.undo = RESET;
    history.redo = null;
    return outcome(RESET, "imported", from);
  },
  new_workspace: unavailable("file dialogs"),
  open_workspace: unavailable("file dialogs"),
  open_recent: unavailable("recent files"),
  close_workspace: () => {
    open = false;
  },
  import_map: unavailable("file dialogs"),
  export_map: unavailable("file dialogs"),
  save_copy: unavailable("file dialogs"),
  get_view: ({ request }) => {
    // What the map asked for last (the keyboard test reads which units it opened).
    (window as unknown as { __viewRequest: unknown }).__viewRequest = request;
    return sample ? sampleView(sample, request) : stage().view;
  },
  get_findings: ({ filter: f }) => {
    const page = stage().findings;
    // A pattern's findings, as the mock can tell them: its rule, severity and function.
    const pattern = f.pattern == null ? undefined : page.patterns.find((p) => p.index === f.pattern);
    const rows = page.rows.filter(
      (r) =>
        (!f.severity || r.finding.severity === f.severity) &&
        (!f.rule || r.finding.rule === f.rule) &&
        (!pattern ||
          (r.finding.rule === pattern.rule &&
            r.finding.severity === pattern.severity &&
            r.function_name === pattern.function_name)),
    );
    const groups = new Map<string, number>();
    for (const r of rows) {
      const key = `${r.finding.severity}|${r.finding.rule}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    const matching_groups = [...groups].map(([key, count]) => ({ key, label: key.split("|")[1], count }));
    return { ...page, rows, matching: rows.length, matching_groups };
  },
  apply_edit: ({ edit: e }) => edit(e),
  undo: () => {
    const label = history.undo;
    if (!label) throw { code: "nothing_to_do", message: "nothing to undo" };
    const from = stage();
    if (label === IMPORT) imported = false;
    else if (decisionSteps[label]) decisionList = decisionSteps[label].undo;
    else if (steps[label]) setStage(steps[label].from);
    else linked = false;
    history.redo = label;
    history.undo = null;
    return outcome(`Undid: ${label}`, "undone", from);
  },
  redo: () => {
    const label = history.redo;
    if (!label) throw { code: "nothing_to_do", message: "nothing to redo" };
    const from = stage();
    if (label === IMPORT) imported = true;
    else if (decisionSteps[label]) decisionList = decisionSteps[label].redo;
    else if (steps[label]) setStage(steps[label].to);
    else linked = true;
    history.undo = label;
    history.redo = null;
    return outcome(`Redid: ${label}`, "redone", from);
  },
  search: ({ query }) => search(query),
  get_entity: ({ id }) => entity(id),
  get_choices: () => choices(),
  measures_view: () =>
    ({
      measures: stage().map.measures,
      interactions: stage().map.interactions.map((interaction, index) => ({ index, interaction })),
      library: { functions: [], measures: [], interactions: [] },
    }) satisfies MeasuresView,
  measures_designer: ({ function: fn }) => designer(sample ? "sample" : stageKey(), fn),
  alignment_view: () => alignmentView(sample ? "sample" : stageKey()),
  alignment_goals: ({ cell }) => alignmentGoals(sample ? "sample" : stageKey(), cell),
  rule_doc: ({ id }) => rule(id),
  list_rules: () => RULES,
  // The measures designer's flags' fixes as the real session offers them (the fixture);
  // else the one fix the mock simulates: the orphaned forecast goal linked to Sales' goal,
  // as the real core offers it first for the acme map.
  get_fixes: ({ key }) =>
    flagFixes(sample ? "sample" : stageKey(), key) ??
    (key.rule === "orphaned-goal" && key.subject === "forecast-95" && !linked
      ? [{ label: "Link to “Sales delivers EUR 8M”", edit: { type: "link_support", goal: "forecast-95", supports: "sales-revenue" } }]
      : []),
  // The browser saves it as a download (the tests intercept it); the app asks where.
  save_picture: ({ name, format, data }) => {
    download(name, format === "svg" ? svgDataUrl(data) : data);
    return `/mock/downloads/${name}`;
  },
  start_draft: ({ name }) => {
    if (drafting) throw { code: "refused", message: `the draft “${drafting.name}” is open: keep or discard it before starting another` };
    if (!name.trim()) throw { code: "refused", message: "a draft needs a name (what it tries); nothing was started" };
    drafting = { name: name.trim(), from: stageKey(), outside: { ...history }, edits: 0 };
    history.undo = null;
    history.redo = null;
    return outcome(`Started the draft “${drafting.name}”: changes from here do not touch the workspace until you keep them`);
  },
  keep_draft: ({ decision }) => {
    if (!drafting) throw { code: "nothing_to_do", message: "There is no draft to keep." };
    const from = STAGES[drafting.from];
    const label = `Keep the draft “${drafting.name}”${decision ? ", with a decision" : ""}`;
    steps[label] = { from: drafting.from, to: stageKey() };
    drafting = null;
    history.undo = label;
    history.redo = null;
    return outcome(label, "edited", from);
  },
  discard_draft: () => {
    if (!drafting) throw { code: "nothing_to_do", message: "There is no draft to discard." };
    const from = stage();
    const name = drafting.name;
    setStage(drafting.from);
    Object.assign(history, drafting.outside);
    drafting = null;
    return outcome(`Discarded the draft “${name}”`, "restored", from);
  },
  record_agreement: ({ step }) => {
    const goal = stage().map.goals.find((g) => g.id === step.goal);
    const person = stage().map.people.find((p) => p.id === step.by);
    if (!goal) throw { code: "refused", message: `goal “${step.goal}” is not in the map, so no agreement step was saved` };
    if (!person) throw { code: "refused", message: `“${step.by}”, who ${step.kind} it, is not a person in the map; nothing was saved` };
    if (step.kind === "countered" && step.target === undefined && !step.due)
      throw { code: "refused", message: "a counter names another target or due date; nothing was saved" };
    if ((step.kind === "countered" || step.kind === "disputed") && !step.reason.trim())
      throw { code: "refused", message: `say why it is ${step.kind}; nothing was saved` };
    const id = agreementSteps.length + 1;
    agreementSteps.push({ ...step, id, by_name: person.name, reason: step.reason.trim(), created_at: "2026-11-28T10:00:00Z" });
    const label = `${person.name} ${step.kind} “${goal.title}”`;
    history.undo = label;
    history.redo = null;
    return { ...outcome(label, "edited"), created: String(id), touched: { kind: "entities", ids: [goal.id] } };
  },
  get_agreements: ({ goal }) => agreementHistory(goal),
  list_decisions: () => [...decisionList].sort((a, b) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1)),
  record_decision: ({ decision }) => {
    const id = decisionList.reduce((m, d) => Math.max(m, d.id), 0) + 1;
    const d = decisionView(id, decision, new Date(Date.UTC(2026, 10, 28, 10, id)).toISOString());
    return decided(`Record decision “${cut(d.statement)}”`, [...decisionList, d], String(id));
  },
  update_decision: ({ id, decision }) => {
    const old = decisionList.find((d) => d.id === id);
    if (!old) throw { code: "refused", message: `there is no decision ${id} in this workspace` };
    const d = decisionView(id, decision, old.created_at);
    return decided(`Edit decision “${cut(d.statement)}”`, decisionList.map((x) => (x.id === id ? d : x)));
  },
  delete_decision: ({ id }) => {
    const old = decisionList.find((d) => d.id === id);
    if (!old) throw { code: "refused", message: `there is no decision ${id} in this workspace` };
    return decided(`Delete decision “${cut(old.statement)}”`, decisionList.filter((x) => x.id !== id));
  },
  list_snapshots: () =>
    [...snaps].reverse().map(({ info, stage: k }) => ({
      snapshot: info,
      alignment_index: STAGES[k].findings.summary.alignment_index,
      findings: STAGES[k].findings.rows.length,
    })),
  save_snapshot: ({ name }) => {
    if (!name.trim()) throw { code: "refused", message: "a snapshot needs a name" };
    return snapshotAt(name.trim(), stageKey(), false);
  },
  restore_snapshot: ({ id }) => {
    const s = snaps.find((x) => x.info.id === id);
    if (!s) throw { code: "no_snapshot", message: `There is no snapshot ${id}.` };
    const from = stage();
    const was = stageKey();
    snapshotAt(`Before restoring “${s.info.name}”`, was, true);
    const label = `Restore snapshot “${s.info.name}”`;
    steps[label] = { from: was, to: s.stage };
    setStage(s.stage);
    history.undo = label;
    history.redo = null;
    return outcome(label, "restored", from);
  },
  delete_snapshot: ({ id }) => {
    const i = snaps.findIndex((x) => x.info.id === id);
    if (i < 0) throw { code: "no_snapshot", message: `There is no snapshot ${id}.` };
    const s = snaps[i].info;
    if (s.auto) throw { code: "refused", message: `“${s.name}” is an automatic snapshot: only snapshots you saved can be deleted` };
    snaps.splice(i, 1);
    return `Deleted snapshot “${s.name}”`;
  },
  compare: ({ before: b, after: a }) => compare(b, a),
  export_report: ({ request: r }) => {
    // The real command opens a save dialog and writes the file; here it "writes" it.
    reports.push(r);
    const kind = r.compare === undefined ? "alignment" : "workshop";
    const name = `${stage().map.organisation.name} ${kind} report.${r.format}`;
    return {
      id: reports.length - 1,
      path: `/tmp/${name}`,
      file_name: name,
      bytes: 123456,
      millis: 800,
    } satisfies ReportSaved;
  },
  cancel_report: () => undefined,
  open_report: ({ id }) => {
    if (id >= reports.length) throw { code: "not_found", message: "That report was not written in this session." };
    opened.push(`open_report:${id}`);
  },
  reveal_report: ({ id }) => {
    if (id >= reports.length) throw { code: "not_found", message: "That report was not written in this session." };
    opened.push(`reveal_report:${id}`);
  },
  mark_timing: () => undefined,
  // The real command opens a native multi-file dialog; here the user "picks" both files
  // (the first time) and nothing more after.
  import_pick_files: ({ request }) => {
    if (picked.length === 2) return null;
    picked = ["people.csv", "goals.csv"];
    return importPreview(request);
  },
  import_preview: ({ request }) => {
    if (picked.length === 0) throw { code: "invalid", message: "No files are picked for import." };
    return importPreview(request);
  },
  import_remove_file: ({ name, request }) => {
    picked = picked.filter((f) => f !== name);
    return importPreview(request);
  },
  import_apply: ({ request }) => {
    const p = importPreview(request);
    if (p.blocked) throw { code: "import_problems", message: p.blocked };
    if (request.target === "new") throw { code: "invalid", message: "The mocked backend has no file dialogs." };
    imported = true;
    picked = [];
    history.undo = IMPORT;
    history.redo = null;
    return outcome(`${IMPORT}: ${p.changes?.summary ?? ""}`, "imported");
  },
  import_cancel: () => {
    picked = [];
  },
  export_spreadsheet: () => {
    opened.push("export_spreadsheet");
    return `/tmp/${stage().map.organisation.name}.xlsx`;
  },
};

/** Calls per command, read by the Playwright tests (each panel fetches once per revision). */
const calls: Record<string, number> = {};
(window as unknown as { __calls: unknown }).__calls = calls;

mockWindows("main");
mockIPC(
  (cmd, args) => {
    calls[cmd] = (calls[cmd] ?? 0) + 1;
    const handler = (handlers as unknown as Record<string, ((a: unknown) => unknown) | undefined>)[cmd];
    if (!handler) throw { code: "internal", message: `unmocked command ${cmd}` };
    return handler(args ?? {});
  },
  { shouldMockEvents: true },
);

await import("../main");
