use super::{rule, Ctx};
use crate::analysis::{Finding, Severity};

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
}

fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let org = cx.org;
    for (p, goals) in org.person_goals.iter().enumerate() {
        for &g in goals {
            let goal = &org.map.goals[g as usize];
            let missing: Vec<&str> = [
                (goal.measure.is_none(), "measure"),
                (goal.target.is_none(), "target"),
                (goal.due.is_none(), "due date"),
            ]
            .iter()
            .filter(|(absent, _)| *absent)
            .map(|(_, what)| *what)
            .collect();
            if missing.is_empty() {
                continue;
            }
            let with_article: Vec<String> = missing.iter().map(|m| format!("a {m}")).collect();
            let message = format!(
                "Goal {} of {} has no {}. An expectation that cannot be checked during the \
                 year is judged after the fact. Give it {}.",
                cx.goal(g),
                cx.person(p as u32),
                super::or_list(&missing),
                super::and_list(&with_article),
            );
            out.push(cx.finding(&RULE, Severity::Warning, &goal.id, Vec::new(), message));
        }
    }
}
