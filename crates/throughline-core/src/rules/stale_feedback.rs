use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::org::Node;
use chrono::{Datelike, NaiveDate};

rule! {
    /// A person with goals who has had no recent check-in.
    ///
    /// ## What it flags
    /// Each person who owns goals and whose latest check-in (as the `person` of a check-in)
    /// on or before the as-of date is more than `settings.stale_feedback_days` (default 30)
    /// days before it, or who has none. Check-ins dated after the as-of date are ignored;
    /// exactly `stale_feedback_days` days is still fresh.
    ///
    /// ## Why it matters
    /// Feedback must be ongoing: coaching during the year, not only the annual review.
    /// Without it, a target that drifts off course is discovered when it is too late, and
    /// the review judges results the person was never helped to reach.
    ///
    /// ## Example
    /// A sales rep's last check-in was a review 58 days ago: their forecast has changed
    /// twice since, with nobody to talk it through.
    ///
    /// ## How to fix
    /// Book a coaching check-in with the person and keep a regular cadence (every two to
    /// four weeks), and record it.
    id: "stale-feedback",
    severity: Warning,
    check: check,
    message: message,
    pattern: pattern,
    person_local: check_person,
    reads: OWNER,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    let org = cx.org;
    // Every person's latest check-in in one pass over the check-ins.
    let mut latest = vec![None; org.map.people.len()];
    for c in &org.map.check_ins {
        if c.date > cx.as_of {
            continue;
        }
        let p = org.person_index(&c.person).expect("validated") as usize;
        if latest[p].is_none_or(|d| c.date > d) {
            latest[p] = Some(c.date);
        }
    }
    for (p, latest) in latest.into_iter().enumerate() {
        judge(cx, p as u32, latest, out);
    }
}

/// One person's finding: their latest check-in looked for among all of them.
fn check_person(cx: &Ctx, p: u32, out: &mut Vec<Hit>) {
    let id = &cx.org.map.people[p as usize].id;
    let latest = cx
        .org
        .map
        .check_ins
        .iter()
        .filter(|c| c.date <= cx.as_of && c.person == *id)
        .map(|c| c.date)
        .max();
    judge(cx, p, latest, out);
}

/// A person with goals and no check-in on or before the as-of date, or none within the
/// limit, has a finding.
fn judge(cx: &Ctx, p: u32, latest: Option<NaiveDate>, out: &mut Vec<Hit>) {
    if cx.org.person_goals[p as usize].is_empty() {
        return;
    }
    let limit = cx.settings.effective_stale_feedback_days();
    let arg = match latest {
        None => NONE,
        Some(d) if (cx.as_of - d).num_days() <= limit as i64 => return,
        Some(d) => d.num_days_from_ce() as u32, // the day's bits, read back as i32
    };
    out.push(cx.hit(Severity::Warning, Node::Person(p), [], arg));
}

/// `arg` when the person has had no check-in; otherwise it is the latest check-in's day
/// (`NaiveDate::num_days_from_ce`, an `i32`, kept as its bits). No date is that far back.
const NONE: u32 = i32::MIN as u32;

fn message(cx: &Ctx, hit: &Hit) -> String {
    let Node::Person(p) = hit.subject else {
        unreachable!("stale-feedback is about people")
    };
    let limit = cx.settings.effective_stale_feedback_days();
    let name = cx.person(p);
    let latest = (hit.arg != NONE)
        .then(|| NaiveDate::from_num_days_from_ce_opt(hit.arg as i32))
        .flatten();
    let what = match latest {
        None => "has had no check-in".to_string(),
        Some(d) => format!(
            "last had a check-in on {d}, {} days before {}",
            (cx.as_of - d).num_days(),
            cx.as_of
        ),
    };
    format!(
        "{name} owns {} but {what} (the limit is {limit} days). Without ongoing feedback, a \
         goal drifting off course is found too late. Book a coaching check-in with {name} \
         and keep a regular cadence.",
        super::count(cx.org.person_goals[p as usize].len(), "goal", "goals")
    )
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} with goals {} {} had no recent check-in.",
        super::count_a(n, "person", "people"),
        cx.in_function(p),
        super::verb(n, "has", "have"),
    )
}
