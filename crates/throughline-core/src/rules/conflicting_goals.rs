use super::{rule, Ctx};
use crate::finding::{Cause, Pattern};
use crate::finding::{Hit, Severity};
use crate::model::Effect;
use crate::org::{Node, Party};
use rustc_hash::{FxHashMap, FxHashSet};

rule! {
    /// Two goals in one person's line whose measures trade off against each other.
    ///
    /// ## What it flags
    /// Each pair of distinct goals A and B where A's measure `undermines` B's measure (when
    /// each undermines the other, A is the one with the smaller id) and either both have
    /// the same owner, or some person owns one of them and has the other in their scope
    /// (their own goals, and the goals of their unit and its ancestors up to their
    /// function). Subject: A when they share an owner or A's owner is a person with B in
    /// scope, otherwise B; related: the other goal. One finding per pair. It is an error
    /// when either goal is imposed (set from outside the owner's line), a warning otherwise.
    ///
    /// ## Why it matters
    /// People cannot be accountable for two numbers that pull against each other without
    /// anyone saying which wins. The classic case: the executive team demands more calls
    /// without seeing what that does to win rates — time spent dialling is time not spent
    /// preparing the deals that close. Measures given to a function must be aligned with
    /// the organisation's needs, and with each other.
    ///
    /// ## Example
    /// A rep owns "100 calls a week" (set by the executive team) while the sales function
    /// they belong to owns "Win rate 30%", and calls undermine win rate.
    ///
    /// ## How to fix
    /// Decide with the owner which goal wins and drop or soften the other, or replace the
    /// volume goal with one that serves the outcome (meetings with qualified prospects
    /// rather than raw calls). If a goal was imposed, agree it through the owner's line.
    id: "conflicting-goals",
    severity: Warning,
    check: check,
    message: message,
    pattern: pattern,
    goal_pairs: pairs_of,
    reads: OWNER | SETTER | MEASURE,
    cause: cause,
    related: "pulls against",
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    let org = cx.org;
    let n_measures = org.map.measures.len();
    // Measures each measure undermines or is undermined by.
    let mut partners: Vec<Vec<u32>> = vec![Vec::new(); n_measures];
    for (m, outs) in org.measure_out.iter().enumerate() {
        for &(effect, to) in outs {
            if effect == Effect::Undermines {
                for (a, b) in [(m as u32, to), (to, m as u32)] {
                    if !partners[a as usize].contains(&b) {
                        partners[a as usize].push(b);
                    }
                }
            }
        }
    }
    if partners.iter().all(Vec::is_empty) {
        return;
    }
    let mut by_owner_measure: FxHashMap<(Party, u32), Vec<u32>> = FxHashMap::default();
    for (g, m) in org.goal_measure.iter().enumerate() {
        if let Some(m) = *m {
            if !partners[m as usize].is_empty() {
                by_owner_measure
                    .entry((org.goal_owner[g], m))
                    .or_default()
                    .push(g as u32);
            }
        }
    }
    let id = |g: u32| org.map.goals[g as usize].id.as_str();
    let mut seen: FxHashSet<(u32, u32)> = FxHashSet::default();
    let mut candidates: Vec<u32> = Vec::new();
    for (x, mx) in org.goal_measure.iter().enumerate() {
        let Some(mx) = *mx else { continue };
        if partners[mx as usize].is_empty() {
            continue;
        }
        let x = x as u32;
        let owner = org.goal_owner[x as usize];
        let scope = match owner {
            Party::Person(p) => org.scope_units(p),
            Party::Unit(_) => Vec::new(),
        };
        for &n in &partners[mx as usize] {
            candidates.clear();
            let mut add = |key: (Party, u32)| {
                if let Some(gs) = by_owner_measure.get(&key) {
                    candidates.extend_from_slice(gs);
                }
            };
            add((owner, n));
            for &u in &scope {
                add((Party::Unit(u), n));
            }
            for &y in &candidates {
                if y == x {
                    continue;
                }
                let my = org.goal_measure[y as usize].expect("indexed by measure");
                let (fwd, bwd) = (org.undermines(mx, my), org.undermines(my, mx));
                let (a, b) = if fwd && bwd {
                    if id(x) < id(y) {
                        (x, y)
                    } else {
                        (y, x)
                    }
                } else if fwd {
                    (x, y)
                } else {
                    (y, x)
                };
                if !seen.insert((a, b)) {
                    continue;
                }
                if let Some(h) = pair_hit(cx, a, b) {
                    out.push(h);
                }
            }
        }
    }
}

/// How a pair (A, B), A's measure undermining B's, conflicts, if it does.
struct Pair {
    same_owner: bool,
    /// A's owner is a person with B in scope.
    a_side: bool,
    /// B's owner is a person with A in scope.
    b_side: bool,
}

/// The findings that name goal `g`: its pairs with the goals on a measure that its own
/// measure undermines or is undermined by. A pair's finding depends on its two goals
/// alone, so these are all an edit of `g` can change.
fn pairs_of(cx: &Ctx, g: u32, out: &mut Vec<Hit>) {
    let org = cx.org;
    let Some(mg) = org.goal_measure[g as usize] else {
        return;
    };
    let mut partners: Vec<u32> = Vec::new();
    for (m, outs) in org.measure_out.iter().enumerate() {
        for &(effect, to) in outs {
            if effect != Effect::Undermines {
                continue;
            }
            let partner = if m as u32 == mg {
                to
            } else if to == mg {
                m as u32
            } else {
                continue;
            };
            if !partners.contains(&partner) {
                partners.push(partner);
            }
        }
    }
    let id = |g: u32| org.map.goals[g as usize].id.as_str();
    for &n in &partners {
        for &y in &org.goals_by_measure[n as usize] {
            if y == g {
                continue;
            }
            // Ordered as `check` orders the pair: the goal whose measure undermines first.
            let (fwd, bwd) = (org.undermines(mg, n), org.undermines(n, mg));
            let (a, b) = if fwd && (!bwd || id(g) < id(y)) {
                (g, y)
            } else {
                (y, g)
            };
            if let Some(h) = pair_hit(cx, a, b) {
                out.push(h);
            }
        }
    }
}

fn pair(cx: &Ctx, a: u32, b: u32) -> Pair {
    let org = cx.org;
    let (oa, ob) = (org.goal_owner[a as usize], org.goal_owner[b as usize]);
    Pair {
        same_owner: oa == ob,
        a_side: matches!(oa, Party::Person(p) if org.in_scope(p, b)),
        b_side: matches!(ob, Party::Person(p) if org.in_scope(p, a)),
    }
}

/// `arg` of a finding whose subject is A (the goal whose measure undermines the other's).
const SUBJECT_IS_A: u32 = 1;

/// A finding's pair as (A, B): A's measure undermines B's.
fn pair_of(hit: &Hit) -> (u32, u32) {
    let (Node::Goal(s), [Node::Goal(r)]) = (hit.subject, &*hit.related) else {
        unreachable!("conflicting-goals is about a pair of goals")
    };
    if hit.arg == SUBJECT_IS_A {
        (s, *r)
    } else {
        (*r, s)
    }
}

/// The finding for the pair (A, B), A's measure undermining B's, when the pair conflicts.
fn pair_hit(cx: &Ctx, a: u32, b: u32) -> Option<Hit> {
    let org = cx.org;
    let Pair {
        same_owner,
        a_side,
        b_side,
    } = pair(cx, a, b);
    if !(same_owner || a_side || b_side) {
        return None;
    }
    let (subject, related, arg) = if same_owner || a_side {
        (a, b, SUBJECT_IS_A)
    } else {
        (b, a, 0)
    };
    let severity = if org.in_line[a as usize] && org.in_line[b as usize] {
        Severity::Warning
    } else {
        Severity::Error
    };
    Some(cx.hit(severity, Node::Goal(subject), [Node::Goal(related)], arg))
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let org = cx.org;
    let (a, b) = pair_of(hit);
    let Pair {
        same_owner, a_side, ..
    } = pair(cx, a, b);
    let (oa, ob) = (org.goal_owner[a as usize], org.goal_owner[b as usize]);
    let (ma, mb) = (
        org.goal_measure[a as usize].expect("measured"),
        org.goal_measure[b as usize].expect("measured"),
    );
    let measure_a = &org.map.measures[ma as usize];
    let measure_b = &org.map.measures[mb as usize];
    let note = org
        .map
        .interactions
        .iter()
        .find(|x| x.effect == Effect::Undermines && x.from == measure_a.id && x.to == measure_b.id)
        .and_then(|x| x.note.as_deref())
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    let whose = if same_owner {
        format!("both owned by {}", cx.party(oa))
    } else {
        let p = if a_side { oa } else { ob };
        format!("both in {} line", super::possessive(cx.party(p)))
    };
    let imposed: Vec<String> = [a, b]
        .into_iter()
        .filter(|&g| !org.in_line[g as usize])
        .map(|g| {
            format!(
                "{} was imposed by {}",
                cx.goal(g),
                cx.party(org.goal_setter[g as usize])
            )
        })
        .collect();
    let imposed_note = if imposed.is_empty() {
        String::new()
    } else {
        format!(" {}.", super::and_list(&imposed))
    };
    format!(
        "Goals {} and {} pull against each other, {whose}: pushing {}{note} undermines {}.\
         {imposed_note} Nobody can be accountable for both without someone deciding which \
         wins. Agree with the owner which goal comes first, then drop, soften or replace the \
         other.",
        cx.goal(a),
        cx.goal(b),
        measure_a.name,
        measure_b.name,
    )
}

/// A conflict's cause: the measure that undermines and the one it undermines, and the
/// function of the subject's owner.
fn cause(cx: &Ctx, hit: &Hit) -> Cause {
    let org = cx.org;
    let (a, b) = pair_of(hit);
    let Node::Goal(s) = hit.subject else {
        unreachable!("conflicting-goals is about goals")
    };
    Cause {
        measures: org.goal_measure[a as usize].zip(org.goal_measure[b as usize]),
        function: org.goal_owner_function(s),
        ..Cause::default()
    }
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    let (a, b) = p.cause.measures.expect("a pair's measures");
    let measures = &cx.org.map.measures;
    format!(
        "{} {} {} against each other: {} undermines {}.",
        super::count_a(n, "pair of goals", "pairs of goals"),
        cx.in_function(p),
        super::verb(n, "pulls", "pull"),
        measures[a as usize].name,
        measures[b as usize].name,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::run;
    use crate::model::Interaction;

    /// The findings naming a goal, made for that goal alone, are the findings naming it
    /// that the whole rule makes: on a messy map, and with every undermining pair made
    /// mutual (where the pair is ordered by id).
    #[test]
    fn the_pairs_of_a_goal_are_the_rules_findings_naming_it() {
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let mut opts = crate::gen::GenOptions::new(120, 2);
        opts.messy = true;
        let tidy = crate::gen::generate(&opts);
        let mut mutual = tidy.clone();
        let reversed: Vec<Interaction> = mutual
            .interactions
            .iter()
            .filter(|x| x.effect == Effect::Undermines)
            .map(|x| Interaction {
                from: x.to.clone(),
                to: x.from.clone(),
                effect: Effect::Undermines,
                note: None,
            })
            .collect();
        assert!(!reversed.is_empty(), "the map has undermining measures");
        mutual.interactions.extend(reversed);
        for map in [tidy, mutual] {
            let org = crate::Org::new(map.into());
            let analysis = run(&org, as_of);
            let cx = analysis.ctx(&org);
            let me = crate::rules::REGISTRY
                .iter()
                .position(|r| r.id == RULE.id)
                .unwrap() as u8;
            let mut named = 0;
            for g in 0..org.map.goals.len() as u32 {
                let mut expected: Vec<(Node, Vec<Node>)> = analysis
                    .hits
                    .iter()
                    .filter(|h| h.rule == me && h.nodes().any(|n| n == Node::Goal(g)))
                    .map(|h| (h.subject, h.related.to_vec()))
                    .collect();
                let mut mine = Vec::new();
                pairs_of(&cx, g, &mut mine);
                let mut got: Vec<(Node, Vec<Node>)> = mine
                    .iter()
                    .map(|h| (h.subject, h.related.to_vec()))
                    .collect();
                let key = |x: &(Node, Vec<Node>)| format!("{x:?}");
                expected.sort_by_key(key);
                got.sort_by_key(key);
                assert_eq!(got, expected, "goal {g}");
                named += got.len();
            }
            assert!(named > 0, "some goals are in conflicting pairs");
        }
    }
}
