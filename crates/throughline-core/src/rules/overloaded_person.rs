use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::org::Node;

rule! {
    /// A person with too many goals, or goals from too many places.
    ///
    /// ## What it flags
    /// Each person owning more than `settings.max_goals_per_person` goals (default 7), or
    /// whose goals have more than `settings.max_setters_per_person` (default 3) distinct
    /// setter units (the unit of whoever set each goal).
    ///
    /// ## Why it matters
    /// Focus is part of alignment. Past a handful of goals nothing is a priority; and when
    /// many parts of the organisation each set their own number on one person, expectations
    /// stop being consistent — every function pulls the person its own way.
    ///
    /// ## Example
    /// A sales rep with nine goals set by Sales, Finance, Marketing and the executive team:
    /// whichever function shouted last wins the week.
    ///
    /// ## How to fix
    /// Merge or drop goals until the person has a few that matter; route requests from
    /// other functions through the person's own line as shared goals.
    id: "overloaded-person",
    severity: Warning,
    check: check,
    message: message,
    pattern: pattern,
    person_local: check_person,
    reads: OWNER | SETTER,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    for p in 0..cx.org.map.people.len() {
        check_person(cx, p as u32, out);
    }
}

fn check_person(cx: &Ctx, p: u32, out: &mut Vec<Hit>) {
    let max_goals = cx.settings.effective_max_goals_per_person();
    let max_setters = cx.settings.effective_max_setters_per_person();
    let too_many_goals = cx.org.person_goals[p as usize].len() as u64 > max_goals;
    if too_many_goals || setters(cx, p).len() as u64 > max_setters {
        out.push(cx.hit(Severity::Warning, Node::Person(p), [], 0));
    }
}

/// The distinct setter units of a person's goals.
fn setters(cx: &Ctx, p: u32) -> Vec<u32> {
    let org = cx.org;
    let mut setters: Vec<u32> = org.person_goals[p as usize]
        .iter()
        .map(|&g| org.goal_setter_unit[g as usize])
        .collect();
    setters.sort_unstable();
    setters.dedup();
    setters
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let Node::Person(p) = hit.subject else {
        unreachable!("overloaded-person is about people")
    };
    let max_goals = cx.settings.effective_max_goals_per_person();
    let max_setters = cx.settings.effective_max_setters_per_person();
    let goals = cx.org.person_goals[p as usize].len();
    let setters = setters(cx, p);
    let name = cx.person(p);
    let mut why = Vec::new();
    if goals as u64 > max_goals {
        why.push(format!("owns {goals} goals (limit {max_goals})"));
    }
    if setters.len() as u64 > max_setters {
        let names: Vec<&str> = setters.iter().map(|&u| cx.unit(u)).collect();
        why.push(format!(
            "has goals set by {} different units ({}; limit {max_setters})",
            setters.len(),
            super::and_list_capped(&names, 6)
        ));
    }
    format!(
        "{name} {}. With that many, nothing is a priority and every function pulls {name} its \
         own way. Merge or drop goals and route other functions' requests through {name}'s \
         own line.",
        super::and_list(&why)
    )
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} {} {} more goals, or goals from more units, than anyone can own.",
        super::count_a(n, "person", "people"),
        cx.in_function(p),
        super::verb(n, "carries", "carry"),
    )
}
