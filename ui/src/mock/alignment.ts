// The alignment views as the mock serves them: the views and every non-empty cell opened,
// computed by the real session for acme in the mock's three states and for the app's
// sample (`cargo run -q -p throughline-app-core --example ui_alignment_fixtures`).
import type { AlignmentCell, AlignmentGoals, AlignmentView } from "../bindings";
import alignmentJson from "../../tests/fixtures/alignment.json";

interface State {
  view: AlignmentView;
  cells: Record<string, AlignmentGoals>;
}
const fixture = alignmentJson as unknown as { acme: Record<string, State>; sample: State };

/** Acme in one of the mock's states (`before`, `after`, `deleted`), or the sample. */
function state(which: string): State {
  return which === "sample" ? fixture.sample : fixture.acme[which];
}

/** `alignment_view` as the session answers it. */
export function alignmentView(which: string): AlignmentView {
  return state(which).view;
}

/** `alignment_goals`: a cell with goals as the session opened it; an empty one has none. */
export function alignmentGoals(which: string, cell: AlignmentCell): AlignmentGoals {
  const key = cell.kind === "flow" ? `flow|${cell.setter}|${cell.owner}` : `coverage|${cell.function}|${cell.strategy ?? ""}`;
  const found = state(which).cells[key];
  if (found) return found;
  return { title: "No goals", goals: [], total: 0, filter: { offset: 0 } };
}
