// The rules' documentation for the mocked build, read at build time from the rules' own
// source (crates/throughline-core/src/rules/*.rs: each rule's doc comment, id and severity,
// in the registry's order of rules/mod.rs) and split as the app does it
// (RuleMeta::doc / name / summary / section, projections::rule_doc): the mock's rules
// reference is the real one, with nothing copied by hand.
import type { RuleDoc } from "../bindings";

const sources = import.meta.glob("../../../crates/throughline-core/src/rules/*.rs", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

const file = (name: string) => Object.entries(sources).find(([path]) => path.endsWith(`/rules/${name}.rs`))?.[1];

/** One rule from its file: the `rule!` block's doc comment (rustdoc's leading space
 * dropped), id and severity. */
function parse(source: string): RuleDoc {
  const block = source.slice(source.indexOf("rule! {"));
  const id = /\bid:\s*"([^"]+)"/.exec(block)?.[1];
  const severity = /\bseverity:\s*(\w+)/.exec(block)?.[1];
  if (!id || !severity) throw new Error("a rule file without id or severity");
  const lines: string[] = [];
  for (const line of block.slice(0, block.indexOf("id:")).split("\n")) {
    const m = /^\s*\/\/\/ ?(.*)$/.exec(line);
    if (m) lines.push(m[1]);
  }
  const doc = lines.join("\n").trim() + "\n";
  const section = (heading: string) => {
    const at = doc.indexOf(`## ${heading}\n`);
    if (at < 0) return "";
    const rest = doc.slice(at + heading.length + 4);
    const end = rest.indexOf("\n## ");
    return (end < 0 ? rest : rest.slice(0, end)).trim();
  };
  const words = id.replace(/-/g, " ");
  return {
    id,
    name: words.charAt(0).toUpperCase() + words.slice(1),
    default_severity: severity.toLowerCase(),
    summary: doc.split("\n")[0],
    what: section("What it flags"),
    why: section("Why it matters"),
    example: section("Example"),
    fix: section("How to fix"),
  };
}

/** Every rule, in registry order (`REGISTRY` in rules/mod.rs). */
export const RULES: RuleDoc[] = (() => {
  const registry = /REGISTRY[^=]*=\s*\[([^\]]*)\]/.exec(file("mod") ?? "")?.[1] ?? "";
  return [...registry.matchAll(/&(\w+)::RULE/g)].map(([, module]) => {
    const source = file(module);
    if (!source) throw new Error(`no source for the rule module ${module}`);
    return parse(source);
  });
})();
