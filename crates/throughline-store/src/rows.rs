//! Mapping between the model and the tables, and the in-memory state kept beside them.
//!
//! Changes are expressed as [`Op`]s — put a row at a position, remove the row at a position,
//! set the organisation or the settings, replace everything with a snapshot — which apply
//! the same way to the SQL tables and to the in-memory [`State`], and which the history
//! stores (forward and backward) for undo and redo.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use throughline_core::model::*;
use throughline_core::org::{IdIndex, Node};
use throughline_core::validate::EntityKind;

/// One row of one section, as the history stores it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "section", content = "row", rename_all = "snake_case")]
pub enum Row {
    Unit(Unit),
    Person(Person),
    Value(Value),
    Measure(Measure),
    Interaction(Interaction),
    Goal(Goal),
    CheckIn(CheckIn),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Unit,
    Person,
    Value,
    Measure,
    Interaction,
    Goal,
    CheckIn,
}

impl Row {
    /// The id of the entity this row is, or belongs to: a check-in's person, an
    /// interaction's first measure.
    pub fn entity_id(&self) -> &str {
        match self {
            Row::Unit(x) => &x.id,
            Row::Person(x) => &x.id,
            Row::Value(x) => &x.id,
            Row::Measure(x) => &x.id,
            Row::Interaction(x) => &x.from,
            Row::Goal(x) => &x.id,
            Row::CheckIn(x) => &x.person,
        }
    }

    pub fn section(&self) -> Section {
        match self {
            Row::Unit(_) => Section::Unit,
            Row::Person(_) => Section::Person,
            Row::Value(_) => Section::Value,
            Row::Measure(_) => Section::Measure,
            Row::Interaction(_) => Section::Interaction,
            Row::Goal(_) => Section::Goal,
            Row::CheckIn(_) => Section::CheckIn,
        }
    }
}

/// One change, applicable to the tables and to the in-memory state alike.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// Insert the row at `pos`, or replace the row there.
    Put {
        pos: i64,
        row: Row,
    },
    /// Remove the row at `pos` of a section.
    Remove {
        section: Section,
        pos: i64,
    },
    Organisation {
        organisation: Organisation,
    },
    Settings {
        settings: Option<Settings>,
    },
    /// Replace the whole map with the one saved in snapshot `id`.
    Snapshot {
        id: i64,
    },
    /// Put decision `id` (insert or replace it), or (`None`) remove it. Decisions are
    /// beside the map: this op changes no row of it (`crate::decisions`).
    Decision {
        id: i64,
        decision: Option<Box<crate::decisions::Decision>>,
    },
    /// Put agreement step `id` (insert or replace it), or (`None`) remove it. Beside the
    /// map like decisions (`crate::agreements`).
    Agreement {
        id: i64,
        step: Option<Box<throughline_core::agreement::AgreementStep>>,
    },
}

/// Sort keys of each section's rows, aligned with the map's vectors (ascending).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Positions {
    pub units: Vec<i64>,
    pub people: Vec<i64>,
    pub values: Vec<i64>,
    pub measures: Vec<i64>,
    pub interactions: Vec<i64>,
    pub goals: Vec<i64>,
    pub check_ins: Vec<i64>,
}

impl Positions {
    /// Does each section have one position per row of `map`, strictly ascending?
    pub fn fits(&self, map: &Map) -> bool {
        let ok = |p: &[i64], n: usize| p.len() == n && p.windows(2).all(|w| w[0] < w[1]);
        ok(&self.units, map.units.len())
            && ok(&self.people, map.people.len())
            && ok(&self.values, map.values.len())
            && ok(&self.measures, map.measures.len())
            && ok(&self.interactions, map.interactions.len())
            && ok(&self.goals, map.goals.len())
            && ok(&self.check_ins, map.check_ins.len())
    }
}

/// The map in memory, its positions, and the core's index of every id (`IdIndex`: what
/// each id names, by place in the map), kept up to date as rows come and go. The map is
/// shared (`Arc`) with the analysed revision the app shows; an edit changes it in place
/// when nothing else holds it, and copies it first when something does
/// ([`State::map_mut`]).
#[derive(Debug, Clone)]
pub struct State {
    pub map: Arc<Map>,
    pub pos: Positions,
    ids: IdIndex,
}

macro_rules! section_vecs {
    ($state:expr, $section:expr, |$items:ident, $poss:ident| $body:expr) => {
        match $section {
            Section::Unit => {
                let ($items, $poss) = (
                    &mut Arc::make_mut(&mut $state.map).units,
                    &mut $state.pos.units,
                );
                $body
            }
            Section::Person => {
                let ($items, $poss) = (
                    &mut Arc::make_mut(&mut $state.map).people,
                    &mut $state.pos.people,
                );
                $body
            }
            Section::Value => {
                let ($items, $poss) = (
                    &mut Arc::make_mut(&mut $state.map).values,
                    &mut $state.pos.values,
                );
                $body
            }
            Section::Measure => {
                let ($items, $poss) = (
                    &mut Arc::make_mut(&mut $state.map).measures,
                    &mut $state.pos.measures,
                );
                $body
            }
            Section::Interaction => {
                let ($items, $poss) = (
                    &mut Arc::make_mut(&mut $state.map).interactions,
                    &mut $state.pos.interactions,
                );
                $body
            }
            Section::Goal => {
                let ($items, $poss) = (
                    &mut Arc::make_mut(&mut $state.map).goals,
                    &mut $state.pos.goals,
                );
                $body
            }
            Section::CheckIn => {
                let ($items, $poss) = (
                    &mut Arc::make_mut(&mut $state.map).check_ins,
                    &mut $state.pos.check_ins,
                );
                $body
            }
        }
    };
}

impl State {
    /// A state for a map whose rows sit at positions 0, 1, 2, ...
    pub fn from_map(map: Map) -> Self {
        let seq = |n: usize| (0..n as i64).collect::<Vec<i64>>();
        let pos = Positions {
            units: seq(map.units.len()),
            people: seq(map.people.len()),
            values: seq(map.values.len()),
            measures: seq(map.measures.len()),
            interactions: seq(map.interactions.len()),
            goals: seq(map.goals.len()),
            check_ins: seq(map.check_ins.len()),
        };
        Self::with_positions(map, pos)
    }

    /// A state for a map read with its positions and the index of its ids (built when it
    /// was validated).
    pub fn indexed(map: impl Into<Arc<Map>>, pos: Positions, ids: IdIndex) -> Self {
        let state = State {
            map: map.into(),
            pos,
            ids,
        };
        debug_assert_eq!(state.ids.len(), IdIndex::new(&state.map).len());
        state
    }

    pub fn with_positions(map: impl Into<Arc<Map>>, pos: Positions) -> Self {
        let mut state = State {
            map: map.into(),
            pos,
            ids: IdIndex::new(&Map::new("")),
        };
        state.reindex();
        state
    }

    /// The index of every id of the map: validation and the app's `Org` read it instead of
    /// indexing the map again.
    pub fn ids(&self) -> &IdIndex {
        &self.ids
    }

    /// The map, to change: copied first if a reader still shares it.
    pub fn map_mut(&mut self) -> &mut Map {
        Arc::make_mut(&mut self.map)
    }

    fn reindex(&mut self) {
        self.ids = IdIndex::new(&self.map);
    }

    /// What an id names.
    pub fn kind_of(&self, id: &str) -> Option<EntityKind> {
        self.ids.get(&self.map, id).map(Node::kind)
    }

    /// The row position of an id (for a behaviour: its value's).
    pub fn pos_of(&self, id: &str) -> Option<i64> {
        let p = &self.pos;
        Some(match self.ids.get(&self.map, id)? {
            Node::Unit(i) => p.units[i as usize],
            Node::Person(i) => p.people[i as usize],
            Node::Value(i) | Node::Behaviour(i, _) => p.values[i as usize],
            Node::Measure(i) => p.measures[i as usize],
            Node::Goal(i) => p.goals[i as usize],
        })
    }

    fn index_in(poss: &[i64], pos: i64) -> Result<usize, usize> {
        poss.binary_search(&pos)
    }

    pub fn goal(&self, id: &str) -> Option<(i64, &Goal)> {
        match self.ids.get(&self.map, id)? {
            Node::Goal(i) => Some((self.pos.goals[i as usize], &self.map.goals[i as usize])),
            _ => None,
        }
    }

    /// The unit `id` names, if it names one.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        match self.ids.get(&self.map, id)? {
            Node::Unit(i) => Some(&self.map.units[i as usize]),
            _ => None,
        }
    }

    /// The person `id` names, if it names one.
    pub fn person(&self, id: &str) -> Option<&Person> {
        match self.ids.get(&self.map, id)? {
            Node::Person(i) => Some(&self.map.people[i as usize]),
            _ => None,
        }
    }

    /// The name (a goal's title) of what `id` names now, if anything.
    pub fn name_of(&self, id: &str) -> Option<&str> {
        let m = &self.map;
        Some(match self.ids.get(m, id)? {
            Node::Unit(i) => &m.units[i as usize].name,
            Node::Person(i) => &m.people[i as usize].name,
            Node::Value(i) => &m.values[i as usize].name,
            Node::Measure(i) => &m.measures[i as usize].name,
            Node::Goal(i) => &m.goals[i as usize].title,
            Node::Behaviour(v, b) => &m.values[v as usize].behaviours()[b as usize].name,
        })
    }

    /// The row at a position of a section, if any.
    pub fn row_at(&self, section: Section, pos: i64) -> Option<Row> {
        let find = |poss: &[i64]| Self::index_in(poss, pos).ok();
        let m = &self.map;
        let p = &self.pos;
        Some(match section {
            Section::Unit => Row::Unit(m.units[find(&p.units)?].clone()),
            Section::Person => Row::Person(m.people[find(&p.people)?].clone()),
            Section::Value => Row::Value(m.values[find(&p.values)?].clone()),
            Section::Measure => Row::Measure(m.measures[find(&p.measures)?].clone()),
            Section::Interaction => {
                Row::Interaction(m.interactions[find(&p.interactions)?].clone())
            }
            Section::Goal => Row::Goal(m.goals[find(&p.goals)?].clone()),
            Section::CheckIn => Row::CheckIn(m.check_ins[find(&p.check_ins)?].clone()),
        })
    }

    /// The position a new row of a section takes: after the last one.
    pub fn next_pos(&self, section: Section) -> i64 {
        let last = |v: &Vec<i64>| v.last().map_or(0, |p| p + 1);
        match section {
            Section::Unit => last(&self.pos.units),
            Section::Person => last(&self.pos.people),
            Section::Value => last(&self.pos.values),
            Section::Measure => last(&self.pos.measures),
            Section::Interaction => last(&self.pos.interactions),
            Section::Goal => last(&self.pos.goals),
            Section::CheckIn => last(&self.pos.check_ins),
        }
    }

    /// The position of the `index`-th row of a section (interactions and check-ins are
    /// addressed by index).
    pub fn pos_at_index(&self, section: Section, index: usize) -> Option<i64> {
        let v = match section {
            Section::Unit => &self.pos.units,
            Section::Person => &self.pos.people,
            Section::Value => &self.pos.values,
            Section::Measure => &self.pos.measures,
            Section::Interaction => &self.pos.interactions,
            Section::Goal => &self.pos.goals,
            Section::CheckIn => &self.pos.check_ins,
        };
        v.get(index).copied()
    }

    /// Apply an op in memory. `Snapshot` ops are applied by the caller (they need the file).
    pub fn apply(&mut self, op: &Op) {
        match op {
            Op::Put { pos, row } => self.put_keyed(row.section(), *pos, row.clone()),
            Op::Remove { section, pos } => {
                let Ok(i) = Self::index_in(self.section_pos(*section), *pos) else {
                    return;
                };
                // The index forgets the row's ids while the map still holds them, then
                // the rows after it move up one place.
                self.unindex(*section, i);
                section_vecs!(self, *section, |items, poss| {
                    items.remove(i);
                    poss.remove(i);
                });
                if moves_ids(*section) && i < self.section_pos(*section).len() {
                    self.ids.renumber(shift(*section, i as u32, false));
                }
            }
            Op::Organisation { organisation } => self.map_mut().organisation = organisation.clone(),
            Op::Settings { settings } => self.map_mut().settings = settings.clone(),
            Op::Snapshot { .. } => unreachable!("snapshot ops are applied by the workspace"),
            // Not part of the map.
            Op::Decision { .. } | Op::Agreement { .. } => {}
        }
    }

    fn put_keyed(&mut self, section: Section, pos: i64, row: Row) {
        let at = Self::index_in(self.section_pos(section), pos);
        if let Ok(i) = at {
            // The row it replaces: its ids forgotten while the map still holds them.
            self.unindex(section, i);
        }
        macro_rules! put {
            ($items:expr, $poss:expr, $x:expr) => {{
                match at {
                    Ok(i) => $items[i] = $x,
                    Err(i) => {
                        $items.insert(i, $x);
                        $poss.insert(i, pos);
                    }
                }
            }};
        }
        let (m, p) = (Arc::make_mut(&mut self.map), &mut self.pos);
        match row {
            Row::Unit(x) => put!(m.units, &mut p.units, x),
            Row::Person(x) => put!(m.people, &mut p.people, x),
            Row::Value(x) => put!(m.values, &mut p.values, x),
            Row::Measure(x) => put!(m.measures, &mut p.measures, x),
            Row::Interaction(x) => put!(m.interactions, &mut p.interactions, x),
            Row::Goal(x) => put!(m.goals, &mut p.goals, x),
            Row::CheckIn(x) => put!(m.check_ins, &mut p.check_ins, x),
        }
        let i = match at {
            Ok(i) => i,
            Err(i) => {
                // Put between others: those after it move down one place.
                if moves_ids(section) && i + 1 < self.section_pos(section).len() {
                    self.ids.renumber(shift(section, i as u32, true));
                }
                i
            }
        };
        self.index(section, i);
    }

    /// The positions of a section's rows.
    fn section_pos(&self, section: Section) -> &[i64] {
        let p = &self.pos;
        match section {
            Section::Unit => &p.units,
            Section::Person => &p.people,
            Section::Value => &p.values,
            Section::Measure => &p.measures,
            Section::Interaction => &p.interactions,
            Section::Goal => &p.goals,
            Section::CheckIn => &p.check_ins,
        }
    }

    /// The ids the `i`-th row of a section holds (a value's behaviours' too).
    fn nodes_at(&self, section: Section, i: usize) -> Vec<Node> {
        let i32 = i as u32;
        match section {
            Section::Unit => vec![Node::Unit(i32)],
            Section::Person => vec![Node::Person(i32)],
            Section::Measure => vec![Node::Measure(i32)],
            Section::Goal => vec![Node::Goal(i32)],
            Section::Value => std::iter::once(Node::Value(i32))
                .chain(
                    (0..self.map.values[i].behaviours().len() as u32)
                        .map(|b| Node::Behaviour(i32, b)),
                )
                .collect(),
            Section::Interaction | Section::CheckIn => Vec::new(),
        }
    }

    fn index(&mut self, section: Section, i: usize) {
        for n in self.nodes_at(section, i) {
            // An edit never makes an id twice (the store refuses it before it writes), but
            // a damaged history read back might: then the index is built afresh, listing
            // the duplicate as validation expects, and the validation of replayed ops
            // refuses the change.
            if !self.ids.insert(&self.map, n) {
                self.reindex();
                return;
            }
        }
    }

    fn unindex(&mut self, section: Section, i: usize) {
        for n in self.nodes_at(section, i) {
            self.ids.remove(&self.map, n);
        }
    }
}

/// Do the rows of `section` carry ids (so a row put between them or taken from them
/// renumbers the index)? Interactions and check-ins carry none.
fn moves_ids(section: Section) -> bool {
    !matches!(section, Section::Interaction | Section::CheckIn)
}

/// Where an entity goes when a row is put at place `at` of `section` (`inserted`), or
/// taken from it: the rows of the section after it move one place.
fn shift(section: Section, at: u32, inserted: bool) -> impl Fn(Node) -> Node {
    move |n| {
        let moved = |i: u32| {
            if i < at || (!inserted && i == at) {
                i
            } else if inserted {
                i + 1
            } else {
                i - 1
            }
        };
        match (section, n) {
            (Section::Unit, Node::Unit(i)) => Node::Unit(moved(i)),
            (Section::Person, Node::Person(i)) => Node::Person(moved(i)),
            (Section::Value, Node::Value(i)) => Node::Value(moved(i)),
            (Section::Value, Node::Behaviour(v, b)) => Node::Behaviour(moved(v), b),
            (Section::Measure, Node::Measure(i)) => Node::Measure(moved(i)),
            (Section::Goal, Node::Goal(i)) => Node::Goal(moved(i)),
            _ => n,
        }
    }
}

// ---------------------------------------------------------------------------------------
// SQL

fn enum_str<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => unreachable!("model enums serialise as strings"),
    }
}

fn opt_enum<T: Serialize>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(enum_str)
}

fn entity(tx: &Connection, id: &str, kind: EntityKind) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO entities (id, kind) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING",
    )?
    .execute(params![id, kind.noun()])?;
    Ok(())
}

fn drop_entity(tx: &Connection, id: &str) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM entities WHERE id = ?1")?
        .execute(params![id])?;
    Ok(())
}

/// Write one row at a position (insert or replace); `old` is the row it replaces.
pub fn put_row(tx: &Connection, pos: i64, row: &Row, old: Option<&Row>) -> rusqlite::Result<()> {
    match row {
        Row::Unit(u) => put_unit(tx, pos, u),
        Row::Person(p) => put_person(tx, pos, p),
        Row::Value(v) => {
            let old = match old {
                Some(Row::Value(o)) => Some(o),
                _ => None,
            };
            put_value(tx, pos, v, old)
        }
        Row::Measure(m) => put_measure(tx, pos, m),
        Row::Interaction(x) => put_interaction(tx, pos, x),
        Row::Goal(g) => put_goal(tx, pos, g, old.is_some()),
        Row::CheckIn(c) => put_check_in(tx, pos, c),
    }
}

fn put_unit(tx: &Connection, pos: i64, u: &Unit) -> rusqlite::Result<()> {
    entity(tx, &u.id, EntityKind::Unit)?;
    tx.prepare_cached(
        "INSERT INTO units (id, pos, name, kind, parent) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET pos = ?2, name = ?3, kind = ?4, parent = ?5",
    )?
    .execute(params![u.id, pos, u.name, enum_str(&u.kind), u.parent])?;
    Ok(())
}

fn put_person(tx: &Connection, pos: i64, p: &Person) -> rusqlite::Result<()> {
    entity(tx, &p.id, EntityKind::Person)?;
    tx.prepare_cached(
        "INSERT INTO people (id, pos, name, unit, role, manager, email)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET pos = ?2, name = ?3, unit = ?4, role = ?5, manager = ?6,
         email = ?7",
    )?
    .execute(params![
        p.id, pos, p.name, p.unit, p.role, p.manager, p.email
    ])?;
    Ok(())
}

fn put_value(tx: &Connection, pos: i64, v: &Value, old: Option<&Value>) -> rusqlite::Result<()> {
    entity(tx, &v.id, EntityKind::Value)?;
    tx.prepare_cached(
        "INSERT INTO org_values (id, pos, name, description, behaviours_present)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET pos = ?2, name = ?3, description = ?4,
         behaviours_present = ?5",
    )?
    .execute(params![
        v.id,
        pos,
        v.name,
        v.description,
        v.behaviours.is_some()
    ])?;
    if let Some(old) = old {
        tx.prepare_cached("DELETE FROM behaviours WHERE value_id = ?1")?
            .execute(params![v.id])?;
        for b in old.behaviours() {
            if !v.behaviours().iter().any(|n| n.id == b.id) {
                drop_entity(tx, &b.id)?;
            }
        }
    }
    for (i, b) in v.behaviours().iter().enumerate() {
        entity(tx, &b.id, EntityKind::Behaviour)?;
        tx.prepare_cached(
            "INSERT INTO behaviours (id, value_id, pos, name) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![b.id, v.id, i as i64, b.name])?;
    }
    Ok(())
}

fn put_measure(tx: &Connection, pos: i64, m: &Measure) -> rusqlite::Result<()> {
    entity(tx, &m.id, EntityKind::Measure)?;
    tx.prepare_cached(
        "INSERT INTO measures (id, pos, name, unit, kind, direction, leading)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET pos = ?2, name = ?3, unit = ?4, kind = ?5,
         direction = ?6, leading = ?7",
    )?
    .execute(params![
        m.id,
        pos,
        m.name,
        m.unit,
        enum_str(&m.kind),
        opt_enum(&m.direction),
        m.leading
    ])?;
    Ok(())
}

fn put_interaction(tx: &Connection, pos: i64, x: &Interaction) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO interactions (pos, from_measure, to_measure, effect, note)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (pos) DO UPDATE SET from_measure = ?2, to_measure = ?3,
         effect = ?4, note = ?5",
    )?
    .execute(params![pos, x.from, x.to, enum_str(&x.effect), x.note])?;
    Ok(())
}

/// `replacing`: a goal row already exists at this id (its links are rewritten).
fn put_goal(tx: &Connection, pos: i64, g: &Goal, replacing: bool) -> rusqlite::Result<()> {
    entity(tx, &g.id, EntityKind::Goal)?;
    tx.prepare_cached(
        "INSERT INTO goals (id, pos, title, level, owner, set_by, measure, target, due,
           status, supports_present, values_present)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (id) DO UPDATE SET pos = ?2, title = ?3, level = ?4, owner = ?5,
           set_by = ?6, measure = ?7, target = ?8, due = ?9, status = ?10,
           supports_present = ?11, values_present = ?12",
    )?
    .execute(params![
        g.id,
        pos,
        g.title,
        opt_enum(&g.level),
        g.owner,
        g.set_by,
        g.measure,
        g.target,
        g.due.map(|d| d.to_string()),
        opt_enum(&g.status),
        g.supports.is_some(),
        g.values.is_some()
    ])?;
    if replacing {
        tx.prepare_cached("DELETE FROM goal_supports WHERE goal = ?1")?
            .execute(params![g.id])?;
        tx.prepare_cached("DELETE FROM goal_values WHERE goal = ?1")?
            .execute(params![g.id])?;
    }
    for (i, s) in g.supports().iter().enumerate() {
        tx.prepare_cached("INSERT INTO goal_supports (goal, pos, supports) VALUES (?1, ?2, ?3)")?
            .execute(params![g.id, i as i64, s])?;
    }
    for (i, v) in g.values().iter().enumerate() {
        tx.prepare_cached("INSERT INTO goal_values (goal, pos, value_ref) VALUES (?1, ?2, ?3)")?
            .execute(params![g.id, i as i64, v])?;
    }
    Ok(())
}

fn put_check_in(tx: &Connection, pos: i64, c: &CheckIn) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO check_ins (pos, person, with_person, date, kind, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (pos) DO UPDATE SET person = ?2, with_person = ?3, date = ?4,
         kind = ?5, notes = ?6",
    )?
    .execute(params![
        pos,
        c.person,
        c.with,
        c.date.to_string(),
        opt_enum(&c.kind),
        c.notes
    ])?;
    Ok(())
}

/// Rows buffered for multi-row `INSERT` statements (a bulk load into empty tables).
struct Bulk<'c> {
    conn: &'c Connection,
    table: &'static str,
    cols: &'static [&'static str],
    values: Vec<SqlValue>,
}

const BULK_ROWS: usize = 64;

impl<'c> Bulk<'c> {
    fn new(conn: &'c Connection, table: &'static str, cols: &'static [&'static str]) -> Self {
        Bulk {
            conn,
            table,
            cols,
            values: Vec::with_capacity(cols.len() * BULK_ROWS),
        }
    }

    fn sql(&self, rows: usize) -> String {
        let one = format!("({})", vec!["?"; self.cols.len()].join(", "));
        format!(
            "INSERT INTO {} ({}) VALUES {}",
            self.table,
            self.cols.join(", "),
            vec![one; rows].join(", ")
        )
    }

    fn row(&mut self, values: impl IntoIterator<Item = SqlValue>) -> rusqlite::Result<()> {
        self.values.extend(values);
        if self.values.len() == self.cols.len() * BULK_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> rusqlite::Result<()> {
        let rows = self.values.len() / self.cols.len();
        if rows > 0 {
            self.conn
                .prepare_cached(&self.sql(rows))?
                .execute(rusqlite::params_from_iter(self.values.drain(..)))?;
        }
        Ok(())
    }
}

fn text(s: &str) -> SqlValue {
    SqlValue::Text(s.to_string())
}

fn opt_text(s: &Option<String>) -> SqlValue {
    s.as_deref().map_or(SqlValue::Null, text)
}

fn opt_enum_value<T: Serialize>(v: &Option<T>) -> SqlValue {
    v.as_ref()
        .map_or(SqlValue::Null, |x| SqlValue::Text(enum_str(x)))
}

/// Write every row of a map into empty tables, at the given positions (0, 1, 2, ... when
/// `pos` is `None`), with multi-row inserts. The `entities` registry is filled from the
/// tables at the end, in one statement.
pub fn write_rows(tx: &Connection, map: &Map, pos: Option<&Positions>) -> rusqlite::Result<()> {
    write_organisation(tx, &map.format, &map.organisation)?;
    write_settings(tx, &map.settings)?;
    let at = |v: Option<&Vec<i64>>, i: usize| SqlValue::Integer(v.map_or(i as i64, |v| v[i]));
    let mut b = Bulk::new(tx, "units", &["id", "pos", "name", "kind", "parent"]);
    for (i, u) in map.units.iter().enumerate() {
        b.row([
            text(&u.id),
            at(pos.map(|p| &p.units), i),
            text(&u.name),
            SqlValue::Text(enum_str(&u.kind)),
            opt_text(&u.parent),
        ])?;
    }
    b.flush()?;
    let mut b = Bulk::new(
        tx,
        "people",
        &["id", "pos", "name", "unit", "role", "manager", "email"],
    );
    for (i, p) in map.people.iter().enumerate() {
        b.row([
            text(&p.id),
            at(pos.map(|p| &p.people), i),
            text(&p.name),
            text(&p.unit),
            opt_text(&p.role),
            opt_text(&p.manager),
            opt_text(&p.email),
        ])?;
    }
    b.flush()?;
    let mut b = Bulk::new(
        tx,
        "org_values",
        &["id", "pos", "name", "description", "behaviours_present"],
    );
    let mut bb = Bulk::new(tx, "behaviours", &["id", "value_id", "pos", "name"]);
    for (i, v) in map.values.iter().enumerate() {
        b.row([
            text(&v.id),
            at(pos.map(|p| &p.values), i),
            text(&v.name),
            opt_text(&v.description),
            SqlValue::Integer(v.behaviours.is_some() as i64),
        ])?;
        for (j, x) in v.behaviours().iter().enumerate() {
            bb.row([
                text(&x.id),
                text(&v.id),
                SqlValue::Integer(j as i64),
                text(&x.name),
            ])?;
        }
    }
    b.flush()?;
    bb.flush()?;
    let mut b = Bulk::new(
        tx,
        "measures",
        &["id", "pos", "name", "unit", "kind", "direction", "leading"],
    );
    for (i, m) in map.measures.iter().enumerate() {
        b.row([
            text(&m.id),
            at(pos.map(|p| &p.measures), i),
            text(&m.name),
            opt_text(&m.unit),
            SqlValue::Text(enum_str(&m.kind)),
            opt_enum_value(&m.direction),
            m.leading
                .map_or(SqlValue::Null, |l| SqlValue::Integer(l as i64)),
        ])?;
    }
    b.flush()?;
    let mut b = Bulk::new(
        tx,
        "interactions",
        &["pos", "from_measure", "to_measure", "effect", "note"],
    );
    for (i, x) in map.interactions.iter().enumerate() {
        b.row([
            at(pos.map(|p| &p.interactions), i),
            text(&x.from),
            text(&x.to),
            SqlValue::Text(enum_str(&x.effect)),
            opt_text(&x.note),
        ])?;
    }
    b.flush()?;
    let mut b = Bulk::new(
        tx,
        "goals",
        &[
            "id",
            "pos",
            "title",
            "level",
            "owner",
            "set_by",
            "measure",
            "target",
            "due",
            "status",
            "supports_present",
            "values_present",
        ],
    );
    let mut bs = Bulk::new(tx, "goal_supports", &["goal", "pos", "supports"]);
    let mut bv = Bulk::new(tx, "goal_values", &["goal", "pos", "value_ref"]);
    for (i, g) in map.goals.iter().enumerate() {
        b.row([
            text(&g.id),
            at(pos.map(|p| &p.goals), i),
            text(&g.title),
            opt_enum_value(&g.level),
            text(&g.owner),
            opt_text(&g.set_by),
            opt_text(&g.measure),
            g.target.map_or(SqlValue::Null, SqlValue::Real),
            g.due
                .map_or(SqlValue::Null, |d| SqlValue::Text(d.to_string())),
            opt_enum_value(&g.status),
            SqlValue::Integer(g.supports.is_some() as i64),
            SqlValue::Integer(g.values.is_some() as i64),
        ])?;
        for (j, t) in g.supports().iter().enumerate() {
            bs.row([text(&g.id), SqlValue::Integer(j as i64), text(t)])?;
        }
        for (j, v) in g.values().iter().enumerate() {
            bv.row([text(&g.id), SqlValue::Integer(j as i64), text(v)])?;
        }
    }
    b.flush()?;
    bs.flush()?;
    bv.flush()?;
    let mut b = Bulk::new(
        tx,
        "check_ins",
        &["pos", "person", "with_person", "date", "kind", "notes"],
    );
    for (i, c) in map.check_ins.iter().enumerate() {
        b.row([
            at(pos.map(|p| &p.check_ins), i),
            text(&c.person),
            opt_text(&c.with),
            SqlValue::Text(c.date.to_string()),
            opt_enum_value(&c.kind),
            opt_text(&c.notes),
        ])?;
    }
    b.flush()?;
    tx.execute_batch(
        "INSERT INTO entities (id, kind)
           SELECT id, 'unit' FROM units UNION ALL SELECT id, 'person' FROM people
           UNION ALL SELECT id, 'value' FROM org_values
           UNION ALL SELECT id, 'behaviour' FROM behaviours
           UNION ALL SELECT id, 'measure' FROM measures UNION ALL SELECT id, 'goal' FROM goals",
    )?;
    Ok(())
}

/// Remove the row at a position; `old` is that row (for the ids it frees).
pub fn remove_row(tx: &Connection, section: Section, pos: i64, old: &Row) -> rusqlite::Result<()> {
    let table = match section {
        Section::Unit => "units",
        Section::Person => "people",
        Section::Value => "org_values",
        Section::Measure => "measures",
        Section::Interaction => "interactions",
        Section::Goal => "goals",
        Section::CheckIn => "check_ins",
    };
    tx.prepare_cached(&format!("DELETE FROM {table} WHERE pos = ?1"))?
        .execute(params![pos])?;
    match old {
        Row::Unit(x) => drop_entity(tx, &x.id)?,
        Row::Person(x) => drop_entity(tx, &x.id)?,
        Row::Value(x) => {
            for b in x.behaviours() {
                drop_entity(tx, &b.id)?;
            }
            drop_entity(tx, &x.id)?;
        }
        Row::Measure(x) => drop_entity(tx, &x.id)?,
        Row::Goal(x) => drop_entity(tx, &x.id)?,
        Row::Interaction(_) | Row::CheckIn(_) => {}
    }
    Ok(())
}

pub fn write_organisation(
    tx: &Connection,
    format: &str,
    organisation: &Organisation,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO organisation (singleton, format, name, focus_function) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (singleton) DO UPDATE SET format = ?1, name = ?2, focus_function = ?3",
        params![format, organisation.name, organisation.focus_function],
    )?;
    Ok(())
}

pub fn write_settings(tx: &Connection, settings: &Option<Settings>) -> rusqlite::Result<()> {
    let s = settings.clone().unwrap_or_default();
    tx.execute(
        "UPDATE organisation SET settings_present = ?1, as_of = ?2, stale_feedback_days = ?3,
           max_goals_per_person = ?4, max_setters_per_person = ?5, rules_present = ?6
         WHERE singleton = 1",
        params![
            settings.is_some(),
            s.as_of.map(|d| d.to_string()),
            s.stale_feedback_days.map(|v| v as i64),
            s.max_goals_per_person.map(|v| v as i64),
            s.max_setters_per_person.map(|v| v as i64),
            s.rules.is_some()
        ],
    )?;
    tx.execute("DELETE FROM rule_settings", [])?;
    for (rule, setting) in s.rules.iter().flatten() {
        tx.execute(
            "INSERT INTO rule_settings (rule, setting) VALUES (?1, ?2)",
            params![rule, enum_str(setting)],
        )?;
    }
    Ok(())
}

/// Delete every row of the map (not history or snapshots).
pub fn clear(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(
        "DELETE FROM goal_supports; DELETE FROM goal_values; DELETE FROM check_ins;
         DELETE FROM goals; DELETE FROM interactions; DELETE FROM measures;
         DELETE FROM behaviours; DELETE FROM org_values; DELETE FROM people;
         DELETE FROM units; DELETE FROM entities; DELETE FROM rule_settings;
         DELETE FROM organisation;",
    )
}

/// The map saved in a snapshot: its document, stored as text or compressed (schema v2).
pub fn snapshot_map(conn: &Connection, id: i64) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT map FROM snapshots WHERE id = ?1",
        params![id],
        |r| {
            owned_value(r.get_ref(0)?).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
            })
        },
    )
    .optional()?
    .map(|v| snapshot_text(v, id))
    .transpose()
}

/// A column's value, owned. Unlike rusqlite's `Value: From<ValueRef>` (which panics), text
/// that is not valid UTF-8 is an error: a hostile file must never crash a reader.
pub fn owned_value(v: rusqlite::types::ValueRef<'_>) -> Result<SqlValue, std::str::Utf8Error> {
    use rusqlite::types::ValueRef;
    Ok(match v {
        ValueRef::Null => SqlValue::Null,
        ValueRef::Integer(i) => SqlValue::Integer(i),
        ValueRef::Real(f) => SqlValue::Real(f),
        ValueRef::Text(t) => SqlValue::Text(std::str::from_utf8(t)?.to_string()),
        ValueRef::Blob(b) => SqlValue::Blob(b.to_vec()),
    })
}

/// A snapshot's map document from its column: text, or zlib-compressed bytes.
pub fn snapshot_text(v: SqlValue, id: i64) -> rusqlite::Result<String> {
    let bad = |why: String| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Blob,
            format!("snapshot {id}: {why}").into(),
        )
    };
    match v {
        SqlValue::Text(t) => Ok(t),
        SqlValue::Blob(b) => {
            use std::io::Read;
            let mut text = String::new();
            // Bounded: a snapshot is one map; a "zip bomb" stops at 1 GiB.
            flate2::read::ZlibDecoder::new(&b[..])
                .take(1 << 30)
                .read_to_string(&mut text)
                .map_err(|e| bad(format!("cannot be decompressed: {e}")))?;
            Ok(text)
        }
        other => Err(bad(format!("holds {:?}, not a map", other.data_type()))),
    }
}

/// A map document compressed for the `snapshots.map` column.
pub fn compress_snapshot(text: &str) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(text.as_bytes()).expect("writing to memory");
    z.finish().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id the map holds is found where the map holds it, and nothing else is held.
    fn assert_index_fresh(state: &State, what: &str) {
        let fresh = IdIndex::new(&state.map);
        assert_eq!(state.ids.len(), fresh.len(), "{what}: as many ids");
        let m = &state.map;
        let ids = throughline_core::org::every_id(m).map(|(id, _)| id);
        for id in ids {
            assert_eq!(state.ids.get(m, id), fresh.get(m, id), "{what}: {id}");
        }
    }

    /// Rows put between others, put in place of others and taken out, in every section
    /// with ids, keep the index what a fresh one of the map is.
    #[test]
    fn the_index_follows_rows_put_and_removed() {
        let map = throughline_core::gen::generate(&throughline_core::gen::GenOptions::new(40, 3));
        let mut state = State::from_map(map);
        // Positions 0, 1, 2, ...: a new row at pos + 0.5 goes between two (times 2 first).
        let doubled = |v: &Vec<i64>| v.iter().map(|p| p * 2).collect::<Vec<i64>>();
        state.pos = Positions {
            units: doubled(&state.pos.units),
            people: doubled(&state.pos.people),
            values: doubled(&state.pos.values),
            measures: doubled(&state.pos.measures),
            interactions: doubled(&state.pos.interactions),
            goals: doubled(&state.pos.goals),
            check_ins: doubled(&state.pos.check_ins),
        };
        let mut n = 0;
        for step in 0..60usize {
            let m = state.map.clone();
            let k = step % 5;
            let (section, len) = match k {
                0 => (Section::Unit, m.units.len()),
                1 => (Section::Person, m.people.len()),
                2 => (Section::Value, m.values.len()),
                3 => (Section::Measure, m.measures.len()),
                _ => (Section::Goal, m.goals.len()),
            };
            let i = (step * 7) % len;
            let pos = state.section_pos(section)[i];
            n += 1;
            let id = format!("new-{n}");
            let renamed = |row: Row| match row {
                Row::Unit(mut x) => {
                    x.id = id.clone();
                    Row::Unit(x)
                }
                Row::Person(mut x) => {
                    x.id = id.clone();
                    Row::Person(x)
                }
                Row::Value(mut x) => {
                    x.id = id.clone();
                    if let Some(b) = x.behaviours.as_mut() {
                        b.iter_mut()
                            .enumerate()
                            .for_each(|(j, b)| b.id = format!("{id}-b{j}"));
                    }
                    Row::Value(x)
                }
                Row::Measure(mut x) => {
                    x.id = id.clone();
                    Row::Measure(x)
                }
                Row::Goal(mut x) => {
                    x.id = id.clone();
                    Row::Goal(x)
                }
                other => other,
            };
            let row = state.row_at(section, pos).expect("a row there");
            match step % 3 {
                // A copy under a new id between this row and the one before it.
                0 => state.apply(&Op::Put {
                    pos: pos - 1,
                    row: renamed(row),
                }),
                // This row replaced by a copy under a new id.
                1 => state.apply(&Op::Put {
                    pos,
                    row: renamed(row),
                }),
                // This row taken out.
                _ => state.apply(&Op::Remove { section, pos }),
            }
            assert_index_fresh(&state, &format!("step {step}"));
        }
    }
}
