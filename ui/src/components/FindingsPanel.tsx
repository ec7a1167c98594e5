// Findings grouped by severity and rule, with counts and filters; each row names its
// subject, whose it is (owner, and who set it if someone else did) and what it is related
// to, in the rule's words. Clicking a finding selects its subject on the map and highlights
// the related items.
import { useState } from "react";
import type { Edit, FindingFilter, FindingRow, FindingsPage, PatternRow, RuleDoc, Severity } from "../bindings";
import { groupFindings, SEVERITIES, severityLabel } from "../lib/format";
import { api } from "../ipc";
import { DocText } from "./HelpDialogs";
import { FixButtons } from "./FixButtons";

interface Props {
  page: FindingsPage | null;
  filter: FindingFilter;
  onFilter: (f: FindingFilter) => void;
  onPick: (row: FindingRow) => void;
  /** Record a decision about this finding (from its detail). */
  onDecide?: (row: FindingRow) => void;
  selectedKey: string | null;
  people: { id: string; label: string }[];
  /** Open the rules reference at a rule (from a finding's explanation). */
  onRule?: (rule: string) => void;
  /** Apply one of a finding's one-click fixes (absent: read-only, no fixes offered). */
  onFix?: (edit: Edit) => void;
}

export function findingKey(row: FindingRow): string {
  const f = row.finding;
  return `${f.rule}|${f.subject}|${f.related.join(",")}`;
}

function Explain({ rule, onRule }: { rule: string; onRule?: (rule: string) => void }) {
  const [doc, setDoc] = useState<RuleDoc | null>(null);
  const [open, setOpen] = useState(false);
  return (
    <div className="explain">
      <button
        className="link"
        aria-expanded={open}
        onClick={async () => {
          if (!doc) setDoc(await api.ruleDoc(rule));
          setOpen(!open);
        }}
      >
        {open ? "Hide explanation" : "Why it matters and how to fix"}
      </button>
      {open && doc && (
        <div className="explain-body">
          <p className="explain-rule">
            <strong>{doc.name}</strong> <span className="explain-id">{doc.id}</span>
          </p>
          <h4>Why it matters</h4>
          <p>
            <DocText text={doc.why} />
          </p>
          <h4>How to fix</h4>
          <p>
            <DocText text={doc.fix} />
          </p>
          {onRule && (
            <button className="link" onClick={() => onRule(doc.id)}>
              The whole rule in the rules reference
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** Whose a finding's subject is: its owner ("Ali Hassan, Sales North") and who set it when
 * someone else did; for a unit or value, its function when that is not itself. */
function Whose({ row }: { row: FindingRow }) {
  const fn = !row.owner_label && row.function_name && row.function_name !== row.subject_label ? row.function_name : null;
  if (!row.owner_label && !row.setter_label && !fn) return null;
  return (
    <span className="whose">
      {row.owner_label && <span className="owner">{row.owner_label}</span>}
      {fn && <span className="owner">{fn}</span>}
      {row.setter_label && (row.owner_label || fn) && (
        <span className="sep" aria-hidden>
          ·
        </span>
      )}
      {row.setter_label && <span className="setter">set by {row.setter_label}</span>}
    </span>
  );
}

/** The patterns (findings that share a cause), biggest first: one click lists a pattern's
 * findings. */
function Patterns({ page, filter, onPattern }: { page: FindingsPage; filter: FindingFilter; onPattern: (p: PatternRow | null) => void }) {
  const [all, setAll] = useState(false);
  const chosen = filter.pattern ?? null;
  if (chosen !== null) {
    const p = page.patterns.find((x) => x.index === chosen);
    return (
      <div className="pattern-chosen" role="status">
        <span className={`dot sev-${p?.severity ?? "info"}`} aria-hidden />
        <span>
          <strong>{p ? `${p.count.toLocaleString("en")} × ${p.rule_name}` : "One pattern"}</strong>
          {p && <span className="pattern-message">{p.message}</span>}
        </span>
        <button className="link" onClick={() => onPattern(null)}>
          Show all findings
        </button>
      </div>
    );
  }
  // A pattern of one is just its finding, listed below.
  const shared = page.patterns.filter((p) => p.count > 1);
  if (shared.length === 0) return null;
  const shown = all ? shared : shared.slice(0, 5);
  return (
    <section className="patterns" aria-label="Patterns">
      <h3>
        Patterns <span className="muted">· findings that share a cause</span>
      </h3>
      <ul>
        {shown.map((p) => (
          <li key={p.index}>
            <button className={`pattern sev-${p.severity}`} onClick={() => onPattern(p)}>
              <span className="pattern-count">{p.count.toLocaleString("en")}</span>
              <span>
                <span className="pattern-rule">{p.rule_name}</span>
                <span className="pattern-message">{p.message}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {shared.length > 5 && (
        <button className="link" onClick={() => setAll(!all)}>
          {all ? "Show fewer patterns" : `Show ${shared.length - 5} more patterns`}
        </button>
      )}
    </section>
  );
}

export function FindingsPanel({ page, filter, onFilter, onPick, onDecide, selectedKey, people, onRule, onFix }: Props) {
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  if (!page) return <aside className="findings" aria-label="Findings" />;
  const groups = groupFindings(page.rows);
  const set = (patch: Partial<FindingFilter>) => onFilter({ ...filter, ...patch, offset: 0 });
  const count = (s: Severity) => (s === "error" ? page.errors : s === "warning" ? page.warnings : page.infos);
  // Counts over every page of the filtered findings, not just the rows loaded.
  const total = (sev: Severity, rule?: string) =>
    page.matching_groups
      .filter((g) => g.key.startsWith(`${sev}|`) && (rule === undefined || g.label === rule))
      .reduce((n, g) => n + g.count, 0);
  return (
    <aside className="findings" aria-label="Findings">
      <div className="panel-head">
        <h2>Findings</h2>
        <span className="muted">
          {page.matching} of {page.errors + page.warnings + page.infos}
        </span>
      </div>
      <div className="filters" role="group" aria-label="Filter findings">
        <label>
          Severity
          <select
            value={filter.severity ?? ""}
            onChange={(e) => set({ severity: (e.target.value || undefined) as Severity | undefined })}
          >
            <option value="">All</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {severityLabel(s)} ({count(s)})
              </option>
            ))}
          </select>
        </label>
        <label>
          Rule
          <select value={filter.rule ?? ""} onChange={(e) => set({ rule: e.target.value || undefined })}>
            <option value="">All rules</option>
            {page.by_rule.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label} ({r.count})
              </option>
            ))}
          </select>
        </label>
        <label>
          Function
          <select
            value={filter.function ?? "*"}
            onChange={(e) => set({ function: e.target.value === "*" ? undefined : e.target.value })}
          >
            <option value="*">All functions</option>
            {page.by_function.map((g) => (
              <option key={g.key || "none"} value={g.key}>
                {g.label} ({g.count})
              </option>
            ))}
          </select>
        </label>
        <label>
          Person
          <select value={filter.person ?? ""} onChange={(e) => set({ person: e.target.value || undefined })}>
            <option value="">Everyone</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="finding-list">
        <Patterns page={page} filter={filter} onPattern={(p) => set({ pattern: p ? p.index : undefined })} />
        {groups.length === 0 && (
          <p className="empty">
            {page.matching === 0 && page.errors + page.warnings + page.infos === 0
              ? "No findings: the line from strategy to every person holds."
              : "No findings match these filters."}
          </p>
        )}
        {groups.map((g) => (
          <section key={g.severity} className={`sev-group sev-${g.severity}`}>
            <h3>
              <span className={`dot sev-${g.severity}`} aria-hidden />
              {severityLabel(g.severity)}s ({total(g.severity)})
            </h3>
            {g.rules.map((r) => {
              const key = `${g.severity}|${r.rule}`;
              const isCollapsed = collapsed[key];
              return (
                <div key={key} className="rule-group">
                  <button
                    className="rule-head"
                    aria-expanded={!isCollapsed}
                    onClick={() => setCollapsed({ ...collapsed, [key]: !isCollapsed })}
                  >
                    <span className="rule-name">{r.rows[0]?.rule_name ?? r.rule}</span>
                    <span className="rule-id">{r.rule}</span>
                    <span className="count" title={r.rows.length < total(g.severity, r.rule) ? `${r.rows.length} on this page` : undefined}>
                      {total(g.severity, r.rule)}
                    </span>
                    <span className="rule-summary">{r.summary}</span>
                  </button>
                  {!isCollapsed && (
                    <ul>
                      {r.rows.map((row) => {
                        const k = findingKey(row);
                        return (
                          <li key={k} className={k === selectedKey ? "is-current" : ""}>
                            <button className="finding" onClick={() => onPick(row)} aria-current={k === selectedKey}>
                              <span className="subject">{row.subject_label}</span>
                              <Whose row={row} />
                              {row.related_text && <span className="related">{row.related_text}</span>}
                            </button>
                            {k === selectedKey && (
                              <div className="finding-detail">
                                <p>{row.finding.message}</p>
                                {onFix && <FixButtons row={row} onFix={onFix} />}
                                <Explain rule={row.finding.rule} onRule={onRule} />
                                {onDecide && (
                                  <button className="decide" onClick={() => onDecide(row)}>
                                    Record a decision about this…
                                  </button>
                                )}
                              </div>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </div>
              );
            })}
          </section>
        ))}
        {page.matching > filter.offset + page.rows.length && (
          <button className="more" onClick={() => onFilter({ ...filter, offset: filter.offset + page.rows.length })}>
            Next {Math.min(200, page.matching - filter.offset - page.rows.length)} findings
          </button>
        )}
        {filter.offset > 0 && (
          <button className="more" onClick={() => onFilter({ ...filter, offset: Math.max(0, filter.offset - 200) })}>
            Previous findings
          </button>
        )}
      </div>
    </aside>
  );
}
