// The one door to the backend: typed wrappers over Tauri's invoke. Errors arrive as
// {code, message} (IpcError) and are rethrown as IpcFailure so the UI can show them.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { AgreementInput, AlignmentCell, AppError, Commands, CompareSide, DecisionRequest, FindingKey, ErrorCode, PictureFormat, Events, ImportRequest } from "./bindings";

/** The sentence to show for any failure. */
export function errorText(e: unknown): string {
  if (e instanceof IpcFailure) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

export class IpcFailure extends Error {
  code: ErrorCode;
  constructor(e: AppError) {
    super(e.message);
    this.code = e.code;
  }
}

function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

type Listener = (pending: number) => void;
let pending = 0;
const listeners = new Set<Listener>();

/** Subscribe to the number of calls in flight (for the progress indicator). */
export function onPending(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Invoke a command: its name, arguments and result are those of `Commands`, generated
 * from the one list in src-tauri/src/commands.rs. */
export async function call<K extends keyof Commands>(
  cmd: K,
  ...args: Commands[K]["args"] extends Record<string, never> ? [] : [Commands[K]["args"]]
): Promise<Commands[K]["result"]> {
  pending += 1;
  listeners.forEach((l) => l(pending));
  try {
    return await invoke<Commands[K]["result"]>(cmd, args[0] as Record<string, unknown> | undefined);
  } catch (e) {
    if (isAppError(e)) throw new IpcFailure(e);
    throw new IpcFailure({ code: "internal", message: String(e) });
  } finally {
    pending -= 1;
    listeners.forEach((l) => l(pending));
  }
}

/** Listen to one of the backend's events, with its payload typed by `Events`. */
export function on<E extends keyof Events>(event: E, handler: (payload: Events[E]) => void): Promise<UnlistenFn> {
  return listen<Events[E]>(event, (e) => handler(e.payload));
}

export const api = {
  appStatus: () => call("app_status"),
  openSample: () => call("open_sample_cmd"),
  newWorkspace: (name: string) => call("new_workspace", { name }),
  openWorkspace: (readOnly: boolean) => call("open_workspace", { readOnly }),
  openRecent: (path: string) => call("open_recent", { path }),
  closeWorkspace: () => call("close_workspace"),
  importMap: () => call("import_map"),
  exportMap: () => call("export_map"),
  saveCopy: () => call("save_copy"),
  exportReport: (request: Commands["export_report"]["args"]["request"]) => call("export_report", { request }),
  /** Stops the report being written (its export then fails with `report_cancelled`). */
  cancelReport: () => call("cancel_report"),
  openReport: (id: number) => call("open_report", { id }),
  revealReport: (id: number) => call("reveal_report", { id }),
  view: (request: Commands["get_view"]["args"]["request"]) => call("get_view", { request }),
  findings: (filter: Commands["get_findings"]["args"]["filter"]) => call("get_findings", { filter }),
  edit: (edit: Commands["apply_edit"]["args"]["edit"]) => call("apply_edit", { edit }),
  undo: () => call("undo"),
  redo: () => call("redo"),
  /** File ▸ Reset the Sample Organisation: the shipped sample, as one undoable change. */
  resetSample: () => call("reset_sample"),
  search: (query: string, limit?: number) => call("search", { query, limit: limit ?? null }),
  entity: (id: string) => call("get_entity", { id }),
  choices: () => call("get_choices"),
  measures: () => call("measures_view"),
  /** One function's measures for the designer (`null`: the focus function or the first). */
  measuresDesigner: (fn: string | null) => call("measures_designer", { function: fn }),
  /** The alignment views of the revision on screen (who sets targets on whom, coverage, scorecards). */
  alignment: () => call("alignment_view"),
  /** The goals of a cell or band of the alignment views, and the findings panel's filter for them. */
  alignmentGoals: (cell: AlignmentCell) => call("alignment_goals", { cell }),
  ruleDoc: (id: string) => call("rule_doc", { id }),
  rules: () => call("list_rules"),
  snapshots: () => call("list_snapshots"),
  saveSnapshot: (name: string) => call("save_snapshot", { name }),
  restoreSnapshot: (id: number) => call("restore_snapshot", { id }),
  /** Named snapshots only; returns what was done, for the status bar. */
  deleteSnapshot: (id: number) => call("delete_snapshot", { id }),
  compare: (before: CompareSide, after: CompareSide) => call("compare", { before, after }),
  decisions: () => call("list_decisions"),
  fixes: (key: FindingKey) => call("get_fixes", { key }),
  startDraft: (name: string) => call("start_draft", { name }),
  keepDraft: (decision: DecisionRequest | null) => call("keep_draft", { decision }),
  discardDraft: () => call("discard_draft"),
  /** SVG text or a PNG data URL; the path it was saved at, or null when cancelled. */
  savePicture: (name: string, format: PictureFormat, data: string) => call("save_picture", { name, format, data }),
  recordDecision: (decision: DecisionRequest) => call("record_decision", { decision }),
  updateDecision: (id: number, decision: DecisionRequest) => call("update_decision", { id, decision }),
  deleteDecision: (id: number) => call("delete_decision", { id }),
  /** Record a step of a goal's agreement (catchball): one undoable change. */
  recordAgreement: (step: AgreementInput) => call("record_agreement", { step }),
  agreements: (goal: string) => call("get_agreements", { goal }),
  importPickFiles: (request: ImportRequest) => call("import_pick_files", { request }),
  importPreview: (request: ImportRequest) => call("import_preview", { request }),
  importRemoveFile: (name: string, request: ImportRequest) => call("import_remove_file", { name, request }),
  importApply: (request: ImportRequest) => call("import_apply", { request }),
  importCancel: () => call("import_cancel"),
  exportSpreadsheet: () => call("export_spreadsheet"),
  /** For benchmarks: the backend prints it when THROUGHLINE_TIMING is set. */
  markTiming: (what: string, ms?: number) => invoke("mark_timing", { what, ms: ms ?? null }).catch(() => undefined),
};
