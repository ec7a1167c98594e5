// Presenting (issue #13 item 6): the panels give the map the whole window, and the findings'
// patterns are stepped through with → / ← (or PageDown / PageUp, what a presentation clicker
// sends; Home and End go to the overview and the last one), each with a caption large enough
// to read across a room — its sentence, the rule and count, and why it matters — while the
// map highlights and centres the pattern's cards. Esc stops presenting. The first step is
// the overview: the map's first view, with what the steps hold.
import { useEffect, useRef, useState } from "react";
import type { FindingsPage, RuleDoc } from "../bindings";
import { api } from "../ipc";
import { formatIndex } from "../lib/format";
import { captionKicker, firstSentence, overviewLine, nextStep, patternFocus, presentKey, stepLabel } from "../lib/present";
import { useRevisionData } from "../lib/revision";
import "./present.css";

interface Props {
  revision: number;
  docPath: string;
  organisation: string;
  /** Show a pattern's cards: highlight them all and bring the subjects into view. */
  onShow: (subjects: string[], related: string[]) => void;
  /** Back to the map's first view, nothing highlighted. */
  onOverview: () => void;
  /** Stop presenting (Esc). */
  onLeave: () => void;
}

/** Keys typed into a field or a dialog are theirs, not the presentation's. */
function keyIsElsewhere(target: EventTarget | null): boolean {
  if (document.querySelector('[aria-modal="true"]')) return true;
  return target instanceof Element && !!target.closest('input, textarea, select, [contenteditable="true"], [role="listbox"], [role="menu"], .export-menu');
}

export function Presenter({ revision, docPath, organisation, onShow, onOverview, onLeave }: Props) {
  const [step, setStep] = useState(-1);
  const [panels, setPanels] = useState(false);
  // Every pattern of the organisation, biggest first (at most the 100 the backend lists).
  const all = useRevisionData<FindingsPage>(revision, docPath, "present", () => api.findings({ offset: 0, limit: 1 }));
  const patterns = all?.patterns ?? [];
  const total = patterns.length;
  const at = Math.min(step, total - 1);
  const pattern = at >= 0 ? patterns[at] : null;
  // The step's findings (the first 200: enough to show where they are).
  const members = useRevisionData(revision, docPath, `present-${pattern?.index ?? "none"}`, async () =>
    pattern ? { index: pattern.index, page: await api.findings({ offset: 0, pattern: pattern.index, limit: 200 }) } : null,
  );
  const [rules, setRules] = useState<Record<string, RuleDoc>>({});
  const rule = pattern ? rules[pattern.rule] : undefined;
  useEffect(() => {
    if (!pattern || rules[pattern.rule]) return;
    let live = true;
    void api
      .ruleDoc(pattern.rule)
      .then((d) => live && setRules((r) => ({ ...r, [d.id]: d })))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [pattern, rules]);

  // Each step shows its cards once they are known; the overview goes back to the first view.
  const show = useRef({ onShow, onOverview });
  show.current = { onShow, onOverview };
  const shownFor = useRef<unknown>(null);
  useEffect(() => {
    if (at < 0) {
      if (shownFor.current !== null) show.current.onOverview();
      shownFor.current = null;
      return;
    }
    if (!members || !pattern || members.index !== pattern.index || shownFor.current === members) return;
    shownFor.current = members;
    const { subjects, related } = patternFocus(members.page.rows);
    if (subjects.length > 0) show.current.onShow(subjects, related);
  }, [at, members, pattern]);

  // The keys: before anything else on the page (a card that has focus would move with the
  // arrows), but never those typed into a field or a dialog.
  const state = useRef({ at, total, onLeave });
  state.current = { at, total, onLeave };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const how = presentKey(e);
      if (!how || e.defaultPrevented || keyIsElsewhere(e.target)) return;
      if (how === "leave") {
        state.current.onLeave();
        return;
      }
      e.preventDefault();
      e.stopPropagation();
      setStep(nextStep(state.current.at, how, state.current.total));
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);

  // The panels come back on request (larger text), and go again when presenting stops.
  useEffect(() => {
    document.documentElement.dataset.panels = panels ? "shown" : "hidden";
    return () => {
      delete document.documentElement.dataset.panels;
    };
  }, [panels]);

  const go = (how: "next" | "previous") => setStep(nextStep(at, how, total));
  const summary = all?.summary;
  const findings = all ? all.errors + all.warnings + all.infos : 0;
  return (
    <section className={`presenter${pattern ? ` sev-${pattern.severity}` : ""}`} aria-label="Presenting">
      <div className="presenter-caption" aria-live="polite" aria-atomic="true">
        {pattern ? (
          <>
            <p className="presenter-kicker">
              <span className={`dot sev-${pattern.severity}`} aria-hidden="true" />
              {captionKicker(pattern, members?.index === pattern.index ? members.page.rows[0]?.subject_label : undefined)}
            </p>
            <p className="presenter-message">{pattern.message}</p>
            {rule && <p className="presenter-why">{firstSentence(rule.why)}</p>}
          </>
        ) : (
          <>
            <p className="presenter-kicker">{organisation}</p>
            <p className="presenter-message">
              {all ? (total === 0 ? "No findings: the line from strategy to every person holds." : overviewLine(all.matching_patterns, findings)) : "Reading the findings…"}
              {summary && summary.alignment_index !== null && summary.alignment_index !== undefined && (
                <span className="presenter-index"> · alignment {formatIndex(summary.alignment_index)}</span>
              )}
            </p>
            {total > 0 && (
              <p className="presenter-why">
                → or Page Down steps through {total < (all?.matching_patterns ?? 0) ? `the ${total.toLocaleString("en")} biggest` : "them"}, ← goes back, Esc stops presenting.
              </p>
            )}
          </>
        )}
      </div>
      <div className="presenter-controls">
        <button onClick={() => go("previous")} disabled={at < 0} aria-label="Previous pattern" title="Previous (← or Page Up)">
          ←
        </button>
        <span className="presenter-step" aria-label="Step">
          {stepLabel(at, total)}
        </span>
        <button onClick={() => go("next")} disabled={at >= total - 1} aria-label="Next pattern" title="Next (→ or Page Down)">
          →
        </button>
        <button aria-pressed={panels} onClick={() => setPanels(!panels)} title="Show the findings and the inspector beside the map">
          Panels
        </button>
        <button onClick={onLeave} title="Stop presenting (Esc)">
          Done
        </button>
      </div>
    </section>
  );
}
