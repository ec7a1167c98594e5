// The function under review, chosen in the header (issue #13 item 5: "the focus function
// cannot be chosen"): how many of its goals other functions impose, and a select of the
// organisation's functions that changes it as one undoable edit (the map's
// `organisation.focus_function`, which makes imposed goals on it errors).
import type { Choice, Edit } from "../bindings";

export function FocusChooser({
  organisation,
  focus,
  imposed,
  functions,
  readOnly,
  onEdit,
  onOpenFlows,
}: {
  organisation: string;
  /** The focus function's unit id, if any. */
  focus: string | null;
  imposed: number;
  functions: Choice[];
  readOnly: boolean;
  onEdit: (e: Edit) => void;
  /** Open the alignment view's flows (who sets targets on whom). */
  onOpenFlows: () => void;
}) {
  const name = functions.find((f) => f.id === focus)?.label ?? focus;
  const choose = (id: string) => onEdit({ type: "set_organisation", name: organisation, focus_function: id || null });
  const select = (
    <select
      aria-label="Function under review"
      value={focus ?? ""}
      onChange={(e) => choose(e.target.value)}
      title="The function under review: goals other functions impose on it count as errors"
    >
      <option value="">{focus ? "None" : "Choose a function to review…"}</option>
      {functions.map((f) => (
        <option key={f.id} value={f.id}>
          {f.label}
        </option>
      ))}
    </select>
  );
  // The count opens the flows: who sets these goals, and how.
  const count = (
    <button type="button" className="imposed-count" onClick={onOpenFlows} title="Show who sets targets on whom">
      <strong>{imposed}</strong>
    </button>
  );
  if (readOnly || functions.length === 0) {
    return focus ? (
      <div className="imposed" title="Goals owned in the function under review that other functions set">
        {count} goals imposed on {name} by other functions
      </div>
    ) : null;
  }
  return (
    <div className="imposed">
      {focus ? (
        <>
          {count} goals imposed on {select} by other functions
        </>
      ) : (
        select
      )}
    </div>
  );
}
