//! The workshop report: what a workshop changed, between a snapshot of the workspace
//! ("Before the workshop") and the map now. Its numbers and lists come from
//! `throughline_core::compare` — the one comparison the CLI's `compare` and the app's
//! before / after view use — and its sentences are that module's; this module only
//! chooses, groups and caps them, in plain words (no internal ids), and adds the decisions
//! the workspace recorded and the targets agreed in the period. Markdown, HTML and PDF
//! render [`WorkshopData`]; the map is the app's layout with a mark on each card that was
//! added, changed, moved or re-linked.
//!
//! Decisions are workspace data (`throughline-store`), which this crate does not read: the
//! caller passes them as [`Decision`]s.

use crate::data::{count, index_text, num, LIST_CAP};
use crate::safe::md;
use crate::svg::{self, esc, CardMark};
use crate::Picture;
use serde::{Deserialize, Serialize};
use std::fmt::Write;
use throughline_core::agreement::{self, AgreementStep};
use throughline_core::analysis::Severity;
use throughline_core::compare::{self, ChangeMark, Changes, Side};
use throughline_core::model::{Goal, Status};
use throughline_core::Org;
use throughline_view::{build_view, finding_row_of, format_number, FindingRow, ViewRequest};

/// Change lines listed in the report (the rest are counted).
pub const CHANGES_CAP: usize = 100;
/// Target lines listed.
pub const TARGETS_CAP: usize = 50;
/// Findings whose severity changed, listed.
pub const SEVERITY_CAP: usize = 50;
/// Functions drawn one picture each, when the organisation is too big for one picture:
/// those with the most changes.
pub const FUNCTION_PICTURES: usize = 6;

/// A decision as the report lists it: names only, no ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Decision {
    /// The day it was taken, `YYYY-MM-DD`.
    pub date: String,
    pub statement: String,
    pub rationale: String,
    /// Who took it, by name.
    pub people: Vec<String>,
    /// The goals (by title) and findings (the rule's name and its subject's name) it
    /// concerns (`throughline_store`'s `Decision::concerns_named`).
    pub concerns: Vec<String>,
}

/// Is a decision of the workshop that began when the snapshot was saved (`since`, RFC 3339
/// UTC)? Taken on or after that day, or recorded after that moment (a decision recorded
/// in the workshop about something decided the week before belongs to it too).
pub fn in_period(date: &str, recorded: &str, since: &str) -> bool {
    let day = since.get(..10).unwrap_or(since);
    let instant = |t: &str| chrono::DateTime::parse_from_rfc3339(t).ok();
    let later = match (instant(recorded), instant(since)) {
        (Some(r), Some(s)) => r > s,
        _ => recorded > since,
    };
    date >= day || later
}

/// The workshop report's choices.
#[derive(Debug, Clone)]
pub struct WorkshopOptions {
    /// The report's title (default "Workshop report").
    pub title: Option<String>,
    /// The snapshot compared with: its name, and the day it was saved (`YYYY-MM-DD`).
    pub snapshot: String,
    pub snapshot_saved: String,
    /// The decisions of the period, newest first, and how many earlier ones the workspace
    /// holds (counted, not listed).
    pub decisions: Vec<Decision>,
    pub earlier_decisions: usize,
    /// The agreement steps (catchball) of the period, any order: how targets were
    /// negotiated.
    pub agreements: Vec<AgreementStep>,
    pub generated: chrono::NaiveDate,
    pub paper: crate::Paper,
}

/// One side's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideFigures {
    pub index_text: String,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub people: usize,
    pub goals: usize,
}

impl SideFigures {
    fn of(side: Side) -> Self {
        let a = side.analysis;
        SideFigures {
            index_text: index_text(a.summary.alignment_index),
            findings: a.hits.len(),
            errors: a.count(Severity::Error),
            warnings: a.count(Severity::Warning),
            infos: a.count(Severity::Info),
            people: side.org.map.people.len(),
            goals: side.org.map.goals.len(),
        }
    }
}

/// Findings of one rule, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingGroup {
    /// The rule's name ("Imposed goal").
    pub rule: String,
    /// The worst severity among them.
    pub severity: Severity,
    pub count: usize,
    /// The first [`LIST_CAP`] of them.
    pub lines: Vec<String>,
}

/// A goal's agreement steps of the period, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Negotiation {
    /// "“100 calls a week” (Ali Hassan)", or the goal's id when it is no longer in the map.
    pub goal: String,
    /// "2026-11-27 Ali Hassan countered: a target of 80, because “…”", oldest first.
    pub steps: Vec<String>,
}

/// A change in words, with its mark ("added", "removed", "changed", "moved", "relinked").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub mark: ChangeMark,
    pub text: String,
}

/// Everything the workshop report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkshopData {
    pub title: String,
    pub organisation: String,
    pub as_of: String,
    pub generated: String,
    /// The snapshot's name and the day it was saved.
    pub snapshot: String,
    pub snapshot_saved: String,
    pub before: SideFigures,
    pub after: SideFigures,
    /// "+12.5 points", "no change", or "" when either side has no index.
    pub index_change: String,
    pub resolved: Vec<FindingGroup>,
    pub resolved_total: usize,
    pub new: Vec<FindingGroup>,
    pub new_total: usize,
    /// "Imposed goal: 100 calls a week — warning → error", the first [`SEVERITY_CAP`].
    pub other_severity: Vec<String>,
    pub other_severity_total: usize,
    pub kept: usize,
    pub decisions: Vec<Decision>,
    pub earlier_decisions: usize,
    /// Goals agreed, and targets and due dates changed, in the period.
    pub targets: Vec<String>,
    pub targets_total: usize,
    /// How targets were negotiated in the period: each goal with agreement steps, the
    /// first [`TARGETS_CAP`] goals.
    pub negotiated: Vec<Negotiation>,
    pub negotiated_total: usize,
    /// The changes in words (compare's sentences), removals included, the first
    /// [`CHANGES_CAP`].
    pub changes: Vec<Line>,
    pub changes_total: usize,
    /// The units, people, values, measures and goals removed (not on the map any more),
    /// the first [`LIST_CAP`].
    pub removed: Vec<String>,
    pub removed_total: usize,
    /// Per kind of entity: "Goals: 2 added, 1 re-linked".
    pub change_counts: Vec<String>,
}

/// Build the workshop report from the two analysed sides (the same as-of date) and the
/// comparison's delta and changes.
pub fn build(before: Side, after: Side, opts: &WorkshopOptions) -> WorkshopData {
    let (delta, changes) = compare::compare_indexed(before, after);
    let (b, a) = (SideFigures::of(before), SideFigures::of(after));
    let index_change = match compare::index_delta(
        before.analysis.summary.alignment_index,
        after.analysis.summary.alignment_index,
    ) {
        None => String::new(),
        Some(0.0) => "no change".to_string(),
        // A true minus sign, as the app writes a delta.
        Some(d) => format!("{d:+.1} points").replace('-', "\u{2212}"),
    };
    let (lines, changes_total) = compare::change_lines(&changes, before.org, after.org, usize::MAX);
    // What the map no longer shows: removed units, people, values, measures and goals
    // (interactions and check-ins are not cards).
    let removed_all: Vec<&compare::ChangeLine> = lines
        .iter()
        .filter(|l| l.mark == ChangeMark::Removed && !matches!(l.kind, "interaction" | "check-in"))
        .collect();
    let removed_total = removed_all.len();
    let removed = removed_all
        .iter()
        .take(LIST_CAP)
        .map(|l| l.text.clone())
        .collect();
    let other_severity = delta
        .changed
        .iter()
        .take(SEVERITY_CAP)
        .filter_map(|&(bi, ai)| {
            let row = finding_row_of(after.org, after.analysis, ai)?;
            Some(format!(
                "{}: {} — {} → {}",
                row.rule_name,
                finding_words(&row),
                before.analysis.hits[bi as usize].severity.as_str(),
                row.finding.severity.as_str()
            ))
        })
        .collect();
    let (targets, targets_total) = targets(&changes, before.org, after.org);
    let (negotiated, negotiated_total) = negotiations(&opts.agreements, after.org);
    WorkshopData {
        title: opts
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or("Workshop report")
            .to_string(),
        organisation: after.org.map.organisation.name.clone(),
        as_of: after.analysis.as_of.to_string(),
        generated: opts.generated.to_string(),
        snapshot: opts.snapshot.clone(),
        snapshot_saved: opts.snapshot_saved.clone(),
        before: b,
        after: a,
        index_change,
        resolved: groups(before, &delta.resolved),
        resolved_total: delta.resolved.len(),
        new: groups(after, &delta.new),
        new_total: delta.new.len(),
        other_severity,
        other_severity_total: delta.changed.len(),
        kept: delta.kept,
        decisions: opts.decisions.clone(),
        earlier_decisions: opts.earlier_decisions,
        targets,
        targets_total,
        negotiated,
        negotiated_total,
        changes: lines
            .into_iter()
            .take(CHANGES_CAP)
            .map(|l| Line {
                mark: l.mark,
                text: l.text,
            })
            .collect(),
        changes_total,
        removed,
        removed_total,
        change_counts: change_counts(&changes),
    }
}

/// A finding in plain words: its subject by name, whose it is, who set it, and what it
/// pulls against — as the app's findings panel says it, without ids.
fn finding_words(row: &FindingRow) -> String {
    let mut s = format!("“{}”", row.subject_label);
    if let Some(o) = &row.owner_label {
        let _ = write!(s, " ({o})");
    }
    if let Some(by) = &row.setter_label {
        let _ = write!(s, ", set by {by}");
    }
    if let Some(r) = &row.related_text {
        let _ = write!(s, ", {r}");
    }
    s
}

/// Findings grouped by rule (groups in `check` order of their first finding), the first
/// [`LIST_CAP`] of each group in words.
fn groups(side: Side, hits: &[u32]) -> Vec<FindingGroup> {
    let mut out: Vec<(String, FindingGroup)> = Vec::new();
    for &i in hits {
        let h = &side.analysis.hits[i as usize];
        let meta = h.rule();
        let rule = meta.id;
        let k = match out.iter().position(|(r, _)| r == rule) {
            Some(k) => k,
            None => {
                let name = meta.name();
                out.push((
                    rule.to_string(),
                    FindingGroup {
                        rule: name.to_string(),
                        severity: h.severity,
                        count: 0,
                        lines: Vec::new(),
                    },
                ));
                out.len() - 1
            }
        };
        let g = &mut out[k].1;
        g.count += 1;
        if h.severity < g.severity {
            g.severity = h.severity;
        }
        if g.lines.len() < LIST_CAP {
            if let Some(row) = finding_row_of(side.org, side.analysis, i) {
                g.lines.push(finding_words(&row));
            }
        }
    }
    out.into_iter().map(|(_, g)| g).collect()
}

/// A goal's target with its measure's unit ("80 calls", "95%"), or "none".
fn target_text(org: &Org, g: &Goal) -> String {
    let Some(t) = g.target else {
        return "none".to_string();
    };
    let unit = g
        .measure
        .as_deref()
        .and_then(|m| org.map.measures.iter().find(|x| x.id == m))
        .and_then(|m| m.unit.as_deref())
        .unwrap_or("");
    match unit {
        "" => format_number(t),
        "%" => format!("{}%", format_number(t)),
        u => format!("{} {u}", format_number(t)),
    }
}

fn goal<'o>(org: &'o Org, id: &str) -> Option<&'o Goal> {
    org.goal_index(id).map(|i| &org.map.goals[i as usize])
}

/// The targets agreed in the period: goals whose status became agreed, and targets and
/// due dates changed (goals in both sides), then goals added already agreed. The first
/// [`TARGETS_CAP`], and how many in all.
fn targets(c: &Changes, bo: &Org, ao: &Org) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let owner = |g: &Goal| ao.name_of(&g.owner).unwrap_or(&g.owner).to_string();
    for id in &c.goals.changed {
        let (Some(b), Some(a)) = (goal(bo, id), goal(ao, id)) else {
            continue;
        };
        let mut parts = Vec::new();
        let (bs, as_) = (b.effective_status(), a.effective_status());
        if as_ != bs && (as_ == Status::Agreed || a.target != b.target || a.due != b.due) {
            parts.push(match as_ {
                Status::Agreed => "agreed".to_string(),
                s => format!("now {} (was {})", s.name(), bs.name()),
            });
        }
        if a.target != b.target {
            parts.push(format!(
                "target {} → {}",
                target_text(bo, b),
                target_text(ao, a)
            ));
        }
        if a.due != b.due {
            let due = |g: &Goal| g.due.map_or("none".to_string(), |d| d.to_string());
            parts.push(format!("due {} → {}", due(b), due(a)));
        }
        if !parts.is_empty() {
            out.push(format!(
                "“{}” ({}): {}",
                a.title,
                owner(a),
                parts.join("; ")
            ));
        }
    }
    for id in &c.goals.added {
        let Some(a) = goal(ao, id) else { continue };
        if a.effective_status() == Status::Agreed {
            let due = a.due.map_or(String::new(), |d| format!(" by {d}"));
            out.push(format!(
                "“{}” ({}): new, agreed at {}{due}",
                a.title,
                owner(a),
                target_text(ao, a)
            ));
        }
    }
    let total = out.len();
    out.truncate(TARGETS_CAP);
    (out, total)
}

/// The agreement steps by goal (goals in the order of their first step), each goal's
/// steps oldest first, in the inspector's words (`agreement::describe`); the first
/// [`TARGETS_CAP`] goals, and how many.
fn negotiations(steps: &[AgreementStep], org: &Org) -> (Vec<Negotiation>, usize) {
    let mut sorted: Vec<&AgreementStep> = steps.iter().collect();
    sorted.sort_by(|a, b| (&a.date, &a.created_at, a.id).cmp(&(&b.date, &b.created_at, b.id)));
    let mut out: Vec<(String, Negotiation)> = Vec::new();
    for step in sorted {
        let k = match out.iter().position(|(g, _)| *g == step.goal) {
            Some(k) => k,
            None => {
                let goal = match goal(org, &step.goal) {
                    Some(g) => format!(
                        "“{}” ({})",
                        g.title,
                        org.name_of(&g.owner).unwrap_or(&g.owner)
                    ),
                    None => format!("a goal no longer in the map ({})", step.goal),
                };
                out.push((
                    step.goal.clone(),
                    Negotiation {
                        goal,
                        steps: Vec::new(),
                    },
                ));
                out.len() - 1
            }
        };
        out[k].1.steps.push(agreement::describe(step));
    }
    let total = out.len();
    (
        out.into_iter().take(TARGETS_CAP).map(|(_, n)| n).collect(),
        total,
    )
}

/// "Goals: 2 added, 1 re-linked", per kind with any change.
fn change_counts(c: &Changes) -> Vec<String> {
    let rows: [(&str, [usize; 4], &str); 7] = [
        (
            "Units",
            [
                c.units.added.len(),
                c.units.removed.len(),
                c.units.changed.len(),
                c.units.moved.len(),
            ],
            "moved",
        ),
        (
            "People",
            [
                c.people.added.len(),
                c.people.removed.len(),
                c.people.changed.len(),
                c.people.moved.len(),
            ],
            "moved",
        ),
        (
            "Values",
            [
                c.values.added.len(),
                c.values.removed.len(),
                c.values.changed.len(),
                0,
            ],
            "",
        ),
        (
            "Measures",
            [
                c.measures.added.len(),
                c.measures.removed.len(),
                c.measures.changed.len(),
                0,
            ],
            "",
        ),
        (
            "Goals",
            [
                c.goals.added.len(),
                c.goals.removed.len(),
                c.goals.changed.len(),
                c.goals.relinked.len(),
            ],
            "re-linked",
        ),
        (
            "Interactions",
            [
                c.interactions.added.len(),
                c.interactions.removed.len(),
                0,
                0,
            ],
            "",
        ),
        (
            "Check-ins",
            [c.check_ins.added.len(), c.check_ins.removed.len(), 0, 0],
            "",
        ),
    ];
    rows.iter()
        .filter(|(_, n, _)| n.iter().sum::<usize>() > 0)
        .map(|(kind, n, finer)| {
            let parts: Vec<String> = [
                (n[0], "added"),
                (n[1], "removed"),
                (n[2], "changed"),
                (n[3], *finer),
            ]
            .iter()
            .filter(|(k, _)| *k > 0)
            .map(|(k, w)| format!("{} {w}", num(*k)))
            .collect();
            format!("{kind}: {}", parts.join(", "))
        })
        .collect()
}

// ---- the map with change marks --------------------------------------------------------

/// The mark of each kind of change: its tag and colour.
pub fn mark_style(m: ChangeMark) -> (&'static str, &'static str) {
    match m {
        // The app's light theme's colours (ui/src/styles.css --mark-*), so a card marked on
        // screen and in the report looks alike.
        ChangeMark::Added => ("NEW", "#1b6e3a"),
        ChangeMark::Changed => ("CHANGED", "#6a3fb5"),
        ChangeMark::Moved => ("MOVED", "#a1267a"),
        ChangeMark::Relinked => ("RE-LINKED", "#00766c"),
        ChangeMark::Removed => ("REMOVED", "#5b6675"),
    }
}

/// Colour of the tag on a collapsed unit with changes inside it.
const INSIDE_COLOUR: &str = "#37474f";

/// Each card of the after side that changed, with its mark (`compare::card_marks`, the
/// app's map marks).
fn marks(c: &Changes) -> rustc_hash::FxHashMap<&str, ChangeMark> {
    compare::card_marks(c).into_iter().collect()
}

/// The units an entity of `org` sits in, innermost first (a goal: its owner's).
fn units_of(org: &Org, id: &str) -> Vec<String> {
    let map = &*org.map;
    let mut unit = if let Some(g) = goal(org, id) {
        match org.person_index(&g.owner) {
            Some(p) => Some(map.people[p as usize].unit.clone()),
            None => Some(g.owner.clone()),
        }
    } else if let Some(p) = org.person_index(id) {
        Some(map.people[p as usize].unit.clone())
    } else {
        org.unit_index(id)
            .and_then(|u| map.units[u as usize].parent.clone())
    };
    let mut out = Vec::new();
    while let Some(u) = unit {
        if out.contains(&u) {
            break;
        }
        unit = org
            .unit_index(&u)
            .and_then(|i| map.units[i as usize].parent.clone());
        out.push(u);
    }
    out
}

/// The map of the after side with change marks: one picture when the organisation fits,
/// else the overview and the functions with the most changes (at most
/// [`FUNCTION_PICTURES`]); a collapsed unit says how many changes are inside it.
pub fn pictures(before: Side, after: Side) -> Vec<Picture> {
    let changes = compare::changes(before.org, after.org);
    let marked = marks(&changes);
    // Changes inside each unit, for collapsed units.
    let mut inside: rustc_hash::FxHashMap<String, usize> = Default::default();
    for id in marked.keys() {
        for u in units_of(after.org, id) {
            *inside.entry(u).or_default() += 1;
        }
    }
    let mark = |n: &throughline_view::ViewNode| -> Option<CardMark> {
        if let Some(&m) = marked.get(n.id.as_str()) {
            let (label, colour) = mark_style(m);
            return Some(CardMark {
                label: label.to_string(),
                colour,
            });
        }
        let k = *inside.get(&n.id)?;
        n.collapsed.then(|| CardMark {
            label: count(k, "CHANGE INSIDE", "CHANGES INSIDE"),
            colour: INSIDE_COLOUR,
        })
    };
    let draw = |title: String, req: ViewRequest| {
        let view = build_view(after.org, after.analysis, &req);
        let (svg, width, height) = svg::map_svg_marked(&view, &mark);
        Picture {
            title,
            svg,
            width,
            height,
        }
    };
    let full = build_view(
        after.org,
        after.analysis,
        &ViewRequest {
            max_nodes: Some(crate::ONE_PICTURE_MAX as u32),
            ..Default::default()
        },
    );
    if !full.nodes.iter().any(|n| n.collapsed) {
        let (svg, width, height) = svg::map_svg_marked(&full, &mark);
        return vec![Picture {
            title: "The map now, with what changed".into(),
            svg,
            width,
            height,
        }];
    }
    let mut out = vec![draw(
        "Overview: strategy, values and functions".into(),
        ViewRequest {
            max_nodes: Some(crate::OVERVIEW_BUDGET),
            ..Default::default()
        },
    )];
    // Functions (units of kind function) by changes inside, most first.
    let mut functions: Vec<(usize, &throughline_core::model::Unit)> = after
        .org
        .map
        .units
        .iter()
        .filter(|u| u.kind == throughline_core::model::UnitKind::Function)
        .filter_map(|u| {
            let k = inside.get(&u.id).copied().unwrap_or(0)
                + usize::from(marked.contains_key(u.id.as_str()));
            (k > 0).then_some((k, u))
        })
        .collect();
    functions.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    for (k, u) in functions.into_iter().take(FUNCTION_PICTURES) {
        out.push(draw(
            format!("{} ({})", u.name, count(k, "change", "changes")),
            ViewRequest {
                within: Some(u.id.clone()),
                max_nodes: Some(crate::FUNCTION_BUDGET),
                ..Default::default()
            },
        ));
    }
    out
}

// ---- Markdown -------------------------------------------------------------------------

/// The sections, as the contents list them.
pub const SECTIONS: [&str; 6] = [
    "Before and after",
    "What was resolved and what is new",
    "Decisions",
    "Targets agreed",
    "What changed",
    "The map, marked",
];

fn cut_note(shown: usize, total: usize) -> Option<String> {
    (total > shown).then(|| format!("… and {} more.", num(total - shown)))
}

/// The workshop report as Markdown.
pub fn markdown(d: &WorkshopData) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", md(&d.title));
    let _ = writeln!(
        s,
        "**{}** · compared with the snapshot “{}” (saved {}) · as of {} · generated {}\n",
        md(&d.organisation),
        md(&d.snapshot),
        md(&d.snapshot_saved),
        d.as_of,
        d.generated
    );
    s.push_str("## 1. Before and after\n\n");
    let _ = writeln!(
        s,
        "Alignment index **{} → {}**{}.\n",
        d.before.index_text,
        d.after.index_text,
        if d.index_change.is_empty() {
            String::new()
        } else {
            format!(" ({})", d.index_change)
        }
    );
    s.push_str("| | Before | After |\n|---|---:|---:|\n");
    for (what, b, a) in figures_rows(d) {
        let _ = writeln!(s, "| {what} | {b} | {a} |");
    }
    s.push('\n');

    s.push_str("## 2. What was resolved and what is new\n\n");
    let _ = writeln!(
        s,
        "{} resolved, {} new, {} with another severity, {} unchanged.\n",
        count(d.resolved_total, "finding", "findings"),
        num(d.new_total),
        num(d.other_severity_total),
        num(d.kept)
    );
    for (heading, list) in [("Resolved", &d.resolved), ("New", &d.new)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(s, "### {heading}\n");
        for g in list {
            let _ = writeln!(
                s,
                "- **{}** ({}, {})",
                md(&g.rule),
                g.severity.as_str(),
                g.count
            );
            for l in &g.lines {
                let _ = writeln!(s, "  - {}", md(l));
            }
            if let Some(more) = cut_note(g.lines.len(), g.count) {
                let _ = writeln!(s, "  - {more}");
            }
        }
        s.push('\n');
    }
    if !d.other_severity.is_empty() {
        s.push_str("### With another severity\n\n");
        for l in &d.other_severity {
            let _ = writeln!(s, "- {}", md(l));
        }
        if let Some(more) = cut_note(d.other_severity.len(), d.other_severity_total) {
            let _ = writeln!(s, "- {more}");
        }
        s.push('\n');
    }

    s.push_str("## 3. Decisions\n\n");
    if d.decisions.is_empty() {
        s.push_str("No decision was recorded in this period.\n\n");
    }
    for x in &d.decisions {
        decision_md(&mut s, x);
    }
    if d.earlier_decisions > 0 {
        let _ = writeln!(
            s,
            "{} recorded before the snapshot {} not listed.\n",
            count(d.earlier_decisions, "decision", "decisions"),
            if d.earlier_decisions == 1 {
                "is"
            } else {
                "are"
            }
        );
    }

    s.push_str("## 4. Targets agreed\n\n");
    if d.targets.is_empty() {
        s.push_str("No goal was agreed and no target or due date changed.\n\n");
    } else {
        for t in &d.targets {
            let _ = writeln!(s, "- {}", md(t));
        }
        if let Some(more) = cut_note(d.targets.len(), d.targets_total) {
            let _ = writeln!(s, "- {more}");
        }
        s.push('\n');
    }
    if !d.negotiated.is_empty() {
        s.push_str("### How they were negotiated\n\n");
        for n in &d.negotiated {
            let _ = writeln!(s, "- {}", md(&n.goal));
            for step in &n.steps {
                let _ = writeln!(s, "  - {}", md(step));
            }
        }
        if let Some(more) = cut_note(d.negotiated.len(), d.negotiated_total) {
            let _ = writeln!(s, "- {more}");
        }
        s.push('\n');
    }

    s.push_str("## 5. What changed\n\n");
    if d.changes.is_empty() {
        s.push_str("Nothing in the map was added, removed or changed.\n\n");
    } else {
        for c in &d.change_counts {
            let _ = writeln!(s, "- {}", md(c));
        }
        s.push('\n');
        for c in &d.changes {
            let _ = writeln!(s, "- {}", md(&c.text));
        }
        if let Some(more) = cut_note(d.changes.len(), d.changes_total) {
            let _ = writeln!(s, "- {more}");
        }
        s.push('\n');
    }
    s.push_str(
        "## 6. The map, marked\n\nThe map with its changes marked is drawn in the PDF and HTML reports.\n",
    );
    if d.removed_total > 0 {
        s.push_str("\nNot on the map any more:\n\n");
        for r in &d.removed {
            let _ = writeln!(s, "- {}", md(r));
        }
        if let Some(more) = cut_note(d.removed.len(), d.removed_total) {
            let _ = writeln!(s, "- {more}");
        }
    }
    s
}

/// The rows of the before / after table: what, before, after.
fn figures_rows(d: &WorkshopData) -> [(&'static str, String, String); 7] {
    let (b, a) = (&d.before, &d.after);
    [
        (
            "Alignment index",
            b.index_text.clone(),
            a.index_text.clone(),
        ),
        ("Findings", num(b.findings), num(a.findings)),
        ("Errors", num(b.errors), num(a.errors)),
        ("Warnings", num(b.warnings), num(a.warnings)),
        ("Info", num(b.infos), num(a.infos)),
        ("People", num(b.people), num(a.people)),
        ("Goals", num(b.goals), num(a.goals)),
    ]
}

fn decision_md(s: &mut String, x: &Decision) {
    let _ = writeln!(s, "### {} — {}\n", md(&x.date), md(&x.statement));
    if !x.rationale.is_empty() {
        let _ = writeln!(s, "**Why:** {}\n", md(&x.rationale));
    }
    if !x.people.is_empty() {
        let _ = writeln!(s, "**Taken by:** {}\n", md(&x.people.join(", ")));
    }
    if !x.concerns.is_empty() {
        let _ = writeln!(s, "**Concerns:** {}\n", md(&x.concerns.join("; ")));
    }
}

/// The ordinary report's decisions section in Markdown (`n`: its number).
pub fn decisions_markdown(s: &mut String, n: usize, decisions: &[Decision]) {
    let _ = writeln!(s, "## {n}. Decisions\n");
    for x in decisions {
        decision_md(s, x);
    }
}

// ---- HTML -----------------------------------------------------------------------------

/// The workshop report's CSS, also the decisions section's in the alignment report.
pub(crate) const CSS: &str = r#"
.ba { display: grid; grid-template-columns: 1fr auto 1fr; gap: 18px; align-items: center; margin: 18px 0; max-width: 620px; }
.ba .side { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; }
.ba .side b { display: block; font-size: 30px; color: var(--navy); line-height: 1.1; }
.ba .side span { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.ba .arrow { font-size: 28px; color: var(--muted); text-align: center; }
.ba .arrow small { display: block; font-size: 13px; color: var(--ink); }
.decision { border: 1px solid var(--line); border-left: 5px solid var(--navy); border-radius: 6px; padding: 8px 16px; margin: 12px 0; }
.decision h3 { margin: 4px 0 6px; font-size: 16px; }
.decision .date { color: var(--muted); font-weight: normal; font-size: 13px; margin-right: 8px; }
.mark { display: inline-block; border-radius: 8px; padding: 0 7px; font-size: 10.5px; font-weight: bold; color: #fff; letter-spacing: .03em; margin-right: 6px; }
ul.changes { list-style: none; padding-left: 0; }
ul.changes li { margin: 3px 0; }
.marks-legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 8px 0; font-size: 13px; }
"#;

fn mark_chip(m: ChangeMark) -> String {
    let (label, colour) = mark_style(m);
    format!(r#"<span class="mark" style="background:{colour}">{label}</span>"#)
}

fn html_more(shown: usize, total: usize) -> String {
    cut_note(shown, total)
        .map(|m| format!("<li class=\"meta\">{m}</li>"))
        .unwrap_or_default()
}

fn decision_html(s: &mut String, x: &Decision) {
    let _ = write!(
        s,
        r#"<div class="decision"><h3><span class="date">{}</span>{}</h3>"#,
        esc(&x.date),
        esc(&x.statement)
    );
    if !x.rationale.is_empty() {
        let _ = write!(s, "<p><b>Why:</b> {}</p>", esc(&x.rationale));
    }
    if !x.people.is_empty() {
        let _ = write!(s, "<p><b>Taken by:</b> {}</p>", esc(&x.people.join(", ")));
    }
    if !x.concerns.is_empty() {
        let _ = write!(s, "<p><b>Concerns:</b> {}</p>", esc(&x.concerns.join("; ")));
    }
    s.push_str("</div>");
}

/// The ordinary report's decisions section in HTML (`n`: its number).
pub fn decisions_html(s: &mut String, n: usize, decisions: &[Decision]) {
    let _ = write!(s, r#"<h2 id="decisions">{n}. Decisions</h2>"#);
    for x in decisions {
        decision_html(s, x);
    }
}

/// The workshop report as one HTML file (the ordinary report's page and CSS, and the same
/// Content-Security-Policy: no scripts, no requests).
pub fn html(d: &WorkshopData, pictures: &[Picture]) -> String {
    let mut s = crate::html::head(&d.title, &d.organisation, CSS);
    let _ = write!(
        s,
        r#"<section class="cover"><h1>{}</h1><div class="org">{}</div><div class="meta">Compared with the snapshot “{}” (saved {}) · as of {} · generated {}</div></section>"#,
        esc(&d.title),
        esc(&d.organisation),
        esc(&d.snapshot),
        esc(&d.snapshot_saved),
        esc(&d.as_of),
        esc(&d.generated)
    );
    s.push_str(r#"<nav aria-label="Contents"><h3>Contents</h3><ol>"#);
    for (i, t) in SECTIONS.iter().enumerate() {
        let _ = write!(s, r##"<li><a href="#s{}">{t}</a></li>"##, i + 1);
    }
    s.push_str("</ol></nav>");

    let _ = write!(
        s,
        r#"<h2 id="s1">1. Before and after</h2><div class="ba"><div class="side"><b>{}</b><span>alignment index before</span></div><div class="arrow">→<small>{}</small></div><div class="side"><b>{}</b><span>alignment index after</span></div></div>"#,
        esc(&d.before.index_text),
        esc(&d.index_change),
        esc(&d.after.index_text)
    );
    s.push_str(r#"<table style="max-width:620px"><thead><tr><th></th><th class="n">Before</th><th class="n">After</th></tr></thead><tbody>"#);
    for (what, b, a) in figures_rows(d) {
        let _ = write!(
            s,
            r#"<tr><td>{what}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
            esc(&b),
            esc(&a)
        );
    }
    s.push_str("</tbody></table>");

    let _ = write!(
        s,
        r#"<h2 id="s2">2. What was resolved and what is new</h2><p>{} resolved, {} new, {} with another severity, {} unchanged.</p>"#,
        count(d.resolved_total, "finding", "findings"),
        num(d.new_total),
        num(d.other_severity_total),
        num(d.kept)
    );
    for (heading, list) in [("Resolved", &d.resolved), ("New", &d.new)] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(s, "<h3>{heading}</h3><ul>");
        for g in list {
            let _ = write!(
                s,
                r#"<li><span class="sev" style="background:{}">{}</span> <b>{}</b> ({})<ul>"#,
                svg::severity_colour(g.severity),
                g.severity.as_str(),
                esc(&g.rule),
                num(g.count)
            );
            for l in &g.lines {
                let _ = write!(s, "<li>{}</li>", esc(l));
            }
            s.push_str(&html_more(g.lines.len(), g.count));
            s.push_str("</ul></li>");
        }
        s.push_str("</ul>");
    }
    if !d.other_severity.is_empty() {
        s.push_str("<h3>With another severity</h3><ul>");
        for l in &d.other_severity {
            let _ = write!(s, "<li>{}</li>", esc(l));
        }
        s.push_str(&html_more(d.other_severity.len(), d.other_severity_total));
        s.push_str("</ul>");
    }

    s.push_str(r#"<h2 id="s3">3. Decisions</h2>"#);
    if d.decisions.is_empty() {
        s.push_str("<p>No decision was recorded in this period.</p>");
    }
    for x in &d.decisions {
        decision_html(&mut s, x);
    }
    if d.earlier_decisions > 0 {
        let _ = write!(
            s,
            r#"<p class="meta">{} recorded before the snapshot {} not listed.</p>"#,
            count(d.earlier_decisions, "decision", "decisions"),
            if d.earlier_decisions == 1 {
                "is"
            } else {
                "are"
            }
        );
    }

    s.push_str(r#"<h2 id="s4">4. Targets agreed</h2>"#);
    if d.targets.is_empty() {
        s.push_str("<p>No goal was agreed and no target or due date changed.</p>");
    } else {
        s.push_str("<ul>");
        for t in &d.targets {
            let _ = write!(s, "<li>{}</li>", esc(t));
        }
        s.push_str(&html_more(d.targets.len(), d.targets_total));
        s.push_str("</ul>");
    }
    if !d.negotiated.is_empty() {
        s.push_str("<h3>How they were negotiated</h3><ul>");
        for n in &d.negotiated {
            let _ = write!(s, "<li>{}<ul>", esc(&n.goal));
            for step in &n.steps {
                let _ = write!(s, "<li>{}</li>", esc(step));
            }
            s.push_str("</ul></li>");
        }
        s.push_str(&html_more(d.negotiated.len(), d.negotiated_total));
        s.push_str("</ul>");
    }

    s.push_str(r#"<h2 id="s5">5. What changed</h2>"#);
    if d.changes.is_empty() {
        s.push_str("<p>Nothing in the map was added, removed or changed.</p>");
    } else {
        s.push_str("<p>");
        s.push_str(
            &d.change_counts
                .iter()
                .map(|c| esc(c))
                .collect::<Vec<_>>()
                .join(" · "),
        );
        s.push_str(r#"</p><ul class="changes">"#);
        for c in &d.changes {
            let _ = write!(s, "<li>{}{}</li>", mark_chip(c.mark), esc(&c.text));
        }
        s.push_str(&html_more(d.changes.len(), d.changes_total));
        s.push_str("</ul>");
    }

    s.push_str(r#"<h2 id="s6">6. The map, marked</h2><p>The map as it is now. Cards added, changed, moved or re-linked since the snapshot carry a mark; a collapsed unit says how many changes are inside it. Wide pictures scroll sideways.</p><div class="marks-legend">"#);
    for m in [
        ChangeMark::Added,
        ChangeMark::Changed,
        ChangeMark::Moved,
        ChangeMark::Relinked,
    ] {
        s.push_str(&mark_chip(m));
    }
    let _ = write!(
        s,
        r#"<span class="mark" style="background:{INSIDE_COLOUR}">N CHANGES INSIDE</span></div><div class="legend">{}</div>"#,
        svg::legend_svg()
    );
    for p in pictures {
        let _ = write!(
            s,
            r#"<h3>{}</h3><figure class="map"><div class="scroll">{}</div></figure>"#,
            esc(&p.title),
            p.svg
        );
    }
    if d.removed_total > 0 {
        s.push_str("<h3>Not on the map any more</h3><ul>");
        for r in &d.removed {
            let _ = write!(s, "<li>{}</li>", esc(r));
        }
        s.push_str(&html_more(d.removed.len(), d.removed_total));
        s.push_str("</ul>");
    }
    s.push_str("<footer>Made with Throughline. Both sides are checked as of the same date, so every number here is what <code>throughline compare</code> gives for them.</footer></main></body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Taken on or after the snapshot's day, or recorded after it: the workshop's.
    #[test]
    fn a_decision_is_of_the_period_by_its_date_or_when_it_was_recorded() {
        let since = "2026-11-27T09:30:00.123+00:00";
        // Taken that day, before the snapshot was saved: the day counts.
        assert!(in_period("2026-11-27", "2026-11-27T08:00:00+00:00", since));
        // Back-dated, but recorded in the workshop.
        assert!(in_period("2026-11-20", "2026-11-27T10:00:00+00:00", since));
        // A fraction of a second later, written with other precision.
        assert!(in_period(
            "2026-11-20",
            "2026-11-27T09:30:00.5+00:00",
            since
        ));
        // Earlier on both counts.
        assert!(!in_period("2026-11-20", "2026-11-27T09:30:00+00:00", since));
        assert!(!in_period("2026-01-05", "2026-01-05T12:00:00Z", since));
    }

    #[test]
    fn marks_have_distinct_tags_and_colours() {
        let all = [
            ChangeMark::Added,
            ChangeMark::Changed,
            ChangeMark::Moved,
            ChangeMark::Relinked,
            ChangeMark::Removed,
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                let (x, y) = (mark_style(*a), mark_style(*b));
                assert!(x.0 != y.0 && x.1 != y.1, "{a:?} and {b:?}");
            }
        }
    }
}
