// File ▸ Export Report…: which report (the alignment report, or the workshop report: what
// changed since a snapshot), format, scope and title; then a native save dialog, progress
// while the report is written (with Cancel; the backend also stops a report after two
// minutes), and Open / Show in folder when it is done. On `Modal`: Tab stays inside.
import { useEffect, useRef, useState } from "react";
import type { Choice, ReportFormat, ReportPaper, ReportSaved, SnapshotEntry } from "../bindings";
import { listen } from "@tauri-apps/api/event";
import { api, errorText } from "../ipc";
import { formatIndex, snapshotTime } from "../lib/format";
import { Modal } from "./Modal";
import "./report.css";

export const REPORT_FORMATS: { value: ReportFormat; label: string; hint: string }[] = [
  { value: "pdf", label: "PDF", hint: "to print or send: cover, summary, maps, tables" },
  { value: "html", label: "HTML", hint: "one self-contained page, opens in any browser" },
  { value: "xlsx", label: "Excel (XLSX)", hint: "findings, goals, people, measures, coverage" },
  { value: "csv", label: "CSV", hint: "the findings, one row each" },
  { value: "md", label: "Markdown", hint: "the report as text" },
  { value: "json", label: "JSON", hint: "the check output and the report's tables" },
];

/** The formats a workshop report is written in (the CLI refuses the others). */
export const WORKSHOP_FORMATS: ReportFormat[] = ["pdf", "html", "md"];

/** The snapshot a workshop report compares with by default: the newest one saved by the
 * user (a name like "Before the workshop"), else the newest. `list` is newest first. */
export function defaultSnapshot(list: SnapshotEntry[]): number | null {
  return (list.find((e) => !e.snapshot.auto) ?? list[0])?.snapshot.id ?? null;
}

/** Human size: 1234567 -> "1.2 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

type Phase = { kind: "form" } | { kind: "choosing" } | { kind: "working" } | { kind: "done"; saved: ReportSaved };

export function ReportDialog({
  functions,
  focusFunction,
  onClose,
}: {
  functions: Choice[];
  focusFunction: string | null;
  onClose: () => void;
}) {
  const [kind, setKind] = useState<"alignment" | "workshop">("alignment");
  const [snapshots, setSnapshots] = useState<SnapshotEntry[] | null>(null);
  const [snapshot, setSnapshot] = useState<number | null>(null);
  const [format, setFormat] = useState<ReportFormat>("pdf");
  const [scope, setScope] = useState<string>("");
  const [title, setTitle] = useState("");
  const [paper, setPaper] = useState<ReportPaper>("a4");
  const [phase, setPhase] = useState<Phase>({ kind: "form" });
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const doneRef = useRef<HTMLButtonElement>(null);

  // The workspace's snapshots, for the workshop report (newest first).
  useEffect(() => {
    let live = true;
    api
      .snapshots()
      .then((l) => {
        if (!live) return;
        setSnapshots(l);
        setSnapshot(defaultSnapshot(l));
      })
      .catch(() => live && setSnapshots([]));
    return () => {
      live = false;
    };
  }, []);
  // The backend says when the file is chosen and the report is being written.
  useEffect(() => {
    const off = listen("report-writing", () => setPhase((p) => (p.kind === "choosing" ? { kind: "working" } : p)));
    return () => void off.then((f) => f());
  }, []);
  useEffect(() => {
    if (phase.kind === "done") doneRef.current?.focus();
  }, [phase]);

  const workshop = kind === "workshop";
  const scopeName = functions.find((f) => f.id === scope)?.label;
  const defaultTitle = workshop ? "Workshop report" : scopeName ? `Alignment report: ${scopeName}` : "Alignment report";
  const noSnapshots = snapshots !== null && snapshots.length === 0;
  const chooseKind = (k: "alignment" | "workshop") => {
    setKind(k);
    if (k === "workshop" && !WORKSHOP_FORMATS.includes(format)) setFormat("pdf");
  };

  const run = async () => {
    setError(null);
    setCancelling(false);
    setPhase({ kind: "choosing" });
    try {
      const saved = await api.exportReport(
        workshop && snapshot !== null
          ? { format, function: null, title: title.trim() || null, paper, compare: snapshot }
          : { format, function: scope || null, title: title.trim() || null, paper },
      );
      setPhase(saved ? { kind: "done", saved } : { kind: "form" });
    } catch (e) {
      setError(errorText(e));
      setPhase({ kind: "form" });
    }
  };

  // The export then fails with "The report was cancelled…", shown like any other error.
  const cancel = async () => {
    setCancelling(true);
    try {
      await api.cancelReport();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const act = async (what: "open" | "reveal", id: number) => {
    try {
      if (what === "open") await api.openReport(id);
      else await api.revealReport(id);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const working = phase.kind === "working" || phase.kind === "choosing";
  return (
    <Modal labelledBy="report-title" className="report-dialog" onClose={() => !working && onClose()}>
      <div aria-busy={working}>
        <h2 id="report-title">Export report</h2>
        {phase.kind === "done" ? (
          <div className="report-done" role="status">
            <p>
              Saved <b>{phase.saved.file_name}</b> ({fileSize(phase.saved.bytes)}, {(phase.saved.millis / 1000).toFixed(1)} s).
            </p>
            <p className="path">{phase.saved.path}</p>
            {error && <p className="form-error">{error}</p>}
            <div className="actions">
              <button ref={doneRef} className="primary" onClick={() => void act("open", phase.saved.id)}>
                Open
              </button>
              <button onClick={() => void act("reveal", phase.saved.id)}>Show in folder</button>
              <button onClick={onClose}>Close</button>
            </div>
          </div>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run();
            }}
          >
            <fieldset disabled={working}>
              <legend>Report</legend>
              <div className="format-grid report-kinds">
                <label className="format-choice">
                  <input
                    type="radio"
                    name="report-kind"
                    value="alignment"
                    data-autofocus
                    checked={!workshop}
                    onChange={() => chooseKind("alignment")}
                  />
                  <span>
                    <b>Alignment report</b>
                    <small>the map as it is: risks, who imposes on whom, coverage, functions</small>
                  </span>
                </label>
                <label className="format-choice">
                  <input
                    type="radio"
                    name="report-kind"
                    value="workshop"
                    checked={workshop}
                    disabled={snapshots === null || noSnapshots}
                    aria-describedby={noSnapshots ? "workshop-why" : undefined}
                    onChange={() => chooseKind("workshop")}
                  />
                  <span>
                    <b>Workshop report</b>
                    <small>what changed since a snapshot: index, findings, decisions, agreed targets, the map marked</small>
                  </span>
                </label>
              </div>
              {noSnapshots && (
                <p id="workshop-why" className="report-why">
                  The workshop report compares the map with a snapshot, and this workspace has none yet: save one with
                  Snapshots… before the workshop.
                </p>
              )}
              {workshop && snapshots && (
                <label className="field">
                  <span>Compare with</span>
                  <select
                    value={snapshot ?? ""}
                    onChange={(e) => setSnapshot(Number(e.target.value))}
                    aria-label="Compare with snapshot"
                  >
                    {snapshots.map((e) => (
                      <option key={e.snapshot.id} value={e.snapshot.id}>
                        {e.snapshot.name} · {snapshotTime(e.snapshot.created_at)} · index {formatIndex(e.alignment_index)}
                        {e.snapshot.auto ? " (automatic)" : ""}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </fieldset>
            <fieldset disabled={working}>
              <legend>Format</legend>
              <div className="format-grid">
                {REPORT_FORMATS.map((f) => {
                  const off = workshop && !WORKSHOP_FORMATS.includes(f.value);
                  return (
                    <label key={f.value} className="format-choice">
                      <input
                        type="radio"
                        name="report-format"
                        value={f.value}
                        checked={format === f.value}
                        disabled={off}
                        onChange={() => setFormat(f.value)}
                      />
                      <span>
                        <b>{f.label}</b>
                        <small>{off ? "not for a workshop report" : f.hint}</small>
                      </span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
            <fieldset disabled={working}>
              {!workshop && (
                <label className="field">
                  <span>Scope</span>
                  <select value={scope} onChange={(e) => setScope(e.target.value)} aria-label="Scope">
                    <option value="">Whole organisation</option>
                    {functions.map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.label}
                        {f.id === focusFunction ? " (function under review)" : ""} and what is imposed on it
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <label className="field">
                <span>Title</span>
                <input value={title} placeholder={defaultTitle} onChange={(e) => setTitle(e.target.value)} aria-label="Title" />
              </label>
              {format === "pdf" && (
                <label className="field">
                  <span>Paper</span>
                  <select value={paper} onChange={(e) => setPaper(e.target.value as ReportPaper)} aria-label="Paper">
                    <option value="a4">A4</option>
                    <option value="letter">US Letter</option>
                  </select>
                </label>
              )}
            </fieldset>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            <div className="actions">
              {working ? (
                <>
                  <span className="working" role="status">
                    <span className="spinner" aria-hidden="true" />{" "}
                    {phase.kind === "choosing"
                      ? "Choose where to save the report…"
                      : cancelling
                        ? "Cancelling…"
                        : "Writing the report…"}
                  </span>
                  {phase.kind === "working" && (
                    <button type="button" onClick={() => void cancel()} disabled={cancelling}>
                      Cancel
                    </button>
                  )}
                </>
              ) : (
                <>
                  <button type="submit" className="primary">
                    Choose where to save…
                  </button>
                  <button type="button" onClick={onClose}>
                    Cancel
                  </button>
                </>
              )}
            </div>
          </form>
        )}
      </div>
    </Modal>
  );
}
