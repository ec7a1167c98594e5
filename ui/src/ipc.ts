// The one door to the backend: typed wrappers over Tauri's invoke. Errors arrive as
// {code, message} (IpcError) and are rethrown as IpcFailure so the UI can show them.
import { invoke } from "@tauri-apps/api/core";
import type {
  AppStatus,
  Choices,
  DocInfo,
  Edit,
  EditOutcome,
  Entity,
  FindingFilter,
  FindingsPage,
  IpcError,
  MeasuresView,
  ReportRequest,
  ReportSaved,
  RuleDoc,
  SearchHit,
  SnapshotInfo,
  ViewModel,
  ViewRequest,
} from "./bindings";

/** The sentence to show for any failure. */
export function errorText(e: unknown): string {
  if (e instanceof IpcFailure) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

export class IpcFailure extends Error {
  code: string;
  constructor(e: IpcError) {
    super(e.message);
    this.code = e.code;
  }
}

function isIpcError(e: unknown): e is IpcError {
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

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  pending += 1;
  listeners.forEach((l) => l(pending));
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (isIpcError(e)) throw new IpcFailure(e);
    throw new IpcFailure({ code: "internal", message: String(e) });
  } finally {
    pending -= 1;
    listeners.forEach((l) => l(pending));
  }
}

export const api = {
  appStatus: () => call<AppStatus>("app_status"),
  openSample: () => call<DocInfo>("open_sample_cmd"),
  newWorkspace: (name: string) => call<DocInfo | null>("new_workspace", { name }),
  openWorkspace: (readOnly: boolean) => call<DocInfo | null>("open_workspace", { readOnly }),
  openRecent: (path: string) => call<DocInfo>("open_recent", { path }),
  closeWorkspace: () => call<void>("close_workspace"),
  importMap: () => call<EditOutcome | null>("import_map"),
  exportMap: () => call<string | null>("export_map"),
  saveCopy: () => call<string | null>("save_copy"),
  exportReport: (request: ReportRequest) => call<ReportSaved | null>("export_report", { request }),
  /** Stops the report being written (its export then fails with `report_cancelled`). */
  cancelReport: () => call<void>("cancel_report"),
  openReport: (id: number) => call<void>("open_report", { id }),
  revealReport: (id: number) => call<void>("reveal_report", { id }),
  view: (request: ViewRequest) => call<ViewModel>("get_view", { request }),
  findings: (filter: FindingFilter) => call<FindingsPage>("get_findings", { filter }),
  edit: (edit: Edit) => call<EditOutcome>("apply_edit", { edit }),
  undo: () => call<EditOutcome>("undo"),
  redo: () => call<EditOutcome>("redo"),
  search: (query: string, limit?: number) => call<SearchHit[]>("search", { query, limit }),
  entity: (id: string) => call<Entity>("get_entity", { id }),
  choices: () => call<Choices>("get_choices"),
  measures: () => call<MeasuresView>("measures_view"),
  ruleDoc: (id: string) => call<RuleDoc>("rule_doc", { id }),
  rules: () => call<RuleDoc[]>("list_rules"),
  snapshots: () => call<SnapshotInfo[]>("list_snapshots"),
  saveSnapshot: (name: string) => call<SnapshotInfo>("save_snapshot", { name }),
  restoreSnapshot: (id: number) => call<EditOutcome>("restore_snapshot", { id }),
  /** For benchmarks: the backend prints it when THROUGHLINE_TIMING is set. */
  markTiming: (what: string, ms?: number) => invoke("mark_timing", { what, ms: ms ?? null }).catch(() => undefined),
};
