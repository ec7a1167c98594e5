use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::model::Status;
use crate::org::{Node, Party};

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
    message: message,
    pattern: pattern,
    goal_local: check_goal,
    fix: fix,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    for g in 0..cx.org.map.goals.len() {
        check_goal(cx, g as u32, out);
    }
}

fn check_goal(cx: &Ctx, g: u32, out: &mut Vec<Hit>) {
    let org = cx.org;
    if matches!(org.goal_owner[g as usize], Party::Person(_))
        && org.map.goals[g as usize].effective_status() != Status::Agreed
    {
        out.push(cx.hit(Severity::Warning, Node::Goal(g), [], 0));
    }
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let org = cx.org;
    let Node::Goal(g) = hit.subject else {
        unreachable!("not-agreed is about goals")
    };
    let state = match org.map.goals[g as usize].effective_status() {
        Status::Disputed => "disputed by",
        _ => "only proposed to",
    };
    let person = cx.party(org.goal_owner[g as usize]);
    format!(
        "Goal {} is {state} {person}, not agreed. People do not own targets they never \
         accepted, and a missed one turns into blame. Discuss it with {person} and mark it \
         agreed once both sides accept it.",
        cx.goal(g),
    )
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} {}{}{} {} not agreed with {} owners.",
        super::count_a(n, "goal", "goals"),
        cx.in_function(p),
        cx.on_measure(p),
        cx.set_by(p),
        super::verb(n, "is", "are"),
        super::verb(n, "its", "their"),
    )
}

/// Agreed in the room: mark the goal agreed with its owner.
fn fix(cx: &Ctx, hit: &Hit) -> Vec<crate::finding::Fix> {
    let Some(g) = super::fixing::subject_goal(hit) else {
        return Vec::new();
    };
    let mut goal = super::fixing::goal(cx.org, g);
    goal.status = Some(Status::Agreed);
    vec![crate::finding::Fix {
        label: format!(
            "Mark agreed with {}",
            cx.party(cx.org.goal_owner[g as usize])
        ),
        changes: vec![crate::finding::FixChange::PutGoal { goal }],
    }]
}
