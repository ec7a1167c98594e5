// Decisions: what the workshop decided, when, why, who took it, and the goals and findings
// it concerns. Listed newest first; each goal and finding opens its subject on the map.
// Recording, editing and deleting one is a change Undo takes back.
import { useEffect, useState } from "react";
import type { Change, DecisionRequest, DecisionView, FindingKey } from "../bindings";
import { api, errorText } from "../ipc";
import { today } from "../lib/format";
import { parseIsoDate } from "../lib/dates";
import { DateField } from "./DateField";
import { Picker } from "./Inspector";
import { Modal } from "./Modal";
import "./decisions.css";

/** A finding a new decision will concern, as the findings panel names it. */
export interface FindingChoice {
  key: FindingKey;
  label: string;
}

interface Chip {
  id: string;
  label: string;
}


function Chips({ items, onRemove, label }: { items: Chip[]; onRemove: (id: string) => void; label: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="chips" aria-label={label}>
      {items.map((c) => (
        <li key={c.id}>
          {c.label}
          <button type="button" onClick={() => onRemove(c.id)} aria-label={`Remove ${c.label}`} title="Remove">
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function DecisionForm({
  editing,
  finding,
  readOnly,
  onSaved,
  onCancel,
}: {
  /** The decision being edited, or null for a new one. */
  editing: DecisionView | null;
  /** For a new one: the finding it was started from. */
  finding: FindingChoice | null;
  readOnly: boolean;
  onSaved: (c: Change) => void;
  onCancel: () => void;
}) {
  const [statement, setStatement] = useState(editing?.statement ?? "");
  const [date, setDate] = useState(editing?.date ?? today());
  const [rationale, setRationale] = useState(editing?.rationale ?? "");
  const [people, setPeople] = useState<Chip[]>(editing?.people.map((p) => ({ id: p.id, label: p.name })) ?? []);
  const [goals, setGoals] = useState<Chip[]>(editing?.goals.map((g) => ({ id: g.id, label: g.name })) ?? []);
  const [findings, setFindings] = useState<FindingChoice[]>(
    editing
      ? editing.findings.map((f) => ({ key: { rule: f.rule, subject: f.subject, related: f.related }, label: `${f.rule_name}: ${f.text}` }))
      : finding
        ? [finding]
        : [],
  );
  const [error, setError] = useState<string | null>(null);
  const add = (list: Chip[], c: Chip) => (list.some((x) => x.id === c.id) ? list : [...list, c]);

  const save = async () => {
    const day = parseIsoDate(date);
    if (!day.value) return setError(day.error ?? "A date is needed (YYYY-MM-DD).");
    const request: DecisionRequest = {
      date: day.value,
      statement: statement.trim(),
      rationale: rationale.trim(),
      people: people.map((p) => p.id),
      goals: goals.map((g) => g.id),
      findings: findings.map((f) => f.key),
    };
    try {
      setError(null);
      const c = editing ? await api.updateDecision(editing.id, request) : await api.recordDecision(request);
      onSaved(c);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <form
      className="decision-form"
      aria-label={editing ? "Edit the decision" : "Record a decision"}
      onSubmit={(e) => {
        e.preventDefault();
        if (statement.trim()) void save();
      }}
    >
      <label className="field wide">
        <span>What was decided</span>
        <textarea
          autoFocus
          data-autofocus
          rows={2}
          value={statement}
          onChange={(e) => setStatement(e.target.value)}
          placeholder="The call target goes from 100 to 80 a week"
          required
          disabled={readOnly}
        />
      </label>
      <label className="field">
        <span>Date</span>
        <DateField value={date} onChange={setDate} required disabled={readOnly} />
      </label>
      <label className="field wide">
        <span>Why</span>
        <textarea rows={2} value={rationale} onChange={(e) => setRationale(e.target.value)} placeholder="Above 80 calls the win rate drops" disabled={readOnly} />
      </label>
      <div className="field">
        <span>Decided by</span>
        <Chips items={people} label="Decided by" onRemove={(id) => setPeople(people.filter((p) => p.id !== id))} />
        {!readOnly && <Picker kinds={["person"]} label="Add a person" exclude={people.map((p) => p.id)} onPick={(h) => setPeople(add(people, { id: h.id, label: h.label }))} />}
      </div>
      <div className="field">
        <span>Goals it concerns</span>
        <Chips items={goals} label="Goals it concerns" onRemove={(id) => setGoals(goals.filter((g) => g.id !== id))} />
        {!readOnly && <Picker kinds={["goal"]} label="Add a goal" exclude={goals.map((g) => g.id)} onPick={(h) => setGoals(add(goals, { id: h.id, label: h.label }))} />}
      </div>
      {findings.length > 0 && (
        <div className="field wide">
          <span>Findings it concerns</span>
          <Chips
            items={findings.map((f) => ({ id: JSON.stringify(f.key), label: f.label }))}
            label="Findings it concerns"
            onRemove={(id) => setFindings(findings.filter((f) => JSON.stringify(f.key) !== id))}
          />
        </div>
      )}
      {error && (
        <p className="snapshot-error wide" role="alert">
          {error}
        </p>
      )}
      <div className="actions wide">
        <button type="submit" className="primary" disabled={readOnly || !statement.trim()}>
          {editing ? "Save the decision" : "Record the decision"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function DecisionsDialog({
  revision,
  readOnly,
  finding,
  onClose,
  onChanged,
  onOpen,
}: {
  /** The document's revision: the list is asked again after each change (undo included). */
  revision: number;
  readOnly: boolean;
  /** Opened from a finding: a new decision about it is started. */
  finding: FindingChoice | null;
  onClose: () => void;
  onChanged: (c: Change) => void;
  /** Open an id on the map (closes the dialog). */
  onOpen: (id: string) => void;
}) {
  const [list, setList] = useState<DecisionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // null: no form; "new": record one; a number: edit that decision.
  const [form, setForm] = useState<"new" | number | null>(finding ? "new" : null);
  const [confirming, setConfirming] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    api
      .decisions()
      .then((l) => live && setList(l))
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [revision]);

  const editing = typeof form === "number" ? (list?.find((d) => d.id === form) ?? null) : null;

  return (
    <Modal labelledBy="decisions-title" className="decisions" onClose={onClose}>
        <div className="panel-head decisions-head">
          <h2 id="decisions-title">Decisions</h2>
          {form === null && (
            <button className="primary" onClick={() => setForm("new")} disabled={readOnly}>
              Record a decision…
            </button>
          )}
          <button className="effect-close" onClick={onClose} aria-label="Close decisions">
            ×
          </button>
        </div>
        {form !== null && (
          <DecisionForm
            key={String(form)}
            editing={editing}
            finding={form === "new" ? finding : null}
            readOnly={readOnly}
            onSaved={(c) => {
              onChanged(c);
              setForm(null);
            }}
            onCancel={() => setForm(null)}
          />
        )}
        {error && (
          <p className="snapshot-error" role="alert">
            {error}
          </p>
        )}
        {list === null ? (
          <p className="muted">Reading the decisions…</p>
        ) : list.length === 0 ? (
          <p className="empty">No decisions yet. Record what the workshop decides, and why, as it decides it.</p>
        ) : (
          <ol className="decision-list" aria-label="Decisions, newest first">
            {list.map((d) => (
              <li key={d.id} data-id={d.id}>
                <article aria-labelledby={`decision-${d.id}`}>
                  <div className="decision-head">
                    <time dateTime={d.date}>{d.date}</time>
                    <h3 id={`decision-${d.id}`}>{d.statement}</h3>
                  </div>
                  {d.rationale && <p className="decision-why">{d.rationale}</p>}
                  <dl>
                    {d.people.length > 0 && (
                      <>
                        <dt>Decided by</dt>
                        <dd>
                          {d.people.map((p, i) => (
                            <span key={p.id}>
                              {i > 0 && ", "}
                              {p.removed ? (
                                <span className="removed" title="No longer in the map">
                                  {p.name} (removed)
                                </span>
                              ) : (
                                <button className="linkish" onClick={() => onOpen(p.id)}>
                                  {p.name}
                                </button>
                              )}
                            </span>
                          ))}
                        </dd>
                      </>
                    )}
                    {d.goals.length > 0 && (
                      <>
                        <dt>Goals</dt>
                        <dd>
                          {d.goals.map((g, i) => (
                            <span key={g.id}>
                              {i > 0 && ", "}
                              {g.removed ? (
                                <span className="removed" title="No longer in the map">
                                  {g.name} (removed)
                                </span>
                              ) : (
                                <button className="linkish" onClick={() => onOpen(g.id)} title={g.was ? `Called “${g.was}” when decided` : "Show on the map"}>
                                  {g.name}
                                </button>
                              )}
                            </span>
                          ))}
                        </dd>
                      </>
                    )}
                    {d.findings.length > 0 && (
                      <>
                        <dt>Findings</dt>
                        <dd>
                          <ul className="decision-findings">
                            {d.findings.map((f) => (
                              <li key={`${f.rule}|${f.subject}|${f.related.join(",")}`}>
                                <span className="ba-rule">{f.rule_name}</span>
                                {f.subject_name ? (
                                  <>
                                    {" · "}
                                    <button className="linkish" onClick={() => onOpen(f.subject)} title="Show on the map">
                                      {f.subject_name}
                                    </button>
                                  </>
                                ) : (
                                  <span className="removed"> (no longer in the map)</span>
                                )}
                                {!f.still_found && <span className="flag flag-resolved">resolved since</span>}
                                <p className="decision-finding-text">{f.text}</p>
                              </li>
                            ))}
                          </ul>
                        </dd>
                      </>
                    )}
                  </dl>
                  {!readOnly && (
                    <div className="snapshot-actions">
                      <button onClick={() => setForm(d.id)} aria-label={`Edit “${d.statement}”`}>
                        Edit
                      </button>
                      {confirming === d.id ? (
                        <button
                          className="danger"
                          onClick={async () => {
                            try {
                              const c = await api.deleteDecision(d.id);
                              setConfirming(null);
                              onChanged(c);
                            } catch (e) {
                              setError(errorText(e));
                            }
                          }}
                          aria-label={`Really delete “${d.statement}”`}
                        >
                          Really delete?
                        </button>
                      ) : (
                        <button className="danger" onClick={() => setConfirming(d.id)} aria-label={`Delete “${d.statement}”`}>
                          Delete
                        </button>
                      )}
                    </div>
                  )}
                </article>
              </li>
            ))}
          </ol>
        )}
    </Modal>
  );
}
