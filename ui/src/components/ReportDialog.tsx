// File ▸ Export Report…: format, scope and title; then a native save dialog, progress while
// the report is written (with Cancel; the backend also stops a report after two minutes),
// and Open / Show in folder when it is done.
import { useEffect, useRef, useState } from "react";
import type { Choice, ReportFormat, ReportPaper, ReportSaved } from "../bindings";
import { listen } from "@tauri-apps/api/event";
import { api, errorText } from "../ipc";

export const REPORT_FORMATS: { value: ReportFormat; label: string; hint: string }[] = [
  { value: "pdf", label: "PDF", hint: "to print or send: cover, summary, maps, tables" },
  { value: "html", label: "HTML", hint: "one self-contained page, opens in any browser" },
  { value: "xlsx", label: "Excel (XLSX)", hint: "findings, goals, people, measures, coverage" },
  { value: "csv", label: "CSV", hint: "the findings, one row each" },
  { value: "md", label: "Markdown", hint: "the report as text" },
  { value: "json", label: "JSON", hint: "the check output and the report's tables" },
];

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
  const [format, setFormat] = useState<ReportFormat>("pdf");
  const [scope, setScope] = useState<string>("");
  const [title, setTitle] = useState("");
  const [paper, setPaper] = useState<ReportPaper>("a4");
  const [phase, setPhase] = useState<Phase>({ kind: "form" });
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);

  useEffect(() => first.current?.focus(), []);
  // The backend says when the file is chosen and the report is being written.
  useEffect(() => {
    const off = listen("report-writing", () => setPhase((p) => (p.kind === "choosing" ? { kind: "working" } : p)));
    return () => void off.then((f) => f());
  }, []);
  useEffect(() => {
    if (phase.kind === "done") doneRef.current?.focus();
  }, [phase]);

  const scopeName = functions.find((f) => f.id === scope)?.label;
  const defaultTitle = scopeName ? `Alignment report: ${scopeName}` : "Alignment report";

  const run = async () => {
    setError(null);
    setCancelling(false);
    setPhase({ kind: "choosing" });
    try {
      const saved = await api.exportReport({
        format,
        function: scope || null,
        title: title.trim() || null,
        paper,
      });
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
    <div className="modal-backdrop" onClick={working ? undefined : onClose}>
      <div
        className="modal report-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="report-title"
        aria-busy={working}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === "Escape" && !working && onClose()}
      >
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
              <legend>Format</legend>
              <div className="format-grid">
                {REPORT_FORMATS.map((f, i) => (
                  <label key={f.value} className="format-choice">
                    <input
                      ref={i === 0 ? first : undefined}
                      type="radio"
                      name="report-format"
                      value={f.value}
                      checked={format === f.value}
                      onChange={() => setFormat(f.value)}
                    />
                    <span>
                      <b>{f.label}</b>
                      <small>{f.hint}</small>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset disabled={working}>
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
    </div>
  );
}
