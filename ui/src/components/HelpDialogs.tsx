// Help: the rules reference (every rule's name, severity and documentation, as `throughline
// explain` prints it), the keyboard shortcuts, and About; the Help menu of the page's own
// header (for where there is no native menu); and the question before Reset Sample.
import { useEffect, useRef, useState } from "react";
import type { RuleDoc } from "../bindings";
import { api, errorText } from "../ipc";
import { severityLabel } from "../lib/format";
import { keysOf, MENU_ITEMS, shortcutGroups } from "../lib/shortcuts";
import { Modal } from "./Modal";
import "./help.css";

export type HelpTopic = "rules-reference" | "keyboard-shortcuts" | "about";

/** A rule's documentation text: `code` and *emphasis* as written in its doc comment, never
 * as HTML. */
export function DocText({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`|\*[^*\s][^*]*\*)/);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith("`") && p.endsWith("`") && p.length > 1 ? (
          <code key={i}>{p.slice(1, -1)}</code>
        ) : p.startsWith("*") && p.endsWith("*") && p.length > 2 ? (
          <em key={i}>{p.slice(1, -1)}</em>
        ) : (
          p
        ),
      )}
    </>
  );
}

const SECTIONS: [keyof RuleDoc, string][] = [
  ["what", "What it flags"],
  ["why", "Why it matters"],
  ["example", "Example"],
  ["fix", "How to fix"],
];

function severityOf(s: string): "error" | "warning" | "info" {
  return s === "error" || s === "info" ? s : "warning";
}

function RulesReference({ initial, onClose }: { initial?: string; onClose: () => void }) {
  const [rules, setRules] = useState<RuleDoc[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(initial ?? null);
  const detail = useRef<HTMLElement>(null);
  useEffect(() => {
    let live = true;
    api
      .rules()
      .then((r) => live && setRules(r))
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, []);
  const rule = rules?.find((r) => r.id === chosen) ?? rules?.[0] ?? null;
  return (
    <Modal labelledBy="rules-title" className="help rules-reference" onClose={onClose}>
      <div className="panel-head help-head">
        <h2 id="rules-title">Rules reference</h2>
        <button className="effect-close" onClick={onClose} aria-label="Close the rules reference">
          ×
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {rules === null && !error && <p className="muted">Reading the rules…</p>}
      {rules && rule && (
        <div className="rules-body">
          <nav aria-label="Rules">
            <p className="muted rules-count">
              {rules.length} rules, each with the severity it has unless a map's settings change it:
            </p>
            <p className="sev-legend" aria-hidden>
              {(["error", "warning", "info"] as const).map((s) => (
                <span key={s}>
                  <span className={`dot sev-${s}`} />
                  {severityLabel(s)}
                </span>
              ))}
            </p>
            <ul className="rule-list">
              {rules.map((r) => (
                <li key={r.id}>
                  <button
                    aria-current={r.id === rule.id ? "true" : undefined}
                    onClick={() => {
                      setChosen(r.id);
                      detail.current?.scrollTo?.({ top: 0 });
                    }}
                  >
                    <span className={`dot sev-${severityOf(r.default_severity)}`} aria-hidden />
                    <span className="rule-list-name">{r.name}</span>
                    <span className="sr-only"> ({severityLabel(severityOf(r.default_severity))})</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <article className="rule-doc" aria-labelledby="rule-doc-title" ref={detail} tabIndex={-1}>
            <h3 id="rule-doc-title">
              {rule.name} <span className="rule-doc-id">{rule.id}</span>
            </h3>
            <p className="rule-doc-meta">
              <span className={`sev-pill sev-${severityOf(rule.default_severity)}`}>{severityLabel(severityOf(rule.default_severity))}</span>
              <span className="rule-doc-summary">
                <DocText text={rule.summary} />
              </span>
            </p>
            {SECTIONS.map(([key, title]) =>
              rule[key] ? (
                <section key={key} aria-label={title}>
                  <h4>{title}</h4>
                  <p>
                    <DocText text={String(rule[key])} />
                  </p>
                </section>
              ) : null,
            )}
          </article>
        </div>
      )}
    </Modal>
  );
}

function Keys({ keys }: { keys: string[] }) {
  return (
    <span className="keys">
      {keys.map((k, i) => (
        <span key={i}>
          {i > 0 && <span aria-hidden>+</span>}
          <kbd>{k}</kbd>
        </span>
      ))}
    </span>
  );
}

function KeyboardShortcuts({ onClose }: { onClose: () => void }) {
  const groups = shortcutGroups();
  return (
    <Modal labelledBy="shortcuts-title" className="help shortcuts" onClose={onClose}>
      <div className="panel-head help-head">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button className="effect-close" onClick={onClose} aria-label="Close keyboard shortcuts">
          ×
        </button>
      </div>
      <div className="shortcut-groups">
        {groups.map((g) => (
          <section key={g.title} aria-labelledby={`keys-${g.title}`}>
            <h3 id={`keys-${g.title}`}>{g.title}</h3>
            <table className="shortcut-table">
              <tbody>
                {g.items.map((it) => (
                  <tr key={it.what}>
                    <td>
                      {it.keys.map((k, i) => (
                        <span key={i}>
                          {i > 0 && <span className="muted"> or </span>}
                          <Keys keys={k} />
                        </span>
                      ))}
                    </td>
                    <th scope="row">{it.what}</th>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </Modal>
  );
}

function About({ version, onClose }: { version: string | null; onClose: () => void }) {
  return (
    <Modal labelledBy="about-title" describedBy="about-what" className="help about" onClose={onClose}>
      <div className="about-body">
        <img src="./icon.png" alt="" width={64} height={64} />
        <div>
          <h2 id="about-title">Throughline</h2>
          <p className="about-version">Version {version ?? "unknown"}</p>
        </div>
      </div>
      <p id="about-what" className="about-what">
        Throughline maps how an organisation's strategy and values reach every function, team and person — and shows where that line
        breaks.
      </p>
      <div className="actions">
        <button className="primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Modal>
  );
}

/** The Help dialog for a topic. */
export function HelpDialog({ topic, version, rule, onClose }: { topic: HelpTopic; version: string | null; rule?: string; onClose: () => void }) {
  if (topic === "rules-reference") return <RulesReference initial={rule} onClose={onClose} />;
  if (topic === "keyboard-shortcuts") return <KeyboardShortcuts onClose={onClose} />;
  return <About version={version} onClose={onClose} />;
}

/** The page's own Help menu (the native one is Help in the menu bar): a button that opens a
 * short list of the Help items. */
export function HelpMenu({ onTopic }: { onTopic: (t: HelpTopic) => void }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", away);
    return () => document.removeEventListener("mousedown", away);
  }, [open]);
  const topics: HelpTopic[] = ["rules-reference", "keyboard-shortcuts", "about"];
  return (
    <div
      className="help-menu"
      ref={box}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          box.current?.querySelector<HTMLElement>("button")?.focus();
        }
      }}
      onBlur={(e) => {
        if (open && !box.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button aria-expanded={open} aria-controls="help-items" onClick={() => setOpen(!open)} title="Rules reference, keyboard shortcuts, about">
        Help
      </button>
      {open && (
        <ul id="help-items" className="help-items">
          {topics.map((t) => {
            const item = MENU_ITEMS[t];
            return (
              <li key={t}>
                <button
                  onClick={() => {
                    // Focus goes back to Help when the dialog closes (this item will be gone).
                    box.current?.querySelector<HTMLElement>("button")?.focus();
                    setOpen(false);
                    onTopic(t);
                  }}
                >
                  <span>{item.label}</span>
                  {item.accelerator && <Keys keys={keysOf(item.accelerator)} />}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** The question before File ▸ Reset the Sample Organisation. */
export function ResetSampleDialog({ onReset, onCancel }: { onReset: () => void; onCancel: () => void }) {
  return (
    <Modal labelledBy="reset-title" describedBy="reset-what" role="alertdialog" className="help reset-sample" onClose={onCancel}>
      <h2 id="reset-title">Reset the sample organisation?</h2>
      <p id="reset-what">
        The sample goes back to how Throughline ships it, and your trial edits go. This is one change: Undo brings your edits back.
      </p>
      <div className="actions">
        <button className="primary" onClick={onReset}>
          Reset the sample
        </button>
        <button onClick={onCancel} data-autofocus>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
