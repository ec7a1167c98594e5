// The measures designer (issue #13 item 4): one function's measures as HR designs them,
// readable across a room — each measure with its kind, leading or lagging, the goals and
// people using it, its trade-offs as sentences, and what the findings flag (a volume
// measure with no guard, people measured only on lagging measures) with the rule's
// one-click fix. Computed by the core (`measures_designer`) once per revision.
import { useState } from "react";
import type { Change, Choice, DesignedMeasure, Edit, Effect, MeasureFlag, MeasuresDesigner as Designer } from "../bindings";
import { ENUM_VALUES } from "../bindings";
import { api } from "../ipc";
import { useRevisionData } from "../lib/revision";

const KIND_LABEL = Object.fromEntries(ENUM_VALUES.MeasureKind.map((k) => [k.value, k.label])) as Record<string, string>;
/** People measured only on lagging measures shown before "Show N more". */
const FIRST_PEOPLE = 5;
/** A mark before each trade-off, said in words by its sentence. */
const EFFECT_MARK: Record<Effect, string> = { undermines: "⚠", supports: "＋", feeds: "→", guards: "◆" };

interface Props {
  revision: number;
  readOnly: boolean;
  /** The function shown (`null`: the one the core chooses: the focus function or the first). */
  fn: string | null;
  onFunction: (id: string) => void;
  onEdit: (edit: Edit) => Promise<Change | null>;
  onError: (e: unknown) => void;
}

export function MeasuresDesigner({ revision, readOnly, fn, onFunction, onEdit, onError }: Props) {
  const choices = useRevisionData(revision, null, "choices", () => api.choices(), onError);
  const data = useRevisionData(revision, null, fn ?? "", () => api.measuresDesigner(fn), onError);
  const functions: Choice[] = choices?.functions ?? [];
  const shown = data?.function ?? null;
  return (
    <section className="designer" aria-labelledby="designer-title">
      <div className="designer-head">
        <h2 id="designer-title">{shown ? `Measures of ${shown.label}` : "Measures"}</h2>
        <label className="designer-fn">
          Function
          <select value={shown?.id ?? ""} onChange={(e) => onFunction(e.target.value)} disabled={functions.length === 0}>
            {functions.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!data ? (
        <p className="designer-note">Loading measures…</p>
      ) : !shown ? (
        <p className="designer-note">This map has no function yet: add a unit of kind function to design its measures.</p>
      ) : (
        <DesignerBody key={shown.id} data={data} name={shown.label} revision={revision} readOnly={readOnly} onEdit={onEdit} />
      )}
    </section>
  );
}

function DesignerBody({
  data,
  name,
  revision,
  readOnly,
  onEdit,
}: {
  data: Designer;
  name: string;
  revision: number;
  readOnly: boolean;
  onEdit: (edit: Edit) => Promise<Change | null>;
}) {
  const [allPeople, setAllPeople] = useState(false);
  const leading = data.measures.filter((m) => m.leading).length;
  const n = data.measures.length;
  return (
    <>
      <p className="designer-summary">
        {n === 0
          ? `No goal in ${name} is measured yet.`
          : `${n} ${n === 1 ? "measure is" : "measures are"} used by goals in ${name}: ${leading} leading, ${n - leading} lagging.`}
      </p>
      {data.lagging_only_total > 0 && (
        <section className="designer-flags" aria-labelledby="lagging-title">
          <h3 id="lagging-title">
            {data.lagging_only_total === 1
              ? "1 person is measured only on lagging measures"
              : `${data.lagging_only_total} people are measured only on lagging measures`}
          </h3>
          <p className="designer-why">
            Lagging measures report what already happened: there is nothing to coach until it is too late.
          </p>
          <ul className="plain">
            {data.lagging_only.slice(0, allPeople ? undefined : FIRST_PEOPLE).map((f) => (
              <Flag key={f.key.subject} flag={f} revision={revision} readOnly={readOnly} onEdit={onEdit} />
            ))}
          </ul>
          {!allPeople && data.lagging_only.length > FIRST_PEOPLE && (
            <button type="button" className="link designer-more" onClick={() => setAllPeople(true)}>
              Show {data.lagging_only.length - FIRST_PEOPLE} more
            </button>
          )}
          {allPeople && data.lagging_only_total > data.lagging_only.length && (
            <p className="designer-note">
              and {data.lagging_only_total - data.lagging_only.length} more (the findings panel lists them all).
            </p>
          )}
        </section>
      )}
      <ul className="plain measure-cards">
        {data.measures.map((m) => (
          <MeasureCard key={m.id} m={m} name={name} revision={revision} readOnly={readOnly} onEdit={onEdit} />
        ))}
      </ul>
    </>
  );
}

function MeasureCard({
  m,
  name,
  revision,
  readOnly,
  onEdit,
}: {
  m: DesignedMeasure;
  name: string;
  revision: number;
  readOnly: boolean;
  onEdit: (edit: Edit) => Promise<Change | null>;
}) {
  const titleId = `measure-${m.id}`;
  const more = m.goals - m.examples.length;
  return (
    <li className="measure-card">
      <div className="measure-card-head">
        <h3 id={titleId}>{m.name}</h3>
        <span className="tag">{KIND_LABEL[m.kind] ?? m.kind}</span>
        <span className={m.leading ? "tag tag-leading" : "tag tag-lagging"}>{m.leading ? "Leading" : "Lagging"}</span>
        {m.unit && <span className="tag tag-unit">in {m.unit}</span>}
      </div>
      <p className="measure-use">
        Used by {m.goals} {m.goals === 1 ? "goal" : "goals"}
        {m.people > 0 ? ` of ${m.people} ${m.people === 1 ? "person" : "people"}` : ""} in {name}:
      </p>
      <ul className="measure-goals">
        {m.examples.map((g) => (
          <li key={g.id}>
            “{g.title}” <span className="muted">— {g.owner}</span>
          </li>
        ))}
        {more > 0 && <li className="muted">and {more} more</li>}
      </ul>
      {m.trade_offs.length > 0 && (
        <div className="measure-tradeoffs">
          <h4>Trade-offs</h4>
          <ul className="plain">
            {m.trade_offs.map((t) => (
              <li key={`${t.effect}|${t.sentence}`} className={`tradeoff tradeoff-${t.effect}`}>
                <span className="tradeoff-mark" aria-hidden>
                  {EFFECT_MARK[t.effect]}
                </span>
                <span>
                  <span className="tradeoff-sentence">{t.sentence}</span>
                  {!t.other_in_function && <span className="muted"> (not measured in {name})</span>}
                  {t.note && <span className="tradeoff-note">{t.note}</span>}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {m.flags.length > 0 && (
        <ul className="plain">
          {m.flags.map((f) => (
            <Flag key={f.key.subject} flag={f} revision={revision} readOnly={readOnly} onEdit={onEdit} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** A flag and its rule's one-click fix, asked of the core once per revision. */
function Flag({
  flag,
  revision,
  readOnly,
  onEdit,
}: {
  flag: MeasureFlag;
  revision: number;
  readOnly: boolean;
  onEdit: (edit: Edit) => Promise<Change | null>;
}) {
  const key = JSON.stringify(flag.key);
  const fixes = useRevisionData(revision, null, key, () => api.fixes(flag.key));
  const none =
    flag.key.rule === "lagging-only"
      ? "No one-click fix: the measure library pairs none of these with a leading measure. Agree one with them."
      : "No one-click fix: the measure library has no guard for this measure. Choose one in All trade-offs.";
  return (
    <li className="mflag">
      <span className="mflag-mark" aria-hidden>
        !
      </span>
      <div>
        <p className="mflag-sentence">
          {flag.sentence}
          {flag.count > 1 && <span className="muted"> ({flag.count} goals)</span>}
        </p>
        {fixes && fixes.length > 0 && !readOnly ? (
          <div className="mflag-fixes">
            {fixes.map((f) => (
              <button key={f.label} type="button" className="primary" onClick={() => void onEdit(f.edit)}>
                {f.label}
              </button>
            ))}
          </div>
        ) : fixes && fixes.length === 0 ? (
          <p className="designer-note">{none}</p>
        ) : null}
      </div>
    </li>
  );
}
