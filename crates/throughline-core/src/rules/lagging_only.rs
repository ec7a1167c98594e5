use super::{rule, Ctx};
use crate::analysis::{Finding, Severity};

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
}

fn check(cx: &Ctx, out: &mut Vec<Finding>) {
    let org = cx.org;
    for (p, goals) in org.person_goals.iter().enumerate() {
        let mut measured = goals
            .iter()
            .filter_map(|&g| org.goal_measure[g as usize])
            .peekable();
        if measured.peek().is_none() {
            continue;
        }
        let mut lagging: Vec<&str> = Vec::new();
        let mut any_leading = false;
        for m in measured {
            let measure = &org.map.measures[m as usize];
            if measure.is_leading() {
                any_leading = true;
                break;
            }
            if !lagging.contains(&measure.name.as_str()) {
                lagging.push(&measure.name);
            }
        }
        if any_leading {
            continue;
        }
        let name = cx.person(p as u32);
        let message = format!(
            "{name} is measured only on lagging measures ({}). They report what already \
             happened, so there is nothing to coach until it is too late. Add a goal on a \
             leading measure {name} controls.",
            super::and_list(&lagging)
        );
        out.push(cx.finding(
            &RULE,
            Severity::Info,
            &org.map.people[p].id,
            Vec::new(),
            message,
        ));
    }
}
