use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::model::MeasureKind;
use crate::org::Node;

rule! {
    /// A person whose goals are all about results, none about development or behaviour.
    ///
    /// ## What it flags
    /// Each person who owns goals, none of which has a measure of kind `development` or
    /// `behaviour`, or a non-empty `values`.
    ///
    /// ## Why it matters
    /// Performance management should look at development and future behaviour, not only
    /// past results. Someone measured only on outcomes is coached only on outcomes: nobody
    /// plans the skills that would make next year's numbers possible.
    ///
    /// ## Example
    /// A sales rep whose only goals are revenue and call volume: the review will discuss
    /// the gap, never the negotiation skills behind it.
    ///
    /// ## How to fix
    /// Agree one development goal (a skill, a course, a stretch assignment) or tie an
    /// existing goal to the behaviour it should be reached with.
    id: "no-development-goal",
    severity: Info,
    check: check,
    message: message,
    pattern: pattern,
    person_local: check_person,
    reads: OWNER | MEASURE | VALUES,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    for p in 0..cx.org.map.people.len() {
        check_person(cx, p as u32, out);
    }
}

fn check_person(cx: &Ctx, p: u32, out: &mut Vec<Hit>) {
    let org = cx.org;
    let goals = &org.person_goals[p as usize];
    if goals.is_empty() {
        return;
    }
    let developing = goals.iter().any(|&g| {
        let goal = &org.map.goals[g as usize];
        !goal.values().is_empty()
            || org.goal_measure[g as usize].is_some_and(|m| {
                matches!(
                    org.measure_kind(m),
                    MeasureKind::Development | MeasureKind::Behaviour
                )
            })
    });
    if !developing {
        out.push(cx.hit(Severity::Info, Node::Person(p), [], 0));
    }
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let Node::Person(p) = hit.subject else {
        unreachable!("no-development-goal is about people")
    };
    let name = cx.person(p);
    let goals = cx.org.person_goals[p as usize].len();
    let which = if goals == 1 {
        format!("{} only goal is not", super::possessive(name))
    } else {
        format!("None of {} {goals} goals is", super::possessive(name))
    };
    format!(
        "{which} about development or behaviour. People coached only on past results never \
         plan the skills next year needs. Agree one development goal with {name}, or tie a \
         goal to the behaviour it should be reached with."
    )
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} {} {} no goal about development or behaviour.",
        super::count_a(n, "person", "people"),
        cx.in_function(p),
        super::verb(n, "has", "have"),
    )
}
