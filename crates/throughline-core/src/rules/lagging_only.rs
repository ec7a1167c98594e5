use super::{rule, Ctx};
use crate::analysis::{Hit, Severity};
use crate::org::Node;
use crate::patterns::Pattern;

rule! {
    /// A person measured only on lagging measures.
    ///
    /// ## What it flags
    /// Each person who owns goals with measures, none of which is `leading`.
    ///
    /// ## Why it matters
    /// Lagging measures (revenue, win rate, forecast accuracy) report what already
    /// happened. Feedback should be ongoing — coaching, not only the annual review — and
    /// coaching needs something that moves this week. Judging people on lagging numbers
    /// alone is how finance ends up criticising a missed forecast without looking at its
    /// causes.
    ///
    /// ## Example
    /// A sales director measured only on revenue: by the time the number is in, the
    /// quarter is over and nothing can be coached.
    ///
    /// ## How to fix
    /// Add a goal on a leading measure the person controls (qualified pipeline, discovery
    /// meetings held, proposals sent), agreed with them.
    id: "lagging-only",
    severity: Info,
    check: check,
    message: message,
    pattern: pattern,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    let org = cx.org;
    for (p, goals) in org.person_goals.iter().enumerate() {
        let mut measured = goals
            .iter()
            .filter_map(|&g| org.goal_measure[g as usize])
            .peekable();
        if measured.peek().is_none() {
            continue;
        }
        if !measured.any(|m| org.map.measures[m as usize].is_leading()) {
            out.push(cx.hit(Severity::Info, Node::Person(p as u32), [], 0));
        }
    }
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let org = cx.org;
    let Node::Person(p) = hit.subject else {
        unreachable!("lagging-only is about people")
    };
    let mut lagging: Vec<&str> = Vec::new();
    for &g in &org.person_goals[p as usize] {
        if let Some(m) = org.goal_measure[g as usize] {
            let name = org.map.measures[m as usize].name.as_str();
            if !lagging.contains(&name) {
                lagging.push(name);
            }
        }
    }
    let name = cx.person(p);
    format!(
        "{name} is measured only on lagging measures ({}). They report what already happened, \
         so there is nothing to coach until it is too late. Add a goal on a leading measure \
         {name} controls.",
        super::and_list(&lagging)
    )
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} {} {} measured only on lagging measures.",
        super::count_a(n, "person", "people"),
        cx.in_function(p),
        super::verb(n, "is", "are"),
    )
}
