// The alignment views (issue #13 item 5), the report's numbers in the app: who sets
// targets on whom (a flow diagram and a matrix), coverage of the strategy (function ×
// strategy goal) and a scorecard per function. Computed once per revision by the core
// (`alignment_view`); a cell or band opened lists its goals (`alignment_goals`, each one
// click from the map, listed in the inspector's place: `CellGoals`) and filters the findings
// panel to theirs.
import { useEffect, useRef, useState } from "react";
import type { AlignmentCell, AlignmentGoals, AlignmentView as View, FindingFilter, FlowCounts, ScorecardView } from "../bindings";
import { api, errorText } from "../ipc";
import { useRevisionData } from "../lib/revision";
import { flowLayout, heat, labelRoom, num, percent, plural } from "../lib/alignment";
import "./alignment.css";

export type AlignmentTab = "flows" | "coverage" | "scorecards";

const TABS: { id: AlignmentTab; label: string }[] = [
  { id: "flows", label: "Who sets targets on whom" },
  { id: "coverage", label: "Coverage of the strategy" },
  { id: "scorecards", label: "Scorecards" },
];

interface Props {
  revision: number;
  docPath: string;
  tab: AlignmentTab;
  onTab: (t: AlignmentTab) => void;
  /** The cell or band opened (its goals are listed in the inspector's place). */
  cell: AlignmentCell | null;
  onCell: (c: AlignmentCell | null) => void;
  /** Show these findings in the findings panel. */
  onFilter: (f: FindingFilter) => void;
}

/** A cell's key, to mark the one opened. */
export function cellKey(c: AlignmentCell | null): string {
  if (!c) return "";
  return c.kind === "flow" ? `${c.setter}>${c.owner}` : `${c.function}>${c.strategy ?? ""}`;
}

export function AlignmentView({ revision, docPath, tab, onTab, cell, onCell, onFilter }: Props) {
  const [error, setError] = useState<string | null>(null);
  const view = useRevisionData(revision, docPath, "", () => api.alignment(), (e) => setError(errorText(e)));
  // Opening a cell lists its goals and shows their findings in the panel.
  const open = (c: AlignmentCell) => {
    setError(null);
    onCell(c);
    void api
      .alignmentGoals(c)
      .then((g) => onFilter(g.filter))
      .catch((e) => setError(errorText(e)));
  };
  const opened = cellKey(cell);
  const keys = (e: React.KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const t = TABS[(next + TABS.length) % TABS.length];
    onTab(t.id);
    document.getElementById(`alignment-tab-${t.id}`)?.focus();
  };
  return (
    <div className="alignment" role="region" aria-label="Alignment">
      <div className="alignment-tabs" role="tablist" aria-label="Alignment views" onKeyDown={keys}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`alignment-tab-${t.id}`}
            role="tab"
            aria-selected={tab === t.id}
            aria-controls="alignment-panel"
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => onTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {error && (
        <p className="alignment-error" role="alert">
          {error}
        </p>
      )}
      <div id="alignment-panel" role="tabpanel" aria-labelledby={`alignment-tab-${tab}`} className="alignment-panel">
        {!view ? (
          <p className="muted">Loading…</p>
        ) : tab === "flows" ? (
          <Flows view={view} opened={opened} onOpen={open} />
        ) : tab === "coverage" ? (
          <Coverage view={view} opened={opened} onOpen={open} />
        ) : (
          <Scorecards view={view} onFilter={onFilter} onFlows={() => onTab("flows")} />
        )}
      </div>
    </div>
  );
}

/** The three ways a goal set across functions can be: the legend's order and colours. */
const KINDS: { key: "in_line" | "imposed_agreed" | "imposed_not_agreed"; label: string; cls: string }[] = [
  { key: "in_line", label: "In line (set through the owner's manager line)", cls: "k-inline" },
  { key: "imposed_agreed", label: "Imposed from outside, agreed", cls: "k-agreed" },
  { key: "imposed_not_agreed", label: "Imposed, not agreed (proposed or disputed)", cls: "k-open" },
];

function Legend() {
  return (
    <ul className="alignment-legend" aria-label="Legend">
      {KINDS.map((k) => (
        <li key={k.key}>
          <span className={`swatch ${k.cls}`} aria-hidden="true" />
          {k.label}
        </li>
      ))}
    </ul>
  );
}

/** "3 goals: 1 in line, 1 imposed and agreed, 1 imposed and not agreed (1 disputed)". */
function flowSentence(c: FlowCounts): string {
  const parts = [`${num(c.in_line)} in line`, `${num(c.imposed_agreed)} imposed and agreed`, `${num(c.imposed_not_agreed)} imposed and not agreed`];
  return `${plural(c.goals, "goal")}: ${parts.join(", ")}${c.disputed ? ` (${num(c.disputed)} disputed)` : ""}`;
}

function Flows({ view, opened, onOpen }: { view: View; opened: string; onOpen: (c: AlignmentCell) => void }) {
  const f = view.flows;
  const [show, setShow] = useState<"diagram" | "matrix">("diagram");
  const openFlow = (s: number, o: number) => onOpen({ kind: "flow", setter: f.functions[s].id, owner: f.functions[o].id });
  return (
    <section className="flows" aria-label="Who sets targets on whom">
      <p className="alignment-lead">
        {f.total.goals === 0 ? (
          "No function sets goals on another."
        ) : (
          <>
            <strong>{plural(f.total.goals, "goal")}</strong> are set by one function on another:{" "}
            <strong>{num(f.total.imposed_agreed + f.total.imposed_not_agreed)}</strong> from outside the owner's line,{" "}
            <strong>{num(f.total.imposed_not_agreed)}</strong> of them not agreed.
          </>
        )}
      </p>
      <div className="alignment-switch" role="group" aria-label="Show as">
        <button type="button" aria-pressed={show === "diagram"} onClick={() => setShow("diagram")}>
          Flow diagram
        </button>
        <button type="button" aria-pressed={show === "matrix"} onClick={() => setShow("matrix")}>
          Matrix
        </button>
      </div>
      <Legend />
      {show === "diagram" ? <FlowDiagram view={view} opened={opened} onOpen={openFlow} /> : <FlowMatrix view={view} opened={opened} onOpen={openFlow} />}
    </section>
  );
}

function FlowDiagram({ view, opened, onOpen }: { view: View; opened: string; onOpen: (s: number, o: number) => void }) {
  const f = view.flows;
  // Drawn at the width it has, one unit a pixel, so its text stays as large as the page's.
  const box = useRef<HTMLDivElement>(null);
  const [W, setW] = useState(900);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setW(Math.max(560, Math.min(1400, Math.floor(e.contentRect.width)))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const layout = flowLayout(f.cells, 380);
  if (layout.bands.length === 0) return <p className="muted big-note">Nothing to draw: every goal is set inside its owner's function.</p>;
  // Room for the names (and counts) each side, at most a third of the width each.
  const name0 = (i: number) => `${f.functions[i].label} ${num(layout.left.find((n) => n.index === i)?.total ?? 0)}`;
  const name1 = (i: number) => `${num(layout.right.find((n) => n.index === i)?.total ?? 0)} ${f.functions[i].label}`;
  const x0 = Math.min(Math.round(W / 3), labelRoom(layout.left.map((n) => name0(n.index)), 18) + 30);
  const x1 = W - Math.min(Math.round(W / 3), labelRoom(layout.right.map((n) => name1(n.index)), 18) + 30);
  const nodeW = 16;
  const name = (i: number) => f.functions[i].label;
  // The function under review stands out (the header's count opens this view).
  const isFocus = (i: number) => view.focus_function !== null && f.functions[i].id === view.focus_function;
  return (
    <div ref={box} className="flow-box">
    <svg
      className="flow-diagram"
      viewBox={`0 -4 ${W} ${layout.height + 8}`}
      width={W}
      height={layout.height + 8}
      role="group"
      aria-label="Flow diagram: setter functions on the left, owner functions on the right; each band is the goals one sets on the other"
    >
      {layout.left.map((n) => (
        <g key={`l${n.index}`} className={`flow-node${isFocus(n.index) ? " flow-focus" : ""}`}>
          <rect x={x0 - nodeW} y={n.y} width={nodeW} height={n.h} rx={3} />
          <text x={x0 - nodeW - 10} y={n.y + n.h / 2} textAnchor="end" dominantBaseline="middle">
            {name(n.index)} <tspan className="flow-count">{num(n.total)}</tspan>
          </text>
        </g>
      ))}
      {layout.right.map((n) => (
        <g key={`r${n.index}`} className={`flow-node${isFocus(n.index) ? " flow-focus" : ""}`}>
          <rect x={x1} y={n.y} width={nodeW} height={n.h} rx={3} />
          <text x={x1 + nodeW + 10} y={n.y + n.h / 2} dominantBaseline="middle">
            <tspan className="flow-count">{num(n.total)}</tspan> {name(n.index)}
          </text>
        </g>
      ))}
      {layout.bands.map((b) => {
        const c = f.cells[b.setter][b.owner];
        const label = `${name(b.setter)} sets on ${name(b.owner)}: ${flowSentence(c)}`;
        let ys = b.y0;
        let ye = b.y1;
        const key = `${f.functions[b.setter].id}>${f.functions[b.owner].id}`;
        return (
          <g
            key={`${b.setter}-${b.owner}`}
            className={`flow-band${opened === key ? " opened" : ""}`}
            role="button"
            tabIndex={0}
            aria-label={label}
            aria-pressed={opened === key}
            data-flow={key}
            onClick={() => onOpen(b.setter, b.owner)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                onOpen(b.setter, b.owner);
              }
            }}
          >
            <title>{label}</title>
            {KINDS.map((k) => {
              const n = c[k.key];
              if (n === 0) return null;
              const h = (b.h * n) / c.goals;
              const d = ribbon(x0, ys, x1, ye, h);
              ys += h;
              ye += h;
              return <path key={k.key} className={`flow-ribbon ${k.cls}`} d={d} />;
            })}
          </g>
        );
      })}
    </svg>
    </div>
  );
}

/** A band of height `h` from (xa, ya) to (xb, yb), its top edge a cubic curve. */
function ribbon(xa: number, ya: number, xb: number, yb: number, h: number): string {
  const m = (xa + xb) / 2;
  return `M${xa},${ya} C${m},${ya} ${m},${yb} ${xb},${yb} L${xb},${yb + h} C${m},${yb + h} ${m},${ya + h} ${xa},${ya + h} Z`;
}

function FlowMatrix({ view, opened, onOpen }: { view: View; opened: string; onOpen: (s: number, o: number) => void }) {
  const f = view.flows;
  const n = f.functions.length;
  return (
    <div className="alignment-scroll">
      <table className="flow-matrix">
        <caption>Goals set by each function (rows) on each other function (columns)</caption>
        <thead>
          <tr>
            <th scope="col" className="corner">
              Set by ↓ / on →
            </th>
            {f.functions.map((o) => (
              <th key={o.id || "-"} scope="col">
                {o.label}
              </th>
            ))}
            <th scope="col">Sets on others</th>
          </tr>
        </thead>
        <tbody>
          {f.functions.map((s, i) => (
            <tr key={s.id || "-"}>
              <th scope="row">{s.label}</th>
              {Array.from({ length: n }, (_, j) => {
                const c = f.cells[i][j];
                if (i === j) return <td key={j} className="diag" aria-label="Inside the function">—</td>;
                if (c.goals === 0) return <td key={j} className="zero">0</td>;
                return (
                  <td key={j}>
                    <button
                      type="button"
                      className="cell-button"
                      data-flow={`${s.id}>${f.functions[j].id}`}
                      aria-pressed={opened === `${s.id}>${f.functions[j].id}`}
                      aria-label={`${s.label} sets on ${f.functions[j].label}: ${flowSentence(c)}`}
                      onClick={() => onOpen(i, j)}
                    >
                      <span className="cell-n">{num(c.goals)}</span>
                      <StackBar c={c} />
                    </button>
                  </td>
                );
              })}
              <td className="total">{num(f.given[i].goals)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Set on it by others</th>
            {f.received.map((c, j) => (
              <td key={j} className="total">
                {num(c.goals)}
              </td>
            ))}
            <td className="total">{num(f.total.goals)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** A small bar split in the legend's three colours. */
function StackBar({ c }: { c: FlowCounts }) {
  return (
    <span className="stackbar" aria-hidden="true">
      {KINDS.map((k) =>
        c[k.key] > 0 ? <span key={k.key} className={k.cls} style={{ flexGrow: c[k.key] }} /> : null,
      )}
    </span>
  );
}

function Coverage({ view, opened, onOpen }: { view: View; opened: string; onOpen: (c: AlignmentCell) => void }) {
  const c = view.coverage;
  if (c.strategy.length === 0) return <p className="big-note">The map has no strategy goal, so nothing to cover.</p>;
  return (
    <section className="coverage" aria-label="Coverage of the strategy">
      <p className="alignment-lead">How many goals of each function trace, through what they support, to each strategy goal: the stronger the colour, the more goals. The last columns: goals that reach none, and all the function's goals.</p>
      <div className="alignment-scroll">
        <table className="coverage-matrix">
          <caption>Goals of each function (rows) that trace to each strategy goal (columns)</caption>
          <thead>
            <tr>
              <th scope="col" className="corner">
                Function
              </th>
              {c.strategy.map((s) => (
                <th key={s.id} scope="col">
                  {s.label}
                </th>
              ))}
              <th scope="col">No strategy goal</th>
              <th scope="col">Goals</th>
            </tr>
          </thead>
          <tbody>
            {c.rows.map((r) => (
              <tr key={r.function.id || "-"} className={view.focus_function === r.function.id ? "focus-row" : undefined}>
                <th scope="row">{r.function.label}</th>
                {r.cells.map((n, k) => (
                  <td key={c.strategy[k].id} style={{ background: heat(n, c.max) }}>
                    {n === 0 ? (
                      <span className="zero">0</span>
                    ) : (
                      <button
                        type="button"
                        className="cell-button"
                        data-coverage={`${r.function.id}>${c.strategy[k].id}`}
                        aria-pressed={opened === `${r.function.id}>${c.strategy[k].id}`}
                        aria-label={`${plural(n, "goal")} of ${r.function.label} trace to “${c.strategy[k].label}”`}
                        onClick={() => onOpen({ kind: "coverage", function: r.function.id, strategy: c.strategy[k].id })}
                      >
                        <span className="cell-n">{num(n)}</span>
                      </button>
                    )}
                  </td>
                ))}
                <td className={r.untraced > 0 ? "untraced" : undefined}>
                  {r.untraced === 0 ? (
                    <span className="zero">0</span>
                  ) : (
                    <button
                      type="button"
                      className="cell-button"
                      data-coverage={`${r.function.id}>`}
                      aria-pressed={opened === `${r.function.id}>`}
                      onClick={() => onOpen({ kind: "coverage", function: r.function.id, strategy: null })}
                    >
                      <span className="cell-n">{num(r.untraced)}</span>
                      <span className="sr-only"> {r.untraced === 1 ? "goal" : "goals"} of {r.function.label} trace to no strategy goal (</span>
                      <span className="cell-sub">{percent(r.untraced, r.goals)}</span>
                      <span className="sr-only">)</span>
                    </button>
                  )}
                </td>
                <td className="total">{num(r.goals)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Scorecards({ view, onFilter, onFlows }: { view: View; onFilter: (f: FindingFilter) => void; onFlows: () => void }) {
  if (view.scorecards.length === 0) return <p className="big-note">The map has no function.</p>;
  // The function under review first.
  const cards = [...view.scorecards].sort((a, b) => Number(b.function.id === view.focus_function) - Number(a.function.id === view.focus_function));
  return (
    <section className="scorecards" aria-label="Scorecards">
      <p className="alignment-lead">
        The alignment index counts a person's goal as sound when it traces to a strategy goal or a value and is not imposed, in conflict or unguarded volume.
      </p>
      <div className="scorecard-grid">
        {cards.map((s) => (
          <Scorecard key={s.function.id} s={s} focus={s.function.id === view.focus_function} onFilter={onFilter} onFlows={onFlows} />
        ))}
      </div>
    </section>
  );
}

function Scorecard({ s, focus, onFilter, onFlows }: { s: ScorecardView; focus: boolean; onFilter: (f: FindingFilter) => void; onFlows: () => void }) {
  const fn = s.function.id;
  const measured = s.leading + s.lagging;
  return (
    <article className={`scorecard${focus ? " focus" : ""}`} aria-label={`Scorecard: ${s.function.label}`} data-function={fn}>
      <header>
        <h3>{s.function.label}</h3>
        {focus && <span className="tag">under review</span>}
      </header>
      <div className="score-index">
        <span className="score-big">{s.index === null ? "n/a" : `${s.index.toFixed(1)}%`}</span>
        <span className="score-what">
          {num(s.sound)} of {plural(s.person_goals, "person goal")} sound · {plural(s.people, "person", "people")} · {plural(s.goals, "goal")}
        </span>
      </div>
      <h4>Findings</h4>
      <p className="score-sev">
        <button type="button" className="link sev-error-ink" onClick={() => onFilter({ offset: 0, function: fn, severity: "error" })}>
          {plural(s.errors, "error")}
        </button>{" "}
        ·{" "}
        <button type="button" className="link sev-warning-ink" onClick={() => onFilter({ offset: 0, function: fn, severity: "warning" })}>
          {plural(s.warnings, "warning")}
        </button>{" "}
        ·{" "}
        <button type="button" className="link" onClick={() => onFilter({ offset: 0, function: fn, severity: "info" })}>
          {num(s.infos)} info
        </button>
      </p>
      {s.by_rule.length > 0 && (
        <ul className="score-rules">
          {s.by_rule.map((r) => (
            <li key={r.rule}>
              <button type="button" className={`rule-count sev-${r.severity}`} onClick={() => onFilter({ offset: 0, function: fn, rule: r.rule })} title={`Show them in the findings panel`}>
                <span className="rule-n">{num(r.count)}</span> {r.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h4>Goals set across functions</h4>
      <p>
        <button type="button" className="link" onClick={() => { onFilter({ offset: 0, function: fn, rule: "imposed-goal" }); onFlows(); }}>
          {plural(s.imposed_in.goals, "goal")} set on it
        </button>{" "}
        ({num(s.imposed_in.imposed_not_agreed)} imposed and not agreed) · {plural(s.imposed_out.goals, "goal")} it sets on others
      </p>
      <h4>Feedback</h4>
      <p>
        {s.people_with_goals === 0 ? (
          "Nobody here owns a goal."
        ) : s.stale === 0 ? (
          `Everyone with goals (${num(s.people_with_goals)}) had a recent check-in.`
        ) : (
          <button type="button" className="link" onClick={() => onFilter({ offset: 0, function: fn, rule: "stale-feedback" })}>
            {num(s.stale)} of {plural(s.people_with_goals, "person", "people")} with goals had no recent check-in
          </button>
        )}
      </p>
      {s.stale_people.length > 0 && (
        <p className="score-stale">
          {s.stale_people.map((p) => `${p.name} (${p.last_check_in ? `last ${p.last_check_in}` : "never"})`).join(", ")}
          {s.stale > s.stale_people.length ? `, and ${num(s.stale - s.stale_people.length)} more` : ""}
        </p>
      )}
      <h4>Leading / lagging</h4>
      {measured === 0 ? (
        <p>No measured goal.</p>
      ) : (
        <>
          <div className="balance" role="img" aria-label={`${s.leading} goals on leading measures, ${s.lagging} on lagging ones`}>
            {s.leading > 0 && <span className="lead" style={{ flexGrow: s.leading }} />}
            {s.lagging > 0 && <span className="lag" style={{ flexGrow: s.lagging }} />}
          </div>
          <p className="balance-text">
            {num(s.leading)} leading · {num(s.lagging)} lagging{s.unmeasured ? ` · ${num(s.unmeasured)} unmeasured` : ""}
          </p>
        </>
      )}
    </article>
  );
}

/** The goals of the cell opened, in the inspector's place: each one click from the map. */
export function CellGoals({ goals, onOpenGoal, onFilter, onClose }: { goals: AlignmentGoals; onOpenGoal: (id: string) => void; onFilter: (f: FindingFilter) => void; onClose: () => void }) {
  return (
    <aside className="cell-goals inspector" aria-label="Goals of the cell">
      <header>
        <h3>{goals.title}</h3>
        <button type="button" onClick={onClose} aria-label="Close the list">
          ✕
        </button>
      </header>
      <button type="button" onClick={() => onFilter(goals.filter)}>
        Show their findings
      </button>
      <ul>
        {goals.goals.map((g) => (
          <li key={g.id}>
            <button type="button" className="goal-open" onClick={() => onOpenGoal(g.id)} title="Show on the map">
              <span className="goal-title">{g.title}</span>
              <span className="goal-meta">
                {g.owner} · set by {g.set_by} · {g.in_line ? "in line" : "imposed"} · {g.status}
              </span>
              {g.findings > 0 && (
                <span className={`goal-findings sev-${g.worst ?? "info"}`}>
                  {plural(g.findings, "finding")}: {g.rules.join(", ")}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {goals.total > goals.goals.length && <p className="muted">and {goals.total - goals.goals.length} more</p>}
    </aside>
  );
}
