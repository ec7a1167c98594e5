// Snapshots of the workspace: save one with a name ("Before the workshop"), list them with
// their date and alignment index, restore one (one undoable change), delete the ones you
// saved, and compare one with now or any two (the before / after view).
import { useEffect, useState } from "react";
import type { Change, CompareSide, SnapshotEntry } from "../bindings";
import { api, errorText } from "../ipc";
import { formatIndex, snapshotTime } from "../lib/format";
import "./compare.css";
import { Modal } from "./Modal";

const sideOf = (k: string): CompareSide => (k === "now" ? { kind: "now" } : { kind: "snapshot", id: Number(k) });

export function SnapshotsDialog({
  revision,
  readOnly,
  onClose,
  onRestored,
  onCompare,
  onDeleted,
  onMessage,
}: {
  /** The document's revision: the list is asked again after each change (a restore adds
   * an automatic snapshot). */
  revision: number;
  readOnly: boolean;
  onClose: () => void;
  onRestored: (c: Change) => void;
  onCompare: (before: CompareSide, after: CompareSide) => void;
  onDeleted: (id: number, label: string) => void;
  onMessage: (m: string) => void;
}) {
  const [list, setList] = useState<SnapshotEntry[] | null>(null);
  const [reload, setReload] = useState(0);
  const [name, setName] = useState("Before the workshop");
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [from, setFrom] = useState<string>("");
  const [to, setTo] = useState<string>("now");

  useEffect(() => {
    let live = true;
    api
      .snapshots()
      .then((l) => live && setList(l))
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [revision, reload]);

  const run = async (f: () => Promise<void>) => {
    try {
      setError(null);
      await f();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const save = () =>
    run(async () => {
      const s = await api.saveSnapshot(name.trim());
      onMessage(`Saved snapshot “${s.name}”`);
      setReload((r) => r + 1);
    });

  const first = list?.[0]?.snapshot.id;
  const fromKey = from || (first !== undefined ? String(first) : "");

  return (
    <Modal labelledBy="snapshots-title" className="snapshots" onClose={onClose}>
        <div className="panel-head">
          <h2 id="snapshots-title">Snapshots</h2>
          <button className="effect-close" onClick={onClose} aria-label="Close snapshots">
            ×
          </button>
        </div>
        <p className="muted">
          A snapshot keeps the whole map as it is now. Restore one to go back to it (Undo brings you back), or compare it with now to see what the workshop changed.
        </p>
        <form
          className="snapshot-save"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void save();
          }}
        >
          <label className="field">
            <span>Name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} aria-label="Snapshot name" disabled={readOnly} required />
          </label>
          <button type="submit" className="primary" disabled={readOnly || !name.trim()}>
            Save snapshot
          </button>
        </form>
        {error && (
          <p className="snapshot-error" role="alert">
            {error}
          </p>
        )}
        {list === null ? (
          <p className="muted">Reading the snapshots…</p>
        ) : list.length === 0 ? (
          <p className="empty">No snapshots yet. Save one before the workshop starts.</p>
        ) : (
          <>
            <table className="snapshot-list" aria-label="Saved snapshots">
              <thead>
                <tr>
                  <th scope="col">Snapshot</th>
                  <th scope="col">Saved</th>
                  <th scope="col" className="num">
                    Alignment
                  </th>
                  <th scope="col" className="num">
                    Findings
                  </th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map(({ snapshot: s, alignment_index, findings }) => (
                  <tr key={s.id} data-id={s.id}>
                    <th scope="row">
                      {s.name}
                      {s.auto && (
                        <span className="flag" title="Made by Throughline before a restore or an import, for undo">
                          automatic
                        </span>
                      )}
                    </th>
                    <td>{snapshotTime(s.created_at)}</td>
                    <td className="num">{formatIndex(alignment_index)}</td>
                    <td className="num">{findings}</td>
                    <td>
                      <div className="snapshot-actions">
                      <button className="primary" onClick={() => onCompare({ kind: "snapshot", id: s.id }, { kind: "now" })} aria-label={`Compare “${s.name}” with now`}>
                        Compare with now
                      </button>
                      <button
                        disabled={readOnly}
                        onClick={() =>
                          run(async () => {
                            const c = await api.restoreSnapshot(s.id);
                            onRestored(c);
                            setReload((r) => r + 1);
                          })
                        }
                        aria-label={`Restore “${s.name}”`}
                        title="Replace the map with this snapshot (Undo brings it back)"
                      >
                        Restore
                      </button>
                      {!s.auto &&
                        (confirming === s.id ? (
                          <button
                            className="danger"
                            onClick={() =>
                              run(async () => {
                                const label = await api.deleteSnapshot(s.id);
                                setConfirming(null);
                                if (from === String(s.id)) setFrom("");
                                if (to === String(s.id)) setTo("now");
                                onDeleted(s.id, label);
                                setReload((r) => r + 1);
                              })
                            }
                            aria-label={`Really delete “${s.name}”`}
                          >
                            Really delete?
                          </button>
                        ) : (
                          <button className="danger" disabled={readOnly} onClick={() => setConfirming(s.id)} aria-label={`Delete “${s.name}”`}>
                            Delete
                          </button>
                        ))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <form
              className="snapshot-compare"
              onSubmit={(e) => {
                e.preventDefault();
                if (fromKey) onCompare(sideOf(fromKey), sideOf(to));
              }}
            >
              <span>Compare</span>
              <select aria-label="Before" value={fromKey} onChange={(e) => setFrom(e.target.value)}>
                {list.map(({ snapshot: s }) => (
                  <option key={s.id} value={String(s.id)}>
                    {s.name}
                  </option>
                ))}
                <option value="now">Now</option>
              </select>
              <span>with</span>
              <select aria-label="After" value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="now">Now</option>
                {list.map(({ snapshot: s }) => (
                  <option key={s.id} value={String(s.id)}>
                    {s.name}
                  </option>
                ))}
              </select>
              <button type="submit">Compare</button>
            </form>
          </>
        )}
    </Modal>
  );
}
