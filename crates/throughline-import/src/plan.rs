//! The plan of an import: tables and a base map in, the resulting map and its change set
//! out (or every problem).

pub use crate::changes::FieldChanges;
use crate::changes::{
    AddedUnit, ChangeSet, Missing, MissingGoal, Named, Titled, UpdatedGoal, UpdatedPerson,
};
use crate::goals::{self, GoalsOutcome};
use crate::headers::{self, ColumnOverride, Field, Mapping, TableKind};
use crate::identity::Ids;
use crate::people::{self, PeopleOutcome, PersonFinder};
use crate::problem::{Problem, TableRef};
use crate::read::{FileKind, Table};
use crate::units::{path_text, UnitTree};
use crate::values::DateOrder;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use throughline_core::Map;

/// How to read the tables: the CLI's options, and the app's per-table mapping.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportOptions {
    /// The organisation's name (`--organisation`).
    pub organisation: Option<String>,
    /// `--column FIELD=HEADER` and `--column HEADER=ignore`, in order (a later one wins).
    pub columns: Vec<ColumnOverride>,
    /// `--levels H1,H2,...`: the unit level columns, top first.
    pub levels: Option<Vec<String>>,
    /// `--date-order`; `None`: inferred per column.
    pub date_order: Option<DateOrder>,
    /// `--decimal-comma`: `,` is the decimal separator of targets.
    pub decimal_comma: bool,
    /// `--remove-missing`: delete what the tables no longer mention.
    pub remove_missing: bool,
}

/// The result: the whole new map (valid) and what changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub map: Map,
    pub changes: ChangeSet,
}

/// What became of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowOutcome {
    Added,
    Updated,
    Unchanged,
    /// The row has a problem.
    Rejected,
}

/// One of a table's first rows, as it will become a person or a goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviewRow {
    pub row: u32,
    /// The map id of the person or goal it gives.
    pub id: Option<String>,
    pub outcome: RowOutcome,
    /// Field name → the cell's text.
    pub values: BTreeMap<String, String>,
}

/// How a table was read: its kind, its mapping and a preview of its first rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableInfo {
    pub file_kind: FileKind,
    pub mapping: Mapping,
    /// Data rows (below the header row, not blank).
    pub data_rows: usize,
    pub preview: Vec<PreviewRow>,
}

/// Everything an import wizard shows: each table, every problem, and the plan when there
/// is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub tables: Vec<TableInfo>,
    pub problems: Vec<Problem>,
    pub plan: Option<Plan>,
}

/// How many rows a table's preview shows.
pub const PREVIEW_ROWS: usize = 20;

/// Where the entities of the new map come from: the table (with the headers of its
/// fields) and the row, by entity id. Built only when the map format's validation finds
/// something to place.
#[derive(Default)]
pub(crate) struct Origins<'r> {
    tables: Vec<(TableRef, FxHashMap<Field, String>)>,
    table_of: FxHashMap<usize, usize>,
    by_id: FxHashMap<&'r str, (usize, u32)>,
}

impl<'r> Origins<'r> {
    /// The rows that became people and goals (a goal row without an owner did not).
    fn of(people: &'r [people::PersonRow], goals: &'r [goals::GoalRow]) -> Self {
        let mut o = Origins::default();
        for r in people {
            o.add(&r.id, r.src, r.row, r.mapping);
        }
        for r in goals.iter().filter(|r| r.owner.is_some()) {
            o.add(&r.id, r.src, r.row, r.mapping);
        }
        o
    }

    fn add(&mut self, id: &'r str, src: &TableRef, row: u32, m: &Mapping) {
        let key = m as *const Mapping as usize;
        let t = match self.table_of.get(&key) {
            Some(&t) => t,
            None => {
                let headers = m
                    .columns
                    .iter()
                    .filter_map(|c| c.field.map(|f| (f, c.header.clone())))
                    .collect();
                self.tables.push((src.clone(), headers));
                self.table_of.insert(key, self.tables.len() - 1);
                self.tables.len() - 1
            }
        };
        self.by_id.insert(id, (t, row));
    }

    fn get(&self, id: &str) -> Option<(&TableRef, u32, &FxHashMap<Field, String>)> {
        let &(t, row) = self.by_id.get(id)?;
        let (src, headers) = &self.tables[t];
        Some((src, row, headers))
    }
}

/// The state of a plan being made.
pub(crate) struct Ctx<'a> {
    pub base: &'a Map,
    pub opts: &'a ImportOptions,
    pub map: Map,
    pub ids: Ids,
    pub units: UnitTree,
    pub problems: Vec<Problem>,
    pub measures_added: Vec<usize>,
}

/// Plan an import of `tables` into `base` (an empty map to create a workspace).
pub fn plan(tables: &[Table], base: &Map, opts: &ImportOptions) -> Result<Plan, Vec<Problem>> {
    let a = analyse(tables, base, opts);
    a.plan.ok_or(a.problems)
}

fn file_stem(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => base.to_string(),
    }
}

/// Read the tables, plan the import, and say how each table was understood.
pub fn analyse(tables: &[Table], base: &Map, opts: &ImportOptions) -> Analysis {
    let mut problems = Vec::new();
    let mappings: Vec<Mapping> = tables
        .iter()
        .map(|t| headers::map_table(t, &opts.columns, opts.levels.as_deref(), &mut problems))
        .collect();
    let mut changes = ChangeSet::default();
    for m in &mappings {
        changes
            .ignored_columns
            .extend(m.ignored().map(|h| format!("{}: {h}", m.source)));
        if m.kind == TableKind::Goals && m.column(Field::Title).is_none() {
            problems.push(Problem::table(
                &m.source,
                format!(
                    "no recognised title column (headers: {}); name it with --column title=HEADER",
                    headers::header_list(m)
                ),
            ));
        }
    }
    let has = |k| mappings.iter().any(|m| m.kind == k);
    let (has_people, has_goals) = (has(TableKind::People), has(TableKind::Goals));
    for (t, m) in tables
        .iter()
        .zip(&mappings)
        .filter(|(_, m)| m.kind == TableKind::Skipped)
    {
        changes.skipped_tables.push(m.source.label());
        if !has_people && !has_goals {
            problems.push(no_table_problem(t, m));
        }
    }
    if tables.is_empty() {
        problems.push(Problem::file("", "no table to import"));
    }

    let org_name = opts
        .organisation
        .clone()
        .filter(|n| !n.trim().is_empty())
        .or_else(|| Some(base.organisation.name.clone()).filter(|n| !n.trim().is_empty()))
        .unwrap_or_else(|| {
            tables
                .first()
                .map(|t| file_stem(&t.source.file))
                .unwrap_or_default()
        });
    let mut map = base.clone();
    let mut ids = Ids::new(base);
    let units = UnitTree::new(&mut map, &mut ids, &org_name);
    map.organisation.name = org_name.clone();
    if opts.organisation.is_some() {
        map.units[units.root].name = org_name.clone();
    }
    let mut ctx = Ctx {
        base,
        opts,
        map,
        ids,
        units,
        problems,
        measures_added: Vec::new(),
    };

    let mut person_rows = Vec::new();
    for (t, m) in tables
        .iter()
        .zip(&mappings)
        .filter(|(_, m)| m.kind == TableKind::People)
    {
        person_rows.extend(people::read_rows(t, m, &mut ctx.problems));
    }
    people::check_duplicates(&person_rows, &mut ctx.problems);
    people::match_base(&mut person_rows, base, &mut ctx.problems);
    let people_out = people::apply(&mut ctx, &mut person_rows);

    let mut goal_rows = Vec::new();
    for (t, m) in tables
        .iter()
        .zip(&mappings)
        .filter(|(_, m)| m.kind == TableKind::Goals && m.column(Field::Title).is_some())
    {
        goal_rows.extend(goals::read_rows(t, m, &mut ctx.problems));
    }
    goals::check_duplicates(&goal_rows, &mut ctx.problems);
    let finder = PersonFinder::new(&person_rows, &ctx.map);
    goals::resolve_owners_and_match(&mut ctx, &finder, &mut goal_rows);
    let goals_out = goals::apply(&mut ctx, &finder, &goal_rows);

    fill_changes(&ctx, &people_out, &goals_out, &mut changes);
    let removed = missing(
        &mut ctx,
        &people_out,
        &goals_out,
        has_people,
        has_goals,
        &mut changes,
    );
    remove(&mut ctx.map, &removed);

    if ctx.problems.is_empty() {
        let found = throughline_core::validate::validate(&ctx.map);
        if !found.is_empty() {
            let origins = Origins::of(&person_rows, &goal_rows);
            for p in found {
                ctx.problems.push(translate(&ctx, &origins, &p, tables));
            }
        }
    }

    let rejected: FxHashSet<(&str, Option<&str>, u32)> = ctx
        .problems
        .iter()
        .filter_map(|p| p.row.map(|r| (p.file.as_str(), p.sheet.as_deref(), r)))
        .collect();
    let outcome = |src: &TableRef, row: u32, base: Option<usize>, updated: &FxHashSet<usize>| {
        if rejected.contains(&(src.file.as_str(), src.sheet.as_deref(), row)) {
            RowOutcome::Rejected
        } else {
            match base {
                None => RowOutcome::Added,
                Some(b) if updated.contains(&b) => RowOutcome::Updated,
                Some(_) => RowOutcome::Unchanged,
            }
        }
    };
    let people_updated: FxHashSet<usize> = people_out.updated.iter().map(|(b, _)| *b).collect();
    let goals_updated: FxHashSet<usize> = goals_out.updated.iter().map(|(b, _)| *b).collect();
    // Only the rows the previews show: the last row number each table's preview reaches.
    let shown_to: FxHashMap<&TableRef, u32> = tables
        .iter()
        .zip(&mappings)
        .map(|(t, m)| {
            let header = m.header_row.unwrap_or(u32::MAX);
            let last = t
                .rows
                .iter()
                .filter(|r| r.number > header && !r.is_blank())
                .nth(PREVIEW_ROWS - 1)
                .map_or(u32::MAX, |r| r.number);
            (&t.source, last)
        })
        .collect();
    let shown = |src: &TableRef, row: u32| shown_to.get(src).is_some_and(|&l| row <= l);
    let mut ids_by_row: FxHashMap<(&TableRef, u32), (String, RowOutcome)> = FxHashMap::default();
    for r in person_rows.iter().filter(|r| shown(r.src, r.row)) {
        ids_by_row.insert(
            (r.src, r.row),
            (r.id.clone(), outcome(r.src, r.row, r.base, &people_updated)),
        );
    }
    for r in goal_rows.iter().filter(|r| shown(r.src, r.row)) {
        ids_by_row.insert(
            (r.src, r.row),
            (r.id.clone(), outcome(r.src, r.row, r.base, &goals_updated)),
        );
    }
    let infos = tables
        .iter()
        .zip(mappings.iter().cloned())
        .map(|(t, m)| table_info(t, m, &ids_by_row, &rejected))
        .collect();
    let mut problems = std::mem::take(&mut ctx.problems);
    // In the order of the files, their sheets and rows (table problems first).
    let order: FxHashMap<(&str, Option<&str>), usize> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| ((t.source.file.as_str(), t.source.sheet.as_deref()), i))
        .collect();
    let file_order: FxHashMap<&str, usize> = tables
        .iter()
        .enumerate()
        .rev()
        .map(|(i, t)| (t.source.file.as_str(), i))
        .collect();
    problems.sort_by_key(|p| {
        let t = order
            .get(&(p.file.as_str(), p.sheet.as_deref()))
            .or_else(|| file_order.get(p.file.as_str()))
            .copied()
            .unwrap_or(usize::MAX);
        (t, p.row)
    });
    let plan = problems.is_empty().then_some(Plan {
        map: ctx.map,
        changes,
    });
    Analysis {
        tables: infos,
        problems,
        plan,
    }
}

fn table_info(
    t: &Table,
    m: Mapping,
    ids: &FxHashMap<(&TableRef, u32), (String, RowOutcome)>,
    rejected: &FxHashSet<(&str, Option<&str>, u32)>,
) -> TableInfo {
    let header = m.header_row.unwrap_or(u32::MAX);
    let data: Vec<&crate::read::Row> = t
        .rows
        .iter()
        .filter(|r| r.number > header && !r.is_blank())
        .collect();
    let preview = data
        .iter()
        .take(PREVIEW_ROWS)
        .map(|r| {
            let values = m
                .columns
                .iter()
                .filter_map(|c| {
                    c.field
                        .map(|f| (f.name(), r.get(c.index).text().into_owned()))
                })
                .collect();
            let (id, outcome) = match ids.get(&(&t.source, r.number)) {
                Some((id, o)) => (Some(id.clone()), *o),
                None => (None, RowOutcome::Rejected),
            };
            let outcome = if rejected.contains(&(
                t.source.file.as_str(),
                t.source.sheet.as_deref(),
                r.number,
            )) {
                RowOutcome::Rejected
            } else {
                outcome
            };
            PreviewRow {
                row: r.number,
                id,
                outcome,
                values,
            }
        })
        .collect();
    TableInfo {
        file_kind: t.file_kind,
        data_rows: data.len(),
        preview,
        mapping: m,
    }
}

fn no_table_problem(t: &Table, m: &Mapping) -> Problem {
    let seen = if m.header_row.is_some() {
        headers::header_list(m)
    } else {
        t.rows
            .iter()
            .find(|r| !r.is_blank())
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.text())
                    .filter(|s| !s.is_empty())
                    .map(|s| format!("\"{s}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_else(|| "none".into())
    };
    Problem::table(
        &m.source,
        format!(
            "no recognised name or title column (headers seen: {seen}); name them with --column name=HEADER for people, or --column title=HEADER and --column owner=HEADER for goals"
        ),
    )
}

fn fill_changes(ctx: &Ctx, p: &PeopleOutcome, g: &GoalsOutcome, c: &mut ChangeSet) {
    let map = &ctx.map;
    c.people.added = p
        .added
        .iter()
        .map(|&i| Named {
            id: map.people[i].id.clone(),
            name: map.people[i].name.clone(),
        })
        .collect();
    c.people.updated = p
        .updated
        .iter()
        .map(|(i, ch)| UpdatedPerson {
            id: map.people[*i].id.clone(),
            name: map.people[*i].name.clone(),
            changes: ch.clone(),
        })
        .collect();
    c.people.unchanged = p.unchanged;
    c.units.added = ctx
        .units
        .added
        .iter()
        .map(|&i| AddedUnit {
            id: map.units[i].id.clone(),
            name: map.units[i].name.clone(),
            path: path_text(ctx.units.path(i)),
        })
        .collect();
    c.goals.added = g
        .added
        .iter()
        .map(|&i| Titled {
            id: map.goals[i].id.clone(),
            title: map.goals[i].title.clone(),
        })
        .collect();
    c.goals.updated = g
        .updated
        .iter()
        .map(|(i, ch)| UpdatedGoal {
            id: map.goals[*i].id.clone(),
            title: map.goals[*i].title.clone(),
            changes: ch.clone(),
        })
        .collect();
    c.goals.unchanged = g.unchanged;
    c.measures.added = ctx
        .measures_added
        .iter()
        .map(|&i| Named {
            id: map.measures[i].id.clone(),
            name: map.measures[i].name.clone(),
        })
        .collect();
}

/// Ids to remove, by kind.
#[derive(Default)]
struct Removed {
    people: FxHashSet<String>,
    units: FxHashSet<String>,
    goals: FxHashSet<String>,
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// List the missing entities; with remove-missing, choose those that can go (the others
/// are kept, with the reason).
fn missing(
    ctx: &mut Ctx,
    p: &PeopleOutcome,
    g: &GoalsOutcome,
    has_people: bool,
    has_goals: bool,
    c: &mut ChangeSet,
) -> Removed {
    let base = ctx.base;
    let map = &ctx.map;
    let remove = ctx.opts.remove_missing;
    let mut out = Removed::default();
    let mut goal_refused: FxHashMap<String, String> = FxHashMap::default();
    let missing_goals: Vec<usize> = if has_goals {
        (0..base.goals.len())
            .filter(|i| !g.matched.contains(i))
            .collect()
    } else {
        Vec::new()
    };
    if remove {
        for &i in &missing_goals {
            let id = &base.goals[i].id;
            if g.supported.contains(id) {
                goal_refused.insert(id.clone(), "a goal of the file supports it".into());
            } else {
                out.goals.insert(id.clone());
            }
        }
    }
    let missing_people: Vec<usize> = if has_people {
        (0..base.people.len())
            .filter(|i| !p.matched.contains(i))
            .collect()
    } else {
        Vec::new()
    };
    let mut person_refused: FxHashMap<String, String> = FxHashMap::default();
    if remove {
        let mut cand: FxHashSet<&str> = missing_people
            .iter()
            .map(|&i| base.people[i].id.as_str())
            .collect();
        let mut goals_of: FxHashMap<&str, usize> = FxHashMap::default();
        for goal in map.goals.iter().filter(|x| !out.goals.contains(&x.id)) {
            *goals_of.entry(goal.owner.as_str()).or_default() += 1;
            if let Some(s) = goal.set_by.as_deref().filter(|s| *s != goal.owner) {
                *goals_of.entry(s).or_default() += 1;
            }
        }
        let mut check_ins_with: FxHashMap<&str, usize> = FxHashMap::default();
        for ci in &map.check_ins {
            if let Some(w) = ci.with.as_deref() {
                *check_ins_with.entry(w).or_default() += 1;
            }
        }
        loop {
            let mut reports: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
            for person in map.people.iter().filter(|x| !cand.contains(x.id.as_str())) {
                if let Some(m) = person.manager.as_deref() {
                    reports.entry(m).or_default().push(&person.name);
                }
            }
            let mut dropped = Vec::new();
            for &id in &cand {
                let mut why = Vec::new();
                if let Some(&n) = goals_of.get(id) {
                    why.push(format!(
                        "owns or set {} that stay",
                        count(n, "goal", "goals")
                    ));
                }
                if let Some(r) = reports.get(id) {
                    why.push(format!(
                        "manages {} who stay{}",
                        r.iter().take(3).copied().collect::<Vec<_>>().join(", "),
                        if r.len() > 3 {
                            format!(" and {} more", r.len() - 3)
                        } else {
                            String::new()
                        }
                    ));
                }
                if let Some(&n) = check_ins_with.get(id) {
                    why.push(format!(
                        "held {} with others",
                        count(n, "check-in", "check-ins")
                    ));
                }
                if !why.is_empty() {
                    person_refused.insert(id.to_string(), why.join("; "));
                    dropped.push(id);
                }
            }
            if dropped.is_empty() {
                break;
            }
            for id in dropped {
                cand.remove(id);
            }
        }
        out.people = cand.into_iter().map(str::to_string).collect();
    }
    let missing_units: Vec<usize> = if has_people {
        (0..base.units.len())
            .filter(|i| !ctx.units.mentioned.contains(i))
            .collect()
    } else {
        Vec::new()
    };
    let mut unit_refused: FxHashMap<String, String> = FxHashMap::default();
    if remove {
        let mut cand: FxHashSet<&str> = missing_units
            .iter()
            .map(|&i| base.units[i].id.as_str())
            .collect();
        let mut people_in: FxHashMap<&str, usize> = FxHashMap::default();
        for person in map.people.iter().filter(|x| !out.people.contains(&x.id)) {
            *people_in.entry(person.unit.as_str()).or_default() += 1;
        }
        let mut goals_of: FxHashMap<&str, usize> = FxHashMap::default();
        for goal in map.goals.iter().filter(|x| !out.goals.contains(&x.id)) {
            *goals_of.entry(goal.owner.as_str()).or_default() += 1;
            if let Some(s) = goal.set_by.as_deref().filter(|s| *s != goal.owner) {
                *goals_of.entry(s).or_default() += 1;
            }
        }
        loop {
            let mut children: FxHashMap<&str, usize> = FxHashMap::default();
            for u in map.units.iter().filter(|u| !cand.contains(u.id.as_str())) {
                if let Some(p) = u.parent.as_deref() {
                    *children.entry(p).or_default() += 1;
                }
            }
            let mut dropped = Vec::new();
            for &id in &cand {
                let mut why = Vec::new();
                if let Some(&n) = people_in.get(id) {
                    why.push(format!("holds {} who stay", count(n, "person", "people")));
                }
                if let Some(&n) = children.get(id) {
                    why.push(format!("holds {} that stay", count(n, "unit", "units")));
                }
                if let Some(&n) = goals_of.get(id) {
                    why.push(format!(
                        "owns or set {} that stay",
                        count(n, "goal", "goals")
                    ));
                }
                if map.organisation.focus_function.as_deref() == Some(id) {
                    why.push("is the organisation's focus function".into());
                }
                if !why.is_empty() {
                    unit_refused.insert(id.to_string(), why.join("; "));
                    dropped.push(id);
                }
            }
            if dropped.is_empty() {
                break;
            }
            for id in dropped {
                cand.remove(id);
            }
        }
        out.units = cand.into_iter().map(str::to_string).collect();
    }
    c.people.missing = missing_people
        .iter()
        .map(|&i| {
            let x = &base.people[i];
            Missing {
                id: x.id.clone(),
                name: x.name.clone(),
                refused: person_refused.get(&x.id).cloned(),
            }
        })
        .collect();
    c.units.missing = missing_units
        .iter()
        .map(|&i| {
            let x = &base.units[i];
            Missing {
                id: x.id.clone(),
                name: x.name.clone(),
                refused: unit_refused.get(&x.id).cloned(),
            }
        })
        .collect();
    c.units.unchanged = (0..base.units.len())
        .filter(|i| ctx.units.mentioned.contains(i))
        .count();
    if !has_people {
        c.units.unchanged = 0;
    }
    c.goals.missing = missing_goals
        .iter()
        .map(|&i| {
            let x = &base.goals[i];
            MissingGoal {
                id: x.id.clone(),
                title: x.title.clone(),
                refused: goal_refused.get(&x.id).cloned(),
            }
        })
        .collect();
    out
}

/// Remove what `missing` chose: goals (unlinked from the goals that support them),
/// people (with their own check-ins), units.
fn remove(map: &mut Map, r: &Removed) {
    if !r.goals.is_empty() {
        map.goals.retain(|g| !r.goals.contains(&g.id));
        for g in &mut map.goals {
            if let Some(list) = &mut g.supports {
                list.retain(|s| !r.goals.contains(s));
                if list.is_empty() {
                    g.supports = None;
                }
            }
        }
    }
    if !r.people.is_empty() {
        map.people.retain(|p| !r.people.contains(&p.id));
        map.check_ins.retain(|c| !r.people.contains(&c.person));
    }
    if !r.units.is_empty() {
        map.units.retain(|u| !r.units.contains(&u.id));
    }
}

/// A problem of the map format's validation, in the import's terms: at the row the
/// entity comes from.
fn translate(
    ctx: &Ctx,
    origins: &Origins,
    p: &throughline_core::Problem,
    tables: &[Table],
) -> Problem {
    let path = p.path.as_str();
    let section = path.split('[').next().unwrap_or("");
    let index: Option<usize> = path
        .split_once('[')
        .and_then(|(_, rest)| rest.split(']').next())
        .and_then(|n| n.parse().ok());
    let field = path
        .split_once("].")
        .map(|(_, f)| f.split(['[', '.']).next().unwrap_or(f))
        .unwrap_or("");
    let id = match (section, index) {
        ("people", Some(i)) => ctx.map.people.get(i).map(|x| x.id.as_str()),
        ("goals", Some(i)) => ctx.map.goals.get(i).map(|x| x.id.as_str()),
        _ => None,
    };
    let origin = id.and_then(|id| origins.get(id));
    match origin {
        Some((src, row, headers)) => {
            let f = match (section, field) {
                ("people", "manager") => [Field::ManagerId, Field::ManagerEmail, Field::Manager]
                    .into_iter()
                    .find(|f| headers.contains_key(f)),
                ("people", "unit") => [Field::UnitPath, Field::Level(0)]
                    .into_iter()
                    .find(|f| headers.contains_key(f)),
                ("people", "id") => Some(Field::PersonId),
                ("goals", "id") => Some(Field::GoalId),
                ("goals", "owner") => Some(Field::Owner),
                ("goals", "set_by") => Some(Field::SetBy),
                ("goals", "measure") => Some(Field::Measure),
                ("goals", "target") => Some(Field::Target),
                ("goals", "supports") => Some(Field::Supports),
                ("goals", "values") => Some(Field::Values),
                _ => None,
            };
            let header = f.and_then(|f| headers.get(&f)).map(String::as_str);
            Problem::cell(src, row, header, p.message.clone())
        }
        None => Problem::file(
            tables.first().map(|t| t.source.file.as_str()).unwrap_or(""),
            format!("the result would not be a valid map: {p}"),
        ),
    }
}
