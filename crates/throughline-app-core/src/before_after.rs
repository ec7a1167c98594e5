//! The before / after view: what changed between two states of the open workspace (a
//! snapshot and now, or two snapshots), computed by `throughline_core::compare` (the one
//! comparison the CLI also uses) and cut for the page: every count, but at most [`CAP`]
//! findings and [`CAP`] change lines, each with the total, so a 10,000-person comparison
//! crosses IPC small. Messages are written only for the findings listed. For the map: the
//! cards AFTER added, moved, re-linked or changed ([`MapMark`], at most [`MARKS_CAP`]) and
//! what it no longer has ([`Ghost`]).

use serde::{Deserialize, Serialize};
use throughline_core::analysis::{Severity, Summary};
use throughline_core::compare::{self, Changes, Side};
use throughline_core::Org;
use throughline_store::SnapshotInfo;
use throughline_view::{finding_row_of, FindingRow};

/// At most this many findings in each list and this many change lines cross IPC.
pub const CAP: usize = 200;

/// At most this many change marks cross IPC: as many cards as the map ever draws
/// (`throughline_view`'s largest node budget).
pub const MARKS_CAP: usize = 2000;

/// A card's mark on the map while a comparison with now is open: what AFTER did to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MapMark {
    /// A unit, person, value or goal of AFTER.
    pub id: String,
    /// One mark a card: added, else moved (units, people) or re-linked (goals), else
    /// changed.
    pub mark: ChangeMark,
}

/// Something BEFORE had and AFTER has not: a ghost of the map, listed where the map's
/// cards are gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ghost {
    /// "unit", "person", "value" or "goal".
    pub kind: String,
    pub id: String,
    /// Its name or title in BEFORE.
    pub label: String,
    /// Where it was in BEFORE: a goal's owner, a person's unit, a unit's parent.
    pub place: Option<String>,
}

/// One side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CompareSide {
    /// The workspace as it is now (the current revision).
    Now,
    /// A saved snapshot, by id.
    Snapshot { id: i64 },
}

/// A finding in a comparison, as the findings panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComparedFinding {
    /// Resolved findings are written from BEFORE, new and changed ones from AFTER.
    pub row: FindingRow,
    /// Its severity before (only for a finding whose severity changed).
    pub severity_before: Option<Severity>,
    /// Its subject is in the workspace now, so clicking it can open it.
    pub present: bool,
}

/// What kind of change a line says (the comparison's own).
pub use throughline_core::compare::ChangeMark;

/// One change in words ("Ben Osei moved from Enterprise to Mid-Market").
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeLine {
    pub mark: ChangeMark,
    /// "unit", "person", "value", "measure", "goal", "interaction" or "check-in".
    pub kind: String,
    /// The entity it is about (an interaction: its first measure; a check-in: its person).
    pub id: String,
    pub text: String,
    /// `id` is in the workspace now, so clicking the line can open it.
    pub present: bool,
}

/// Counts of one kind of entity's changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeCount {
    pub kind: String,
    pub added: u32,
    pub removed: u32,
    pub changed: u32,
    /// Units and people moved, goals re-linked.
    pub moved_or_relinked: u32,
}

/// The before / after view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BeforeAfter {
    pub before_side: CompareSide,
    pub after_side: CompareSide,
    /// "Now", or the snapshot's name.
    pub before_label: String,
    pub after_label: String,
    /// Both sides are analysed as of this date (AFTER's `settings.as_of`, else today).
    pub as_of: String,
    pub before: Summary,
    pub after: Summary,
    /// Findings by severity on each side.
    pub counts_before: SeverityCounts,
    pub counts_after: SeverityCounts,
    /// AFTER's index minus BEFORE's, in tenths of a point.
    pub index_delta: Option<f64>,
    /// The first [`CAP`] of each list, in `check` order (resolved in BEFORE's, the others
    /// in AFTER's); `*_total` counts them all.
    pub resolved: Vec<ComparedFinding>,
    pub resolved_total: u32,
    pub new: Vec<ComparedFinding>,
    pub new_total: u32,
    pub changed: Vec<ComparedFinding>,
    pub changed_total: u32,
    pub kept: u32,
    /// Kind by kind (units, people, values, measures, goals, interactions, check-ins),
    /// moves and re-links first, then added, removed and changed; the first [`CAP`].
    pub changes: Vec<ChangeLine>,
    pub changes_total: u32,
    /// Every kind with any change, with its counts.
    pub change_counts: Vec<ChangeCount>,
    /// What the lists are cut to.
    pub cap: u32,
    /// The map's marks: units, people, values and goals of AFTER added, moved, re-linked
    /// or changed, kind by kind in id order, the first [`MARKS_CAP`]; `marks_total` counts
    /// them all.
    pub marks: Vec<MapMark>,
    pub marks_total: u32,
    /// Units, people, values and goals removed: the map's ghosts, the first [`CAP`], kind
    /// by kind in id order.
    pub ghosts: Vec<Ghost>,
    pub ghosts_total: u32,
}

impl BeforeAfter {
    /// Nothing changed: no finding resolved, new or with another severity, no entity
    /// changed.
    pub fn is_empty(&self) -> bool {
        self.resolved_total == 0
            && self.new_total == 0
            && self.changed_total == 0
            && self.changes_total == 0
    }
}

/// Findings by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeverityCounts {
    pub errors: u32,
    pub warnings: u32,
    pub infos: u32,
}

impl SeverityCounts {
    fn of(a: &throughline_core::analysis::Analysis) -> Self {
        SeverityCounts {
            errors: a.count(Severity::Error) as u32,
            warnings: a.count(Severity::Warning) as u32,
            infos: a.count(Severity::Info) as u32,
        }
    }
}

/// A snapshot in the list, with its alignment index (computed once per snapshot and as-of
/// date, and kept by the session: snapshots never change).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SnapshotEntry {
    pub snapshot: SnapshotInfo,
    pub alignment_index: Option<f64>,
    pub findings: u32,
}

/// Compare two analysed sides (analysed as of one date). `now` is the current revision's
/// index, which says whether a subject can be opened.
pub fn before_after(
    before: Side,
    after: Side,
    now: &Org,
    (before_side, after_side): (CompareSide, CompareSide),
    (before_label, after_label): (String, String),
) -> BeforeAfter {
    let (delta, changes) = compare::compare_indexed(before, after);
    let present = |id: &str| now.lookup(id).is_some();
    let row = |side: Side, i: u32| {
        finding_row_of(side.org, side.analysis, i).expect("a hit of that side")
    };
    let listed = |side: Side, list: &[u32]| -> Vec<ComparedFinding> {
        list.iter()
            .take(CAP)
            .map(|&i| {
                let row = row(side, i);
                ComparedFinding {
                    present: present(&row.finding.subject),
                    row,
                    severity_before: None,
                }
            })
            .collect()
    };
    let changed = delta
        .changed
        .iter()
        .take(CAP)
        .map(|&(b, a)| {
            let row = row(after, a);
            ComparedFinding {
                present: present(&row.finding.subject),
                row,
                severity_before: Some(before.analysis.hits[b as usize].severity),
            }
        })
        .collect();
    let (lines, total) = change_lines(&changes, before.org, after.org, &present);
    let marks = map_marks(&changes);
    let marks_total = marks.len() as u32;
    let (ghosts, ghosts_total) = ghosts(&changes, before.org, CAP);
    let ghosts_total = ghosts_total as u32;
    let (b, a) = (&before.analysis.summary, &after.analysis.summary);
    BeforeAfter {
        before_side,
        after_side,
        before_label,
        after_label,
        as_of: after.analysis.as_of.to_string(),
        index_delta: compare::index_delta(b.alignment_index, a.alignment_index),
        before: b.clone(),
        after: a.clone(),
        counts_before: SeverityCounts::of(before.analysis),
        counts_after: SeverityCounts::of(after.analysis),
        resolved: listed(before, &delta.resolved),
        resolved_total: delta.resolved.len() as u32,
        new: listed(after, &delta.new),
        new_total: delta.new.len() as u32,
        changed,
        changed_total: delta.changed.len() as u32,
        kept: delta.kept as u32,
        changes: lines,
        changes_total: total,
        change_counts: change_counts(&changes),
        cap: CAP as u32,
        marks: marks.into_iter().take(MARKS_CAP).collect(),
        marks_total,
        ghosts,
        ghosts_total,
    }
}

/// Each card AFTER added, moved, re-linked or changed, with one mark (added, else moved or
/// re-linked, else changed), kind by kind (units, people, values, goals) in id order:
/// `compare::card_marks`, which the workshop report's pictures draw too.
pub fn map_marks(c: &Changes) -> Vec<MapMark> {
    compare::card_marks(c)
        .into_iter()
        .map(|(id, mark)| MapMark {
            id: id.to_string(),
            mark,
        })
        .collect()
}

/// The units, people, values and goals BEFORE had and AFTER has not, the first `cap`, with
/// where each was; and how many there are.
pub fn ghosts(c: &Changes, before: &Org, cap: usize) -> (Vec<Ghost>, usize) {
    let map = &*before.map;
    let name = |id: &str| before.name_of(id).map(str::to_string);
    let kinds: [(&str, &[String]); 4] = [
        ("unit", &c.units.removed),
        ("person", &c.people.removed),
        ("value", &c.values.removed),
        ("goal", &c.goals.removed),
    ];
    let total = kinds.iter().map(|(_, l)| l.len()).sum();
    let out = kinds
        .into_iter()
        .flat_map(|(kind, ids)| ids.iter().map(move |id| (kind, id)))
        .take(cap)
        .map(|(kind, id)| {
            let place = match kind {
                "unit" => before
                    .unit_index(id)
                    .and_then(|u| map.units[u as usize].parent.as_deref())
                    .and_then(name),
                "person" => before
                    .person_index(id)
                    .and_then(|p| name(&map.people[p as usize].unit)),
                "goal" => before
                    .goal_index(id)
                    .and_then(|g| name(&map.goals[g as usize].owner)),
                _ => None,
            };
            Ghost {
                kind: kind.to_string(),
                id: id.clone(),
                label: name(id).unwrap_or_else(|| id.clone()),
                place,
            }
        })
        .collect();
    (out, total)
}

fn change_counts(c: &Changes) -> Vec<ChangeCount> {
    let n = |v: usize| v as u32;
    [
        (
            "unit",
            n(c.units.added.len()),
            n(c.units.removed.len()),
            n(c.units.changed.len()),
            n(c.units.moved.len()),
        ),
        (
            "person",
            n(c.people.added.len()),
            n(c.people.removed.len()),
            n(c.people.changed.len()),
            n(c.people.moved.len()),
        ),
        (
            "value",
            n(c.values.added.len()),
            n(c.values.removed.len()),
            n(c.values.changed.len()),
            0,
        ),
        (
            "measure",
            n(c.measures.added.len()),
            n(c.measures.removed.len()),
            n(c.measures.changed.len()),
            0,
        ),
        (
            "goal",
            n(c.goals.added.len()),
            n(c.goals.removed.len()),
            n(c.goals.changed.len()),
            n(c.goals.relinked.len()),
        ),
        (
            "interaction",
            n(c.interactions.added.len()),
            n(c.interactions.removed.len()),
            0,
            0,
        ),
        (
            "check-in",
            n(c.check_ins.added.len()),
            n(c.check_ins.removed.len()),
            0,
            0,
        ),
    ]
    .into_iter()
    .filter(|&(_, a, r, c, m)| a + r + c + m > 0)
    .map(
        |(kind, added, removed, changed, moved_or_relinked)| ChangeCount {
            kind: kind.to_string(),
            added,
            removed,
            changed,
            moved_or_relinked,
        },
    )
    .collect()
}

/// The changes in words (`compare::change_lines`, the sentences the workshop report
/// also writes), the first [`CAP`] of them, and how many there are in all.
fn change_lines(
    c: &Changes,
    bo: &Org,
    ao: &Org,
    present: &dyn Fn(&str) -> bool,
) -> (Vec<ChangeLine>, u32) {
    let (lines, total) = compare::change_lines(c, bo, ao, CAP);
    let lines = lines
        .into_iter()
        .map(|l| ChangeLine {
            present: present(&l.id),
            mark: l.mark,
            kind: l.kind.to_string(),
            id: l.id,
            text: l.text,
        })
        .collect();
    (lines, total as u32)
}

/// What the session keeps of snapshots (they never change): each one's index and count
/// of findings per date, and the last two snapshots read and analysed, so the list and a
/// comparison opened again are quick.
#[derive(Default)]
pub struct SnapshotCache {
    /// `(snapshot, today) → (index, findings)`: as of the snapshot's `settings.as_of`,
    /// else that day.
    indexes: std::collections::HashMap<(i64, chrono::NaiveDate), (Option<f64>, u32)>,
    maps: Vec<(i64, std::sync::Arc<throughline_core::Map>)>,
    analysed: Vec<(i64, chrono::NaiveDate, std::sync::Arc<compare::Analysed>)>,
}

/// How many snapshot maps, and analyses of them, the cache keeps.
const KEPT: usize = 2;

impl SnapshotCache {
    pub fn index(&self, id: i64, today: chrono::NaiveDate) -> Option<(Option<f64>, u32)> {
        self.indexes.get(&(id, today)).copied()
    }

    pub fn set_index(&mut self, id: i64, today: chrono::NaiveDate, index: Option<f64>, n: u32) {
        self.indexes.insert((id, today), (index, n));
    }

    pub fn forget(&mut self, id: i64) {
        self.indexes.retain(|(s, _), _| *s != id);
        self.maps.retain(|(s, _)| *s != id);
        self.analysed.retain(|(s, _, _)| *s != id);
    }

    /// A snapshot's map, read once.
    pub fn map(
        &mut self,
        ws: &throughline_store::Workspace,
        id: i64,
    ) -> crate::AppResult<std::sync::Arc<throughline_core::Map>> {
        if let Some((_, m)) = self.maps.iter().find(|(s, _)| *s == id) {
            return Ok(m.clone());
        }
        let m = std::sync::Arc::new(ws.snapshot_map(id)?);
        self.maps.insert(0, (id, m.clone()));
        self.maps.truncate(KEPT);
        Ok(m)
    }

    /// A snapshot indexed and analysed as of `as_of`, once.
    pub fn analysed(
        &mut self,
        ws: &throughline_store::Workspace,
        id: i64,
        as_of: chrono::NaiveDate,
    ) -> crate::AppResult<std::sync::Arc<compare::Analysed>> {
        if let Some((_, _, a)) = self
            .analysed
            .iter()
            .find(|(s, d, _)| *s == id && *d == as_of)
        {
            return Ok(a.clone());
        }
        let map = self.map(ws, id)?;
        let a = std::sync::Arc::new(compare::Analysed::new(map, as_of));
        self.analysed.insert(0, (id, as_of, a.clone()));
        self.analysed.truncate(KEPT);
        Ok(a)
    }
}
