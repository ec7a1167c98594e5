// The header's alignment index, and what it counts (issue #13 items 2 and 5: "97.1%
// aligned next to 700 errors" needs saying why both can be true). A button: it opens a
// short explanation with this organisation's own numbers; Escape or a second click closes.
import { useState } from "react";
import type { Summary } from "../bindings";
import { formatIndex } from "../lib/format";

export function IndexExplain({ summary, findings }: { summary: Summary | undefined; findings: number }) {
  const [open, setOpen] = useState(false);
  const total = summary?.person_goals ?? 0;
  const good = summary?.aligned_person_goals ?? 0;
  return (
    <div className="index-wrap" onKeyDown={(e) => e.key === "Escape" && open && (e.stopPropagation(), setOpen(false))}>
      <button
        className="index"
        aria-expanded={open}
        aria-controls={open ? "index-explain" : undefined}
        onClick={() => setOpen(!open)}
        title="What the alignment index counts"
      >
        <span className="index-value">{formatIndex(summary?.alignment_index)}</span>
        <span className="index-label">alignment</span>
      </button>
      {open && (
        <div id="index-explain" className="index-explain" role="region" aria-label="What the alignment index counts">
          <p>
            <strong>{formatIndex(summary?.alignment_index)}</strong> of the {total.toLocaleString("en-GB")} goals owned by people
            are in line: they trace to the strategy or a value ({good.toLocaleString("en-GB")} do), and no <em>conflicting goals</em>,{" "}
            <em>imposed goal</em> or <em>unguarded volume</em> finding names them.
          </p>
          <p>
            The index counts goals, not findings. The {findings.toLocaleString("en-GB")} findings also flag people and units
            (missing feedback, no development goal, unmeasured functions…), which do not lower the index but are worth fixing.
          </p>
          <button onClick={() => setOpen(false)}>Close</button>
        </div>
      )}
    </div>
  );
}
