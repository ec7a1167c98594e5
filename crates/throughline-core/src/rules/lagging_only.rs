use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::org::Node;

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
    person_local: check_person,
    reads: OWNER | MEASURE,
    fix: fix,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    for p in 0..cx.org.map.people.len() {
        check_person(cx, p as u32, out);
    }
}

fn check_person(cx: &Ctx, p: u32, out: &mut Vec<Hit>) {
    let org = cx.org;
    let mut measured = org.person_goals[p as usize]
        .iter()
        .filter_map(|&g| org.goal_measure[g as usize])
        .peekable();
    if measured.peek().is_none() {
        return;
    }
    if !measured.any(|m| org.map.measures[m as usize].is_leading()) {
        out.push(cx.hit(Severity::Info, Node::Person(p), [], 0));
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

/// A goal for the person on the library's leading pairing of one of their lagging
/// measures: the first of their measures the library knows (by id or name) that a leading
/// library measure `feeds` or `supports`, with that measure added to the map in the same
/// step when the map lacks it (matched by id or name; one the map has but does not mark
/// leading is no fix). The goal supports what the lagging goal supports. None when the
/// library pairs none of the person's measures: which leading measure fits is then a
/// conversation with them.
fn fix(cx: &Ctx, hit: &Hit) -> Vec<crate::finding::Fix> {
    use crate::finding::{Fix, FixChange};
    use crate::model::Effect;
    let Node::Person(p) = hit.subject else {
        return Vec::new();
    };
    let org = cx.org;
    let library = crate::library::measure_library();
    for &g in &org.person_goals[p as usize] {
        let Some(m) = org.goal_measure[g as usize] else {
            continue;
        };
        let measure = &org.map.measures[m as usize];
        let Some(lib) = library
            .measures
            .iter()
            .find(|x| x.id == measure.id || x.name.eq_ignore_ascii_case(&measure.name))
        else {
            continue;
        };
        let pairings = library
            .interactions
            .iter()
            .filter(|x| matches!(x.effect, Effect::Feeds | Effect::Supports) && x.to == lib.id)
            .filter_map(|x| library.measure(&x.from))
            .filter(|x| x.leading);
        for pair in pairings {
            let existing = org
                .map
                .measures
                .iter()
                .find(|x| x.id == pair.id || x.name.eq_ignore_ascii_case(&pair.name));
            let mut changes = Vec::new();
            let id = match existing {
                Some(x) if !x.is_leading() => continue,
                Some(x) => x.id.clone(),
                None => {
                    changes.push(FixChange::CreateMeasure {
                        measure: pair.to_measure(),
                    });
                    pair.id.clone()
                }
            };
            let owner = crate::org::Party::Person(p);
            changes.push(FixChange::CreateGoal {
                goal: super::fixing::goal_beside(org, g, owner, &pair.name, &id),
            });
            return vec![Fix {
                label: format!("Give {} a goal on “{}”", cx.person(p), pair.name),
                changes,
            }];
        }
    }
    Vec::new()
}
