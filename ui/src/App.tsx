// The app shell: welcome screen or the open workspace (header, findings, map or measures,
// inspector, status bar). All state that matters lives in the backend; this keeps what is
// on screen and asks again once per analysed revision (lib/revision.ts).
import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { AlignmentCell, AppStatus, Change, CompareSide, DocInfo, Edit, FindingFilter, FindingRow, ImportPreview, ImportTarget, MenuAction, SearchHit, ViewRequest } from "./bindings";
import { EffectNotice } from "./components/EffectNotice";
import { ImportWizard } from "./components/ImportWizard";
import { FindingsPanel, findingKey } from "./components/FindingsPanel";
import { Inspector } from "./components/Inspector";
import { MapView } from "./components/MapView";
import { firstViewRequest, mapWidthOnScreen } from "./lib/view";
import { MeasuresView } from "./components/MeasuresView";
import { AlignmentView, CellGoals, type AlignmentTab } from "./components/AlignmentView";
import { Presenter } from "./components/Presenter";
import { ReportDialog } from "./components/ReportDialog";
import { BeforeAfterPanel } from "./components/BeforeAfterPanel";
import { SnapshotsDialog } from "./components/SnapshotsDialog";
import { DecisionsDialog, type FindingChoice } from "./components/DecisionsDialog";
import { DraftBar, StartDraftDialog } from "./components/DraftBar";
import { IndexExplain } from "./components/IndexExplain";
import { FocusChooser } from "./components/FocusChooser";
import { HelpDialog, HelpMenu, ResetSampleDialog, type HelpTopic } from "./components/HelpDialogs";
import { api, errorText, on, onPending } from "./ipc";
import { useRevisionData } from "./lib/revision";
import { deleteEdit } from "./lib/edits";

type Theme = "light" | "dark" | "system";

function useTheme(): [Theme, (t: Theme) => void, "light" | "dark"] {
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem("theme") as Theme) || "system");
  const [systemDark, setSystemDark] = useState(() => window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false);
  useEffect(() => {
    const mq = window.matchMedia?.("(prefers-color-scheme: dark)");
    const on = () => setSystemDark(mq.matches);
    mq?.addEventListener("change", on);
    return () => mq?.removeEventListener("change", on);
  }, []);
  const effective = theme === "system" ? (systemDark ? "dark" : "light") : theme;
  useEffect(() => {
    document.documentElement.dataset.theme = effective;
    localStorage.setItem("theme", theme);
  }, [theme, effective]);
  return [theme, setTheme, effective];
}


function Welcome({
  status,
  onOpened,
  onError,
  onImport,
  onHelp,
}: {
  status: AppStatus | null;
  onOpened: (c: Change) => void;
  onError: (m: string) => void;
  onImport: () => void;
  onHelp: (t: HelpTopic) => void;
}) {
  const [name, setName] = useState("");
  const run = async (f: () => Promise<Change | null>) => {
    try {
      const d = await f();
      if (d) onOpened(d);
    } catch (e) {
      onError(errorText(e));
    }
  };
  return (
    <main className="welcome">
      <div className="welcome-card">
        <img src="./icon.png" alt="" width={72} height={72} />
        <h1>Throughline</h1>
        <p className="lede">
          See how strategy and values reach every function, team and person — and where that line breaks.
        </p>
        <div className="welcome-actions">
          <button className="primary big" onClick={() => run(api.openSample)}>
            Open the sample organisation
          </button>
          <button className="big" onClick={() => run(() => api.openWorkspace(false))}>
            Open a workspace…
          </button>
          <button className="big" onClick={onImport}>
            Start from a spreadsheet…
          </button>
          <form
            className="new-ws"
            onSubmit={(e) => {
              e.preventDefault();
              void run(() => api.newWorkspace(name));
            }}
          >
            <label>
              New workspace for
              <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Organisation name" required />
            </label>
            <button type="submit" className="big">
              Create…
            </button>
          </form>
        </div>
        {status && status.recent.length > 0 && (
          <section className="recent">
            <h2>Recent</h2>
            <ul>
              {status.recent.map((p) => (
                <li key={p}>
                  <button className="link" onClick={() => run(() => api.openRecent(p))}>
                    {p.split("/").pop()}
                  </button>
                  <span className="muted"> {p}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        <nav className="welcome-help" aria-label="Help">
          <button className="link" onClick={() => onHelp("rules-reference")}>
            Rules reference
          </button>
          <button className="link" onClick={() => onHelp("keyboard-shortcuts")}>
            Keyboard shortcuts
          </button>
          <button className="link" onClick={() => onHelp("about")}>
            About Throughline
          </button>
        </nav>
      </div>
    </main>
  );
}

function SearchBox({ inputRef, onPick }: { inputRef: React.RefObject<HTMLInputElement | null>; onPick: (h: SearchHit) => void }) {
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  useEffect(() => {
    if (!q.trim()) {
      setHits([]);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      void api.search(q, 12).then((h) => {
        if (live) {
          setHits(h);
          setActive(0);
        }
      });
    }, 100);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q]);
  const pick = (h: SearchHit) => {
    onPick(h);
    setQ("");
    setHits([]);
  };
  return (
    <div className="search" role="search">
      <input
        ref={inputRef}
        type="search"
        placeholder="Find a goal, person or unit (Ctrl+F)"
        aria-label="Find"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, hits.length - 1));
          else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
          else if (e.key === "Enter" && hits[active]) pick(hits[active]);
          else if (e.key === "Escape") setQ("");
        }}
        aria-controls={hits.length > 0 ? "search-results" : undefined}
      />
      {hits.length > 0 && (
        <ul id="search-results" className="search-hits" role="listbox">
          {hits.map((h, i) => (
            <li key={`${h.kind}:${h.id}`} role="option" aria-selected={i === active}>
              <button className={i === active ? "active" : ""} onClick={() => pick(h)}>
                <span className="kind">{h.kind}</span> <strong>{h.label}</strong>{" "}
                <span className="muted">{h.context}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export default function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [doc, setDoc] = useState<DocInfo | null>(null);
  const [effect, setEffect] = useState<Change | null>(null);
  const [request, setRequest] = useState<ViewRequest>({});
  const [filter, setFilter] = useState<FindingFilter>({ offset: 0 });
  const [selected, setSelected] = useState<string | null>(null);
  const [highlighted, setHighlighted] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState<{ id: string | null; seq: number; group?: string[] }>({ id: null, seq: 0 });
  const [currentFinding, setCurrentFinding] = useState<string | null>(null);
  const [mode, setMode] = useState<"map" | "measures" | "alignment">("map");
  // The alignment view's tab (the header's imposed count opens its flows).
  const [alignmentTab, setAlignmentTab] = useState<AlignmentTab>("flows");
  // The alignment view's cell or band opened: its goals take the inspector's place.
  const [alignmentCell, setAlignmentCell] = useState<AlignmentCell | null>(null);
  const [message, setMessage] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [presentation, setPresentation] = useState(false);
  const [zoom, setZoom] = useState<{ kind: "in" | "out" | "fit"; seq: number } | null>(null);
  const [askName, setAskName] = useState(false);
  const [reportOpen, setReportOpen] = useState(false);
  const [snapshotsOpen, setSnapshotsOpen] = useState(false);
  const [startDraft, setStartDraft] = useState(false);
  // The Decisions dialog while open, with the finding a new decision starts from, if any.
  const [decisions, setDecisions] = useState<{ finding: FindingChoice | null } | null>(null);
  // The before / after view's two sides, while it is open (in the findings' place).
  const [compareSides, setCompareSides] = useState<{ before: CompareSide; after: CompareSide } | null>(null);
  const [wizard, setWizard] = useState<ImportPreview | null>(null);
  // Help ▸ Rules Reference, Keyboard Shortcuts or About, while open (the reference at a
  // rule: the current finding's, or the one its explanation links to).
  const [help, setHelp] = useState<HelpTopic | null>(null);
  const [helpRule, setHelpRule] = useState<string | undefined>(undefined);
  // File ▸ Reset the Sample Organisation, asked once before it is done.
  const [resetAsked, setResetAsked] = useState(false);
  const [theme, setTheme, effectiveTheme] = useTheme();
  const searchRef = useRef<HTMLInputElement>(null);

  // Progress indicator for anything slower than half a second.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    return onPending((n) => {
      if (n > 0 && !timer) timer = setTimeout(() => setBusy(true), 500);
      if (n === 0) {
        if (timer) clearTimeout(timer);
        timer = null;
        setBusy(false);
      }
    });
  }, []);

  useEffect(() => {
    document.documentElement.dataset.presentation = presentation ? "on" : "off";
  }, [presentation]);

  const refreshStatus = useCallback(async () => {
    const s = await api.appStatus();
    setStatus(s);
    setDoc(s.doc);
    // A file named on the command line that could not be opened (the event may have come
    // before the page listened).
    if (s.startup_error) setError(s.startup_error.message);
  }, []);

  useEffect(() => {
    void refreshStatus();
  }, [refreshStatus]);

  // The first view of a file: as much of the organisation as fits, on a freshly fitted map
  // (`home` keys the map, so its pan and zoom start over).
  const [home, setHome] = useState(0);
  const presenting = useRef(presentation);
  useEffect(() => {
    presenting.current = presentation;
  }, [presentation]);
  const goHome = useCallback(() => {
    setRequest(firstViewRequest(mapWidthOnScreen(), presenting.current));
    setHome((h) => h + 1);
  }, []);
  // Presenting starts the map over from its first view, sized for larger cards.
  const [homePresentation, setHomePresentation] = useState(presentation);
  if (homePresentation !== presentation) {
    setHomePresentation(presentation);
    setRequest(firstViewRequest(mapWidthOnScreen(presentation), presentation));
    setHome((h) => h + 1);
    setHighlighted(new Set());
  }
  // Another file (opened, imported, or opened at start-up): start from its first view.
  const docPath = doc?.path ?? null;
  const [viewPath, setViewPath] = useState<string | null>(null);
  if (docPath !== viewPath) {
    setViewPath(docPath);
    if (docPath !== null) goHome();
  }

  // Each panel fetches once per revision (and when what it asks for changes).
  const revision = doc?.revision ?? null;
  const showError = useCallback((e: unknown) => setError(errorText(e)), []);
  // The map starts over (`home`) on another file, an import or a restore: its old view is
  // not shown meanwhile, so the new map is fitted to the window from its own first view.
  const view = useRevisionData(revision, `${docPath}#${home}`, JSON.stringify(request), () => api.view(request), showError);
  const page = useRevisionData(
    revision,
    docPath,
    JSON.stringify(filter),
    async () => {
      const p = await api.findings(filter);
      if (editStarted.current !== null) {
        void api.markTiming("edit-to-findings", performance.now() - editStarted.current);
        editStarted.current = null;
      }
      return p;
    },
    showError,
  );
  const choices = useRevisionData(revision, docPath, "", () => api.choices());
  // Asked again after each change, so a comparison with now follows the workshop's fixes.
  const comparison = useRevisionData(
    revision,
    docPath,
    JSON.stringify(compareSides),
    () => (compareSides ? api.compare(compareSides.before, compareSides.after) : Promise.resolve(null)),
    (e) => {
      setCompareSides(null);
      showError(e);
    },
  );
  // Compared with now, the map's cards carry the comparison's marks.
  const marks = useMemo(
    () => (compareSides && comparison?.after_side.kind === "now" ? new Map(comparison.marks.map((m) => [m.id, m.mark])) : null),
    [compareSides, comparison],
  );
  const entityOrNull = useRevisionData(revision, docPath, selected ?? "", () =>
    selected ? api.entity(selected).catch(() => null) : Promise.resolve(null),
  );
  const entity = selected ? entityOrNull : null;
  const cellGoals = useRevisionData(revision, docPath, JSON.stringify(alignmentCell), () =>
    alignmentCell ? api.alignmentGoals(alignmentCell) : Promise.resolve(null),
  );

  // A change, from the reply to the command that made it or from the `doc-changed` event
  // (whichever comes first: the other one finds its revision already shown).
  const shown = useRef(0);
  const applyChange = useCallback(
    (c: Change, announce: boolean) => {
      if (c.kind === "closed" || !c.doc) {
        shown.current = 0;
        setDoc(null);
        setSelected(null);
        void refreshStatus();
        return;
      }
      if (c.doc.revision <= shown.current) return;
      shown.current = c.doc.revision;
      setDoc(c.doc);
      // Each change shows its effect until the next one (opening a file shows none).
      setEffect(c.effect ? c : null);
      if (c.kind === "opened") {
        setCompareSides(null);
        setSnapshotsOpen(false);
        setDecisions(null);
        // Another file: the question about resetting the sample no longer applies.
        setResetAsked(false);
        setSelected(null);
        setHighlighted(new Set());
        goHome();
        setFilter({ offset: 0 });
        setMode("map");
      } else if (c.kind === "imported" || c.kind === "restored") {
        // A whole other map: start again from its first view, fitted to the window.
        goHome();
      }
      if (announce) setMessage(c.label);
    },
    [refreshStatus, goHome],
  );

  const opened = useCallback((c: Change) => applyChange(c, true), [applyChange]);

  const editStarted = useRef<number | null>(null);
  const onEdit = useCallback(async (edit: Edit): Promise<Change | null> => {
    try {
      editStarted.current = performance.now();
      const out = await api.edit(edit);
      applyChange(out, false);
      setMessage(out.label);
      setError(null);
      return out;
    } catch (e) {
      setError(errorText(e));
      return null;
    }
  }, [applyChange]);

  const history = useCallback(async (which: "undo" | "redo") => {
    try {
      const out = which === "undo" ? await api.undo() : await api.redo();
      applyChange(out, false);
      setMessage(out.label);
    } catch (e) {
      setMessage(errorText(e));
    }
  }, [applyChange]);

  // File ▸ Reset the Sample Organisation, once asked: one change, which Undo takes back.
  const resetSample = useCallback(async () => {
    setResetAsked(false);
    try {
      applyChange(await api.resetSample(), true);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [applyChange]);

  const reveal = useCallback((id: string, group?: string[]) => {
    setSelected(id);
    // Keep what is open as it is (so the first view's fitting does not close a level to
    // make room for the path) and open the path to `id`.
    setRequest((r) => ({ ...r, expanded: r.expanded ?? view?.expanded, reveal: id }));
    setFocus((f) => ({ id, seq: f.seq + 1, group }));
  }, [view]);

  const pickFinding = useCallback(
    (row: FindingRow) => {
      setCurrentFinding(findingKey(row));
      setHighlighted(new Set([row.finding.subject, ...row.finding.related]));
      setMode("map");
      reveal(row.finding.subject);
    },
    [reveal],
  );

  const toggleUnit = useCallback(
    (id: string) => {
      const current = new Set(view?.expanded ?? []);
      if (current.has(id)) current.delete(id);
      else current.add(id);
      setRequest((r) => ({ ...r, expanded: [...current], reveal: undefined }));
    },
    [view],
  );

  // The import wizard opens on the files picked in the native dialog (none: it stays shut).
  const startImport = useCallback(async (target: ImportTarget) => {
    try {
      await api.importCancel();
      const p = await api.importPickFiles({
        target,
        organisation: null,
        columns: [],
        levels: null,
        date_order: null,
        decimal_comma: false,
        remove_missing: false,
      });
      if (p) setWizard(p);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);

  const fileAction = useCallback(
    async (id: MenuAction) => {
      try {
        switch (id) {
          case "new":
            setAskName(true);
            break;
          case "open": {
            const d = await api.openWorkspace(false);
            if (d) opened(d);
            break;
          }
          case "open-sample":
            opened(await api.openSample());
            break;
          case "reset-sample":
            if (doc?.sample && !doc.read_only) setResetAsked(true);
            break;
          case "import": {
            const out = await api.importMap();
            if (out) applyChange(out, true);
            break;
          }
          case "export": {
            const path = await api.exportMap();
            if (path) setMessage(`Exported the map to ${path}`);
            break;
          }
          case "save-copy": {
            const path = await api.saveCopy();
            if (path) setMessage(`Saved a copy as ${path}`);
            break;
          }
          case "export-report":
            if (doc) setReportOpen(true);
            break;
          case "import-spreadsheet":
            await startImport(doc && !doc.read_only ? "open" : "new");
            break;
          case "export-spreadsheet": {
            if (!doc) break;
            const path = await api.exportSpreadsheet();
            if (path) setMessage(`Exported People and Goals sheets to ${path}`);
            break;
          }
          case "close":
            try {
              await api.closeWorkspace();
            } finally {
              shown.current = 0;
              setDoc(null);
              setSelected(null);
              void refreshStatus();
            }
            break;
        }
      } catch (e) {
        setError(errorText(e));
      }
    },
    [opened, refreshStatus, doc, applyChange, startImport],
  );

  const inInput = () => {
    const a = document.activeElement;
    return a instanceof HTMLInputElement || a instanceof HTMLTextAreaElement || a instanceof HTMLSelectElement;
  };

  const action = useCallback(
    (id: MenuAction) => {
      switch (id) {
        case "undo":
          if (inInput()) document.execCommand("undo");
          else void history("undo");
          break;
        case "redo":
          if (inInput()) document.execCommand("redo");
          else void history("redo");
          break;
        case "delete": {
          const edit = entity ? deleteEdit(entity) : null;
          if (edit) void onEdit(edit).then((ok) => ok && setSelected(null));
          break;
        }
        case "find":
          setMode("map");
          searchRef.current?.focus();
          break;
        case "zoom-in":
        case "zoom-out":
        case "fit":
          setZoom((z) => ({ kind: id === "zoom-in" ? "in" : id === "zoom-out" ? "out" : "fit", seq: (z?.seq ?? 0) + 1 }));
          break;
        case "view-map":
          setMode("map");
          break;
        case "view-measures":
          setMode("measures");
          break;
        case "view-alignment":
          setMode("alignment");
          break;
        case "theme-light":
          setTheme("light");
          break;
        case "theme-dark":
          setTheme("dark");
          break;
        case "theme-system":
          setTheme("system");
          break;
        case "presentation":
          setPresentation((p) => !p);
          break;
        case "rules-reference":
          setHelpRule(currentFinding?.split("|")[0]);
          setHelp(id);
          break;
        case "keyboard-shortcuts":
        case "about":
          setHelp(id);
          break;
        case "quit":
          // The shell quits itself; a page without it has nothing to quit.
          break;
        case "decisions":
          setDecisions({ finding: null });
          break;
        default:
          void fileAction(id);
      }
    },
    [history, entity, onEdit, fileAction, setTheme, currentFinding],
  );

  // Native menu items arrive as events; the backend also says when the document changed.
  const actionRef = useRef(action);
  actionRef.current = action;
  useEffect(() => {
    const offs: Promise<() => void>[] = [
      on("menu", (a) => actionRef.current(a)),
      on("doc-changed", (c) => applyChange(c, true)),
      on("startup-error", (e) => setError(e.message)),
      on("app-error", (e) => setError(e.message)),
    ];
    return () => offs.forEach((p) => void p.then((off) => off()));
  }, [applyChange]);

  // Keys that no native menu item carries (and all of them where there is no native menu).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const noMenu = (window as unknown as { __TL_NO_NATIVE_MENU?: boolean }).__TL_NO_NATIVE_MENU;
      if (e.key === "Escape") {
        setHighlighted(new Set());
        setCurrentFinding(null);
        if (!inInput()) setSelected(null);
        return;
      }
      if (e.key === "Delete" && !inInput() && selected) {
        e.preventDefault();
        actionRef.current("delete");
        return;
      }
      // Select all belongs to the field being typed in, never to the whole interface.
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "a" && !e.shiftKey && !inInput()) {
        e.preventDefault();
        return;
      }
      if (noMenu && e.key === "F1") {
        e.preventDefault();
        actionRef.current("rules-reference");
        return;
      }
      if (!noMenu || !mod) return;
      const k = e.key.toLowerCase();
      const map: Record<string, MenuAction> = {
        z: e.shiftKey ? "redo" : "undo",
        y: "redo",
        f: "find",
        "=": "zoom-in",
        "+": "zoom-in",
        "-": "zoom-out",
        "0": "fit",
        "1": "view-map",
        "2": "view-measures",
        "3": "view-alignment",
        "/": "keyboard-shortcuts",
      };
      const id = e.shiftKey && k === "p" ? "presentation" : e.shiftKey && k === "i" ? "import-spreadsheet" : e.shiftKey && k === "d" ? "decisions" : map[k];
      if (id) {
        e.preventDefault();
        actionRef.current(id);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [selected]);

  const wizardDialog = wizard && (
    <ImportWizard
      initial={wizard}
      onClose={() => setWizard(null)}
      onImported={(c) => {
        setWizard(null);
        applyChange(c, true);
        setError(null);
      }}
    />
  );

  const helpDialog = help && (
    <HelpDialog
      topic={help}
      version={status?.version ?? null}
      rule={helpRule}
      onClose={() => {
        setHelp(null);
        setHelpRule(undefined);
      }}
    />
  );

  const people = useMemo(() => (choices?.people ?? []).map((p) => ({ id: p.id, label: p.label })), [choices]);

  const newDialog = askName && (
    <NameDialog
      onCancel={() => setAskName(false)}
      onName={async (name) => {
        setAskName(false);
        try {
          const c = await api.newWorkspace(name);
          if (c) opened(c);
        } catch (e) {
          setError(errorText(e));
        }
      }}
    />
  );

  if (!doc) {
    return (
      <>
        <Welcome status={status} onOpened={opened} onError={setError} onImport={() => void startImport("new")} onHelp={setHelp} />
        {newDialog}
        {wizardDialog}
        {helpDialog}
        {error && <ErrorDialog message={error} onClose={() => setError(null)} />}
      </>
    );
  }

  const s = page?.summary;
  const losName = request.line_of_sight ? people.find((p) => p.id === request.line_of_sight)?.label ?? request.line_of_sight : null;

  return (
    <div className="app">
      <header className="top">
        <div className="doc-title">
          <strong>{doc.organisation}</strong>
          <span className="muted">
            {doc.file_name}
            {doc.read_only ? " (read-only)" : ""} · as of {doc.as_of}
          </span>
          {doc.sample && !doc.read_only && (
            <button className="reset-sample-button" onClick={() => setResetAsked(true)} title="Put the sample organisation back as shipped (Undo brings your edits back)">
              Reset sample
            </button>
          )}
        </div>
        <IndexExplain summary={s} findings={(page?.errors ?? 0) + (page?.warnings ?? 0) + (page?.infos ?? 0)} />
        <div className="counts" aria-label="Findings by severity">
          <button className="count sev-error" onClick={() => setFilter({ offset: 0, severity: "error" })}>
            {page?.errors ?? 0} errors
          </button>
          <button className="count sev-warning" onClick={() => setFilter({ offset: 0, severity: "warning" })}>
            {page?.warnings ?? 0} warnings
          </button>
          <button className="count sev-info" onClick={() => setFilter({ offset: 0, severity: "info" })}>
            {page?.infos ?? 0} info
          </button>
        </div>
        <FocusChooser
          organisation={doc.organisation}
          focus={doc.focus_function}
          imposed={page?.imposed_on_focus ?? 0}
          onOpenFlows={() => {
            setAlignmentTab("flows");
            setMode("alignment");
          }}
          functions={choices?.functions ?? []}
          readOnly={doc.read_only}
          onEdit={(e) => void onEdit(e)}
        />
        <SearchBox inputRef={searchRef} onPick={(h) => { setMode("map"); setHighlighted(new Set()); reveal(h.id); }} />
        <nav className="tools" aria-label="Tools">
          <button onClick={() => void history("undo")} disabled={!doc.history.undo} title={doc.history.undo ? `Undo: ${doc.history.undo}` : "Nothing to undo"}>
            Undo
          </button>
          <button onClick={() => void history("redo")} disabled={!doc.history.redo} title={doc.history.redo ? `Redo: ${doc.history.redo}` : "Nothing to redo"}>
            Redo
          </button>
          <button aria-pressed={mode === "map"} onClick={() => setMode("map")}>
            Map
          </button>
          <button aria-pressed={mode === "measures"} onClick={() => setMode("measures")}>
            Measures
          </button>
          <button aria-pressed={mode === "alignment"} onClick={() => setMode("alignment")} title="Who sets targets on whom, coverage of the strategy, a scorecard per function">
            Alignment
          </button>
          <button onClick={() => setTheme(effectiveTheme === "dark" ? "light" : "dark")} aria-label={`${effectiveTheme === "dark" ? "Light" : "Dark"} theme`} title={`Theme: ${theme}`}>
            {effectiveTheme === "dark" ? "Light" : "Dark"}
          </button>
          <button className="present-button" aria-pressed={presentation} onClick={() => setPresentation(!presentation)} title="Present: the map alone, large, and the findings' patterns one by one (→ / ←, Esc to stop; Ctrl+Shift+P)">
            Present
          </button>
          <button
            onClick={() => setStartDraft(true)}
            disabled={doc.read_only || !!doc.draft}
            title={doc.draft ? "A draft is open: keep or discard it first" : "Try a change in a draft: see its effect before it touches the workspace"}
          >
            Try a change…
          </button>
          <button onClick={() => setSnapshotsOpen(true)} title="Save, restore and compare snapshots of the map (before and after the workshop)">
            Snapshots…
          </button>
          <button onClick={() => setDecisions({ finding: null })} title="What the workshop decided and why (Ctrl+Shift+D)">
            Decisions…
          </button>
          <button onClick={() => setReportOpen(true)} title="Export an alignment report (PDF, HTML, XLSX, CSV, Markdown, JSON)">
            Report…
          </button>
          <HelpMenu onTopic={setHelp} />
        </nav>
      </header>
      <div className="body">
        {compareSides ? (
          <BeforeAfterPanel
            data={comparison}
            onPick={pickFinding}
            onOpen={(id) => {
              setMode("map");
              setHighlighted(new Set([id]));
              reveal(id);
            }}
            onShow={(ids) => {
              setMode("map");
              setHighlighted(new Set(ids));
              reveal(ids[0], ids);
            }}
            onClose={() => setCompareSides(null)}
            onSnapshots={() => setSnapshotsOpen(true)}
          />
        ) : (
          <FindingsPanel
            page={page}
            filter={filter}
            onFilter={setFilter}
            onPick={pickFinding}
            onDecide={(row) =>
              setDecisions({
                finding: {
                  key: { rule: row.finding.rule, subject: row.finding.subject, related: row.finding.related },
                  label: `${row.rule_name}: ${row.subject_label}`,
                },
              })
            }
            selectedKey={currentFinding}
            people={people}
            onRule={(rule) => {
              setHelpRule(rule);
              setHelp("rules-reference");
            }}
            onFix={doc.read_only ? undefined : (edit) => void onEdit(edit)}
          />
        )}
        <main className="centre">
          {presentation && (
            <Presenter
              revision={doc.revision}
              docPath={doc.path}
              organisation={doc.organisation}
              onShow={(subjects, related) => {
                setMode("map");
                setCurrentFinding(null);
                setHighlighted(new Set([...subjects, ...related]));
                reveal(subjects[0], subjects);
                setSelected(null);
              }}
              onOverview={() => {
                setHighlighted(new Set());
                setSelected(null);
                goHome();
              }}
              onLeave={() => setPresentation(false)}
            />
          )}
          {doc.draft && <DraftBar draft={doc.draft} readOnly={doc.read_only} onChange={(c) => applyChange(c, true)} onError={setError} />}
          {losName && (
            <div className="los-bar" role="status">
              Line of sight: <strong>{losName}</strong>
              <button onClick={goHome}>Show everyone</button>
            </div>
          )}
          {effect && (
            <EffectNotice
              change={effect}
              onOpen={reveal}
              onUndo={effect.kind !== "undone" && doc.history.undo && !doc.read_only ? () => void history("undo") : undefined}
              onClose={() => setEffect(null)}
            />
          )}
          {mode === "map" && view && (
            <ReactFlowProvider key={home}>
              <MapView
                view={view}
                theme={effectiveTheme}
                selected={selected}
                highlighted={highlighted}
                focusId={focus.id}
                focusSeq={focus.seq}
                focusGroup={focus.group}
                onSelect={(id) => {
                  setSelected(id);
                  if (!id) setHighlighted(new Set());
                }}
                onToggle={toggleUnit}
                onLink={(goal, supports) => void onEdit({ type: "link_support", goal, supports })}
                zoomCommand={zoom}
                presentation={presentation}
                marks={marks}
              />
            </ReactFlowProvider>
          )}
          {mode === "measures" && <MeasuresView revision={doc.revision} readOnly={doc.read_only} onEdit={onEdit} />}
          {mode === "alignment" && (
            <AlignmentView
              revision={doc.revision}
              docPath={doc.path}
              tab={alignmentTab}
              onTab={(t) => {
                setAlignmentTab(t);
                setAlignmentCell(null);
              }}
              cell={alignmentCell}
              onCell={setAlignmentCell}
              onFilter={setFilter}
            />
          )}
        </main>
        {mode === "alignment" && alignmentCell && cellGoals ? (
          <CellGoals
            goals={cellGoals}
            onOpenGoal={(id) => {
              setMode("map");
              setAlignmentCell(null);
              setHighlighted(new Set([id]));
              reveal(id);
            }}
            onFilter={setFilter}
            onClose={() => setAlignmentCell(null)}
          />
        ) : (
        <Inspector
          entity={entity}
          choices={choices}
          readOnly={doc.read_only}
          onEdit={onEdit}
          onSelect={(id) => {
            if (id) reveal(id);
            else setSelected(null);
          }}
          onLineOfSight={(p) => {
            setRequest({ line_of_sight: p });
            setMode("map");
            setFilter({ offset: 0, person: p });
          }}
          revision={doc.revision}
          onChanged={(c) => {
            applyChange(c, false);
            setMessage(c.label);
          }}
        />
        )}
      </div>
      <footer className="status" role="status" aria-live="polite">
        {busy && <span className="spinner" aria-label="Working" />}
        <span>{message}</span>
        {doc.warning && (
          <span className="warning" title={doc.warning}>
            ⚠ Backup failed: {doc.warning}
          </span>
        )}
        <span className="muted right">
          {doc.people} people · {doc.goals} goals · {doc.units} units
        </span>
      </footer>
      {newDialog}
      {wizardDialog}
      {snapshotsOpen && (
        <SnapshotsDialog
          revision={doc.revision}
          readOnly={doc.read_only}
          onClose={() => setSnapshotsOpen(false)}
          onRestored={(c) => {
            applyChange(c, false);
            setMessage(c.label);
          }}
          onCompare={(before, after) => {
            setCompareSides({ before, after });
            setSnapshotsOpen(false);
            setMode("map");
          }}
          onDeleted={(id, label) => {
            setMessage(label);
            const uses = (s: CompareSide) => s.kind === "snapshot" && s.id === id;
            if (compareSides && (uses(compareSides.before) || uses(compareSides.after))) setCompareSides(null);
          }}
          onMessage={setMessage}
        />
      )}
      {startDraft && (
        <StartDraftDialog
          onClose={() => setStartDraft(false)}
          onStarted={(c) => {
            setStartDraft(false);
            applyChange(c, true);
          }}
        />
      )}
      {decisions && (
        <DecisionsDialog
          revision={doc.revision}
          readOnly={doc.read_only}
          finding={decisions.finding}
          onClose={() => setDecisions(null)}
          onChanged={(c) => applyChange(c, true)}
          onOpen={(id) => {
            setDecisions(null);
            setMode("map");
            setHighlighted(new Set([id]));
            reveal(id);
          }}
        />
      )}
      {reportOpen && (
        <ReportDialog
          functions={choices?.functions ?? []}
          focusFunction={doc.focus_function}
          onClose={() => setReportOpen(false)}
        />
      )}
      {helpDialog}
      {resetAsked && <ResetSampleDialog onReset={() => void resetSample()} onCancel={() => setResetAsked(false)} />}
      {error && <ErrorDialog message={error} onClose={() => setError(null)} />}
    </div>
  );
}

function NameDialog({ onName, onCancel }: { onName: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState("");
  return (
    <div className="modal-backdrop" onClick={onCancel}>
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="new-title"
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) onName(name.trim());
        }}
        onKeyDown={(e) => e.key === "Escape" && onCancel()}
      >
        <h2 id="new-title">New workspace</h2>
        <label className="field">
          <span>Organisation name</span>
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            Choose where to save…
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

function ErrorDialog({ message, onClose }: { message: string; onClose: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="err-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="err-title">That did not work</h2>
        <pre className="error-text">{message}</pre>
        <button ref={ref} className="primary" onClick={onClose}>
          OK
        </button>
      </div>
    </div>
  );
}
