use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::org::Node;

rule! {
    /// A goal set from outside the owner's line that does not trace to the strategy.
    ///
    /// ## What it flags
    /// Each goal that is *imposed* — its setter is not the owner, not a manager in the
    /// owner's manager chain, and not the owner's unit or one of its ancestors — and that is
    /// not *aligned* (no chain of `supports` to a strategy goal, no value). Related: the
    /// setter. It is an error when the owner belongs to the organisation's
    /// `focus_function` (the function under review, usually Sales), a warning elsewhere.
    ///
    /// ## Why it matters
    /// Sales organisations fail when other teams impose numbers on them that have nothing
    /// to do with selling well: finance criticising missed forecasts without looking at
    /// the causes, the executive team demanding more calls without seeing what that does to
    /// win rates. Accountability works when it is shared and agreed by both sides, and when
    /// expectations are transparent and consistent; a number handed over from outside the
    /// line, with no link to the strategy, is neither.
    ///
    /// ## Example
    /// Finance sets "Forecast accuracy 95%" on the Sales function. Finance is not in Sales'
    /// line, and the goal supports nothing: Sales is judged on a number it never agreed to,
    /// for a reason nobody wrote down.
    ///
    /// ## How to fix
    /// Have the owner's own line agree the goal (set it through the owner's manager or
    /// unit), and link it to the strategy goal it serves. If the setter needs something
    /// from the owner, make it a shared goal both sides agree, or withdraw it.
    id: "imposed-goal",
    severity: Warning,
    check: check,
    message: message,
    pattern: pattern,
    reads: OWNER | SETTER | ALIGNED,
    related: "set by",
    fix: fix,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    let org = cx.org;
    let focus = focus_function(cx);
    for g in 0..org.map.goals.len() {
        if org.in_line[g] || org.aligned[g] {
            continue;
        }
        let g32 = g as u32;
        let in_focus = focus.is_some() && org.goal_owner_function(g32) == focus;
        let severity = if in_focus {
            Severity::Error
        } else {
            Severity::Warning
        };
        let setter = Node::from(org.goal_setter[g]);
        out.push(cx.hit(severity, Node::Goal(g32), [setter], 0));
    }
}

fn focus_function(cx: &Ctx) -> Option<u32> {
    let org = cx.org;
    org.map
        .organisation
        .focus_function
        .as_deref()
        .and_then(|f| org.unit_index(f))
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let org = cx.org;
    let Node::Goal(g) = hit.subject else {
        unreachable!("imposed-goal is about goals")
    };
    let owner_function = org.goal_owner_function(g);
    let focus = focus_function(cx);
    let focus_note = match owner_function {
        Some(f) if focus == Some(f) => format!(
            " {} is the function under review, so this is an error.",
            cx.unit(f)
        ),
        _ => String::new(),
    };
    let owner = org.goal_owner[g as usize];
    format!(
        "Goal {} was set on {} by {}, from outside {} line, and it traces to no strategy \
         goal or value.{focus_note} A target imposed from outside, with no link to the \
         strategy, is resisted or gamed and blamed on the owner when it is missed. Agree it \
         through {} own line and link it to the goal it serves, or withdraw it.",
        cx.goal(g),
        cx.party(owner),
        cx.party(org.goal_setter[g as usize]),
        super::possessive(cx.party(owner)),
        super::possessive(cx.party(owner)),
    )
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} sets {}{} {} from outside their owners' line, with no link to the strategy{}.",
        cx.setter_name(p),
        super::count_a(n, "goal", "goals"),
        cx.on_measure(p),
        cx.in_function(p),
        cx.undermining(p),
    )
}

/// Hand the goal to the owner's line: their manager (or their unit) sets it.
fn fix(cx: &Ctx, hit: &Hit) -> Vec<crate::finding::Fix> {
    let Some(g) = super::fixing::subject_goal(hit) else {
        return Vec::new();
    };
    let org = cx.org;
    let setter = super::fixing::line_setter(org, org.goal_owner[g as usize]);
    let mut goal = super::fixing::goal(org, g);
    goal.set_by = Some(org.party_id(setter).to_string());
    vec![crate::finding::Fix {
        label: format!("Have {} set it (the owner's line)", cx.party(setter)),
        changes: vec![crate::finding::FixChange::PutGoal { goal }],
    }]
}
