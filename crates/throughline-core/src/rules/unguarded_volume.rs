use super::{rule, Ctx};
use crate::finding::{Cause, Pattern};
use crate::finding::{Hit, Severity};
use crate::model::Effect;
use crate::org::{Node, Org};
use rustc_hash::{FxHashMap, FxHashSet};

rule! {
    /// A volume goal that feeds another function, with no quality guard in its own.
    ///
    /// ## What it flags
    /// Each goal G on a measure M where M `feeds` a measure N, some goal on N is owned in
    /// another function than G's owner, and no goal owned within G's owner's function (by
    /// the function unit, a unit below it, or a person in them) has a measure that
    /// `guards` M. Related: the goals on N in the other functions. Where G's owner has no
    /// function, "within" means "owned by G's owner unit or by a person in it", and owners
    /// without a function count as one function.
    ///
    /// ## Why it matters
    /// This is marketing paid for lead volume, pushing unqualified leads into the sales
    /// forecast: one function hits its number by handing the cost to the next. Measures
    /// must be aligned with the organisation's needs; a volume measure that crosses a
    /// function boundary needs a quality measure beside it, owned by the same function.
    ///
    /// ## Example
    /// Marketing's "2,000 leads a quarter" feeds Sales' qualified pipeline goal, and nobody
    /// in Marketing is measured on how many of those leads Sales accepts.
    ///
    /// ## How to fix
    /// Give the volume goal's function a goal on a guarding quality measure (lead
    /// acceptance rate, lead-to-opportunity conversion), and add the `guards` interaction
    /// to the measure library if it is missing.
    id: "unguarded-volume",
    severity: Warning,
    check: check,
    message: message,
    pattern: pattern,
    reads: OWNER | MEASURE,
    cause: cause,
    related: "feeds",
    fix: fix,
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    let org = cx.org;
    let n_measures = org.map.measures.len();
    let mut feeds: Vec<Vec<u32>> = vec![Vec::new(); n_measures];
    let mut guarded_by: Vec<Vec<u32>> = vec![Vec::new(); n_measures];
    for (m, outs) in org.measure_out.iter().enumerate() {
        for &(effect, to) in outs {
            match effect {
                Effect::Feeds => feeds[m].push(to),
                Effect::Guards => guarded_by[to as usize].push(m as u32),
                _ => {}
            }
        }
    }
    if feeds.iter().all(Vec::is_empty) {
        return;
    }
    // (unit, M): some goal owned by the unit, a unit below it or a person in them has a
    // measure that guards M. `direct` is the same without "below".
    let mut guarded_within: FxHashSet<(u32, u32)> = FxHashSet::default();
    let mut guarded_direct: FxHashSet<(u32, u32)> = FxHashSet::default();
    for (m, guards) in guarded_by.iter().enumerate() {
        for &gm in guards {
            for &h in &org.goals_by_measure[gm as usize] {
                let owner_unit = org.goal_owner_unit[h as usize];
                guarded_direct.insert((owner_unit, m as u32));
                for u in org.unit_and_ancestors(owner_unit) {
                    if !guarded_within.insert((u, m as u32)) {
                        break;
                    }
                }
            }
        }
    }
    // Goals on each fed measure, counted per owner function, so "some goal on N in another
    // function" is a subtraction rather than a scan per volume goal.
    let mut per_function: Vec<Vec<(Option<u32>, u32)>> = vec![Vec::new(); n_measures];
    let mut fed = vec![false; n_measures];
    for targets in &feeds {
        for &n in targets {
            fed[n as usize] = true;
        }
    }
    for (n, goals) in org.goals_by_measure.iter().enumerate() {
        if !fed[n] {
            continue;
        }
        let counts = &mut per_function[n];
        for &y in goals {
            let f = org.goal_owner_function(y);
            match counts.iter_mut().find(|(cf, _)| *cf == f) {
                Some((_, c)) => *c += 1,
                None => counts.push((f, 1)),
            }
        }
    }
    let has_other = |n: u32, f: Option<u32>| {
        per_function[n as usize]
            .iter()
            .any(|&(cf, c)| cf != f && c > 0)
    };
    let mut fed_goals: FxHashMap<(u32, Option<u32>), Box<[Node]>> = FxHashMap::default();
    for (g, m) in org.goal_measure.iter().enumerate() {
        let Some(m) = *m else { continue };
        if feeds[m as usize].is_empty() {
            continue;
        }
        let g = g as u32;
        let function = org.goal_owner_function(g);
        let owner_unit = org.goal_owner_unit[g as usize];
        let guarded = match function {
            Some(f) => guarded_within.contains(&(f, m)),
            None => guarded_direct.contains(&(owner_unit, m)),
        };
        if guarded || !feeds[m as usize].iter().any(|&n| has_other(n, function)) {
            continue;
        }
        // The goals fed are the same for every volume goal of the function on the measure:
        // found (and put in id order) once.
        let related = fed_goals.entry((m, function)).or_insert_with(|| {
            let mut others: Vec<u32> = Vec::new();
            for &n in &feeds[m as usize] {
                others.extend(
                    org.goals_by_measure[n as usize]
                        .iter()
                        .copied()
                        .filter(|&y| org.goal_owner_function(y) != function),
                );
            }
            others.sort_unstable();
            others.dedup();
            others.sort_by(|&a, &b| {
                org.map.goals[a as usize]
                    .id
                    .cmp(&org.map.goals[b as usize].id)
            });
            others.into_iter().map(Node::Goal).collect()
        });
        out.push(cx.hit(Severity::Warning, Node::Goal(g), related.clone(), 0));
    }
}

/// The measures that guard measure `m`.
fn guards_of(org: &Org, m: u32) -> Vec<u32> {
    let mut guards: Vec<u32> = Vec::new();
    for (q, outs) in org.measure_out.iter().enumerate() {
        if outs.contains(&(Effect::Guards, m)) && !guards.contains(&(q as u32)) {
            guards.push(q as u32);
        }
    }
    guards
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    let org = cx.org;
    let Node::Goal(g) = hit.subject else {
        unreachable!("unguarded-volume is about goals")
    };
    let m = org.goal_measure[g as usize].expect("a volume goal is measured");
    let others: Vec<u32> = hit
        .related
        .iter()
        .filter_map(|n| match *n {
            Node::Goal(y) => Some(y),
            _ => None,
        })
        .collect();
    let guards = guards_of(org, m);
    let measure = &org.map.measures[m as usize];
    let home = cx.function_or_unit_of_goal(g);
    let mut fed: Vec<String> = others.iter().map(|&y| cx.goal(y)).collect();
    fed.sort();
    let mut functions: Vec<&str> = others
        .iter()
        .map(|&y| cx.function_or_unit_of_goal(y))
        .collect();
    functions.sort_unstable();
    functions.dedup();
    let suggestion = if guards.is_empty() {
        "a quality measure that guards it".to_string()
    } else {
        let names: Vec<&str> = guards
            .iter()
            .map(|&q| org.map.measures[q as usize].name.as_str())
            .collect();
        format!("a guarding measure such as {}", super::or_list(&names))
    };
    format!(
        "Goal {} of {} pushes {}, which feeds {} {} (no goal in {home} guards its \
         quality). Volume paid for in one function lands as unusable work in the next. Give \
         {home} a goal on {suggestion}.",
        cx.goal(g),
        cx.party(org.goal_owner[g as usize]),
        measure.name,
        super::possessive(&super::and_list(&functions)),
        super::and_list_capped(&fed, 5),
    )
}

/// A volume goal's cause: its measure and its owner's function (who set it does not
/// change what is unguarded).
fn cause(cx: &Ctx, hit: &Hit) -> Cause {
    let Node::Goal(g) = hit.subject else {
        unreachable!("unguarded-volume is about goals")
    };
    Cause {
        measure: cx.org.goal_measure[g as usize],
        function: cx.org.goal_owner_function(g),
        ..Cause::default()
    }
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} {}{} {} volume that feeds other functions, with no goal there guarding its quality.",
        super::count_a(n, "goal", "goals"),
        cx.in_function(p),
        cx.on_measure(p),
        super::verb(n, "pushes", "push"),
    )
}

/// A goal on a measure that guards the volume measure, owned by the volume goal's function
/// (its owner unit when it has none) and supporting what the volume goal supports: on each
/// guard the map has (at most two); where it has none, on the library's guard of the
/// measure (matched by id or name), with the measure and its `guards` trade-off added to
/// the map in the same step. None when neither says which quality measure fits: that is
/// a choice to make in the measures view.
fn fix(cx: &Ctx, hit: &Hit) -> Vec<crate::finding::Fix> {
    use crate::finding::{Fix, FixChange};
    let Some(g) = super::fixing::subject_goal(hit) else {
        return Vec::new();
    };
    let org = cx.org;
    let Some(m) = org.goal_measure[g as usize] else {
        return Vec::new();
    };
    let home = org
        .goal_owner_function(g)
        .unwrap_or(org.goal_owner_unit[g as usize]);
    let owner = crate::org::Party::Unit(home);
    let label = |title: &str| format!("Give {} a goal on “{title}”", cx.unit(home));
    let in_map: Vec<Fix> = guards_of(org, m)
        .into_iter()
        .take(2)
        .map(|q| {
            let q = &org.map.measures[q as usize];
            let goal = super::fixing::goal_beside(org, g, owner, &q.name, &q.id);
            Fix {
                label: label(&goal.title),
                changes: vec![FixChange::CreateGoal { goal }],
            }
        })
        .collect();
    if !in_map.is_empty() {
        return in_map;
    }
    // The library's guard of this measure.
    let library = crate::library::measure_library();
    let measure = &org.map.measures[m as usize];
    let Some(lib) = library
        .measures
        .iter()
        .find(|x| x.id == measure.id || x.name.eq_ignore_ascii_case(&measure.name))
    else {
        return Vec::new();
    };
    let Some(guard) = library
        .interactions
        .iter()
        .filter(|x| x.effect == Effect::Guards && x.to == lib.id)
        .find_map(|x| library.measure(&x.from))
    else {
        return Vec::new();
    };
    let mut changes = Vec::new();
    // The guard already in the map (by id or name), or added from the library.
    let existing = org
        .map
        .measures
        .iter()
        .position(|x| x.id == guard.id || x.name.eq_ignore_ascii_case(&guard.name));
    let guard_id = match existing {
        Some(q) => org.map.measures[q].id.clone(),
        None => {
            changes.push(FixChange::CreateMeasure {
                measure: guard.to_measure(),
            });
            guard.id.clone()
        }
    };
    changes.push(FixChange::AddInteraction {
        interaction: crate::model::Interaction {
            from: guard_id.clone(),
            to: measure.id.clone(),
            effect: Effect::Guards,
            note: None,
        },
    });
    changes.push(FixChange::CreateGoal {
        goal: super::fixing::goal_beside(org, g, owner, &guard.name, &guard_id),
    });
    vec![Fix {
        label: label(&guard.name),
        changes,
    }]
}
