// The before / after view, in the findings' place beside the map: the alignment index
// before → after, the findings resolved, new and with another severity (each opening its
// subject on the map, as the findings panel does), and what changed in words ("Ben Osei
// moved from Enterprise to Mid-Market"). Compared with now, the map marks the cards added,
// changed, moved and re-linked (MapView), and what is gone is listed here as ghosts.
// Computed by the backend's one comparison (throughline-app-core before_after.rs); long
// lists arrive cut, with their totals.
import type { BeforeAfter, ChangeLine, ComparedFinding, FindingRow, Ghost } from "../bindings";
import { formatDelta, formatIndex, severityLabel } from "../lib/format";
import { CARD_MARKS, MARKS } from "../lib/marks";
import "./compare.css";

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

/** What the map shows of the comparison: its marks (compared with now), and the ghosts. */
function OnTheMap({ data, onShow }: { data: BeforeAfter; onShow: (ids: string[]) => void }) {
  const withNow = data.after_side.kind === "now";
  const counts = new Map<string, number>();
  for (const m of data.marks) counts.set(m.mark, (counts.get(m.mark) ?? 0) + 1);
  return (
    <section className="ba-list ba-map" aria-label="On the map">
      <h3>On the map</h3>
      {!withNow ? (
        <p className="muted">The map shows the workspace now: compare with Now to see the changes marked on its cards.</p>
      ) : data.marks_total === 0 ? (
        <p className="muted">No card on the map was added, changed, moved or re-linked.</p>
      ) : (
        <p className="ba-marks-key">
          {CARD_MARKS.filter((m) => counts.has(m)).map((m) => (
            <button
              key={m}
              className={`ba-mark-key mark-${m}`}
              onClick={() => onShow(data.marks.filter((x) => x.mark === m).map((x) => x.id))}
              title={`Highlight the cards ${MARKS[m].word} on the map`}
            >
              <span className="change-mark" aria-hidden="true">
                {MARKS[m].sign}
              </span>{" "}
              {counts.get(m)} {MARKS[m].word}
            </button>
          ))}
          {data.marks_total > data.marks.length && (
            <span className="muted"> (the first {data.marks.length.toLocaleString("en")} of {data.marks_total.toLocaleString("en")} marked)</span>
          )}
        </p>
      )}
      {data.ghosts_total > 0 && <Ghosts ghosts={data.ghosts} total={data.ghosts_total} />}
    </section>
  );
}

/** What BEFORE had and AFTER has not: no card on the map, so listed here, faded. */
function Ghosts({ ghosts, total }: { ghosts: Ghost[]; total: number }) {
  return (
    <>
      <h4>
        Gone from the map <span className="ba-total">{total}</span>
      </h4>
      <ul className="ghosts" aria-label="Gone from the map">
        {ghosts.map((g) => (
          <li key={`${g.kind}|${g.id}`} className="ghost">
            <span className="change-mark" aria-hidden="true">
              {MARKS.removed.sign}
            </span>
            <span>
              <span className="ghost-label">{g.label}</span>
              <span className="muted">
                {" "}
                · {g.kind}
                {g.place ? (g.kind === "goal" ? ` of ${g.place}` : ` in ${g.place}`) : ""}
              </span>
            </span>
          </li>
        ))}
        {total > ghosts.length && <li className="muted">… and {(total - ghosts.length).toLocaleString("en")} more</li>}
      </ul>
    </>
  );
}

export function BeforeAfterPanel({
  data,
  onPick,
  onOpen,
  onShow,
  onClose,
  onSnapshots,
}: {
  data: BeforeAfter | null;
  /** Open a finding's subject (and highlight what it relates), as the findings panel does. */
  onPick: (row: FindingRow) => void;
  onOpen: (id: string) => void;
  /** Highlight cards on the map and bring them into view (the first one opened). */
  onShow: (ids: string[]) => void;
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
      <OnTheMap data={data} onShow={onShow} />
      <Changes lines={data.changes} total={data.changes_total} onOpen={onOpen} />
      <p className="ba-foot">
        <button className="link" onClick={onSnapshots}>
          Compare other snapshots…
        </button>
      </p>
    </aside>
  );
}
