use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::model::UnitKind;
use crate::org::Node;

rule! {
    /// A function with no measured goal anywhere inside it.
    ///
    /// ## What it flags
    /// Each unit of kind `function` for which no goal with a `measure` is owned by the
    /// function, by a unit below it (nested functions included), or by a person in them.
    ///
    /// ## Why it matters
    /// Every function and every person should have measures aligned with the
    /// organisation's needs. A function with no measure of its own judges others by their
    /// numbers instead — the finance team that owns no measure but criticises the sales
    /// forecast, the executive team that counts other people's calls.
    ///
    /// ## Example
    /// The executive team sets call targets on reps but owns no measured goal: the one
    /// function whose choices move every number is accountable for none.
    ///
    /// ## How to fix
    /// Agree at least one measured goal owned by the function or by its people, linked to
    /// the strategy.
    id: "unmeasured-function",
    severity: Warning,
    check: check,
    message: message,
    pattern: pattern,
    reads: OWNER | MEASURE,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    let org = cx.org;
    let mut measured = vec![false; org.map.units.len()];
    for (g, m) in org.goal_measure.iter().enumerate() {
        if m.is_none() {
            continue;
        }
        for u in org.unit_and_ancestors(org.goal_owner_unit[g]) {
            if measured[u as usize] {
                break; // its ancestors are marked already
            }
            measured[u as usize] = true;
        }
    }
    for (u, unit) in org.map.units.iter().enumerate() {
        if unit.kind == UnitKind::Function && !measured[u] {
            out.push(cx.hit(Severity::Warning, Node::Unit(u as u32), [], 0));
        }
    }
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let Node::Unit(u) = hit.subject else {
        unreachable!("unmeasured-function is about units")
    };
    let unit = &cx.org.map.units[u as usize];
    format!(
        "Function {} ({}) owns no measured goal, and neither do its teams or people. A \
         function with no measure of its own ends up judging others by theirs. Agree at least \
         one measured goal for {} that supports the strategy.",
        unit.name, unit.id, unit.name
    )
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    format!(
        "{} {} no measured goal, and neither do its teams or people.",
        cx.function_name(p),
        super::verb(p.count(), "owns", "own"),
    )
}
