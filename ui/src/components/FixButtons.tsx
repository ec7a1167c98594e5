// A finding's one-click fixes (issue #13 item 3): the rule's own obvious fixes, asked of the
// core for this finding; each applies one edit, so the effect notice says what it resolved
// and Undo takes it back. Nothing shows for a finding whose rule has no obvious fix.
import { useEffect, useState } from "react";
import type { Edit, FindingRow, FixOption } from "../bindings";
import { api } from "../ipc";

export function FixButtons({ row, onFix }: { row: FindingRow; onFix: (edit: Edit) => void }) {
  const [fixes, setFixes] = useState<FixOption[]>([]);
  const { rule, subject, related } = row.finding;
  const relatedKey = related.join(",");
  useEffect(() => {
    let live = true;
    setFixes([]);
    api
      .fixes({ rule, subject, related: relatedKey ? relatedKey.split(",") : [] })
      .then((f) => live && setFixes(f))
      .catch(() => live && setFixes([]));
    return () => {
      live = false;
    };
  }, [rule, subject, relatedKey, row]);
  if (fixes.length === 0) return null;
  return (
    <div className="fixes" role="group" aria-label="Fix it">
      <span className="fixes-label">Fix it:</span>
      {fixes.map((f) => (
        <button key={f.label} className="fix primary" onClick={() => onFix(f.edit)}>
          {f.label}
        </button>
      ))}
    </div>
  );
}
