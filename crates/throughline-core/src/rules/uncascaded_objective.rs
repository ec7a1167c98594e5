use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::org::Node;
use crate::org::Party;

rule! {
    /// A strategy goal that no individual's goal serves.
    ///
    /// ## What it flags
    /// Each strategy goal that no person-owned goal supports, directly or through a chain
    /// of `supports` (a chain through unit goals counts).
    ///
    /// ## Why it matters
    /// Strategy reaches results only through people. Business objectives must be linked to
    /// team and individual accountabilities; a strategic goal that stops at the level of
    /// units is a slogan nobody's week is organised around.
    ///
    /// ## Example
    /// "Customers renew at 90%" is supported by a Customer Success function goal, but no
    /// account manager has a goal that supports either.
    ///
    /// ## How to fix
    /// Cascade the goal: agree with the people who can move it a goal of their own that
    /// supports it (or supports a unit goal that does).
    id: "uncascaded-objective",
    severity: Warning,
    check: check,
    message: message,
    pattern: pattern,
    reads: OWNER | SUPPORTS | STRATEGY,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    let org = cx.org;
    // Everything reachable, through one supports edge or more, from a person-owned goal.
    let n = org.map.goals.len();
    let mut reached = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    for g in 0..n {
        if matches!(org.goal_owner[g], Party::Person(_)) {
            for &s in &org.goal_supports[g] {
                if !reached[s as usize] {
                    reached[s as usize] = true;
                    stack.push(s);
                }
            }
        }
    }
    while let Some(g) = stack.pop() {
        for &s in &org.goal_supports[g as usize] {
            if !reached[s as usize] {
                reached[s as usize] = true;
                stack.push(s);
            }
        }
    }
    for (g, goal) in org.map.goals.iter().enumerate() {
        if goal.is_strategy() && !reached[g] {
            out.push(cx.hit(Severity::Warning, Node::Goal(g as u32), [], 0));
        }
    }
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let Node::Goal(g) = hit.subject else {
        unreachable!("uncascaded-objective is about goals")
    };
    format!(
        "Strategy goal {} is supported by no individual's goal. A strategy that stops at the \
         level of units is one nobody's week is organised around. Agree goals with the people \
         who can move it that support it, directly or through a unit goal.",
        cx.goal(g)
    )
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} {} {} by no individual's goal.",
        super::count_a(n, "strategy goal", "strategy goals"),
        cx.in_function(p),
        super::verb(n, "is supported", "are supported"),
    )
}
