// The inspector: view and edit the selected goal, person, unit or value; create and
// delete. Every change goes through one `Edit` and the findings refresh after it.
import { useEffect, useState } from "react";
import type {
  CheckIn,
  CheckInKind,
  Choices,
  Edit,
  Change,
  Entity,
  Goal,
  Level,
  Person,
  SearchHit,
  Status,
  Unit,
  UnitKind,
  Value,
} from "../bindings";
import { ENUM_VALUES } from "../bindings";
import { api } from "../ipc";
import { deleteEdit } from "../lib/edits";
import { parseTarget, today } from "../lib/format";
import { parseIsoDate } from "../lib/dates";
import { DateField } from "./DateField";
import { Agreement } from "./Agreement";

interface Props {
  entity: Entity | null;
  choices: Choices | null;
  readOnly: boolean;
  /** Applies an edit; resolves to its outcome, or null when it was refused (the page shows why). */
  onEdit: (edit: Edit) => Promise<Change | null>;
  onSelect: (id: string | null) => void;
  onLineOfSight: (personId: string) => void;
  /** The revision on screen (panels fetch once per revision). */
  revision: number;
  /** A change made here other than an edit (an agreement step): shown like an edit's. */
  onChanged: (c: Change) => void;
}

/** Type-ahead search for a goal, person or unit (works for any size of organisation). */
export function Picker({
  kinds,
  label,
  onPick,
  exclude = [],
}: {
  kinds: string[];
  label: string;
  onPick: (hit: SearchHit) => void;
  exclude?: string[];
}) {
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<SearchHit[]>([]);
  useEffect(() => {
    if (q.trim().length < 1) {
      setHits([]);
      return;
    }
    let live = true;
    const t = setTimeout(async () => {
      const found = await api.search(q, 40);
      if (live) setHits(found.filter((h) => kinds.includes(h.kind) && !exclude.includes(h.id)).slice(0, 8));
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q, kinds, exclude]);
  return (
    <div className="picker">
      <input
        type="search"
        aria-label={label}
        placeholder={label}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {hits.length > 0 && (
        <ul className="picker-hits" role="listbox" aria-label={`${label}: results`}>
          {hits.map((h) => (
            <li key={h.id}>
              <button
                role="option"
                aria-selected={false}
                onClick={() => {
                  onPick(h);
                  setQ("");
                  setHits([]);
                }}
              >
                <strong>{h.label}</strong> <span className="muted">{h.context}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Delete the entity, then clear the selection. */

/** Field edits wait for Save (links apply at once): while a form differs from what is
 * saved, it says so beside its Save button, and the form is marked. */
function Unsaved({ dirty, what }: { dirty: boolean; what: string }) {
  if (!dirty) return null;
  return (
    <span className="unsaved" role="status">
      Unsaved changes: Save {what} (or Enter) applies them
    </span>
  );
}

function DeleteButton({
  entity,
  label,
  onEdit,
  onSelect,
}: {
  entity: Entity;
  label: string;
  onEdit: Props["onEdit"];
  onSelect: Props["onSelect"];
}) {
  const edit = deleteEdit(entity);
  if (!edit) return null;
  return (
    <button
      type="button"
      className="danger"
      onClick={async () => {
        if (await onEdit(edit)) onSelect(null);
      }}
    >
      {label}
    </button>
  );
}

/** Create something, then select it. */
/** Creates an entity; the store gives it its id (unique in the whole map), then it is selected. */
function CreateButton({
  label,
  make,
  onEdit,
  onSelect,
}: {
  label: string;
  make: () => Edit;
  onEdit: Props["onEdit"];
  onSelect: Props["onSelect"];
}) {
  return (
    <button
      type="button"
      onClick={async () => {
        const out = await onEdit(make());
        if (out?.created) onSelect(out.created);
      }}
    >
      {label}
    </button>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

function GoalForm({ entity, choices, readOnly, onEdit, onSelect }: Props & { entity: Extract<Entity, { kind: "goal" }> }) {
  const g = entity.goal;
  const [title, setTitle] = useState(g.title);
  const [owner, setOwner] = useState(g.owner);
  const [setBy, setSetBy] = useState(g.set_by ?? "");
  const [level, setLevel] = useState<Level>(g.level ?? "objective");
  const [measure, setMeasure] = useState(g.measure ?? "");
  const [target, setTarget] = useState(g.target === undefined ? "" : String(g.target));
  const [due, setDue] = useState(g.due ?? "");
  const [status, setStatus] = useState<Status>(g.status ?? "proposed");
  const [error, setError] = useState<string | null>(null);
  const parties = [
    ...(choices?.people ?? []).map((p) => ({ ...p, group: "People" })),
    ...(choices?.units ?? []).map((u) => ({ ...u, group: "Units" })),
  ];
  const partyKnown = (id: string) => parties.some((p) => p.id === id);
  const dirty =
    title !== g.title ||
    owner !== g.owner ||
    setBy !== (g.set_by ?? "") ||
    level !== (g.level ?? "objective") ||
    measure !== (g.measure ?? "") ||
    target !== (g.target === undefined ? "" : String(g.target)) ||
    due !== (g.due ?? "") ||
    status !== (g.status ?? "proposed");

  const save = async () => {
    const t = parseTarget(target);
    if (t.error) return setError(t.error);
    const d = parseIsoDate(due);
    if (d.error) return setError(`Due: ${d.error}`);
    if (!title.trim()) return setError("A goal needs a title.");
    setError(null);
    const goal: Goal = {
      ...g,
      title: title.trim(),
      owner,
      level: level === "objective" && g.level === undefined ? undefined : level,
      set_by: setBy || undefined,
      measure: measure || undefined,
      target: t.value,
      due: d.value || undefined,
      status: status === "proposed" && g.status === undefined ? undefined : status,
    };
    await onEdit({ type: "put_goal", goal });
  };

  return (
    <form
      className={`inspector-form${dirty ? " is-dirty" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>
        {g.level === "strategy" ? "Strategy goal" : "Goal"}
        {entity.imposed && <span className="flag flag-imposed">Imposed by {entity.setter_name}</span>}
      </h2>
      <p className="muted">
        {entity.aligned ? "Traces to the strategy or the values." : "Does not trace to the strategy or the values."}
      </p>
      <Field label="Title">
        <input value={title} onChange={(e) => setTitle(e.target.value)} disabled={readOnly} required />
      </Field>
      <Field label="Owner">
        {partyKnown(owner) || choices?.people_listed ? (
          <select value={owner} onChange={(e) => setOwner(e.target.value)} disabled={readOnly}>
            {["People", "Units"].map((grp) => (
              <optgroup key={grp} label={grp}>
                {parties
                  .filter((p) => p.group === grp)
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                      {p.detail ? ` — ${p.detail}` : ""}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        ) : (
          <span>{entity.owner_name}</span>
        )}
      </Field>
      {!choices?.people_listed && <Picker kinds={["person", "unit"]} label="Find a new owner" onPick={(h) => setOwner(h.id)} />}
      <Field label="Set by">
        <select value={setBy} onChange={(e) => setSetBy(e.target.value)} disabled={readOnly}>
          <option value="">The owner</option>
          {["People", "Units"].map((grp) => (
            <optgroup key={grp} label={grp}>
              {parties
                .filter((p) => p.group === grp)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <div className="row">
        <Field label="Level">
          <select value={level} onChange={(e) => setLevel(e.target.value as Level)} disabled={readOnly}>
{ENUM_VALUES.Level.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Status">
          <select value={status} onChange={(e) => setStatus(e.target.value as Status)} disabled={readOnly}>
{ENUM_VALUES.Status.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label="Measure">
        <select value={measure} onChange={(e) => setMeasure(e.target.value)} disabled={readOnly}>
          <option value="">No measure</option>
          {(choices?.measures ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.label} ({m.detail})
            </option>
          ))}
        </select>
      </Field>
      <div className="row">
        <Field label="Target">
          <input value={target} onChange={(e) => setTarget(e.target.value)} inputMode="decimal" disabled={readOnly} />
        </Field>
        <Field label="Due">
          <DateField value={due} onChange={setDue} disabled={readOnly} />
        </Field>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!readOnly && (
        <div className="actions">
          <button type="submit" className="primary">
            Save goal
          </button>
          <Unsaved dirty={dirty} what="goal" />
          <DeleteButton entity={entity} label="Delete goal" onEdit={onEdit} onSelect={onSelect} />
        </div>
      )}
      <h3>Supports</h3>
      <ul className="chips" aria-label="Goals this goal supports">
        {(g.supports ?? []).map((s) => (
          <li key={s}>
            <button type="button" className="chip-link" onClick={() => onSelect(s)} title={s}>
              {entity.supports.find((c) => c.id === s)?.label ?? s}
            </button>
            {!readOnly && (
              <button
                type="button"
                className="chip-x"
                aria-label={`Stop supporting ${s}`}
                onClick={() => onEdit({ type: "unlink_support", goal: g.id, supports: s })}
              >
                ×
              </button>
            )}
          </li>
        ))}
        {(g.supports ?? []).length === 0 && <li className="muted">Nothing yet</li>}
      </ul>
      {!readOnly && (
        <Picker
          kinds={["goal"]}
          label="Link to a goal it supports"
          exclude={[g.id, ...(g.supports ?? [])]}
          onPick={(h) => onEdit({ type: "link_support", goal: g.id, supports: h.id })}
        />
      )}
      <h3>Values and behaviours</h3>
      <ul className="chips" aria-label="Values this goal carries">
        {(g.values ?? []).map((v) => (
          <li key={v}>
            <span>{choices?.values.find((c) => c.id === v)?.label ?? v}</span>
            {!readOnly && (
              <button
                type="button"
                className="chip-x"
                aria-label={`Unlink ${v}`}
                onClick={() => onEdit({ type: "unlink_value", goal: g.id, value: v })}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (choices?.values.length ?? 0) > 0 && (
        <Field label="Add a value or behaviour">
          <select
            value=""
            onChange={(e) => e.target.value && onEdit({ type: "link_value", goal: g.id, value: e.target.value })}
          >
            <option value="">Choose…</option>
            {(choices?.values ?? [])
              .filter((v) => !(g.values ?? []).includes(v.id))
              .map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label} ({v.detail})
                </option>
              ))}
          </select>
        </Field>
      )}
    </form>
  );
}

/** A new goal; its id is left empty for the store to allocate. */
function newGoal(owner: string, strategy = false): Goal {
  const title = strategy ? "New strategy goal" : "New goal";
  return {
    id: "",
    title,
    owner,
    level: strategy ? "strategy" : undefined,
    status: "proposed",
  };
}

function PersonForm({ entity, choices, readOnly, onEdit, onSelect, onLineOfSight }: Props & { entity: Extract<Entity, { kind: "person" }> }) {
  const p = entity.person;
  const [name, setName] = useState(p.name);
  const [role, setRole] = useState(p.role ?? "");
  const [email, setEmail] = useState(p.email ?? "");
  const [unit, setUnit] = useState(p.unit);
  const [manager, setManager] = useState(p.manager ?? "");
  const [ci, setCi] = useState<{ date: string; kind: CheckInKind; notes: string }>({
    date: today(),
    kind: "coaching",
    notes: "",
  });
  const save = () => {
    const person: Person = {
      ...p,
      name: name.trim(),
      role: role.trim() || undefined,
      email: email.trim() || undefined,
      unit,
      manager: manager || undefined,
    };
    return onEdit({ type: "put_person", person });
  };
  const dirty =
    name !== p.name || role !== (p.role ?? "") || email !== (p.email ?? "") || unit !== p.unit || manager !== (p.manager ?? "");
  return (
    <form
      className={`inspector-form${dirty ? " is-dirty" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>Person</h2>
      <Field label="Name">
        <input value={name} onChange={(e) => setName(e.target.value)} disabled={readOnly} required />
      </Field>
      <Field label="Role">
        <input value={role} onChange={(e) => setRole(e.target.value)} disabled={readOnly} />
      </Field>
      <Field label="Email">
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} disabled={readOnly} />
      </Field>
      <Field label="Unit">
        <select value={unit} onChange={(e) => setUnit(e.target.value)} disabled={readOnly}>
          {(choices?.units ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Manager">
        {choices?.people_listed ? (
          <select value={manager} onChange={(e) => setManager(e.target.value)} disabled={readOnly}>
            <option value="">No manager</option>
            {choices.people
              .filter((x) => x.id !== p.id)
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label} — {x.detail}
                </option>
              ))}
          </select>
        ) : (
          <Picker kinds={["person"]} label="Find a manager" exclude={[p.id]} onPick={(h) => setManager(h.id)} />
        )}
      </Field>
      <div className="actions">
        <button type="button" onClick={() => onLineOfSight(p.id)}>
          Show line of sight
        </button>
        {!readOnly && (
          <>
            <button type="submit" className="primary">
              Save person
            </button>
            <Unsaved dirty={dirty} what="person" />
            <CreateButton
              label="Add a goal"
              onEdit={onEdit}
              onSelect={onSelect}
              make={() => {
                return { type: "create_goal", goal: newGoal(p.id) };
              }}
            />
            <DeleteButton entity={entity} label="Delete person" onEdit={onEdit} onSelect={onSelect} />
          </>
        )}
      </div>
      <h3>Goals</h3>
      <ul className="plain">
        {entity.goals.map((g) => (
          <li key={g.id}>
            <button type="button" className="link" onClick={() => onSelect(g.id)}>
              {g.label}
            </button>
          </li>
        ))}
        {entity.goals.length === 0 && <li className="muted">No goals yet.</li>}
      </ul>
      <h3>Check-ins</h3>
      <ul className="plain checkins">
        {[...entity.check_ins]
          .sort((a, b) => b.check_in.date.localeCompare(a.check_in.date))
          .map((c) => (
            <li key={c.index}>
              <span>
                {c.check_in.date} · {c.check_in.kind ?? "coaching"}
                {c.check_in.notes ? ` — ${c.check_in.notes}` : ""}
              </span>
              {!readOnly && (
                <button
                  type="button"
                  className="chip-x"
                  aria-label={`Delete the check-in of ${c.check_in.date}`}
                  onClick={() => onEdit({ type: "delete_check_in", index: c.index })}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        {entity.check_ins.length === 0 && <li className="muted">No check-ins recorded.</li>}
      </ul>
      {!readOnly && (
        <fieldset className="add-checkin">
          <legend>Record a check-in</legend>
          <div className="row">
            <Field label="Date">
              <DateField value={ci.date} onChange={(date) => setCi({ ...ci, date })} required />
            </Field>
            <Field label="Kind">
              <select value={ci.kind} onChange={(e) => setCi({ ...ci, kind: e.target.value as CheckInKind })}>
{ENUM_VALUES.CheckInKind.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
              </select>
            </Field>
          </div>
          <Field label="Notes">
            <input value={ci.notes} onChange={(e) => setCi({ ...ci, notes: e.target.value })} />
          </Field>
          <button
            type="button"
            disabled={!parseIsoDate(ci.date).value}
            onClick={() => {
              const date = parseIsoDate(ci.date).value;
              if (!date) return;
              const check_in: CheckIn = {
                person: p.id,
                with: p.manager,
                date,
                kind: ci.kind,
                notes: ci.notes.trim() || undefined,
              };
              void onEdit({ type: "add_check_in", check_in });
            }}
          >
            Add check-in
          </button>
        </fieldset>
      )}
    </form>
  );
}

function UnitForm({ entity, choices, readOnly, onEdit, onSelect }: Props & { entity: Extract<Entity, { kind: "unit" }> }) {
  const u = entity.unit;
  const [name, setName] = useState(u.name);
  const [kind, setKind] = useState<UnitKind>(u.kind);
  const [parent, setParent] = useState(u.parent ?? "");
  const dirty = name !== u.name || kind !== u.kind || parent !== (u.parent ?? "");
  return (
    <form
      className={`inspector-form${dirty ? " is-dirty" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        const unit: Unit = { ...u, name: name.trim(), kind, parent: parent || undefined };
        void onEdit({ type: "put_unit", unit });
      }}
    >
      <h2>Unit</h2>
      <Field label="Name">
        <input value={name} onChange={(e) => setName(e.target.value)} disabled={readOnly} required />
      </Field>
      <div className="row">
        <Field label="Kind">
          <select value={kind} onChange={(e) => setKind(e.target.value as UnitKind)} disabled={readOnly}>
{ENUM_VALUES.UnitKind.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Part of">
          <select value={parent} onChange={(e) => setParent(e.target.value)} disabled={readOnly}>
            <option value="">Nothing (top level)</option>
            {(choices?.units ?? [])
              .filter((x) => x.id !== u.id)
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
          </select>
        </Field>
      </div>
      {!readOnly && (
        <div className="actions">
          <button type="submit" className="primary">
            Save unit
          </button>
          <Unsaved dirty={dirty} what="unit" />
          <CreateButton
            label="Add a goal"
            onEdit={onEdit}
            onSelect={onSelect}
            make={() => {
              return { type: "create_goal", goal: newGoal(u.id, u.kind === "organisation") };
            }}
          />
          <CreateButton
            label="Add a person"
            onEdit={onEdit}
            onSelect={onSelect}
            make={() => {
              const person: Person = { id: "", name: "New person", unit: u.id };
              return { type: "create_person", person };
            }}
          />
          <CreateButton
            label="Add a team"
            onEdit={onEdit}
            onSelect={onSelect}
            make={() => {
              const unit: Unit = { id: "", name: "New team", kind: "team", parent: u.id };
              return { type: "create_unit", unit };
            }}
          />
          <DeleteButton entity={entity} label="Delete unit" onEdit={onEdit} onSelect={onSelect} />
        </div>
      )}
    </form>
  );
}

function ValueForm({ entity, readOnly, onEdit, onSelect }: Props & { entity: Extract<Entity, { kind: "value" }> }) {
  const v = entity.value;
  const [name, setName] = useState(v.name);
  const [description, setDescription] = useState(v.description ?? "");
  const [behaviours, setBehaviours] = useState(v.behaviours ?? []);
  const dirty =
    name !== v.name || description !== (v.description ?? "") || JSON.stringify(behaviours) !== JSON.stringify(v.behaviours ?? []);
  return (
    <form
      className={`inspector-form${dirty ? " is-dirty" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        const value: Value = {
          ...v,
          name: name.trim(),
          description: description.trim() || undefined,
          behaviours: behaviours.length > 0 || v.behaviours !== undefined ? behaviours : undefined,
        };
        void onEdit({ type: "put_value", value });
      }}
    >
      <h2>Value</h2>
      <Field label="Name">
        <input value={name} onChange={(e) => setName(e.target.value)} disabled={readOnly} required />
      </Field>
      <Field label="Description">
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} disabled={readOnly} rows={2} />
      </Field>
      <h3>Behaviours</h3>
      <ul className="plain">
        {behaviours.map((b, i) => (
          <li key={b.id || `new-${i}`} className="row">
            <input
              aria-label={`Behaviour ${i + 1}`}
              value={b.name}
              disabled={readOnly}
              onChange={(e) => setBehaviours(behaviours.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
            />
            {!readOnly && (
              <button
                type="button"
                className="chip-x"
                aria-label={`Remove behaviour ${b.name}`}
                onClick={() => setBehaviours(behaviours.filter((_, j) => j !== i))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <div className="actions">
          <button
            type="button"
            onClick={() =>
              setBehaviours([
                ...behaviours,
                // The store gives a new behaviour its id when the value is saved.
                { id: "", name: "New behaviour" },
              ])
            }
          >
            Add a behaviour
          </button>
          <button type="submit" className="primary">
            Save value
          </button>
          <Unsaved dirty={dirty} what="value" />
          <DeleteButton entity={entity} label="Delete value" onEdit={onEdit} onSelect={onSelect} />
        </div>
      )}
    </form>
  );
}

export function Inspector(props: Props) {
  const { entity } = props;
  if (!entity) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <h2>Inspector</h2>
        <p className="muted">
          Select a card on the map or a finding to see and edit it. Drag a goal onto another goal to make it support
          it.
        </p>
      </aside>
    );
  }
  // Remount the form when the entity changes so its fields start from the saved values.
  const key = JSON.stringify(entity);
  return (
    <aside className="inspector" aria-label="Inspector">
      {entity.kind === "goal" && <GoalForm key={key} {...props} entity={entity} />}
      {entity.kind === "goal" && (
        <Agreement
          key={entity.goal.id}
          goal={entity.goal}
          ownerName={entity.owner_name}
          choices={props.choices}
          revision={props.revision}
          readOnly={props.readOnly}
          onChanged={props.onChanged}
        />
      )}
      {entity.kind === "person" && <PersonForm key={key} {...props} entity={entity} />}
      {entity.kind === "unit" && <UnitForm key={key} {...props} entity={entity} />}
      {entity.kind === "value" && <ValueForm key={key} {...props} entity={entity} />}
      {entity.kind === "measure" && (
        <div className="inspector-form">
          <h2>Measure</h2>
          <p>{entity.measure.name}</p>
          <p className="muted">Edit measures and their trade-offs in the Measures view.</p>
        </div>
      )}
    </aside>
  );
}
