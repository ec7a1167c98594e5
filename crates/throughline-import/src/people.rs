//! People tables: rows into people, matched with the workspace's, their units and their
//! managers (looked up in the file first, then in the workspace).

use crate::headers::{Field, Mapping};
use crate::identity::{derived, name_key, person_key};
use crate::plan::{Ctx, FieldChanges};
use crate::problem::{Problem, TableRef};
use crate::read::{Row, Table};
use crate::units::split_path;
use crate::values::id_text;
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::Value as Json;
use throughline_core::model::Person;
use throughline_core::validate::find_cycles;
use throughline_core::Map;

/// One person's row, read.
pub(crate) struct PersonRow<'t> {
    pub src: &'t TableRef,
    pub mapping: &'t Mapping,
    pub row: u32,
    pub hr_id: String,
    pub email: String,
    pub name: String,
    /// `Some` when the table has a role column (empty text clears it).
    pub role: Option<String>,
    pub email_present: bool,
    /// The unit path; `None` when the table has no level or path column.
    pub path: Option<Vec<String>>,
    /// The manager cell (field, header, text); `None`: no manager column.
    pub manager: Option<Option<(Field, String, String)>>,
    /// The workspace person it matched.
    pub base: Option<usize>,
    /// Its map id once known.
    pub id: String,
}

fn text(row: &Row, m: &Mapping, f: Field) -> Option<String> {
    m.column(f).map(|c| row.get(c.index).text().into_owned())
}

/// Read a people table's data rows.
pub(crate) fn read_rows<'t>(
    table: &'t Table,
    m: &'t Mapping,
    problems: &mut Vec<Problem>,
) -> Vec<PersonRow<'t>> {
    let src = &table.source;
    let header_row = m.header_row.unwrap_or(0);
    let levels = m.levels();
    let mut out = Vec::new();
    for row in table
        .rows
        .iter()
        .filter(|r| r.number > header_row && !r.is_blank())
    {
        let name = match text(row, m, Field::Name) {
            Some(n) => n,
            None => {
                let first = text(row, m, Field::FirstName).unwrap_or_default();
                let last = text(row, m, Field::LastName).unwrap_or_default();
                format!("{first} {last}").trim().to_string()
            }
        };
        if name.is_empty() {
            let col = m.header(Field::Name).or(m.header(Field::FirstName));
            problems.push(Problem::cell(
                src,
                row.number,
                col,
                "no name: every person needs one",
            ));
            continue;
        }
        let path = if let Some(c) = m
            .column(Field::UnitPath)
            .filter(|c| !row.get(c.index).is_blank() || levels.is_empty())
        {
            Some(split_path(&row.get(c.index).text()))
        } else if !levels.is_empty() {
            Some(
                levels
                    .iter()
                    .map(|c| row.get(c.index).text().into_owned())
                    .filter(|p| !p.is_empty())
                    .collect(),
            )
        } else {
            None
        };
        let manager_cols = [Field::ManagerId, Field::ManagerEmail, Field::Manager];
        let manager = if manager_cols.iter().any(|f| m.column(*f).is_some()) {
            Some(manager_cols.iter().find_map(|f| {
                let c = m.column(*f)?;
                let t = row.get(c.index).text();
                (!t.is_empty()).then(|| (*f, c.header.clone(), t.into_owned()))
            }))
        } else {
            None
        };
        out.push(PersonRow {
            src,
            mapping: m,
            row: row.number,
            hr_id: m
                .column(Field::PersonId)
                .map(|c| id_text(row.get(c.index)))
                .unwrap_or_default(),
            email: text(row, m, Field::Email).unwrap_or_default(),
            name,
            role: text(row, m, Field::Role),
            email_present: m.column(Field::Email).is_some(),
            path,
            manager,
            base: None,
            id: String::new(),
        });
    }
    out
}

fn where_(r: &PersonRow, other: &PersonRow) -> String {
    if r.src == other.src {
        format!("row {}", other.row)
    } else {
        format!("{} row {}", other.src, other.row)
    }
}

/// Two rows with the same id value or e-mail.
pub(crate) fn check_duplicates(rows: &[PersonRow], problems: &mut Vec<Problem>) {
    let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
    let mut emails: FxHashMap<String, usize> = FxHashMap::default();
    for (i, r) in rows.iter().enumerate() {
        if !r.hr_id.is_empty() {
            if let Some(&first) = ids.get(r.hr_id.as_str()) {
                problems.push(Problem::cell(
                    r.src,
                    r.row,
                    r.mapping.header(Field::PersonId),
                    format!(
                        "the id \"{}\" is also on {} ({})",
                        r.hr_id,
                        where_(r, &rows[first]),
                        rows[first].name
                    ),
                ));
            } else {
                ids.insert(&r.hr_id, i);
            }
        }
        if !r.email.is_empty() {
            let k = r.email.to_lowercase();
            if let Some(&first) = emails.get(&k) {
                problems.push(Problem::cell(
                    r.src,
                    r.row,
                    r.mapping.header(Field::Email),
                    format!(
                        "the e-mail \"{}\" is also on {} ({})",
                        r.email,
                        where_(r, &rows[first]),
                        rows[first].name
                    ),
                ));
            } else {
                emails.insert(k, i);
            }
        }
    }
}

/// Match rows with the workspace's people: by map id or derived id, then e-mail, then
/// unique name; a workspace person is matched at most once.
pub(crate) fn match_base(rows: &mut [PersonRow], base: &Map, problems: &mut Vec<Problem>) {
    let mut by_id: FxHashMap<&str, usize> = FxHashMap::default();
    let mut by_email: FxHashMap<String, usize> = FxHashMap::default();
    let mut by_name: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, p) in base.people.iter().enumerate() {
        by_id.insert(&p.id, i);
        if let Some(e) = p.email.as_deref().filter(|e| !e.trim().is_empty()) {
            by_email.entry(e.trim().to_lowercase()).or_insert(i);
        }
        by_name.entry(name_key(&p.name)).or_default().push(i);
    }
    let mut claimed: FxHashSet<usize> = FxHashSet::default();
    for r in rows.iter_mut().filter(|r| !r.hr_id.is_empty()) {
        let found = by_id
            .get(r.hr_id.as_str())
            .or_else(|| by_id.get(derived("p-", &r.hr_id).as_str()));
        if let Some(&i) = found.filter(|i| !claimed.contains(i)) {
            claimed.insert(i);
            r.base = Some(i);
        }
    }
    for r in rows
        .iter_mut()
        .filter(|r| r.base.is_none() && !r.email.is_empty())
    {
        if let Some(&i) = by_email
            .get(&r.email.to_lowercase())
            .filter(|i| !claimed.contains(i))
        {
            claimed.insert(i);
            r.base = Some(i);
        }
    }
    for r in rows.iter_mut().filter(|r| r.base.is_none()) {
        let candidates: Vec<usize> = by_name
            .get(&name_key(&r.name))
            .map(|v| v.iter().copied().filter(|i| !claimed.contains(i)).collect())
            .unwrap_or_default();
        match candidates.as_slice() {
            [] => {}
            [one] => {
                claimed.insert(*one);
                r.base = Some(*one);
            }
            many => problems.push(Problem::cell(
                r.src,
                r.row,
                r.mapping.header(Field::Name).or(r.mapping.header(Field::FirstName)),
                format!(
                    "\"{}\" matches several people of the workspace: {}; add an id or e-mail column to tell them apart",
                    r.name,
                    many.iter().map(|&i| format!("{} ({})", base.people[i].name, base.people[i].id)).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }
}

/// How a person is named in a cell.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// An id value, an e-mail or a name.
    Any,
    Id,
    Email,
}

/// Finds people of the file (first) and of the map being built.
pub(crate) struct PersonFinder {
    file_id: FxHashMap<String, String>,
    file_email: FxHashMap<String, String>,
    file_name: FxHashMap<String, Vec<(String, String)>>,
    ws_id: FxHashSet<String>,
    ws_email: FxHashMap<String, String>,
    ws_name: FxHashMap<String, Vec<(String, String)>>,
}

impl PersonFinder {
    pub(crate) fn new(rows: &[PersonRow], map: &Map) -> Self {
        let mut f = PersonFinder {
            file_id: FxHashMap::default(),
            file_email: FxHashMap::default(),
            file_name: FxHashMap::default(),
            ws_id: FxHashSet::default(),
            ws_email: FxHashMap::default(),
            ws_name: FxHashMap::default(),
        };
        for r in rows.iter().filter(|r| !r.id.is_empty()) {
            if !r.hr_id.is_empty() {
                f.file_id
                    .entry(r.hr_id.clone())
                    .or_insert_with(|| r.id.clone());
            }
            if !r.email.is_empty() {
                f.file_email
                    .entry(r.email.to_lowercase())
                    .or_insert_with(|| r.id.clone());
            }
            f.file_name
                .entry(name_key(&r.name))
                .or_default()
                .push((r.id.clone(), format!("row {}", r.row)));
        }
        for p in &map.people {
            f.ws_id.insert(p.id.clone());
            if let Some(e) = p.email.as_deref().filter(|e| !e.trim().is_empty()) {
                f.ws_email
                    .entry(e.trim().to_lowercase())
                    .or_insert_with(|| p.id.clone());
            }
            f.ws_name
                .entry(name_key(&p.name))
                .or_default()
                .push((p.id.clone(), p.id.clone()));
        }
        f
    }

    /// The person this text names. `Err`: an ambiguous name, with the candidates.
    pub(crate) fn find(&self, text: &str, how: Lookup) -> Result<Option<String>, String> {
        let t = text.trim();
        let email = t.to_lowercase();
        let unique = |v: Option<&Vec<(String, String)>>| -> Result<Option<String>, String> {
            match v.map(Vec::as_slice) {
                None | Some([]) => Ok(None),
                Some([(id, _)]) => Ok(Some(id.clone())),
                Some(many) => Err(format!(
                    "several people are named \"{t}\": {}; use an id or e-mail",
                    many.iter()
                        .map(|(_, w)| w.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        };
        if how != Lookup::Email {
            if let Some(id) = self.file_id.get(t) {
                return Ok(Some(id.clone()));
            }
        }
        if how != Lookup::Id {
            if let Some(id) = self.file_email.get(&email) {
                return Ok(Some(id.clone()));
            }
        }
        if how == Lookup::Any {
            if let Some(id) = unique(self.file_name.get(&name_key(t)))? {
                return Ok(Some(id));
            }
        }
        if how != Lookup::Email {
            if self.ws_id.contains(t) {
                return Ok(Some(t.to_string()));
            }
            let d = derived("p-", t);
            if self.ws_id.contains(&d) {
                return Ok(Some(d));
            }
        }
        if how != Lookup::Id {
            if let Some(id) = self.ws_email.get(&email) {
                return Ok(Some(id.clone()));
            }
        }
        if how == Lookup::Any {
            return unique(self.ws_name.get(&name_key(t)));
        }
        Ok(None)
    }
}

/// What the people tables did to the map's people.
#[derive(Default)]
pub(crate) struct PeopleOutcome {
    pub added: Vec<usize>,
    pub updated: Vec<(usize, FieldChanges)>,
    pub unchanged: usize,
    /// Workspace people the rows matched.
    pub matched: FxHashSet<usize>,
}

fn opt(s: &Option<String>) -> Json {
    s.as_ref()
        .map(|s| Json::String(s.clone()))
        .unwrap_or(Json::Null)
}

/// The fields of a person that changed, old and new.
pub(crate) fn person_changes(old: &Person, new: &Person) -> FieldChanges {
    let mut c = FieldChanges::new();
    if old.name != new.name {
        c.insert(
            "name".into(),
            [
                Json::String(old.name.clone()),
                Json::String(new.name.clone()),
            ],
        );
    }
    if old.email != new.email {
        c.insert("email".into(), [opt(&old.email), opt(&new.email)]);
    }
    if old.role != new.role {
        c.insert("role".into(), [opt(&old.role), opt(&new.role)]);
    }
    if old.unit != new.unit {
        c.insert(
            "unit".into(),
            [
                Json::String(old.unit.clone()),
                Json::String(new.unit.clone()),
            ],
        );
    }
    if old.manager != new.manager {
        c.insert("manager".into(), [opt(&old.manager), opt(&new.manager)]);
    }
    c
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Build the people of the rows into the map: ids, units, fields, then managers.
pub(crate) fn apply(ctx: &mut Ctx, rows: &mut [PersonRow]) -> PeopleOutcome {
    let mut out = PeopleOutcome::default();
    let mut index_of_row = Vec::with_capacity(rows.len());
    for r in rows.iter_mut() {
        let unit = r.path.as_ref().map(|p| {
            let u = ctx.units.resolve_path(&mut ctx.map, &mut ctx.ids, p);
            ctx.map.units[u].id.clone()
        });
        match r.base {
            Some(b) => {
                out.matched.insert(b);
                r.id = ctx.base.people[b].id.clone();
                let p = &mut ctx.map.people[b];
                p.name = r.name.clone();
                if r.email_present {
                    p.email = non_empty(&r.email);
                }
                if let Some(role) = &r.role {
                    p.role = non_empty(role);
                }
                if let Some(u) = unit {
                    p.unit = u;
                }
                index_of_row.push(b);
            }
            None => {
                r.id = ctx
                    .ids
                    .allocate("p-", person_key(&r.hr_id, &r.email, &r.name));
                let root = ctx.map.units[ctx.units.root].id.clone();
                ctx.map.people.push(Person {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    unit: unit.unwrap_or(root),
                    role: r.role.as_deref().and_then(non_empty),
                    manager: None,
                    email: non_empty(&r.email),
                });
                let i = ctx.map.people.len() - 1;
                out.added.push(i);
                index_of_row.push(i);
            }
        }
    }
    let finder = PersonFinder::new(rows, &ctx.map);
    for (r, &i) in rows.iter().zip(&index_of_row) {
        let Some(cell) = &r.manager else { continue };
        let manager = match cell {
            None => None,
            Some((field, header, text)) => {
                let how = match field {
                    Field::ManagerId => Lookup::Id,
                    Field::ManagerEmail => Lookup::Email,
                    _ => Lookup::Any,
                };
                match finder.find(text, how) {
                    Ok(Some(id)) => Some(id),
                    Ok(None) => {
                        let what = match how {
                            Lookup::Id => "with the id",
                            Lookup::Email => "with the e-mail",
                            Lookup::Any => "",
                        };
                        let what = if what.is_empty() {
                            String::new()
                        } else {
                            format!("{what} ")
                        };
                        ctx.problems.push(Problem::cell(
                            r.src,
                            r.row,
                            Some(header),
                            format!("unknown manager: no person {what}\"{text}\" in the file or the workspace"),
                        ));
                        continue;
                    }
                    Err(e) => {
                        ctx.problems.push(Problem::cell(
                            r.src,
                            r.row,
                            Some(header),
                            format!("ambiguous manager: {e}"),
                        ));
                        continue;
                    }
                }
            }
        };
        ctx.map.people[i].manager = manager;
    }
    for &b in &out.matched {
        let c = person_changes(&ctx.base.people[b], &ctx.map.people[b]);
        if c.is_empty() {
            out.unchanged += 1;
        } else {
            out.updated.push((b, c));
        }
    }
    out.updated.sort_by_key(|(b, _)| *b);
    manager_cycles(ctx, rows, &index_of_row);
    out
}

/// A cycle of managers, named as a chain of names, at the row of its first person in the
/// file.
fn manager_cycles(ctx: &mut Ctx, rows: &[PersonRow], index_of_row: &[usize]) {
    let people = &ctx.map.people;
    let pos: FxHashMap<&str, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let next: Vec<Option<usize>> = people
        .iter()
        .map(|p| p.manager.as_deref().and_then(|m| pos.get(m).copied()))
        .collect();
    let row_of: FxHashMap<usize, usize> = index_of_row
        .iter()
        .enumerate()
        .map(|(r, &i)| (i, r))
        .collect();
    for cycle in find_cycles(&next) {
        let mut names: Vec<&str> = cycle.iter().map(|&i| people[i].name.as_str()).collect();
        names.push(names[0]);
        let chain = names.join(" → ");
        let at = cycle
            .iter()
            .filter_map(|i| row_of.get(i))
            .min()
            .map(|&r| &rows[r]);
        let p = match at {
            Some(r) => {
                let header = r
                    .manager
                    .as_ref()
                    .and_then(|m| m.as_ref())
                    .map(|(_, h, _)| h.as_str());
                Problem::cell(r.src, r.row, header, format!("manager cycle: {chain}"))
            }
            None => continue,
        };
        ctx.problems.push(p);
    }
}
