// The notice after each change: what it did to the findings and the alignment index, in
// words a room can read ("Resolved 2 · New 1 · Alignment 61.0 → 63.5"), with the rules
// behind the counts and the first new findings, each opening its subject. It stays until
// the next change or until it is closed, with Undo beside it.
import type { Change } from "../bindings";
import { formatIndex } from "../lib/format";

export function EffectNotice({
  change,
  onOpen,
  onUndo,
  onClose,
}: {
  change: Change;
  onOpen: (id: string) => void;
  /** Undo what the notice is about (absent when there is nothing to undo). */
  onUndo?: () => void;
  onClose: () => void;
}) {
  const e = change.effect;
  if (!e) return null;
  const before = e.index_before;
  const after = e.index_after;
  const delta = before !== null && after !== null ? Math.round((after - before) * 10) / 10 : null;
  const nothing = e.resolved === 0 && e.new === 0 && e.changed === 0;
  return (
    <section className={`effect ${e.new > e.resolved ? "worse" : e.resolved > 0 ? "better" : "same"}`} aria-label="Effect of the last change" role="status">
      <div className="effect-line">
        <span className="effect-what">{change.label}</span>
        {nothing ? (
          <span className="effect-count">No finding changed</span>
        ) : (
          <>
            {e.resolved > 0 && (
              <span className="effect-count resolved">
                ✓ Resolved <strong>{e.resolved}</strong>
              </span>
            )}
            {e.new > 0 && (
              <span className="effect-count new">
                ⚠ New <strong>{e.new}</strong>
              </span>
            )}
            {e.changed > 0 && (
              <span className="effect-count">
                Changed severity <strong>{e.changed}</strong>
              </span>
            )}
          </>
        )}
        {before !== null && after !== null && delta === 0 && (
          <span className="effect-count effect-index">
            Alignment <strong>{formatIndex(after)}</strong>, unchanged
          </span>
        )}
        {before !== null && after !== null && delta !== 0 && (
          <span className="effect-count effect-index">
            Alignment {formatIndex(before)} → <strong>{formatIndex(after)}</strong>
            {delta !== null && delta !== 0 && <span className="delta"> ({delta > 0 ? "+" : ""}{delta.toFixed(1)})</span>}
          </span>
        )}
        {onUndo && (
          <button className="effect-undo" onClick={onUndo} title={`Undo: ${change.label}`}>
            Undo
          </button>
        )}
        <button className="effect-close" onClick={onClose} aria-label="Close the notice">
          ×
        </button>
      </div>
      {e.by_rule.length > 0 && (
        <ul className="effect-rules" aria-label="By rule">
          {e.by_rule.map((r) => (
            <li key={r.rule}>
              {r.name}
              {r.resolved > 0 && <span className="resolved"> −{r.resolved}</span>}
              {r.new > 0 && <span className="new"> +{r.new}</span>}
            </li>
          ))}
        </ul>
      )}
      {change.new_findings.length > 0 && (
        <ul className="effect-new" aria-label="New findings">
          {change.new_findings.map((r) => (
            <li key={`${r.finding.rule}|${r.finding.subject}|${r.finding.related.join(",")}`}>
              <button className="linkish" onClick={() => onOpen(r.finding.subject)} title={r.finding.message}>
                <strong>{r.rule_name}</strong> · {r.subject_label}
                {r.function_name && <span className="muted"> ({r.function_name})</span>}
              </button>
            </li>
          ))}
          {e.new > change.new_findings.length && <li className="muted">… and {e.new - change.new_findings.length} more in the findings panel</li>}
        </ul>
      )}
    </section>
  );
}
