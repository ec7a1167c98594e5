use super::{rule, Ctx};
use crate::analysis::{Finding, Severity};
use crate::model::Status;

rule! {
    /// A person's goal that they have not agreed.
    ///
    /// ## What it flags
    /// Each goal owned by a person whose `status` is not `agreed` (`proposed`, the default,
    /// or `disputed`).
    ///
    /// ## Why it matters
    /// Accountability holds when it is shared and agreed by both sides. A target that was
    /// only announced, or that the owner disputes, is one they will not feel responsible
    /// for; when it is missed, the conversation turns to blame instead of causes.
    ///
    /// ## Example
    /// "100 calls a week" is still `proposed` for a sales rep: nobody has discussed with
    /// them whether the calls come at the cost of preparing the deals they must win.
    ///
    /// ## How to fix
    /// Discuss the goal with its owner, adjust it until both sides accept it, then mark it
    /// `agreed`. A `disputed` goal needs that conversation first.
    id: "not-agreed",
    severity: Warning,
    check: check,
}

fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let org = cx.org;
    for (p, goals) in org.person_goals.iter().enumerate() {
        for &g in goals {
            let goal = &org.map.goals[g as usize];
            let status = goal.effective_status();
            if status == Status::Agreed {
                continue;
            }
            let state = match status {
                Status::Disputed => "disputed by",
                _ => "only proposed to",
            };
            let message = format!(
                "Goal {} is {state} {}, not agreed. People do not own targets they never \
                 accepted, and a missed one turns into blame. Discuss it with {} and mark it \
                 agreed once both sides accept it.",
                cx.goal(g),
                cx.person(p as u32),
                cx.person(p as u32),
            );
            out.push(cx.finding(&RULE, Severity::Warning, &goal.id, Vec::new(), message));
        }
    }
}
