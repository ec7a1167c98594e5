// The before / after view, in the findings' place beside the map: the alignment index
// before → after, the findings resolved, new and with another severity (each opening its
// subject on the map, as the findings panel does), and what changed in words ("Ben Osei
// moved from Enterprise to Mid-Market"). Computed by the backend's one comparison
// (throughline-app-core before_after.rs); long lists arrive cut, with their totals.
import type { BeforeAfter, ChangeLine, ChangeMark, ComparedFinding, FindingRow } from "../bindings";
import { formatDelta, formatIndex, severityLabel } from "../lib/format";
import "./compare.css";

const MARKS: Record<ChangeMark, { sign: string; word: string }> = {
  added: { sign: "＋", word: "added" },
  removed: { sign: "−", word: "removed" },
  changed: { sign: "✎", word: "changed" },
  moved: { sign: "→", word: "moved" },
  relinked: { sign: "⇄", word: "re-linked" },
};

function Findings({
  title,
  kind,
  items,
  total,
  onPick,
}: {
  title: string;
  kind: "resolved" | "new" | "changed";
  items: ComparedFinding[];
  total: number;
  onPick: (row: FindingRow) => void;
}) {
  if (total === 0) return null;
  return (
    <section className={`ba-list ba-${kind}`} aria-label={title}>
      <h3>
        {title} <span className="ba-total">{total}</span>
      </h3>
      <ul>
        {items.map((f) => {
          const r = f.row;
          const text = (
            <>
              <span className="ba-rule">{r.rule_name}</span> · <span className="ba-subject">{r.subject_label}</span>
              {r.function_name && <span className="muted"> ({r.function_name})</span>}
              {f.severity_before && (
                <span className="muted">
                  {" "}
                  {severityLabel(f.severity_before)} → {severityLabel(r.finding.severity)}
                </span>
              )}
            </>
          );
          return (
            <li key={`${r.finding.rule}|${r.finding.subject}|${r.finding.related.join(",")}`}>
              {f.present ? (
                <button className="linkish" onClick={() => onPick(r)} title={r.finding.message}>
                  {text}
                </button>
              ) : (
                <span title={`${r.finding.message} (no longer in the map)`}>{text}</span>
              )}
            </li>
          );
        })}
        {total > items.length && <li className="muted">… and {(total - items.length).toLocaleString("en")} more</li>}
      </ul>
    </section>
  );
}

function Changes({ lines, total, onOpen }: { lines: ChangeLine[]; total: number; onOpen: (id: string) => void }) {
  return (
    <section className="ba-list ba-changes" aria-label="What changed">
      <h3>
        What changed <span className="ba-total">{total}</span>
      </h3>
      {total === 0 ? (
        <p className="empty">Nothing was added, removed or changed.</p>
      ) : (
        <ul>
          {lines.map((l, i) => (
            <li key={`${l.kind}|${l.id}|${i}`} className={`mark-${l.mark}`}>
              <span className="ba-mark" aria-label={MARKS[l.mark].word} title={MARKS[l.mark].word}>
                {MARKS[l.mark].sign}
              </span>
              {l.present ? (
                <button className="linkish" onClick={() => onOpen(l.id)}>
                  {l.text}
                </button>
              ) : (
                <span>{l.text}</span>
              )}
            </li>
          ))}
          {total > lines.length && <li className="muted">… and {(total - lines.length).toLocaleString("en")} more</li>}
        </ul>
      )}
    </section>
  );
}

export function BeforeAfterPanel({
  data,
  onPick,
  onOpen,
  onClose,
  onSnapshots,
}: {
  data: BeforeAfter | null;
  /** Open a finding's subject (and highlight what it relates), as the findings panel does. */
  onPick: (row: FindingRow) => void;
  onOpen: (id: string) => void;
  onClose: () => void;
  onSnapshots: () => void;
}) {
  if (!data) {
    return (
      <aside className="findings before-after" aria-label="Before and after">
        <p className="muted">Comparing…</p>
      </aside>
    );
  }
  const b = data.before.alignment_index;
  const a = data.after.alignment_index;
  const d = data.index_delta;
  const tone = d === null || d === 0 ? "same" : d > 0 ? "better" : "worse";
  const cb = data.counts_before;
  const ca = data.counts_after;
  return (
    <aside className="findings before-after" aria-label="Before and after">
      <div className="panel-head">
        <h2>Before / after</h2>
        <button className="effect-close" onClick={onClose} aria-label="Close the comparison" title="Back to the findings">
          ×
        </button>
      </div>
      <p className="ba-sides">
        <span>
          <strong>{data.before_label}</strong> → <strong>{data.after_label}</strong>
        </span>
        <span className="muted">both as of {data.as_of}</span>
      </p>
      <div className={`ba-index ${tone}`} aria-label="Alignment index before and after">
        <span className="ba-index-label">Alignment</span>
        <span className="ba-index-values">
          {formatIndex(b)} → <strong>{formatIndex(a)}</strong>
        </span>
        {d !== null && <span className="ba-delta">{formatDelta(d)}</span>}
      </div>
      <p className="ba-counts" aria-label="Findings before and after">
        <span className="effect-count resolved">
          ✓ Resolved <strong>{data.resolved_total}</strong>
        </span>
        <span className="effect-count new">
          ⚠ New <strong>{data.new_total}</strong>
        </span>
        {data.changed_total > 0 && (
          <span className="effect-count">
            Other severity <strong>{data.changed_total}</strong>
          </span>
        )}
        <span className="muted ba-sev">
          errors {cb.errors} → {ca.errors} · warnings {cb.warnings} → {ca.warnings} · info {cb.infos} → {ca.infos}
        </span>
      </p>
      <Findings title="Resolved" kind="resolved" items={data.resolved} total={data.resolved_total} onPick={onPick} />
      <Findings title="New" kind="new" items={data.new} total={data.new_total} onPick={onPick} />
      <Findings title="With another severity" kind="changed" items={data.changed} total={data.changed_total} onPick={onPick} />
      <Changes lines={data.changes} total={data.changes_total} onOpen={onOpen} />
      <p className="ba-foot">
        <button className="link" onClick={onSnapshots}>
          Compare other snapshots…
        </button>
      </p>
    </aside>
  );
}
