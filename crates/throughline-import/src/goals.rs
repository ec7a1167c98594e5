//! Goals tables: rows into goals, matched with the workspace's, with owners, setters,
//! measures (the workspace's, the library's, or new), targets, dates, statuses, supports
//! and values.

use crate::headers::{Field, Mapping};
use crate::identity::{derived, name_key};
use crate::people::{Lookup, PersonFinder};
use crate::plan::{Ctx, FieldChanges};
use crate::problem::{Problem, TableRef};
use crate::read::{Cell, Row, Table};
use crate::values::{self, ColumnOrder};
use rustc_hash::{FxHashMap, FxHashSet};
use throughline_core::library::MeasureLibrary;
use throughline_core::model::{Goal, Level, Measure, MeasureKind, Status};

/// One goal's row, read.
pub(crate) struct GoalRow<'t> {
    pub src: &'t TableRef,
    pub mapping: &'t Mapping,
    pub row: u32,
    cells: &'t Row,
    pub hr_id: String,
    pub title: String,
    /// The owner's map id, once resolved.
    pub owner: Option<String>,
    pub base: Option<usize>,
    pub id: String,
}

impl GoalRow<'_> {
    fn cell(&self, f: Field) -> Option<&Cell> {
        self.mapping.column(f).map(|c| self.cells.get(c.index))
    }
    fn header(&self, f: Field) -> Option<&str> {
        self.mapping.header(f)
    }
    fn problem(&self, f: Field, message: impl Into<String>) -> Problem {
        Problem::cell(self.src, self.row, self.header(f), message)
    }
}

/// Read a goals table's data rows (a missing title or owner is a problem).
pub(crate) fn read_rows<'t>(
    table: &'t Table,
    m: &'t Mapping,
    problems: &mut Vec<Problem>,
) -> Vec<GoalRow<'t>> {
    let src = &table.source;
    let header_row = m.header_row.unwrap_or(0);
    let mut out = Vec::new();
    for row in table
        .rows
        .iter()
        .filter(|r| r.number > header_row && !r.is_blank())
    {
        let g = GoalRow {
            src,
            mapping: m,
            row: row.number,
            hr_id: m
                .column(Field::GoalId)
                .map(|c| values::id_text(row.get(c.index)))
                .unwrap_or_default(),
            title: m
                .column(Field::Title)
                .map(|c| row.get(c.index).text().into_owned())
                .unwrap_or_default(),
            cells: row,
            owner: None,
            base: None,
            id: String::new(),
        };
        let mut ok = true;
        if g.title.is_empty() {
            problems.push(g.problem(Field::Title, "no title: every goal needs one"));
            ok = false;
        }
        if g.cell(Field::Owner).is_none_or(Cell::is_blank) {
            problems.push(g.problem(
                Field::Owner,
                "no owner: every goal needs one (a person or a unit)",
            ));
            ok = false;
        }
        if ok {
            out.push(g);
        }
    }
    out
}

/// Two goal rows with the same id value.
pub(crate) fn check_duplicates(rows: &[GoalRow], problems: &mut Vec<Problem>) {
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, r) in rows.iter().enumerate() {
        if r.hr_id.is_empty() {
            continue;
        }
        match seen.get(r.hr_id.as_str()) {
            Some(&first) => {
                let f = &rows[first];
                let at = if f.src == r.src {
                    format!("row {}", f.row)
                } else {
                    format!("{} row {}", f.src, f.row)
                };
                problems.push(r.problem(
                    Field::GoalId,
                    format!("the id \"{}\" is also on {at} (“{}”)", r.hr_id, f.title),
                ));
            }
            None => {
                seen.insert(&r.hr_id, i);
            }
        }
    }
}

/// A person (the file's, then the map's) or else a unit, named by a cell.
fn find_owner(ctx: &mut Ctx, finder: &PersonFinder, text: &str) -> Result<Option<String>, String> {
    if let Some(p) = finder.find(text, Lookup::Any)? {
        return Ok(Some(p));
    }
    let Some(i) = ctx.units.find(&ctx.map, text.trim())? else {
        return Ok(None);
    };
    ctx.units.mention(&ctx.map, i);
    Ok(Some(ctx.map.units[i].id.clone()))
}

/// Resolve owners, then match rows with the workspace's goals: by map id or derived id,
/// then the same owner and exact title.
pub(crate) fn resolve_owners_and_match(ctx: &mut Ctx, finder: &PersonFinder, rows: &mut [GoalRow]) {
    for r in rows.iter_mut() {
        let text = r.cell(Field::Owner).map(Cell::text).unwrap_or_default();
        match find_owner(ctx, finder, &text) {
            Ok(Some(id)) => r.owner = Some(id),
            Ok(None) => ctx.problems.push(r.problem(
                Field::Owner,
                format!("unknown owner: no person or unit \"{text}\" in the file or the workspace"),
            )),
            Err(e) => ctx
                .problems
                .push(r.problem(Field::Owner, format!("ambiguous owner: {e}"))),
        }
    }
    let base = ctx.base;
    let by_id: FxHashMap<&str, usize> = base
        .goals
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.as_str(), i))
        .collect();
    let mut by_owner_title: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
    for (i, g) in base.goals.iter().enumerate() {
        by_owner_title
            .entry((g.owner.as_str(), g.title.as_str()))
            .or_default()
            .push(i);
    }
    let mut claimed = FxHashSet::default();
    for r in rows.iter_mut().filter(|r| !r.hr_id.is_empty()) {
        let found = by_id
            .get(r.hr_id.as_str())
            .or_else(|| by_id.get(derived("g-", &r.hr_id).as_str()));
        if let Some(&i) = found.filter(|i| !claimed.contains(*i)) {
            claimed.insert(i);
            r.base = Some(i);
        }
    }
    for r in rows.iter_mut().filter(|r| r.base.is_none()) {
        let Some(owner) = &r.owner else { continue };
        if let Some(list) = by_owner_title.get(&(owner.as_str(), r.title.as_str())) {
            if let Some(&i) = list.iter().find(|i| !claimed.contains(*i)) {
                claimed.insert(i);
                r.base = Some(i);
            }
        }
    }
    for r in rows.iter_mut() {
        r.id = match r.base {
            Some(b) => base.goals[b].id.clone(),
            None if !r.hr_id.is_empty() => ctx.ids.allocate("g-", &r.hr_id),
            None => {
                let owner = r.owner.as_deref().unwrap_or("");
                let owner = owner
                    .strip_prefix("p-")
                    .or(owner.strip_prefix("u-"))
                    .unwrap_or(owner);
                ctx.ids.allocate("g-", &format!("{owner} {}", r.title))
            }
        };
    }
}

/// Finds measures of the map being built and of the library; adds library measures and
/// new ones.
pub(crate) struct Measures {
    lib: MeasureLibrary,
    by_id: FxHashMap<String, usize>,
    by_name: FxHashMap<String, usize>,
    lib_by_name: FxHashMap<String, usize>,
    /// Library measures added, as (library index, map index).
    pub from_library: Vec<(usize, usize)>,
    /// Measures added (library or new), map indexes in order.
    pub added: Vec<usize>,
}

impl Measures {
    pub(crate) fn new(ctx: &Ctx) -> Self {
        let lib = throughline_core::library::measure_library();
        let mut m = Measures {
            by_id: FxHashMap::default(),
            by_name: FxHashMap::default(),
            lib_by_name: lib
                .measures
                .iter()
                .enumerate()
                .map(|(i, x)| (name_key(&x.name), i))
                .collect(),
            lib,
            from_library: Vec::new(),
            added: Vec::new(),
        };
        for (i, x) in ctx.map.measures.iter().enumerate() {
            m.index(i, x);
        }
        m
    }

    fn index(&mut self, i: usize, x: &Measure) {
        self.by_id.entry(x.id.clone()).or_insert(i);
        self.by_name.entry(name_key(&x.name)).or_insert(i);
    }

    fn resolve(
        &mut self,
        ctx: &mut Ctx,
        text: &str,
        kind: Option<MeasureKind>,
    ) -> Result<String, String> {
        let t = text.trim();
        let found = self.by_id.get(t).or_else(|| self.by_name.get(&name_key(t)));
        if let Some(&i) = found {
            return Ok(ctx.map.measures[i].id.clone());
        }
        let lib_i = self
            .lib
            .measures
            .iter()
            .position(|x| x.id == t)
            .or_else(|| self.lib_by_name.get(&name_key(t)).copied());
        let (measure, lib) = match (lib_i, kind) {
            (Some(li), _) => {
                let mut m = self.lib.measures[li].to_measure();
                m.id = ctx.ids.allocate_exact(m.id);
                (m, Some(li))
            }
            (None, Some(kind)) => (
                Measure { id: ctx.ids.allocate("m-", t), name: t.to_string(), unit: None, kind, direction: None, leading: None },
                None,
            ),
            (None, None) => {
                return Err(format!(
                    "unknown measure: no measure \"{t}\" in the workspace or the measure library; give its kind in a measure kind column to create it"
                ))
            }
        };
        let id = measure.id.clone();
        ctx.map.measures.push(measure);
        let i = ctx.map.measures.len() - 1;
        let m = ctx.map.measures[i].clone();
        self.index(i, &m);
        self.added.push(i);
        if let Some(li) = lib {
            self.from_library.push((li, i));
        }
        Ok(id)
    }

    /// The library's interactions between each added library measure and the measures
    /// the map has (library measures found in the map by id, else by name).
    pub(crate) fn add_interactions(&self, ctx: &mut Ctx) {
        if self.from_library.is_empty() {
            return;
        }
        let mut map_id_of: FxHashMap<&str, String> = FxHashMap::default();
        for lm in &self.lib.measures {
            let i = self
                .by_id
                .get(&lm.id)
                .or_else(|| self.by_name.get(&name_key(&lm.name)));
            if let Some(&i) = i {
                map_id_of.insert(lm.id.as_str(), ctx.map.measures[i].id.clone());
            }
        }
        let added: FxHashSet<&str> = self
            .from_library
            .iter()
            .map(|(li, _)| self.lib.measures[*li].id.as_str())
            .collect();
        let mut have: FxHashSet<(String, String, throughline_core::model::Effect)> = ctx
            .map
            .interactions
            .iter()
            .map(|x| (x.from.clone(), x.to.clone(), x.effect))
            .collect();
        for x in &self.lib.interactions {
            if !added.contains(x.from.as_str()) && !added.contains(x.to.as_str()) {
                continue;
            }
            let (Some(from), Some(to)) =
                (map_id_of.get(x.from.as_str()), map_id_of.get(x.to.as_str()))
            else {
                continue;
            };
            if have.insert((from.clone(), to.clone(), x.effect)) {
                let mut y = x.clone();
                y.from = from.clone();
                y.to = to.clone();
                ctx.map.interactions.push(y);
            }
        }
    }
}

/// Finds goals named in a supports cell: the file's id values, map ids, else a unique
/// exact title (the file's first).
struct GoalFinder {
    file_id: FxHashMap<String, String>,
    map_id: FxHashSet<String>,
    file_title: FxHashMap<String, Vec<(String, u32)>>,
    ws_title: FxHashMap<String, Vec<String>>,
}

impl GoalFinder {
    fn find(&self, text: &str) -> Result<Option<String>, String> {
        if let Some(id) = self.file_id.get(text) {
            return Ok(Some(id.clone()));
        }
        if self.map_id.contains(text) {
            return Ok(Some(text.to_string()));
        }
        if let Some(list) = self.file_title.get(text) {
            return match list.as_slice() {
                [(id, _)] => Ok(Some(id.clone())),
                many => Err(format!(
                    "several goals are titled “{text}” (rows {}); use the goal's id",
                    many.iter()
                        .map(|(_, r)| r.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
        }
        match self.ws_title.get(text).map(Vec::as_slice) {
            None | Some([]) => Ok(None),
            Some([one]) => Ok(Some(one.clone())),
            Some(many) => Err(format!(
                "several goals of the workspace are titled “{text}”: {}; use the goal's id",
                many.join(", ")
            )),
        }
    }
}

/// Finds values and behaviours by id or name.
struct ValueFinder {
    by_id: FxHashSet<String>,
    by_name: FxHashMap<String, Vec<String>>,
}

fn split_list(s: &str) -> Vec<String> {
    s.split([';', '\n', '\r'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// The fields of a goal that changed, old and new.
pub(crate) fn goal_changes(old: &Goal, new: &Goal) -> FieldChanges {
    let mut c = FieldChanges::new();
    let j = |v: serde_json::Result<serde_json::Value>| v.unwrap_or(serde_json::Value::Null);
    macro_rules! field {
        ($name:literal, $f:ident) => {
            if old.$f != new.$f {
                c.insert(
                    $name.into(),
                    [
                        j(serde_json::to_value(&old.$f)),
                        j(serde_json::to_value(&new.$f)),
                    ],
                );
            }
        };
    }
    field!("title", title);
    field!("level", level);
    field!("owner", owner);
    field!("set_by", set_by);
    field!("measure", measure);
    field!("target", target);
    field!("due", due);
    field!("status", status);
    field!("supports", supports);
    field!("values", values);
    c
}

/// What the goals tables did to the map's goals.
#[derive(Default)]
pub(crate) struct GoalsOutcome {
    pub added: Vec<usize>,
    pub updated: Vec<(usize, FieldChanges)>,
    pub unchanged: usize,
    pub matched: FxHashSet<usize>,
    /// Workspace goals a file row's supports names (kept even with remove-missing).
    pub supported: FxHashSet<String>,
}

/// Build the goals of the rows into the map.
pub(crate) fn apply(ctx: &mut Ctx, finder: &PersonFinder, rows: &[GoalRow]) -> GoalsOutcome {
    let mut out = GoalsOutcome::default();
    let mut measures = Measures::new(ctx);
    let goal_finder = {
        let mut f = GoalFinder {
            file_id: FxHashMap::default(),
            map_id: FxHashSet::default(),
            file_title: FxHashMap::default(),
            ws_title: FxHashMap::default(),
        };
        for r in rows {
            if !r.hr_id.is_empty() {
                f.file_id
                    .entry(r.hr_id.clone())
                    .or_insert_with(|| r.id.clone());
            }
            f.file_title
                .entry(r.title.clone())
                .or_default()
                .push((r.id.clone(), r.row));
            f.map_id.insert(r.id.clone());
        }
        for g in &ctx.base.goals {
            f.map_id.insert(g.id.clone());
            f.ws_title
                .entry(g.title.clone())
                .or_default()
                .push(g.id.clone());
        }
        f
    };
    let value_finder = {
        let mut f = ValueFinder {
            by_id: FxHashSet::default(),
            by_name: FxHashMap::default(),
        };
        for v in &ctx.map.values {
            f.by_id.insert(v.id.clone());
            f.by_name
                .entry(name_key(&v.name))
                .or_default()
                .push(v.id.clone());
            for b in v.behaviours() {
                f.by_id.insert(b.id.clone());
                f.by_name
                    .entry(name_key(&b.name))
                    .or_default()
                    .push(b.id.clone());
            }
        }
        f
    };
    // Each table's due column is read in one order.
    let mut orders: FxHashMap<&TableRef, ColumnOrder> = FxHashMap::default();
    for r in rows {
        if !orders.contains_key(r.src) {
            let cells = rows
                .iter()
                .filter(|x| x.src == r.src)
                .filter_map(|x| x.cell(Field::Due).map(|c| (x.row, c)));
            let order = values::infer_order(cells, ctx.opts.date_order);
            let header = r.header(Field::Due);
            match &order {
                ColumnOrder::Ambiguous { row, text } => ctx.problems.push(Problem::cell(
                    r.src,
                    *row,
                    header,
                    format!("\"{text}\" could be day/month/year or month/day/year, and no date of the column tells which; give --date-order dmy or mdy"),
                )),
                ColumnOrder::Both { dmy, mdy } => ctx.problems.push(Problem::cell(
                    r.src,
                    mdy.0,
                    header,
                    format!(
                        "\"{}\" reads only as month/day/year, but row {} (\"{}\") only as day/month/year: the column holds both orders; write the dates one way, or as YYYY-MM-DD",
                        mdy.1, dmy.0, dmy.1
                    ),
                )),
                _ => {}
            }
            orders.insert(r.src, order);
        }
    }
    for r in rows {
        let Some(owner) = r.owner.as_deref() else {
            continue;
        };
        let mut problems = Vec::new();
        let bad = |f: Field, m: String, problems: &mut Vec<Problem>| {
            if !m.is_empty() {
                problems.push(r.problem(f, m));
            }
        };
        let base = ctx.base;
        let old = r.base.map(|b| &base.goals[b]);
        // A matched goal is taken from the map being built (still the workspace's, as
        // each is matched once), not copied.
        let mut g = match r.base {
            Some(b) => std::mem::replace(&mut ctx.map.goals[b], bare_goal(String::new())),
            None => bare_goal(r.id.clone()),
        };
        if g.title != r.title {
            g.title = r.title.clone();
        }
        if g.owner != owner {
            g.owner = owner.to_string();
        }
        if let Some(c) = r.cell(Field::GoalLevel) {
            match values::parse_level(c) {
                Ok(l) if old.as_ref().is_some_and(|o| level(o.level) == level(l)) => {}
                Ok(l) => g.level = l,
                Err(m) => bad(Field::GoalLevel, m, &mut problems),
            }
        }
        if let Some(c) = r.cell(Field::SetBy) {
            let text = c.text();
            if text.is_empty() {
                if old
                    .as_ref()
                    .is_none_or(|o| o.set_by.as_deref().is_some_and(|s| s != owner))
                {
                    g.set_by = None;
                }
            } else {
                match find_owner(ctx, finder, &text) {
                    Ok(Some(id)) if old.as_ref().is_some_and(|o| o.set_by.is_none()) && id == owner => {}
                    Ok(Some(id)) => g.set_by = Some(id),
                    Ok(None) => bad(Field::SetBy, format!("unknown setter: no person or unit \"{text}\" in the file or the workspace"), &mut problems),
                    Err(e) => bad(Field::SetBy, format!("ambiguous setter: {e}"), &mut problems),
                }
            }
        }
        let kind = match r.cell(Field::MeasureKind).map(values::parse_measure_kind) {
            Some(Ok(k)) => k,
            Some(Err(m)) => {
                bad(Field::MeasureKind, m, &mut problems);
                None
            }
            None => None,
        };
        if let Some(c) = r.cell(Field::Measure) {
            let text = c.text();
            if text.is_empty() {
                g.measure = None;
            } else {
                match measures.resolve(ctx, &text, kind) {
                    Ok(id) => g.measure = Some(id),
                    Err(m) => bad(Field::Measure, m, &mut problems),
                }
            }
        }
        if let Some(c) = r.cell(Field::Target) {
            match values::parse_target(c, ctx.opts.decimal_comma) {
                Ok(t) => g.target = t,
                Err(m) => bad(Field::Target, m, &mut problems),
            }
        }
        if let Some(c) = r.cell(Field::Due) {
            match values::parse_due(c, &orders[r.src]) {
                Ok(d) => g.due = d,
                Err(m) => bad(Field::Due, m, &mut problems),
            }
        }
        if let Some(c) = r.cell(Field::Status) {
            match values::parse_status(c) {
                Ok(s) if old.as_ref().is_some_and(|o| status(o.status) == status(s)) => {}
                Ok(s) => g.status = s,
                Err(m) => bad(Field::Status, m, &mut problems),
            }
        }
        if let Some(c) = r.cell(Field::Supports) {
            let mut list = Vec::new();
            for item in split_list(&c.text()) {
                match goal_finder.find(&item) {
                    Ok(Some(id)) => {
                        if !list.contains(&id) {
                            list.push(id.clone());
                        }
                        out.supported.insert(id);
                    }
                    Ok(None) => bad(Field::Supports, format!("unknown supported goal: no goal with the id or title “{item}” in the file or the workspace"), &mut problems),
                    Err(e) => bad(Field::Supports, format!("ambiguous supported goal: {e}"), &mut problems),
                }
            }
            set_list(&mut g.supports, list);
        }
        if let Some(c) = r.cell(Field::Values) {
            let mut list = Vec::new();
            for item in split_list(&c.text()) {
                let found = if value_finder.by_id.contains(&item) {
                    Ok(item.clone())
                } else {
                    match value_finder.by_name.get(&name_key(&item)).map(Vec::as_slice) {
                        Some([one]) => Ok(one.clone()),
                        Some(many) if many.len() > 1 => Err(format!("ambiguous value: several values or behaviours are named “{item}”: {}; use the id", many.join(", "))),
                        _ => Err(format!("unknown value: no value or behaviour “{item}” in the workspace")),
                    }
                };
                match found {
                    Ok(id) if !list.contains(&id) => list.push(id),
                    Ok(_) => {}
                    Err(m) => bad(Field::Values, m, &mut problems),
                }
            }
            set_list(&mut g.values, list);
        }
        ctx.problems.extend(problems);
        match r.base {
            Some(b) => {
                out.matched.insert(b);
                let c = goal_changes(&ctx.base.goals[b], &g);
                ctx.map.goals[b] = g;
                if c.is_empty() {
                    out.unchanged += 1;
                } else {
                    out.updated.push((b, c));
                }
            }
            None => {
                ctx.map.goals.push(g);
                let i = ctx.map.goals.len() - 1;
                out.added.push(i);
            }
        }
    }
    out.updated.sort_by_key(|(b, _)| *b);
    measures.add_interactions(ctx);
    ctx.measures_added = measures.added;
    out
}

/// A goal with an id and nothing else.
fn bare_goal(id: String) -> Goal {
    Goal {
        id,
        title: String::new(),
        level: None,
        owner: String::new(),
        set_by: None,
        measure: None,
        target: None,
        due: None,
        status: None,
        supports: None,
        values: None,
    }
}

/// A list field: empty and absent are the same, so an empty list keeps an absent field
/// absent (and an equal list keeps its form).
fn set_list(field: &mut Option<Vec<String>>, list: Vec<String>) {
    let old: &[String] = field.as_deref().unwrap_or(&[]);
    if old == list.as_slice() {
        return;
    }
    *field = if list.is_empty() { None } else { Some(list) };
}

fn level(l: Option<Level>) -> Level {
    l.unwrap_or(Level::Objective)
}

fn status(s: Option<Status>) -> Status {
    s.unwrap_or(Status::Proposed)
}
