// File ▸ Import from Spreadsheet… and "Start from a spreadsheet": a wizard in four steps
// over the files the backend read once (throughline-app-core's import draft): the files and
// their tables, the column mapping, the first rows as people and goals with their problems,
// and the change set with the Import button. Every step is a preview the backend computes
// for the current choices; Import is one change (one undo step) like any other.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Change, ChangeGroup, ChangeList, ImportPreview, ImportRequest, TablePreview } from "../bindings";
import { api, errorText } from "../ipc";
import { KIND_LABEL, STATUS_LABEL, chooseColumn, choicesFor, count, resetColumns, size, unitLevels, withLevels } from "../lib/importing";

const STEPS = ["Files and tables", "Columns", "Preview rows", "Changes and import"] as const;

export function ImportWizard({
  initial,
  onClose,
  onImported,
}: {
  initial: ImportPreview;
  onClose: () => void;
  onImported: (c: Change) => void;
}) {
  const [preview, setPreview] = useState(initial);
  const [step, setStep] = useState(0);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [organisation, setOrganisation] = useState(initial.request.organisation ?? "");
  const heading = useRef<HTMLHeadingElement>(null);
  const seq = useRef(0);

  useEffect(() => heading.current?.focus(), [step]);

  /** Ask the backend for the steps under new choices (the last answer wins). */
  const update = useCallback(async (request: ImportRequest) => {
    const mine = ++seq.current;
    setError(null);
    try {
      const p = await api.importPreview(request);
      if (mine === seq.current) setPreview(p);
    } catch (e) {
      if (mine === seq.current) setError(errorText(e));
    }
  }, []);

  // The organisation's name, a moment after typing stops.
  useEffect(() => {
    const name = organisation.trim() || null;
    if (name === (preview.request.organisation ?? null)) return;
    const t = setTimeout(() => void update({ ...preview.request, organisation: name }), 300);
    return () => clearTimeout(t);
  }, [organisation, preview.request, update]);

  const close = useCallback(() => {
    void api.importCancel();
    onClose();
  }, [onClose]);

  const addFiles = async () => {
    setError(null);
    try {
      const p = await api.importPickFiles(preview.request);
      if (p) setPreview(p);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const removeFile = async (name: string) => {
    try {
      setPreview(await api.importRemoveFile(name, preview.request));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const runImport = async () => {
    setWorking(true);
    setError(null);
    try {
      const c = await api.importApply(preview.request);
      if (c) onImported(c);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setWorking(false);
    }
  };

  const r = preview.request;
  const into = preview.into;
  const last = step === STEPS.length - 1;
  return (
    <div className="modal-backdrop wizard-backdrop">
      <div
        className="wizard"
        role="dialog"
        aria-modal="true"
        aria-labelledby="wizard-title"
        aria-busy={working}
        onKeyDown={(e) => {
          if (e.key === "Escape" && !working) {
            e.stopPropagation();
            close();
          }
        }}
      >
        <header className="wizard-head">
          <h2 id="wizard-title">{into ? `Import from spreadsheets into ${into}` : "Start from a spreadsheet"}</h2>
          <nav aria-label="Steps">
            <ol className="wizard-steps">
              {STEPS.map((s, i) => (
                <li key={s}>
                  <button aria-current={i === step ? "step" : undefined} onClick={() => setStep(i)}>
                    <span className="step-no">{i + 1}</span> {s}
                  </button>
                </li>
              ))}
            </ol>
          </nav>
        </header>
        <div className="wizard-body">
          <h3 ref={heading} tabIndex={-1} className="step-title">
            Step {step + 1} of {STEPS.length}: {STEPS[step]}
          </h3>
          {step === 0 && (
            <FilesStep
              preview={preview}
              organisation={organisation}
              onOrganisation={setOrganisation}
              onAdd={() => void addFiles()}
              onRemove={(n) => void removeFile(n)}
            />
          )}
          {step === 1 && <ColumnsStep preview={preview} onRequest={(q) => void update(q)} />}
          {step === 2 && <PreviewStep preview={preview} />}
          {step === 3 && <ChangesStep preview={preview} onRequest={(q) => void update(q)} />}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <footer className="wizard-foot">
          <ProblemBadge preview={preview} onShow={() => setStep(2)} />
          <span className="grow" />
          <button onClick={close} disabled={working}>
            Cancel
          </button>
          <button onClick={() => setStep(step - 1)} disabled={step === 0 || working}>
            Back
          </button>
          {!last && (
            <button className="primary" onClick={() => setStep(step + 1)}>
              Next: {STEPS[step + 1]}
            </button>
          )}
          {last && (
            <button
              className="primary"
              onClick={() => void runImport()}
              disabled={preview.blocked !== null || working}
              aria-describedby={preview.blocked ? "import-blocked" : undefined}
            >
              {working ? "Importing…" : into ? "Import" : "Create the workspace…"}
            </button>
          )}
        </footer>
        {last && preview.blocked && (
          <p id="import-blocked" className="blocked" role="status">
            {preview.blocked}
          </p>
        )}
        {r.remove_missing && last && !preview.blocked && (
          <p className="blocked">Remove missing is on: what the files no longer mention will be deleted (one undo step brings it back).</p>
        )}
      </div>
    </div>
  );
}

function ProblemBadge({ preview, onShow }: { preview: ImportPreview; onShow: () => void }) {
  if (preview.problem_count === 0)
    return <span className="ok-badge">{preview.changes ? `Ready: ${preview.changes.summary}` : "No problems"}</span>;
  return (
    <button className="problem-badge" onClick={onShow}>
      {count(preview.problem_count, "problem", "problems")} to fix
    </button>
  );
}

function FilesStep({
  preview,
  organisation,
  onOrganisation,
  onAdd,
  onRemove,
}: {
  preview: ImportPreview;
  organisation: string;
  onOrganisation: (s: string) => void;
  onAdd: () => void;
  onRemove: (name: string) => void;
}) {
  return (
    <>
      <ul className="import-files">
        {preview.files.map((f) => (
          <li key={f.name}>
            <span className="file-name">{f.name}</span>
            <span className="muted">
              {size(f.bytes)} · {count(f.tables, "table", "tables")}
            </span>
            {f.problem && <span className="cell-problem-text">Cannot be read: {f.problem}</span>}
            <button onClick={() => onRemove(f.name)} aria-label={`Remove ${f.name}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <button onClick={onAdd}>Add files…</button>
      <table className="import-tables">
        <caption>The tables found</caption>
        <thead>
          <tr>
            <th scope="col">Table</th>
            <th scope="col">Taken as</th>
            <th scope="col">File</th>
            <th scope="col">Header row</th>
            <th scope="col">Rows</th>
          </tr>
        </thead>
        <tbody>
          {preview.tables.map((t) => (
            <tr key={t.label}>
              <th scope="row">{t.label}</th>
              <td>
                <span className={`kind-badge kind-${t.kind}`}>{KIND_LABEL[t.kind]}</span>
                {t.remembered && <span className="muted"> (your columns from last time)</span>}
              </td>
              <td>{t.file_kind.toUpperCase()}</td>
              <td>{t.header_row ?? "none found"}</td>
              <td>{t.data_rows.toLocaleString("en")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.tables.some((t) => t.kind === "skipped") && (
        <p className="muted">A table not imported has no recognised name, title or owner column: name its columns in the next step to import it.</p>
      )}
      <label className="field wide">
        <span>Organisation name</span>
        <input
          value={organisation}
          placeholder={preview.organisation}
          onChange={(e) => onOrganisation(e.target.value)}
          aria-describedby="org-hint"
        />
        <small id="org-hint" className="muted">
          {preview.into ? `Empty: keeps “${preview.organisation}”.` : `Empty: “${preview.organisation}”, from the first file's name.`}
        </small>
      </label>
    </>
  );
}

function ColumnsStep({ preview, onRequest }: { preview: ImportPreview; onRequest: (r: ImportRequest) => void }) {
  const r = preview.request;
  return (
    <>
      <div className="import-options">
        <label className="field">
          <span>Dates like 03/04/2027 are</span>
          <select
            value={r.date_order ?? ""}
            onChange={(e) => onRequest({ ...r, date_order: e.target.value === "" ? null : (e.target.value as "dmy" | "mdy") })}
          >
            <option value="">Work it out per column</option>
            <option value="dmy">Day / month / year</option>
            <option value="mdy">Month / day / year</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={r.decimal_comma} onChange={(e) => onRequest({ ...r, decimal_comma: e.target.checked })} />
          Targets use a decimal comma (1.234,5)
        </label>
      </div>
      {preview.tables.map((t) => (
        <TableColumns key={t.label} table={t} request={r} onRequest={onRequest} />
      ))}
    </>
  );
}

function TableColumns({ table: t, request, onRequest }: { table: TablePreview; request: ImportRequest; onRequest: (r: ImportRequest) => void }) {
  const chosen = choicesFor(request, t).length > 0 || (t.kind === "people" && request.levels !== null);
  const ignored = t.headers.filter((h) => h.field === null);
  return (
    <section className="table-columns" aria-labelledby={`cols-${t.label}`}>
      <h4 id={`cols-${t.label}`}>
        {t.label} <span className={`kind-badge kind-${t.kind}`}>{KIND_LABEL[t.kind]}</span>
      </h4>
      {chosen && (
        <button className="link" onClick={() => onRequest({ ...resetColumns(request, t), levels: t.kind === "people" ? null : request.levels })}>
          Back to the columns as detected
        </button>
      )}
      <div className="mapping-grid" role="group" aria-label={`Columns of ${t.label}`}>
        {t.fields.map((f) => {
          const id = `map-${t.label}-${f.field}`;
          return (
            <div key={f.field} className={`mapping-row${f.required && !f.header ? " missing" : ""}`}>
              <div className="mapping-label">
                <label htmlFor={id}>
                  <b>{f.label}</b>
                  {f.required && <span className="req"> (needed)</span>}
                </label>
                {f.hint && (
                  <small id={`${id}-hint`} className="muted">
                    {f.hint}
                  </small>
                )}
              </div>
              <select
                id={id}
                aria-describedby={f.hint ? `${id}-hint` : undefined}
                value={f.header ?? ""}
                onChange={(e) => onRequest(chooseColumn(request, t, t.fields, f.field, e.target.value === "" ? null : e.target.value))}
              >
                <option value="">— no column —</option>
                {t.headers.map((h) => (
                  <option key={h.header} value={h.header}>
                    {h.header}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </div>
      {t.kind === "people" && <UnitLevels table={t} request={request} onRequest={onRequest} />}
      <p className="ignored">
        <b>Ignored columns:</b> {ignored.length === 0 ? "none" : ignored.map((h) => `“${h.header}”`).join(", ")}
      </p>
    </section>
  );
}

/** Which columns give the units, top first: add a level, move one up, remove one. */
function UnitLevels({ table: t, request, onRequest }: { table: TablePreview; request: ImportRequest; onRequest: (r: ImportRequest) => void }) {
  const levels = unitLevels(t);
  const path = t.fields.find((f) => f.field === "unit_path")?.header ?? null;
  const free = t.headers.filter((h) => h.field === null).map((h) => h.header);
  const set = (list: string[]) => onRequest(withLevels(request, t, list));
  const name = (i: number) => (i === 0 ? "Function" : `Level ${i + 1}`);
  return (
    <section className="unit-levels" aria-label={`Units of ${t.label}`}>
      <b>Units come from</b>{" "}
      {path !== null ? (
        <span>
          the path in “{path}” (Sales &gt; Enterprise): each part is a unit under the one before.
        </span>
      ) : levels.length === 0 ? (
        <span className="muted">no column: everyone joins the organisation unit.</span>
      ) : (
        <ol className="level-chips">
          {levels.map((h, i) => (
            <li key={h}>
              <span className="muted">{name(i)}:</span> <b>{h}</b>
              {i > 0 && (
                <button
                  className="icon"
                  aria-label={`Move “${h}” up a level`}
                  title="Move up a level"
                  onClick={() => set([...levels.slice(0, i - 1), h, levels[i - 1], ...levels.slice(i + 1)])}
                >
                  ↑
                </button>
              )}
              <button className="icon" aria-label={`Units not from “${h}”`} title="Not a unit level" onClick={() => set(levels.filter((x) => x !== h))}>
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
      {path === null && free.length > 0 && (
        <label className="field add-level">
          <span>{levels.length === 0 ? "Units from" : "Add a level below"}</span>
          <select value="" onChange={(e) => e.target.value !== "" && set([...levels, e.target.value])}>
            <option value="">— an ignored column —</option>
            {free.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </label>
      )}
    </section>
  );
}

/** Every problem (the first 500 listed), each with its file, sheet, row and column. */
function ProblemList({ preview, id }: { preview: ImportPreview; id: string }) {
  return (
    <section className="problem-list" aria-labelledby={id}>
      <h4 id={id}>
        {preview.problem_count === 0 ? "No problems" : `${count(preview.problem_count, "problem", "problems")}: nothing is imported until there are none`}
      </h4>
      {preview.problem_count > 0 && (
        <ol>
          {preview.problems.map((p, i) => (
            <li key={i}>{p.text}</li>
          ))}
        </ol>
      )}
      {preview.problem_count > preview.problems.length && (
        <p className="muted">… and {count(preview.problem_count - preview.problems.length, "more", "more")}.</p>
      )}
    </section>
  );
}

function PreviewStep({ preview }: { preview: ImportPreview }) {
  const shown = preview.tables.filter((t) => t.kind !== "skipped");
  return (
    <>
      {shown.length === 0 && <p>No table is imported yet: name the columns in step 2.</p>}
      {shown.map((t) => (
        <section key={t.label} className="preview-table" aria-labelledby={`prev-${t.label}`}>
          <h4 id={`prev-${t.label}`}>
            {t.label}: the first {Math.min(t.preview.length, t.data_rows)} of {count(t.data_rows, "row", "rows")} as{" "}
            {t.kind === "people" ? "people" : "goals"}
          </h4>
          <div className="grid-scroll" tabIndex={0} role="region" aria-label={`Rows of ${t.label}`}>
            <table className="rows">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Status</th>
                  {t.kind === "people" && <th scope="col">Unit</th>}
                  {t.shown.map((f) => (
                    <th scope="col" key={f.field}>
                      {f.label}
                      <small className="muted">{f.header}</small>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {t.preview.map((row) => (
                  <PreviewRowView key={row.row} row={row} table={t} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <ProblemList preview={preview} id="problems-title" />
    </>
  );
}

function PreviewRowView({ row, table: t }: { row: TablePreview["preview"][number]; table: TablePreview }) {
  const cols = t.shown.length + (t.kind === "people" ? 3 : 2);
  return (
    <>
      <tr className={`status-${row.status}`}>
        <th scope="row">{row.row}</th>
        <td>
          <span className={`status-badge status-${row.status}`}>{STATUS_LABEL[row.status]}</span>
        </td>
        {t.kind === "people" && <td>{row.unit || <span className="muted">the organisation</span>}</td>}
        {row.cells.map((c) => (
          <td key={c.field} className={c.problem ? "cell-problem" : undefined}>
            {c.text}
            {c.problem && <span className="cell-problem-text">Row {row.row}: {c.problem}</span>}
          </td>
        ))}
      </tr>
      {row.problems.length > 0 && (
        <tr className="row-problems">
          <td colSpan={cols}>
            {row.problems.map((p, i) => (
              <span key={i} className="cell-problem-text">
                Row {row.row}: {p}
              </span>
            ))}
          </td>
        </tr>
      )}
    </>
  );
}

function ChangesStep({ preview, onRequest }: { preview: ImportPreview; onRequest: (r: ImportRequest) => void }) {
  const c = preview.changes;
  const r = preview.request;
  return (
    <>
      {!c && (
        <>
          <p className="blocked-lead">Fix these in the files, or choose other columns in step 2: the change set appears when none is left.</p>
          <ProblemList preview={preview} id="changes-problems-title" />
        </>
      )}
      {c && (
        <>
          <p className="summary-line">
            <b>{preview.into ? `Into ${preview.into}` : `A new workspace for ${preview.organisation}`}:</b> {c.summary}.
          </p>
          <div className="change-groups">
            <Group title="People" g={c.people} removes={r.remove_missing} />
            <Group title="Units" g={c.units} removes={r.remove_missing} addedWord="created" />
            <Group title="Goals" g={c.goals} removes={r.remove_missing} />
            <Group title="Measures" g={c.measures} removes={r.remove_missing} />
          </div>
          {(c.skipped_tables.length > 0 || c.ignored_columns.length > 0) && (
            <p className="muted">
              {c.skipped_tables.length > 0 && <>Not imported: {c.skipped_tables.join(", ")}. </>}
              {c.ignored_columns.length > 0 && <>Ignored columns: {c.ignored_columns.join(", ")}.</>}
            </p>
          )}
        </>
      )}
      {preview.into && (
        <label className="check remove-missing">
          <input type="checkbox" checked={r.remove_missing} onChange={(e) => onRequest({ ...r, remove_missing: e.target.checked })} />
          Remove missing: delete the people, units and goals the files no longer mention (off: they are kept and listed)
        </label>
      )}
    </>
  );
}

function Group({ title, g, removes, addedWord = "added" }: { title: string; g: ChangeGroup; removes: boolean; addedWord?: string }) {
  const nothing = g.added.total + g.updated.total + g.missing.total === 0;
  return (
    <section className="change-group" aria-label={title}>
      <h4>
        {title}
        <span className="muted">
          {" "}
          {g.added.total.toLocaleString("en")} {addedWord}
          {g.updated.total > 0 && `, ${g.updated.total.toLocaleString("en")} updated`}
          {g.missing.total > 0 && `, ${g.missing.total.toLocaleString("en")} missing`}
          {g.unchanged > 0 && `, ${g.unchanged.toLocaleString("en")} unchanged`}
        </span>
      </h4>
      {nothing && <p className="muted">No change.</p>}
      <Items label={addedWord === "added" ? "Added" : "Created"} list={g.added} sign="+" />
      <Items label="Updated" list={g.updated} sign="~" />
      <Items label={removes ? "Missing: removed unless kept for a reason" : "Missing: kept (Remove missing is off)"} list={g.missing} sign="−" />
    </section>
  );
}

function Items({ label, list, sign }: { label: string; list: ChangeList; sign: string }) {
  if (list.total === 0) return null;
  return (
    <details open={list.total <= 12}>
      <summary>
        {label} ({list.total.toLocaleString("en")})
      </summary>
      <ul className="change-items">
        {list.items.map((x) => (
          <li key={x.id}>
            <span className="sign" aria-hidden="true">
              {sign}
            </span>{" "}
            <b>{x.label}</b>
            {x.detail && <span className="muted"> — {x.detail}</span>}
            {x.refused && <span className="warning"> — kept: {x.refused}</span>}
            {x.fields.length > 0 && (
              <ul className="field-changes">
                {x.fields.map((f) => (
                  <li key={f.field}>
                    {f.field}: <span className="old">{f.old || "—"}</span> → <span className="new">{f.new || "—"}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {list.total > list.items.length && <p className="muted">… and {(list.total - list.items.length).toLocaleString("en")} more.</p>}
    </details>
  );
}
