use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::org::Node;

rule! {
    /// A strategy goal that names no value or behaviour.
    ///
    /// ## What it flags
    /// Each goal of level `strategy` whose `values` is empty.
    ///
    /// ## Why it matters
    /// Strategy says *what* the organisation wants; values say *how* it will get there.
    /// A strategic target with no value attached invites any means of hitting it — the
    /// forecast that is padded, the deal that is pushed — and leaves development and
    /// future behaviour out of the conversation, which looks only at past results.
    ///
    /// ## Example
    /// "Grow revenue 25%" with no values: nothing tells a sales team that growth must come
    /// from honest forecasts and customers who stay.
    ///
    /// ## How to fix
    /// Add the values or behaviours the strategy must be achieved with to the goal's
    /// `values`.
    id: "unvalued-strategy",
    severity: Info,
    check: check,
    message: message,
    pattern: pattern,
    reads: STRATEGY | VALUES,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    for (g, goal) in cx.org.map.goals.iter().enumerate() {
        if goal.is_strategy() && goal.values().is_empty() {
            out.push(cx.hit(Severity::Info, Node::Goal(g as u32), [], 0));
        }
    }
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let Node::Goal(g) = hit.subject else {
        unreachable!("unvalued-strategy is about goals")
    };
    format!(
        "Strategy goal {} names no value or behaviour. A strategic target with no values \
         invites any means of reaching it. Add the values it must be achieved with.",
        cx.goal(g)
    )
}

fn pattern(_cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} {} no value or behaviour.",
        super::count_a(n, "strategy goal", "strategy goals"),
        super::verb(n, "names", "name"),
    )
}
