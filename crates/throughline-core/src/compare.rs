//! What changed between two states of a map, in the terms of `docs/spec/compare-v1.md`:
//! both sides' summaries and the index delta, the findings resolved, new and changed, and
//! the entities added, removed, changed, moved and re-linked. The CLI's `compare`, and
//! later the app's before/after view and the workshop report, use this one comparison.
//!
//! Pure like the rest of the core: both maps and the as-of date come in, a [`Comparison`]
//! (its JSON is the contract's) and its text come out.
//!
//! ```
//! use throughline_core::{compare, format};
//! let before = format::read_map(r#"{"format": "throughline/1", "organisation": {"name": "A"},
//!   "units": [{"id": "a", "name": "A", "kind": "organisation"}],
//!   "people": [{"id": "p", "name": "Pat", "unit": "a"}]}"#).unwrap();
//! let mut after = before.clone();
//! after.people.clear();
//! let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
//! let c = compare::compare(&before, &after, as_of);
//! assert_eq!(c.changes.people.removed, ["p"]);
//! assert_eq!(c.findings.resolved[0].rule, "person-without-goals");
//! ```

use crate::analysis::{self, Analysis, Finding, Hit, Severity, Summary};
use crate::model::{CheckInKind, Effect, Map};
use crate::org::{id_of, Node, Org};
use crate::rules::REGISTRY;
use crate::text::{label, one_line, related_labels};
use chrono::NaiveDate;
use rustc_hash::FxHashSet;
use serde::Serialize;
use std::cmp::Ordering;
use std::sync::Arc;

/// Everything `compare` reports. Its JSON is the contract's object, keys in its order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comparison {
    /// BEFORE's `check` summary.
    pub before: Summary,
    /// AFTER's `check` summary.
    pub after: Summary,
    /// After's alignment index minus before's, one decimal; `None` when either is `None`.
    pub index_delta: Option<f64>,
    pub findings: FindingChanges,
    pub changes: Changes,
}

/// The findings of the two sides, matched by identity `(rule, subject, related)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FindingChanges {
    /// In BEFORE, not in AFTER: BEFORE's findings, in `check`'s order.
    pub resolved: Vec<Finding>,
    /// In AFTER, not in BEFORE: AFTER's findings, in `check`'s order.
    pub new: Vec<Finding>,
    /// In both with another severity, in AFTER's `check` order.
    pub changed: Vec<SeverityChange>,
    /// How many are in both with the same severity.
    pub kept: usize,
}

/// A finding in both sides whose severity changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeverityChange {
    pub rule: String,
    pub subject: String,
    pub related: Vec<String>,
    pub before: Severity,
    pub after: Severity,
}

/// What was added, removed or changed, entity by entity (matched by id; every list of ids
/// in string order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Changes {
    pub units: MovedChanges,
    pub people: MovedChanges,
    pub values: EntityChanges,
    pub measures: EntityChanges,
    pub goals: GoalChanges,
    pub interactions: SetChanges<InteractionId>,
    pub check_ins: SetChanges<CheckInId>,
}

impl Changes {
    /// Nothing added, removed or changed.
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}

/// Values' and measures' changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntityChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// In both, some field different by effective value.
    pub changed: Vec<String>,
}

/// Units' and people's changes: `moved` are the people whose `unit` or `manager` changed,
/// the units whose `parent` changed (each also in `changed`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MovedChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<String>,
    pub moved: Vec<String>,
}

/// Goals' changes: `relinked` are the goals whose `supports` changed as a set (each also in
/// `changed`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<String>,
    pub relinked: Vec<String>,
}

/// Interactions or check-ins, which have no id: what is in AFTER and not in BEFORE, and
/// the reverse, by identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetChanges<T> {
    pub added: Vec<T>,
    pub removed: Vec<T>,
}

impl<T> Default for SetChanges<T> {
    fn default() -> Self {
        SetChanges {
            added: Vec::new(),
            removed: Vec::new(),
        }
    }
}

/// An interaction's identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InteractionId {
    pub from: String,
    pub to: String,
    pub effect: Effect,
}

/// A check-in's identity: `kind` as effective (an omitted kind is `coaching`), `with`
/// `None` (JSON `null`) when absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckInId {
    pub person: String,
    pub date: NaiveDate,
    pub kind: CheckInKind,
    pub with: Option<String>,
}

/// One side of a comparison: a map's index and its analysis, made with the comparison's
/// as-of date. Borrowed, so the app can compare the revisions it already holds.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub org: &'a Org,
    pub analysis: &'a Analysis,
}

/// A map indexed and analysed: what a [`Side`] borrows when nobody holds one already.
pub struct Analysed {
    pub org: Org,
    pub analysis: Analysis,
}

impl Analysed {
    pub fn new(map: impl Into<Arc<Map>>, as_of: NaiveDate) -> Self {
        let org = Org::new(map.into());
        let analysis = analysis::run(&org, as_of);
        Analysed { org, analysis }
    }

    pub fn side(&self) -> Side<'_> {
        Side {
            org: &self.org,
            analysis: &self.analysis,
        }
    }
}

/// Both maps indexed and analysed with the same as-of date, side by side on two threads.
pub fn analyse_both(
    before: impl Into<Arc<Map>>,
    after: impl Into<Arc<Map>>,
    as_of: NaiveDate,
) -> (Analysed, Analysed) {
    let (before, after) = (before.into(), after.into());
    std::thread::scope(|s| {
        let b = s.spawn(|| Analysed::new(before, as_of));
        let a = Analysed::new(after, as_of);
        let b = b.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        (b, a)
    })
}

/// Compare two valid maps as of one date (see [`resolve_as_of`](analysis::resolve_as_of)
/// for the date the contract asks for: the caller's, else AFTER's `settings.as_of`, else
/// today).
pub fn compare(
    before: impl Into<Arc<Map>>,
    after: impl Into<Arc<Map>>,
    as_of: NaiveDate,
) -> Comparison {
    let (b, a) = analyse_both(before, after, as_of);
    compare_sides(b.side(), a.side())
}

/// Compare two sides already indexed and analysed (with the same as-of date).
pub fn compare_sides(before: Side, after: Side) -> Comparison {
    let (delta, changes) = compare_indexed(before, after);
    let render = |side: Side, i: &u32| side.analysis.finding(side.org, *i as usize);
    let findings = FindingChanges {
        resolved: delta.resolved.iter().map(|i| render(before, i)).collect(),
        new: delta.new.iter().map(|i| render(after, i)).collect(),
        changed: delta
            .changed
            .iter()
            .map(|&(b, a)| {
                let f = after
                    .analysis
                    .render(after.org, &after.analysis.hits[a as usize]);
                SeverityChange {
                    rule: f.rule,
                    subject: f.subject,
                    related: f.related,
                    before: before.analysis.hits[b as usize].severity,
                    after: f.severity,
                }
            })
            .collect(),
        kept: delta.kept,
    };
    Comparison {
        before: before.analysis.summary.clone(),
        after: after.analysis.summary.clone(),
        index_delta: index_delta(
            before.analysis.summary.alignment_index,
            after.analysis.summary.alignment_index,
        ),
        findings,
        changes,
    }
}

/// The findings' delta (no message written) and the entities' changes, side by side on
/// two threads: what [`compare_sides`] renders, and what a view that shows only the first
/// of each list (the app's before/after view) renders itself.
pub fn compare_indexed(before: Side, after: Side) -> (FindingsDelta, Changes) {
    std::thread::scope(|s| {
        let changes = s.spawn(|| changes(before.org, after.org));
        let delta = diff_findings(before, after);
        let changes = changes
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (delta, changes)
    })
}

/// `after − before` in tenths, exactly (both are multiples of 0.1).
pub fn index_delta(before: Option<f64>, after: Option<f64>) -> Option<f64> {
    let tenths = |x: f64| (x * 10.0).round() as i64;
    Some((tenths(after?) - tenths(before?)) as f64 / 10.0)
}

/// The findings' comparison as indexes into each side's `hits`, before any message is
/// written: what a page of a before/after view needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingsDelta {
    /// BEFORE's hits not in AFTER, ascending (`check`'s order).
    pub resolved: Vec<u32>,
    /// AFTER's hits not in BEFORE, ascending.
    pub new: Vec<u32>,
    /// `(before, after)` of the same identity with another severity, in AFTER's order.
    pub changed: Vec<(u32, u32)>,
    /// Same identity, same severity.
    pub kept: usize,
}

/// Match the two sides' findings by identity `(rule, subject, related)`. A side never
/// holds one identity twice; if it did, the k-th of one side would match the k-th of the
/// other.
///
/// Both sides' hits are in `check`'s order (severity, then identity), so one merge of the
/// two pairs every finding kept at its severity; only what is left is ordered by identity
/// alone, to find the same finding at another severity.
pub fn diff_findings(before: Side, after: Side) -> FindingsDelta {
    let (bm, am) = (&*before.org.map, &*after.org.map);
    let (bh, ah) = (&before.analysis.hits, &after.analysis.hits);
    let mut d = FindingsDelta::default();
    let (mut only_b, mut only_a) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < bh.len() && j < ah.len() {
        let (b, a) = (&bh[i], &ah[j]);
        match b
            .severity
            .cmp(&a.severity)
            .then_with(|| identity_cmp(bm, b, am, a))
        {
            Ordering::Less => {
                only_b.push(i as u32);
                i += 1;
            }
            Ordering::Greater => {
                only_a.push(j as u32);
                j += 1;
            }
            Ordering::Equal => {
                d.kept += 1;
                i += 1;
                j += 1;
            }
        }
    }
    only_b.extend(i as u32..bh.len() as u32);
    only_a.extend(j as u32..ah.len() as u32);
    // What is left, by identity alone. Each list is a part of its side's order, so at most
    // three ascending runs (one per severity), which the stable sort merges in linear time.
    only_b.sort_by(|&x, &y| identity_cmp(bm, &bh[x as usize], bm, &bh[y as usize]));
    only_a.sort_by(|&x, &y| identity_cmp(am, &ah[x as usize], am, &ah[y as usize]));
    let (mut i, mut j) = (0, 0);
    while i < only_b.len() && j < only_a.len() {
        let (b, a) = (only_b[i], only_a[j]);
        let (hb, ha) = (&bh[b as usize], &ah[a as usize]);
        match identity_cmp(bm, hb, am, ha) {
            Ordering::Less => {
                d.resolved.push(b);
                i += 1;
            }
            Ordering::Greater => {
                d.new.push(a);
                j += 1;
            }
            Ordering::Equal => {
                if hb.severity == ha.severity {
                    d.kept += 1;
                } else {
                    d.changed.push((b, a));
                }
                i += 1;
                j += 1;
            }
        }
    }
    d.resolved.extend_from_slice(&only_b[i..]);
    d.new.extend_from_slice(&only_a[j..]);
    d.resolved.sort_unstable();
    d.new.sort_unstable();
    d.changed.sort_unstable_by_key(|&(_, a)| a);
    d
}

/// Two hits' identities compared as the contract sorts them (rule id, subject id, related
/// ids as a list), each hit against its own map.
fn identity_cmp(am: &Map, a: &Hit, bm: &Map, b: &Hit) -> Ordering {
    let rule = if a.rule == b.rule {
        Ordering::Equal
    } else {
        REGISTRY[a.rule as usize]
            .id
            .cmp(REGISTRY[b.rule as usize].id)
    };
    rule.then_with(|| id_of(am, a.subject).cmp(id_of(bm, b.subject)))
        .then_with(|| {
            let ra = a.related.iter().map(|&n| id_of(am, n));
            ra.cmp(b.related.iter().map(|&n| id_of(bm, n)))
        })
}

/// What was added, removed, changed, moved and re-linked between two indexed maps.
pub fn changes(before: &Org, after: &Org) -> Changes {
    let (bm, am) = (&*before.map, &*after.map);

    // Goals are the most numerous: compared on a thread of their own.
    std::thread::scope(|s| {
        let goals = s.spawn(|| goal_changes(before, after));
        let units = matched(
            before,
            after,
            |m| m.units.iter().map(|u| u.id.as_str()),
            |n| match n {
                Node::Unit(i) => Some(i),
                _ => None,
            },
        );
        let people = matched(
            before,
            after,
            |m| m.people.iter().map(|p| p.id.as_str()),
            |n| match n {
                Node::Person(i) => Some(i),
                _ => None,
            },
        );
        let values = matched(
            before,
            after,
            |m| m.values.iter().map(|v| v.id.as_str()),
            |n| match n {
                Node::Value(i) => Some(i),
                _ => None,
            },
        );
        let measures = matched(
            before,
            after,
            |m| m.measures.iter().map(|x| x.id.as_str()),
            |n| match n {
                Node::Measure(i) => Some(i),
                _ => None,
            },
        );
        let (units_changed, units_moved) = units.split(|&(b, a)| {
            let (b, a) = (&bm.units[b as usize], &am.units[a as usize]);
            (!same_unit(b, a), b.parent != a.parent)
        });
        let (people_changed, people_moved) = people.split(|&(b, a)| {
            let (b, a) = (&bm.people[b as usize], &am.people[a as usize]);
            (
                !same_person(b, a),
                b.unit != a.unit || b.manager != a.manager,
            )
        });
        let (values_changed, _) = values.split(|&(b, a)| {
            (
                !same_value(&bm.values[b as usize], &am.values[a as usize]),
                false,
            )
        });
        let (measures_changed, _) = measures.split(|&(b, a)| {
            (
                !same_measure(&bm.measures[b as usize], &am.measures[a as usize]),
                false,
            )
        });
        Changes {
            units: MovedChanges {
                changed: units_changed,
                moved: units_moved,
                added: units.added,
                removed: units.removed,
            },
            people: MovedChanges {
                changed: people_changed,
                moved: people_moved,
                added: people.added,
                removed: people.removed,
            },
            values: EntityChanges {
                changed: values_changed,
                added: values.added,
                removed: values.removed,
            },
            measures: EntityChanges {
                changed: measures_changed,
                added: measures.added,
                removed: measures.removed,
            },
            interactions: interaction_changes(bm, am),
            check_ins: check_in_changes(bm, am),
            goals: goals
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        }
    })
}

fn goal_changes(before: &Org, after: &Org) -> GoalChanges {
    let (bm, am) = (&*before.map, &*after.map);
    let goals = matched(
        before,
        after,
        |m| m.goals.iter().map(|g| g.id.as_str()),
        |n| match n {
            Node::Goal(i) => Some(i),
            _ => None,
        },
    );
    let (changed, relinked) = goals.split(|&(b, a)| {
        let (bg, ag) = (&bm.goals[b as usize], &am.goals[a as usize]);
        let relinked = !same_set(bg.supports(), ag.supports());
        (relinked || !same_goal(before, b, after, a), relinked)
    });
    GoalChanges {
        added: goals.added,
        removed: goals.removed,
        changed,
        relinked,
    }
}

/// One kind's entities matched by id: the ids only AFTER has, only BEFORE has (both in
/// string order), and the ids in both with their indexes `(before, after)`.
struct Matched<'m> {
    added: Vec<String>,
    removed: Vec<String>,
    pairs: Vec<(&'m str, (u32, u32))>,
}

impl Matched<'_> {
    /// One pass over the pairs: the ids (each list in string order) for which `pick` says
    /// changed, and those for which it says the finer list (moved, re-linked).
    fn split(
        &self,
        mut pick: impl FnMut(&(u32, u32)) -> (bool, bool),
    ) -> (Vec<String>, Vec<String>) {
        let (mut changed, mut finer) = (Vec::new(), Vec::new());
        for (id, p) in &self.pairs {
            let (c, f) = pick(p);
            if c {
                changed.push(*id);
            }
            if f {
                finer.push(*id);
            }
        }
        let sorted = |mut v: Vec<&str>| {
            v.sort_unstable();
            v.into_iter().map(str::to_string).collect()
        };
        (sorted(changed), sorted(finer))
    }
}

/// Match one kind's ids: `ids` lists a map's ids of that kind in document order, `index`
/// gives the index of a node of that kind (`None` for another kind: an id that names
/// another kind of thing on the other side is removed from one kind and added to the
/// other).
///
/// AFTER is walked in order against a cursor in BEFORE: while the two documents list the
/// same ids in the same order (an edited copy mostly does), each id is matched by one
/// string comparison; BEFORE's id index is asked only where they part.
fn matched<'m, I: Iterator<Item = &'m str>>(
    before: &'m Org,
    after: &'m Org,
    ids: impl Fn(&'m Map) -> I,
    index: impl Fn(Node) -> Option<u32>,
) -> Matched<'m> {
    let before_ids: Vec<&str> = ids(&before.map).collect();
    let mut seen = vec![false; before_ids.len()];
    let mut pairs = Vec::new();
    let mut added = Vec::new();
    let mut cursor = 0;
    for (a, id) in ids(&after.map).enumerate() {
        let b = if before_ids.get(cursor) == Some(&id) {
            Some(cursor as u32)
        } else {
            before.lookup(id).and_then(&index)
        };
        match b {
            Some(b) => {
                seen[b as usize] = true;
                pairs.push((id, (b, a as u32)));
                cursor = b as usize + 1;
            }
            None => added.push(id),
        }
    }
    let mut removed: Vec<&str> = before_ids
        .iter()
        .zip(&seen)
        .filter(|(_, s)| !**s)
        .map(|(id, _)| *id)
        .collect();
    added.sort_unstable();
    removed.sort_unstable();
    Matched {
        added: added.into_iter().map(str::to_string).collect(),
        removed: removed.into_iter().map(str::to_string).collect(),
        pairs,
    }
}

// Equality by effective value, field by field. Each function destructures both sides, so a
// field added to the model fails to compile here until it is decided. Defaults compare as
// their value (`model`'s `effective_*` accessors); `supports` and `values` as sets;
// optional fields without a default as written.

fn same_unit(b: &crate::model::Unit, a: &crate::model::Unit) -> bool {
    let crate::model::Unit {
        id: _,
        name,
        kind,
        parent,
    } = b;
    *name == a.name && *kind == a.kind && *parent == a.parent
}

fn same_person(b: &crate::model::Person, a: &crate::model::Person) -> bool {
    let crate::model::Person {
        id: _,
        name,
        unit,
        role,
        manager,
        email,
    } = b;
    *name == a.name
        && *unit == a.unit
        && *role == a.role
        && *manager == a.manager
        && *email == a.email
}

fn same_value(b: &crate::model::Value, a: &crate::model::Value) -> bool {
    let crate::model::Value {
        id: _,
        name,
        description,
        behaviours: _,
    } = b;
    // Behaviours in order: the order in which a value lists them is how it is shown.
    *name == a.name && *description == a.description && b.behaviours() == a.behaviours()
}

fn same_measure(b: &crate::model::Measure, a: &crate::model::Measure) -> bool {
    let crate::model::Measure {
        id: _,
        name,
        unit,
        kind,
        direction: _,
        leading: _,
    } = b;
    *name == a.name
        && *unit == a.unit
        && *kind == a.kind
        && b.effective_direction() == a.effective_direction()
        && b.is_leading() == a.is_leading()
}

/// Goal `bi` of BEFORE against goal `ai` of AFTER. The setter is the effective one (the
/// owner when `set_by` is absent), as the index derives it.
fn same_goal(before: &Org, bi: u32, after: &Org, ai: u32) -> bool {
    let (b, a) = (
        &before.map.goals[bi as usize],
        &after.map.goals[ai as usize],
    );
    let crate::model::Goal {
        id: _,
        title,
        level: _,
        owner,
        set_by: _,
        measure,
        target,
        due,
        status: _,
        supports: _,
        values: _,
    } = b;
    *title == a.title
        && b.effective_level() == a.effective_level()
        && *owner == a.owner
        && before.party_id(before.goal_setter[bi as usize])
            == after.party_id(after.goal_setter[ai as usize])
        && *measure == a.measure
        && *target == a.target
        && *due == a.due
        && b.effective_status() == a.effective_status()
        && same_set(b.supports(), a.supports())
        && same_set(b.values(), a.values())
}

/// Two id lists equal as sets (order and repeats aside).
fn same_set(a: &[String], b: &[String]) -> bool {
    if a == b {
        return true;
    }
    fn set(v: &[String]) -> Vec<&str> {
        let mut s: Vec<&str> = v.iter().map(String::as_str).collect();
        s.sort_unstable();
        s.dedup();
        s
    }
    set(a) == set(b)
}

/// Interactions by `(from, to, effect)`, each listed once, in string order of the three.
fn interaction_changes(before: &Map, after: &Map) -> SetChanges<InteractionId> {
    fn keys(m: &Map) -> Vec<(&str, &str, Effect)> {
        m.interactions
            .iter()
            .map(|i| (i.from.as_str(), i.to.as_str(), i.effect))
            .collect()
    }
    set_changes(
        &keys(before),
        &keys(after),
        |&(from, to, effect)| (from, to, effect.name()),
        |(from, to, effect)| InteractionId {
            from: from.to_string(),
            to: to.to_string(),
            effect,
        },
    )
}

/// Check-ins by `(person, date, kind, with)`, the kind as effective, each listed once, in
/// string order of the four (no `with` first).
fn check_in_changes(before: &Map, after: &Map) -> SetChanges<CheckInId> {
    type Key<'a> = (&'a str, NaiveDate, CheckInKind, Option<&'a str>);
    fn keys(m: &Map) -> Vec<Key<'_>> {
        m.check_ins
            .iter()
            .map(|c| {
                (
                    c.person.as_str(),
                    c.date,
                    c.effective_kind(),
                    c.with.as_deref(),
                )
            })
            .collect()
    }
    set_changes(
        &keys(before),
        &keys(after),
        |&(person, date, kind, with)| (person, date, kind.name(), with),
        |(person, date, kind, with)| CheckInId {
            person: person.to_string(),
            date,
            kind,
            with: with.map(str::to_string),
        },
    )
}

/// The keys only AFTER has (added) and only BEFORE has (removed), each once, sorted by
/// `order`.
///
/// The common beginning and end of the two lists hold keys of both sides; only the parts
/// between (what an edit touched, when they are lists of one document edited) go into hash
/// sets, and the common parts are scanned once for those keys.
fn set_changes<K, O, T>(
    before: &[K],
    after: &[K],
    order: impl Fn(&K) -> O,
    out: impl Fn(K) -> T,
) -> SetChanges<T>
where
    K: std::hash::Hash + Eq + Copy,
    O: Ord,
{
    let prefix = before.iter().zip(after).take_while(|(b, a)| b == a).count();
    let suffix = before[prefix..]
        .iter()
        .rev()
        .zip(after[prefix..].iter().rev())
        .take_while(|(b, a)| b == a)
        .count();
    let middle_b = &before[prefix..before.len() - suffix];
    let middle_a = &after[prefix..after.len() - suffix];
    if middle_b.is_empty() && middle_a.is_empty() {
        return SetChanges::default();
    }
    let b: FxHashSet<K> = middle_b.iter().copied().collect();
    let a: FxHashSet<K> = middle_a.iter().copied().collect();
    // The keys of the middles that the common parts also hold are on both sides.
    let mut shared: FxHashSet<K> = FxHashSet::default();
    for k in before[..prefix]
        .iter()
        .chain(&before[before.len() - suffix..])
    {
        if a.contains(k) || b.contains(k) {
            shared.insert(*k);
        }
    }
    let only = |x: &FxHashSet<K>, y: &FxHashSet<K>| {
        let mut v: Vec<K> = x
            .iter()
            .filter(|k| !y.contains(k) && !shared.contains(k))
            .copied()
            .collect();
        v.sort_unstable_by_key(&order);
        v.into_iter().map(&out).collect()
    };
    SetChanges {
        added: only(&a, &b),
        removed: only(&b, &a),
    }
}

/// The comparison for people: the index before → after, the findings resolved, new and
/// with another severity grouped by rule (the rule's name, then each finding's subject and
/// related by name), then the changes, kind by kind, with names and a sentence for each
/// move and re-link. Plain text (no colour); user text is made [`one_line`].
pub fn text(c: &Comparison, before: Side, after: Side) -> String {
    let (bo, ao) = (before.org, after.org);
    let mut out = String::new();
    let (bn, an) = (&bo.map.organisation.name, &ao.map.organisation.name);
    let title = if bn == an {
        one_line(an).into_owned()
    } else {
        format!("{} → {}", one_line(bn), one_line(an))
    };
    out.push_str(&format!(
        "{title} — comparison as of {}\n\n",
        after.analysis.as_of
    ));

    let index = |i: Option<f64>| i.map_or("n/a".to_string(), |i| format!("{i:.1}%"));
    out.push_str(&format!(
        "Alignment index {} → {}",
        index(c.before.alignment_index),
        index(c.after.alignment_index)
    ));
    match c.index_delta {
        Some(0.0) => out.push_str(" (no change)"),
        Some(d) => out.push_str(&format!(" ({d:+.1})")),
        None => {}
    }
    out.push('\n');
    let f = &c.findings;
    out.push_str(&format!(
        "Findings {} → {}: {} resolved, {} new, {} with another severity, {} kept\n",
        before.analysis.hits.len(),
        after.analysis.hits.len(),
        f.resolved.len(),
        f.new.len(),
        f.changed.len(),
        f.kept
    ));
    let counts: Vec<String> = [
        (Severity::Error, "errors"),
        (Severity::Warning, "warnings"),
        (Severity::Info, "info"),
    ]
    .iter()
    .map(|&(s, word)| {
        format!(
            "{word} {} → {}",
            before.analysis.count(s),
            after.analysis.count(s)
        )
    })
    .collect();
    out.push_str(&format!("  {}\n", counts.join(" · ")));

    let listed: [(&str, &[Finding], &Org); 2] =
        [("Resolved", &f.resolved, bo), ("New", &f.new, ao)];
    for (heading, list, org) in listed {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{heading} ({})\n", list.len()));
        for (rule, group) in by_rule(list, |x| x.rule.as_str()) {
            out.push_str(&format!("  {}: {}\n", rule_heading(rule), group.len()));
            for x in group {
                out.push_str(&format!(
                    "    {}\n",
                    finding_line(org, &x.subject, &x.related)
                ));
            }
        }
    }
    if !f.changed.is_empty() {
        out.push_str(&format!("\nWith another severity ({})\n", f.changed.len()));
        for (rule, group) in by_rule(&f.changed, |x| x.rule.as_str()) {
            out.push_str(&format!("  {}: {}\n", rule_heading(rule), group.len()));
            for x in group {
                out.push_str(&format!(
                    "    {}: {} → {}\n",
                    finding_line(ao, &x.subject, &x.related),
                    x.before.as_str(),
                    x.after.as_str()
                ));
            }
        }
    }

    out.push_str("\nChanges\n");
    let ch = &c.changes;
    if ch.is_empty() {
        out.push_str("  None: no unit, person, value, measure, goal, interaction or check-in was added, removed or changed.\n");
        return out;
    }
    let name = |org: &Org, id: &str| one_line(org.name_of(id).unwrap_or(id)).into_owned();
    let ids = |out: &mut String, what: &str, org: &Org, ids: &[String]| {
        for id in ids {
            out.push_str(&format!("    {what:<8} {}\n", label(org, id)));
        }
    };
    let entities = |out: &mut String,
                    kind: &str,
                    added: &[String],
                    removed: &[String],
                    changed: &[String],
                    finer: Option<(&str, usize)>| {
        let mut parts = Vec::new();
        for (n, word) in [
            (added.len(), "added"),
            (removed.len(), "removed"),
            (changed.len(), "changed"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {word}"));
            }
        }
        if let Some((word, n)) = finer.filter(|&(_, n)| n > 0) {
            parts.push(format!("{n} {word}"));
        }
        if parts.is_empty() {
            return false;
        }
        out.push_str(&format!("  {kind}: {}\n", parts.join(", ")));
        ids(out, "added", ao, added);
        ids(out, "removed", bo, removed);
        ids(out, "changed", ao, changed);
        true
    };

    let u = &ch.units;
    if entities(
        &mut out,
        "Units",
        &u.added,
        &u.removed,
        &u.changed,
        Some(("moved", u.moved.len())),
    ) {
        for id in &u.moved {
            out.push_str(&format!("    {}\n", unit_moved(bo, ao, id)));
        }
    }
    let p = &ch.people;
    if entities(
        &mut out,
        "People",
        &p.added,
        &p.removed,
        &p.changed,
        Some(("moved", p.moved.len())),
    ) {
        for id in &p.moved {
            for line in person_moved(bo, ao, id) {
                out.push_str(&format!("    {line}\n"));
            }
        }
    }
    let v = &ch.values;
    entities(&mut out, "Values", &v.added, &v.removed, &v.changed, None);
    let m = &ch.measures;
    entities(&mut out, "Measures", &m.added, &m.removed, &m.changed, None);
    let g = &ch.goals;
    if entities(
        &mut out,
        "Goals",
        &g.added,
        &g.removed,
        &g.changed,
        Some(("re-linked", g.relinked.len())),
    ) {
        for id in &g.relinked {
            out.push_str(&format!("    {}\n", goal_relinked(bo, ao, id)));
        }
    }
    let i = &ch.interactions;
    if !i.added.is_empty() || !i.removed.is_empty() {
        out.push_str(&format!(
            "  Interactions: {}\n",
            added_removed(i.added.len(), i.removed.len())
        ));
        for (what, list, org) in [("added", &i.added, ao), ("removed", &i.removed, bo)] {
            for x in list {
                out.push_str(&format!(
                    "    {what:<8} {} {} {}\n",
                    name(org, &x.from),
                    x.effect.name(),
                    name(org, &x.to)
                ));
            }
        }
    }
    let k = &ch.check_ins;
    if !k.added.is_empty() || !k.removed.is_empty() {
        out.push_str(&format!(
            "  Check-ins: {}\n",
            added_removed(k.added.len(), k.removed.len())
        ));
        for (what, list, org) in [("added", &k.added, ao), ("removed", &k.removed, bo)] {
            for x in list {
                let with = x
                    .with
                    .as_deref()
                    .map_or(String::new(), |w| format!(" with {}", name(org, w)));
                out.push_str(&format!(
                    "    {what:<8} {}, {}{with}, {}\n",
                    name(org, &x.person),
                    x.kind.name(),
                    x.date
                ));
            }
        }
    }
    out
}

/// What kind of change a [`ChangeLine`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ChangeMark {
    Added,
    Removed,
    Changed,
    Moved,
    Relinked,
}

/// One change in words ("Ben Osei moved from Enterprise to Mid-Market"), as the app's
/// before / after view and the workshop report list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeLine {
    pub mark: ChangeMark,
    /// "unit", "person", "value", "measure", "goal", "interaction" or "check-in".
    pub kind: &'static str,
    /// The entity it is about (an interaction: its first measure; a check-in: its person).
    pub id: String,
    pub text: String,
}

/// The changes in words, kind by kind (units, people, values, measures, goals,
/// interactions, check-ins), moves and re-links first, then added, removed and changed:
/// the first `cap` of them (a text is written only for those), and how many there are in
/// all. A changed entity that moved or was re-linked is said once, by its move or re-link.
pub fn change_lines(c: &Changes, bo: &Org, ao: &Org, cap: usize) -> (Vec<ChangeLine>, usize) {
    let mut out: Vec<ChangeLine> = Vec::new();
    let mut total = 0usize;
    let mut push = |mark: ChangeMark, kind: &'static str, id: &str, text: &dyn Fn() -> String| {
        total += 1;
        if out.len() < cap {
            out.push(ChangeLine {
                mark,
                kind,
                id: id.to_string(),
                text: text(),
            });
        }
    };
    // Units and people: moves, then added, removed, changed (not moved).
    for (kind, ch) in [("unit", &c.units), ("person", &c.people)] {
        for id in &ch.moved {
            if kind == "unit" {
                push(ChangeMark::Moved, kind, id, &|| unit_moved(bo, ao, id));
            } else {
                // A person's unit and manager: one line each.
                for text in person_moved(bo, ao, id) {
                    push(ChangeMark::Moved, kind, id, &|| text.clone());
                }
            }
        }
        entity_lines(
            &mut push,
            kind,
            [&ch.added, &ch.removed, &ch.changed],
            &ch.moved,
            bo,
            ao,
        );
    }
    for (kind, ch) in [("value", &c.values), ("measure", &c.measures)] {
        entity_lines(
            &mut push,
            kind,
            [&ch.added, &ch.removed, &ch.changed],
            &[],
            bo,
            ao,
        );
    }
    let g = &c.goals;
    for id in &g.relinked {
        push(ChangeMark::Relinked, "goal", id, &|| {
            goal_relinked(bo, ao, id)
        });
    }
    entity_lines(
        &mut push,
        "goal",
        [&g.added, &g.removed, &g.changed],
        &g.relinked,
        bo,
        ao,
    );
    let new_or_removed = |mark: ChangeMark| {
        if mark == ChangeMark::Added {
            "New"
        } else {
            "Removed"
        }
    };
    for (mark, list, org) in [
        (ChangeMark::Added, &c.interactions.added, ao),
        (ChangeMark::Removed, &c.interactions.removed, bo),
    ] {
        for x in list {
            push(mark, "interaction", &x.from, &|| {
                format!(
                    "{} interaction: {} {} {}",
                    new_or_removed(mark),
                    said(org, &x.from),
                    x.effect.name(),
                    said(org, &x.to)
                )
            });
        }
    }
    for (mark, list, org) in [
        (ChangeMark::Added, &c.check_ins.added, ao),
        (ChangeMark::Removed, &c.check_ins.removed, bo),
    ] {
        for x in list {
            push(mark, "check-in", &x.person, &|| {
                let with = x
                    .with
                    .as_deref()
                    .map_or(String::new(), |w| format!(" with {}", said(org, w)));
                format!(
                    "{} check-in: {}, {}{with}, {}",
                    new_or_removed(mark),
                    said(org, &x.person),
                    x.kind.name(),
                    x.date
                )
            });
        }
    }
    (out, total)
}

/// One kind's lists for [`card_marks`]: added, moved or re-linked, changed, and the mark of
/// the second.
type MarkLists<'a> = (&'a [String], &'a [String], &'a [String], ChangeMark);

/// Each card of AFTER that was added, moved, re-linked or changed, with one mark (added,
/// else moved or re-linked, else changed), kind by kind (units, people, values, goals —
/// what the map draws as cards), each kind in id order: the marks the app's map and the
/// workshop report's pictures draw.
pub fn card_marks(c: &Changes) -> Vec<(&str, ChangeMark)> {
    let kinds: [MarkLists; 4] = [
        (
            &c.units.added,
            &c.units.moved,
            &c.units.changed,
            ChangeMark::Moved,
        ),
        (
            &c.people.added,
            &c.people.moved,
            &c.people.changed,
            ChangeMark::Moved,
        ),
        (&c.values.added, &[], &c.values.changed, ChangeMark::Changed),
        (
            &c.goals.added,
            &c.goals.relinked,
            &c.goals.changed,
            ChangeMark::Relinked,
        ),
    ];
    let mut out = Vec::new();
    for (added, finer, changed, finer_mark) in kinds {
        // `changed` holds the moved and re-linked ones too; all three lists are in id order.
        let mut ids: Vec<(&str, ChangeMark)> = added
            .iter()
            .map(|id| (id.as_str(), ChangeMark::Added))
            .chain(changed.iter().map(|id| {
                let mark = if finer.binary_search(id).is_ok() {
                    finer_mark
                } else {
                    ChangeMark::Changed
                };
                (id.as_str(), mark)
            }))
            .collect();
        ids.sort_by(|a, b| a.0.cmp(b.0));
        out.extend(ids);
    }
    out
}

/// Adds one change line (its text written only if it is listed).
type Push<'a> = dyn FnMut(ChangeMark, &'static str, &str, &dyn Fn() -> String) + 'a;

/// Added, removed and changed lines of one kind (`finer`: the changed ones already said
/// by a move or re-link, left out here).
fn entity_lines(
    push: &mut Push,
    kind: &'static str,
    [added, removed, changed]: [&[String]; 3],
    finer: &[String],
    bo: &Org,
    ao: &Org,
) {
    for id in added {
        push(ChangeMark::Added, kind, id, &|| {
            format!("Added {kind} {}", said(ao, id))
        });
    }
    for id in removed {
        push(ChangeMark::Removed, kind, id, &|| {
            format!("Removed {kind} {}", said(bo, id))
        });
    }
    for id in changed {
        // Both lists are in string order.
        if finer.binary_search(id).is_ok() {
            continue;
        }
        push(ChangeMark::Changed, kind, id, &|| {
            format!("Changed {kind} {}", said(ao, id))
        });
    }
}

/// A name as the sentences of a comparison say it (printable; the id when nothing has it).
fn said(org: &Org, id: &str) -> String {
    one_line(org.name_of(id).unwrap_or(id)).into_owned()
}

/// A moved unit in words: "Mid-Market moved from Sales to Finance" (a unit without a
/// parent is at "the top level"). `id` is a unit on both sides.
pub fn unit_moved(before: &Org, after: &Org, id: &str) -> String {
    let parent = |org: &Org| {
        org.unit_index(id)
            .and_then(|i| org.map.units[i as usize].parent.as_deref())
            .map_or("the top level".to_string(), |p| said(org, p))
    };
    format!(
        "{} moved from {} to {}",
        said(after, id),
        parent(before),
        parent(after)
    )
}

/// A moved person in words, one sentence per change: "Ben Osei moved from Enterprise to
/// Mid-Market", "… now reports to X (was Y)", "… now reports to X", "… no longer reports
/// to X". `id` is a person on both sides.
pub fn person_moved(before: &Org, after: &Org, id: &str) -> Vec<String> {
    fn person<'o>(org: &'o Org, id: &str) -> &'o crate::model::Person {
        let i = org
            .person_index(id)
            .expect("a moved person is on both sides");
        &org.map.people[i as usize]
    }
    let (bo, ao) = (before, after);
    let (b, a) = (person(bo, id), person(ao, id));
    let who = one_line(&a.name);
    let mut out = Vec::new();
    if b.unit != a.unit {
        out.push(format!(
            "{who} moved from {} to {}",
            said(bo, &b.unit),
            said(ao, &a.unit)
        ));
    }
    match (&b.manager, &a.manager) {
        (Some(m), Some(n)) if m != n => out.push(format!(
            "{who} now reports to {} (was {})",
            said(ao, n),
            said(bo, m)
        )),
        (None, Some(n)) => out.push(format!("{who} now reports to {}", said(ao, n))),
        (Some(m), None) => out.push(format!("{who} no longer reports to {}", said(bo, m))),
        _ => {}
    }
    out
}

/// A re-linked goal in words: "Forecast within 5% re-linked to Grow ARR (was Sales ARR)",
/// "… linked to …", "… unlinked from …". `id` is a goal on both sides.
pub fn goal_relinked(before: &Org, after: &Org, id: &str) -> String {
    let supports = |org: &Org| {
        let goal = &org.map.goals[org.goal_index(id).expect("on both sides") as usize];
        let names: Vec<String> = goal.supports().iter().map(|s| said(org, s)).collect();
        names.join(", ")
    };
    let (b, a) = (supports(before), supports(after));
    let goal = said(after, id);
    match (b.is_empty(), a.is_empty()) {
        (true, _) => format!("{goal} linked to {a}"),
        (_, true) => format!("{goal} unlinked from {b}"),
        _ => format!("{goal} re-linked to {a} (was {b})"),
    }
}

fn added_removed(added: usize, removed: usize) -> String {
    let mut parts = Vec::new();
    if added > 0 {
        parts.push(format!("{added} added"));
    }
    if removed > 0 {
        parts.push(format!("{removed} removed"));
    }
    parts.join(", ")
}

/// A rule as a group's heading: its name for people, then its id.
fn rule_heading(id: &str) -> String {
    match crate::rules::rule_by_id(id) {
        Some(r) => format!("{} ({id})", r.name()),
        None => id.to_string(),
    }
}

/// A finding's subject and related, by name, as `check`'s text lists them.
fn finding_line(org: &Org, subject: &str, related: &[String]) -> String {
    let mut line = label(org, subject);
    if !related.is_empty() {
        line.push_str(" — with ");
        line.push_str(&related_labels(org, related));
    }
    line
}

/// Items grouped by rule, the groups in the order of their first item, each keeping the
/// items' order.
fn by_rule<'a, T>(items: &'a [T], rule: impl Fn(&'a T) -> &'a str) -> Vec<(&'a str, Vec<&'a T>)> {
    let mut groups: Vec<(&str, Vec<&T>)> = Vec::new();
    for x in items {
        let r = rule(x);
        match groups.iter_mut().find(|(g, _)| *g == r) {
            Some((_, v)) => v.push(x),
            None => groups.push((r, vec![x])),
        }
    }
    groups
}
