// The measures designer as the mock serves it: every function's designer and every flag's
// one-click fixes, computed by the real session for acme in the mock's three states and for
// the app's sample (`cargo run -q -p throughline-app-core --example ui_measures_fixtures`).
import type { FindingKey, FixOption, MeasuresDesigner } from "../bindings";
import measuresJson from "../../tests/fixtures/measures.json";

interface State {
  default: string | null;
  functions: Record<string, MeasuresDesigner>;
  fixes: Record<string, FixOption[]>;
}
const fixture = measuresJson as unknown as { acme: Record<string, State>; sample: State };

/** Acme in one of the mock's states (`before`, `after`, `deleted`), or the sample. */
function state(which: string): State {
  return which === "sample" ? fixture.sample : fixture.acme[which];
}

/** `measures_designer` as the session answers it: an id that is not a function refused. */
export function designer(which: string, fn: string | null): MeasuresDesigner {
  const s = state(which);
  const id = fn ?? s.default;
  const d = id === null ? undefined : s.functions[id];
  if (!d) {
    if (fn === null) return { function: null, measures: [], lagging_only: [], lagging_only_total: 0 };
    throw { code: "not_found", message: `“${fn}” is not a function of the map, so it has no measures to design` };
  }
  return d;
}

/** A flag's fixes as the session offers them; undefined for a finding the designer does not flag. */
export function flagFixes(which: string, key: FindingKey): FixOption[] | undefined {
  return state(which).fixes[`${key.rule}|${key.subject}|${key.related.join(",")}`];
}
