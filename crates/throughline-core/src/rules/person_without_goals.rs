use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::org::Node;

rule! {
    /// A person who owns no goal.
    ///
    /// ## What it flags
    /// Each person who is the owner of no goal (goals owned by their unit do not count).
    ///
    /// ## Why it matters
    /// Good performance management links business objectives to individual
    /// accountabilities. Someone with no goal of their own has no line of sight to the
    /// strategy, no basis for feedback, and is measured — if at all — by whatever numbers
    /// others happen to look at.
    ///
    /// ## Example
    /// The CEO demands call volume from the sales floor but owns no goal: the organisation
    /// cannot see what the top is accountable for.
    ///
    /// ## How to fix
    /// Agree at least one goal with the person that supports a goal of their unit or a
    /// strategy goal.
    id: "person-without-goals",
    severity: Warning,
    check: check,
    message: message,
    pattern: pattern,
    person_local: check_person,
    reads: OWNER,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    for p in 0..cx.org.map.people.len() {
        check_person(cx, p as u32, out);
    }
}

fn check_person(cx: &Ctx, p: u32, out: &mut Vec<Hit>) {
    if cx.org.person_goals[p as usize].is_empty() {
        out.push(cx.hit(Severity::Warning, Node::Person(p), [], 0));
    }
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let Node::Person(p) = hit.subject else {
        unreachable!("person-without-goals is about people")
    };
    let unit = cx.unit(cx.org.person_unit[p as usize]);
    format!(
        "{} ({unit}) owns no goal, so has no line of sight to the strategy and no basis for \
         feedback. Agree at least one goal with them that supports a goal of {unit} or a \
         strategy goal.",
        cx.person(p)
    )
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} {} {} no goal.",
        super::count_a(n, "person", "people"),
        cx.in_function(p),
        super::verb(n, "owns", "own"),
    )
}
