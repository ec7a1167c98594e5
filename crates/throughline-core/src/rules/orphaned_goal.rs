use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::org::Node;

rule! {
    /// A goal that does not trace to the strategy or the values.
    ///
    /// ## What it flags
    /// Each goal whose level is not `strategy` and that is not *aligned*: it carries no
    /// value or behaviour, and no chain of `supports` leads from it to a strategy goal or to
    /// a goal that carries values.
    ///
    /// ## Why it matters
    /// Good performance management links business objectives to team and individual
    /// accountabilities. A goal that links to nothing is work nobody can explain in terms of
    /// the strategy: it competes for time with goals that matter, and when it is missed
    /// nobody can say what it cost. Orphaned targets are also where numbers that "have
    /// nothing to do with selling well" hide.
    ///
    /// ## Example
    /// Finance gives Sales "Forecast accuracy 95%" with no `supports`: nothing says which
    /// strategic objective an accurate forecast serves, so the sales team cannot weigh it
    /// against winning deals.
    ///
    /// ## How to fix
    /// Link the goal to the goal it serves (`supports`), up to a strategy goal, or tie it
    /// to a value or behaviour it expresses. If no link can honestly be made, drop the goal.
    id: "orphaned-goal",
    severity: Warning,
    check: check,
    message: message,
    pattern: pattern,
    reads: STRATEGY | ALIGNED,
    fix: fix,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    let org = cx.org;
    for (g, goal) in org.map.goals.iter().enumerate() {
        if goal.is_strategy() || org.aligned[g] {
            continue;
        }
        out.push(cx.hit(Severity::Warning, Node::Goal(g as u32), [], 0));
    }
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let Node::Goal(g) = hit.subject else {
        unreachable!("orphaned-goal is about goals")
    };
    format!(
        "Goal {} of {} does not trace to any strategy goal or value. Work that links to \
         nothing competes for time with the goals that matter and cannot be explained when it \
         is missed. Link it to the goal it serves, tie it to a value, or drop it.",
        cx.goal(g),
        cx.party(cx.org.goal_owner[g as usize]),
    )
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} {}{}{} {} to no strategy goal or value.",
        super::count_a(n, "goal", "goals"),
        cx.in_function(p),
        cx.on_measure(p),
        cx.set_by(p),
        super::verb(n, "traces", "trace"),
    )
}

/// Link the goal to an aligned goal of its owner's line, nearest first, or to a strategy
/// goal (at most three choices; never one that would close a circle).
fn fix(cx: &Ctx, hit: &Hit) -> Vec<crate::finding::Fix> {
    let Some(g) = super::fixing::subject_goal(hit) else {
        return Vec::new();
    };
    let org = cx.org;
    super::fixing::link_candidates(org, g, 3)
        .into_iter()
        .map(|c| crate::finding::Fix {
            label: format!("Link to “{}”", org.map.goals[c as usize].title),
            changes: vec![crate::finding::FixChange::LinkSupport {
                goal: org.map.goals[g as usize].id.clone(),
                supports: org.map.goals[c as usize].id.clone(),
            }],
        })
        .collect()
}
