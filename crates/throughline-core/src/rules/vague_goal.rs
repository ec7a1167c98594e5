use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::org::{Node, Party};

rule! {
    /// A person's goal without a measure, a target or a due date.
    ///
    /// ## What it flags
    /// Each goal owned by a person that lacks any of `measure`, `target` or `due`.
    ///
    /// ## Why it matters
    /// Expectations must be transparent and consistent. A goal with no measure, no number or
    /// no date cannot be coached against during the year and is judged after the fact by
    /// whoever reads it most harshly.
    ///
    /// ## Example
    /// "Monthly close in 4 days" with no measure: is it every month, the average, the
    /// year-end? Nobody can tell whether it is on track.
    ///
    /// ## How to fix
    /// Give the goal a measure from the measure library, a target value and a due date.
    id: "vague-goal",
    severity: Warning,
    check: check,
    message: message,
    pattern: pattern,
    goal_local: check_goal,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    for g in 0..cx.org.map.goals.len() {
        check_goal(cx, g as u32, out);
    }
}

fn check_goal(cx: &Ctx, g: u32, out: &mut Vec<Hit>) {
    let org = cx.org;
    if matches!(org.goal_owner[g as usize], Party::Person(_))
        && !missing(&org.map.goals[g as usize]).is_empty()
    {
        out.push(cx.hit(Severity::Warning, Node::Goal(g), [], 0));
    }
}

/// What the goal lacks of a measure, a target and a due date.
fn missing(goal: &crate::model::Goal) -> Vec<&'static str> {
    [
        (goal.measure.is_none(), "measure"),
        (goal.target.is_none(), "target"),
        (goal.due.is_none(), "due date"),
    ]
    .iter()
    .filter(|(absent, _)| *absent)
    .map(|(_, what)| *what)
    .collect()
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let org = cx.org;
    let Node::Goal(g) = hit.subject else {
        unreachable!("vague-goal is about goals")
    };
    let missing = missing(&org.map.goals[g as usize]);
    let with_article: Vec<String> = missing.iter().map(|m| format!("a {m}")).collect();
    format!(
        "Goal {} of {} has no {}. An expectation that cannot be checked during the year is \
         judged after the fact. Give it {}.",
        cx.goal(g),
        cx.party(org.goal_owner[g as usize]),
        super::or_list(&missing),
        super::and_list(&with_article),
    )
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} {}{}{} {} a measure, a target or a due date.",
        super::count_a(n, "goal", "goals"),
        cx.in_function(p),
        cx.on_measure(p),
        cx.set_by(p),
        super::verb(n, "lacks", "lack"),
    )
}
