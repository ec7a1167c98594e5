// Measures and the trade-off matrix between them (undermines / supports / feeds / guards),
// editable, with the measure library to add common measures from.
import { useEffect, useMemo, useState } from "react";
import type { Edit, Change, Effect, Measure, MeasureKind, MeasuresView as View } from "../bindings";
import { ENUM_VALUES } from "../bindings";
import { api } from "../ipc";

const EFFECTS: Effect[] = ENUM_VALUES.Effect.map((e) => e.value);
const KINDS: MeasureKind[] = ENUM_VALUES.MeasureKind.map((k) => k.value);
const SHORT: Record<Effect, string> = { undermines: "−", supports: "+", feeds: "→", guards: "◆" };

interface Props {
  revision: number;
  readOnly: boolean;
  onEdit: (edit: Edit) => Promise<Change | null>;
}

export function MeasuresView({ revision, readOnly, onEdit }: Props) {
  const [view, setView] = useState<View | null>(null);
  const [libFunction, setLibFunction] = useState("");
  useEffect(() => {
    void api.measures().then(setView);
  }, [revision]);
  const cell = useMemo(() => {
    const m = new Map<string, { index: number; effect: Effect }>();
    for (const x of view?.interactions ?? []) m.set(`${x.interaction.from}|${x.interaction.to}`, { index: x.index, effect: x.interaction.effect });
    return m;
  }, [view]);
  if (!view) return <div className="measures">Loading measures…</div>;
  const present = new Set(view.measures.map((m) => m.id));

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
      measure: {
        id: lm.id,
        name: lm.name,
        unit: lm.unit ?? undefined,
        kind: lm.kind,
        direction: lm.direction,
        leading: lm.leading,
      },
    });
    if (!ok) return;
    // Bring the library's trade-offs between this measure and those already present.
    for (const x of view.library.interactions) {
      const touches = (x.from === id && present.has(x.to)) || (x.to === id && present.has(x.from));
      if (touches) await onEdit({ type: "add_interaction", interaction: x });
    }
  };

  return (
    <div className="measures" role="region" aria-label="Measures and trade-offs">
      <div className="measures-head">
        <h2>Measures and trade-offs</h2>
        <p className="muted">
          Read a row as “pushing this measure … that one”: − undermines, + supports, → feeds, ◆ guards. A volume
          measure that feeds another function needs a guard in its own.
        </p>
      </div>
      {!readOnly && (
        <div className="library">
          <label>
            Measure library
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
      <div className="matrix-wrap">
        <table className="matrix">
          <caption className="sr-only">Trade-off matrix: rows push, columns are affected</caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Kind</th>
              <th scope="col">Leading</th>
              {view.measures.map((m) => (
                <th key={m.id} scope="col" className="rot" title={m.name}>
                  <span>{m.name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.measures.map((from) => (
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
                      <option key={k} value={k}>
                        {k}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${from.name} is leading`}
                    checked={from.leading ?? false}
                    disabled={readOnly}
                    onChange={(e) => void putMeasure({ ...from, leading: e.target.checked })}
                  />
                </td>
                {view.measures.map((to) => {
                  const c = cell.get(`${from.id}|${to.id}`);
                  if (from.id === to.id) return <td key={to.id} className="diag" aria-hidden />;
                  return (
                    <td key={to.id} className={c ? `fx fx-${c.effect}` : "fx"}>
                      <select
                        aria-label={`${from.name} → ${to.name}`}
                        value={c?.effect ?? ""}
                        disabled={readOnly}
                        onChange={(e) => void setEffect(from.id, to.id, e.target.value)}
                        title={c ? `${from.name} ${c.effect} ${to.name}` : ""}
                      >
                        <option value="">·</option>
                        {EFFECTS.map((fx) => (
                          <option key={fx} value={fx}>
                            {SHORT[fx]} {fx}
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
    </div>
  );
}
