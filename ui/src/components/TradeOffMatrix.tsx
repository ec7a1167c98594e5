// Every trade-off between measures as a matrix (the measures view's advanced view): read a
// row as "pushing this measure … that one" (undermines / supports / feeds / guards),
// editable, with full measure names in both headers, which stay in view while it scrolls;
// narrowed to one function's measures, or all. The measure library adds common measures.
import { useMemo, useState } from "react";
import type { Change, Choice, Edit, Effect, Measure, MeasureKind } from "../bindings";
import { ENUM_VALUES } from "../bindings";
import { api } from "../ipc";
import { useRevisionData } from "../lib/revision";

const EFFECTS = ENUM_VALUES.Effect;
const KINDS = ENUM_VALUES.MeasureKind;
const ALL = "";

interface Props {
  revision: number;
  readOnly: boolean;
  /** The function whose measures are shown first (the designer's). */
  fn: string | null;
  onEdit: (edit: Edit) => Promise<Change | null>;
  onError: (e: unknown) => void;
}

export function TradeOffMatrix({ revision, readOnly, fn, onEdit, onError }: Props) {
  const view = useRevisionData(revision, null, "measures", () => api.measures(), onError);
  const choices = useRevisionData(revision, null, "choices", () => api.choices(), onError);
  // `null`: the designer's function (or the core's default); ALL: every measure.
  const [filter, setFilter] = useState<string | null>(null);
  const narrowed = filter ?? fn;
  const designer = useRevisionData(
    revision,
    null,
    narrowed ?? "(default)",
    () => (narrowed === ALL ? Promise.resolve(null) : api.measuresDesigner(narrowed)),
    onError,
  );
  const [libFunction, setLibFunction] = useState("");
  const cell = useMemo(() => {
    const m = new Map<string, { index: number; effect: Effect }>();
    for (const x of view?.interactions ?? [])
      m.set(`${x.interaction.from}|${x.interaction.to}`, { index: x.index, effect: x.interaction.effect });
    return m;
  }, [view]);
  if (!view) return <p className="designer-note">Loading the trade-offs…</p>;
  const present = new Set(view.measures.map((m) => m.id));
  const functions: Choice[] = choices?.functions ?? [];
  const shownFn = narrowed === ALL ? ALL : (designer?.function?.id ?? ALL);
  const ids = shownFn === ALL || !designer ? null : new Set(designer.measures.map((m) => m.id));
  const measures = ids ? view.measures.filter((m) => ids.has(m.id)) : view.measures;

  const setEffect = async (from: string, to: string, value: string) => {
    const existing = cell.get(`${from}|${to}`);
    if (!value && existing) await onEdit({ type: "delete_interaction", index: existing.index });
    else if (value && existing)
      await onEdit({ type: "update_interaction", index: existing.index, interaction: { from, to, effect: value as Effect } });
    else if (value) await onEdit({ type: "add_interaction", interaction: { from, to, effect: value as Effect } });
  };
  const putMeasure = (m: Measure) => onEdit({ type: "put_measure", measure: m });
  const addFromLibrary = async (id: string) => {
    const lm = view.library.measures.find((m) => m.id === id);
    if (!lm) return;
    // Created with the library's id (refused if the map already has one by that id).
    const ok = await onEdit({
      type: "create_measure",
      measure: { id: lm.id, name: lm.name, unit: lm.unit ?? undefined, kind: lm.kind, direction: lm.direction, leading: lm.leading },
    });
    if (!ok) return;
    // Bring the library's trade-offs between this measure and those already present.
    for (const x of view.library.interactions) {
      const touches = (x.from === id && present.has(x.to)) || (x.to === id && present.has(x.from));
      if (touches) await onEdit({ type: "add_interaction", interaction: x });
    }
  };

  return (
    <section className="tradeoff-matrix" aria-labelledby="matrix-title">
      <div className="designer-head">
        <h2 id="matrix-title">All trade-offs</h2>
        <label className="designer-fn">
          Measures of
          <select value={shownFn} onChange={(e) => setFilter(e.target.value)}>
            <option value={ALL}>All functions</option>
            {functions.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="designer-note">
        Read a row as “pushing this measure … the measure of the column”. Colours: red undermines, green supports,
        amber feeds, blue guards. {measures.length} of {view.measures.length} measures shown.
      </p>
      {!readOnly && (
        <div className="library">
          <label>
            Add from the measure library
            <select value={libFunction} onChange={(e) => setLibFunction(e.target.value)}>
              <option value="">Choose a function…</option>
              {view.library.functions.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
          {libFunction && (
            <ul className="plain library-list">
              {view.library.measures
                .filter((m) => m.function === libFunction)
                .map((m) => (
                  <li key={m.id}>
                    <button type="button" disabled={present.has(m.id)} onClick={() => void addFromLibrary(m.id)}>
                      {present.has(m.id) ? "✓ " : "+ "}
                      {m.name}
                    </button>
                    <span className="muted">
                      {" "}
                      {m.kind}
                      {m.leading ? ", leading" : ", lagging"} — {m.description}
                    </span>
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}
      {/* The scroll box is focusable so the keyboard can scroll it. */}
      <div className="matrix-scroll" tabIndex={0} role="region" aria-label="Trade-off matrix (scrolls)">
        <table className="matrix">
          <caption className="sr-only">Trade-off matrix: rows push, columns are affected</caption>
          <thead>
            <tr>
              <th scope="col" className="corner">
                Measure
              </th>
              <th scope="col" className="col-fixed">
                Kind
              </th>
              <th scope="col" className="col-fixed">
                Leading
              </th>
              {measures.map((m) => (
                <th key={m.id} scope="col" className="rot">
                  <span>{m.name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {measures.map((from) => (
              <tr key={from.id}>
                <th scope="row">{from.name}</th>
                <td>
                  <select
                    aria-label={`Kind of ${from.name}`}
                    value={from.kind}
                    disabled={readOnly}
                    onChange={(e) => void putMeasure({ ...from, kind: e.target.value as MeasureKind })}
                  >
                    {KINDS.map((k) => (
                      <option key={k.value} value={k.value}>
                        {k.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="centre-cell">
                  <input
                    type="checkbox"
                    aria-label={`${from.name} is leading`}
                    checked={from.leading ?? false}
                    disabled={readOnly}
                    onChange={(e) => void putMeasure({ ...from, leading: e.target.checked })}
                  />
                </td>
                {measures.map((to) => {
                  const c = cell.get(`${from.id}|${to.id}`);
                  if (from.id === to.id) return <td key={to.id} className="diag" aria-hidden />;
                  return (
                    <td key={to.id} className={c ? `fx fx-${c.effect}` : "fx"}>
                      <select
                        aria-label={`Pushing ${from.name}: effect on ${to.name}`}
                        value={c?.effect ?? ""}
                        disabled={readOnly}
                        onChange={(e) => void setEffect(from.id, to.id, e.target.value)}
                      >
                        <option value="">·</option>
                        {EFFECTS.map((fx) => (
                          <option key={fx.value} value={fx.value}>
                            {fx.value}
                          </option>
                        ))}
                      </select>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
