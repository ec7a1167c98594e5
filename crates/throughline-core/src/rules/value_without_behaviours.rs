use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::org::Node;

rule! {
    /// A value with no observable behaviours.
    ///
    /// ## What it flags
    /// Each value whose `behaviours` list is empty or missing.
    ///
    /// ## Why it matters
    /// A value that is not described as behaviour cannot be coached, observed or agreed
    /// in a review: expectations stay vague and are applied inconsistently from one manager
    /// to the next. Transparent, consistent expectations need behaviours people can see.
    ///
    /// ## Example
    /// "Integrity" alone means different things to a CFO and a sales rep; "Forecast
    /// honestly" is something both can point to.
    ///
    /// ## How to fix
    /// Add two or three behaviours to the value, each something a manager could observe
    /// and coach.
    id: "value-without-behaviours",
    severity: Info,
    check: check,
    message: message,
    pattern: pattern,
    reads: NONE,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    for (v, value) in cx.org.map.values.iter().enumerate() {
        if value.behaviours().is_empty() {
            out.push(cx.hit(Severity::Info, Node::Value(v as u32), [], 0));
        }
    }
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let Node::Value(v) = hit.subject else {
        unreachable!("value-without-behaviours is about values")
    };
    let value = &cx.org.map.values[v as usize];
    format!(
        "Value “{}” ({}) has no behaviours. A value nobody can observe cannot be coached or \
         agreed, and is applied differently by every manager. Describe it as two or three \
         behaviours people can see.",
        value.name, value.id
    )
}

fn pattern(_cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} {} no behaviours people can see.",
        super::count_a(n, "value", "values"),
        super::verb(n, "has", "have"),
    )
}
