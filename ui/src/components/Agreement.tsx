// A goal's agreement history (catchball) in the inspector: who proposed, countered, agreed
// or disputed its target, when and why, in the core's words; and a form that records the
// next step as one undoable change (it also sets the goal's status, and a proposal's or
// an agreement's target and due date).
import { useEffect, useState } from "react";
import type { AgreementHistory, AgreementKind, Change, Choices, Goal } from "../bindings";
import { ENUM_VALUES } from "../bindings";
import { api, errorText } from "../ipc";
import { parseTarget, today } from "../lib/format";
import { parseIsoDate } from "../lib/dates";
import { DateField } from "./DateField";
import { Picker } from "./Inspector";
import "./agreement.css";

interface Props {
  goal: Goal;
  /** The goal's owner and setter as the inspector names them. */
  ownerName: string;
  choices: Choices | null;
  /** The revision on screen: the history is fetched once per revision. */
  revision: number;
  readOnly: boolean;
  onChanged: (c: Change) => void;
}

/** Who usually takes a step: whoever set the goal proposes it (when a person set it);
 * the owner counters, disputes or agrees. */
function defaultBy(kind: AgreementKind, goal: Goal, people: Choices["people"]): string {
  const setter = goal.set_by && people.some((p) => p.id === goal.set_by) ? goal.set_by : null;
  return kind === "proposed" && setter ? setter : goal.owner;
}

export function Agreement({ goal, ownerName, choices, revision, readOnly, onChanged }: Props) {
  const [history, setHistory] = useState<AgreementHistory | null>(null);
  const [kind, setKind] = useState<AgreementKind>("countered");
  const [by, setBy] = useState(defaultBy("countered", goal, choices?.people ?? []));
  const [byLabel, setByLabel] = useState<string | null>(null);
  const [date, setDate] = useState(today());
  const [target, setTarget] = useState("");
  const [due, setDue] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .agreements(goal.id)
      .then((h) => live && setHistory(h))
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [goal.id, revision]);

  const people = choices?.people ?? [];
  const listed = choices?.people_listed ?? false;
  const choose = (k: AgreementKind) => {
    setKind(k);
    setBy(defaultBy(k, goal, people));
    setByLabel(null);
    // Agreeing after a counter starts from the counter's terms.
    const last = history?.steps.at(-1);
    if (k === "agreed" && last?.kind === "countered") {
      setTarget(last.target === undefined ? "" : String(last.target));
      setDue(last.due ?? "");
    }
  };

  const record = async () => {
    const t = parseTarget(target);
    if (t.error) return setError(`Target: ${t.error}`);
    const d = parseIsoDate(due);
    if (d.error) return setError(`Due: ${d.error}`);
    setBusy(true);
    try {
      const c = await api.recordAgreement({
        goal: goal.id,
        kind,
        date,
        by,
        target: t.value,
        due: d.value || undefined,
        reason,
      });
      setError(null);
      setTarget("");
      setDue("");
      setReason("");
      onChanged(c);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const needsTerms = kind === "countered";
  const needsReason = kind === "countered" || kind === "disputed";
  return (
    <section className="agreement" aria-labelledby="agreement-title">
      <h3 id="agreement-title">Agreement</h3>
      {history?.open_counter && <p className="agreement-counter">{history.open_counter}</p>}
      {history && history.lines.length > 0 ? (
        <ol className="agreement-steps" aria-label="Agreement history, oldest first">
          {history.lines.map((line, i) => (
            <li key={history.steps[i].id} className={`step-${history.steps[i].kind}`}>
              {line}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">
          No steps yet. Propose the target to {ownerName}, record their counter, and mark it agreed once both
          sides accept it.
        </p>
      )}
      {!readOnly && (
        <form
          className="agreement-form"
          onSubmit={(e) => {
            e.preventDefault();
            void record();
          }}
        >
          <div className="row">
            <label className="field">
              <span>Step</span>
              <select value={kind} onChange={(e) => choose(e.target.value as AgreementKind)}>
                {ENUM_VALUES.AgreementKind.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>On</span>
              <DateField value={date} onChange={setDate} required />
            </label>
          </div>
          <label className="field">
            <span>By</span>
            {listed ? (
              <select value={by} onChange={(e) => setBy(e.target.value)}>
                {!people.some((p) => p.id === by) && <option value={by}>{byLabel ?? "Choose a person…"}</option>}
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                    {p.detail ? ` — ${p.detail}` : ""}
                  </option>
                ))}
              </select>
            ) : (
              <span>{byLabel ?? (by === goal.owner ? ownerName : by)}</span>
            )}
          </label>
          {!listed && (
            <Picker
              kinds={["person"]}
              label="Find who took this step"
              onPick={(h) => {
                setBy(h.id);
                setByLabel(h.label);
              }}
            />
          )}
          <div className="row">
            <label className="field">
              <span>{needsTerms ? "Counter-target" : "Target"}</span>
              <input value={target} onChange={(e) => setTarget(e.target.value)} inputMode="decimal" />
            </label>
            <label className="field">
              <span>Due</span>
              <DateField value={due} onChange={setDue} />
            </label>
          </div>
          <label className="field">
            <span>{needsReason ? "Why (needed)" : "Why"}</span>
            <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="submit" disabled={busy}>
              Record {ENUM_VALUES.AgreementKind.find((o) => o.value === kind)?.label.toLowerCase()} step
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
