// What-if drafts (issue #14 item 4) on the page: "Try a change…" asks what the draft tries
// and starts it; while it is open, a bar above the map says so — its name, its edits, and
// how it differs from the map before it (findings resolved and new, the index before →
// after), live after each edit — with Keep (optionally recording a decision with it) and
// Discard (asked once). Every panel shows the draft meanwhile: the backend sends its
// revision like any other.
import { useId, useState } from "react";
import type { Change, DraftInfo } from "../bindings";
import { api, errorText } from "../ipc";
import { formatIndex, today } from "../lib/format";
import { Modal } from "./Modal";

/** The "Try a change" question: the draft's name. */
export function StartDraftDialog({ onStarted, onClose }: { onStarted: (c: Change) => void; onClose: () => void }) {
  const [name, setName] = useState("Try a change");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const start = async () => {
    try {
      setError(null);
      onStarted(await api.startDraft(name));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal labelledBy={`${id}-h`} describedBy={`${id}-d`} className="draft-start" onClose={onClose}>
      <h2 id={`${id}-h`}>Try a change</h2>
      <p id={`${id}-d`}>
        A draft lets the room try a change and see its effect before anyone commits to it. Edits in the draft do not touch
        the workspace until you keep them; discard it and the map is as it was.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void start();
        }}
      >
        <label className="field wide">
          <span>What does it try?</span>
          <input data-autofocus value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!name.trim()}>
            Start the draft
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The bar above the map while a draft is open. */
export function DraftBar({
  draft,
  readOnly,
  onChange,
  onError,
}: {
  draft: DraftInfo;
  readOnly: boolean;
  onChange: (c: Change) => void;
  onError: (message: string) => void;
}) {
  const [asking, setAsking] = useState<"keep" | "discard" | null>(null);
  const [statement, setStatement] = useState("");
  const [rationale, setRationale] = useState("");
  const run = async (f: () => Promise<Change>) => {
    try {
      onChange(await f());
      setAsking(null);
    } catch (e) {
      onError(errorText(e));
    }
  };
  const keep = () =>
    run(() =>
      api.keepDraft(
        statement.trim()
          ? { date: today(), statement: statement.trim(), rationale: rationale.trim(), people: [], goals: [], findings: [] }
          : null,
      ),
    );
  const edits = `${draft.edits} ${draft.edits === 1 ? "edit" : "edits"}`;
  return (
    <section className="draft-bar" aria-label="Draft">
      <div className="draft-line">
        <span className="draft-tag">DRAFT</span>
        <strong className="draft-name">{draft.name}</strong>
        {draft.problem ? (
          <span className="draft-problem">{draft.problem}</span>
        ) : (
          <>
            <span className="draft-edits">{edits} · not in the workspace until kept</span>
            <span className="draft-diff">
              against the map before it: <span className="resolved">resolved {draft.resolved}</span>,{" "}
              <span className="new">new {draft.new}</span>, alignment {formatIndex(draft.index_before)} →{" "}
              <strong>{formatIndex(draft.index_after)}</strong>
            </span>
          </>
        )}
        {!readOnly && asking === null && (
          <span className="draft-actions">
            {!draft.problem && (
              <button className="primary" onClick={() => setAsking("keep")} disabled={draft.edits === 0} title={draft.edits === 0 ? "The draft has no edits yet" : undefined}>
                Keep…
              </button>
            )}
            <button onClick={() => setAsking("discard")}>Discard…</button>
          </span>
        )}
      </div>
      {asking === "discard" && (
        <div className="draft-ask" role="group" aria-label="Discard the draft">
          <span>
            Discard the draft “{draft.name}”? Its {edits} are dropped; the map is as it was before it.
          </span>
          <button className="danger" onClick={() => void run(api.discardDraft)}>
            Discard the draft
          </button>
          <button onClick={() => setAsking(null)}>Cancel</button>
        </div>
      )}
      {asking === "keep" && (
        <form
          className="draft-ask"
          aria-label="Keep the draft"
          onSubmit={(e) => {
            e.preventDefault();
            void keep();
          }}
        >
          <span>Keep the draft: its {edits} become one change of the workspace (Undo takes it back).</span>
          <label className="field">
            <span>Decision (optional)</span>
            <input value={statement} onChange={(e) => setStatement(e.target.value)} placeholder="The call target goes to 80 a week" />
          </label>
          <label className="field">
            <span>Why</span>
            <input value={rationale} onChange={(e) => setRationale(e.target.value)} placeholder="Above 80 calls the win rate drops" disabled={!statement.trim()} />
          </label>
          <button type="submit" className="primary">
            {statement.trim() ? "Keep it and record the decision" : "Keep the draft"}
          </button>
          <button type="button" onClick={() => setAsking(null)}>
            Cancel
          </button>
        </form>
      )}
    </section>
  );
}
