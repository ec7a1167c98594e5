// Edits built from what is selected, shared by the inspector and the Delete command.
import type { Edit, Entity } from "../bindings";

/** The edit that deletes an entity, or null for kinds deleted elsewhere (measures). */
export function deleteEdit(entity: Entity): Edit | null {
  switch (entity.kind) {
    case "goal":
      return { type: "delete_goal", id: entity.goal.id };
    case "person":
      return { type: "delete_person", id: entity.person.id };
    case "unit":
      return { type: "delete_unit", id: entity.unit.id };
    case "value":
      return { type: "delete_value", id: entity.value.id };
    case "measure":
      return null;
  }
}
