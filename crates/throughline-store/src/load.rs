//! Reading a workspace's map out of its tables — validated exactly like a map document.
//!
//! A workspace is a document that was synced, mailed, opened from a USB stick or edited by
//! a script, so nothing in its tables is trusted. The rows are read as plain values (any
//! SQL type in any column), assembled into a `throughline/1` JSON document and decoded by
//! the map format's own reader ([`throughline_core::format::read_map_value`]): every type,
//! enum, date, required field, reference, duplicate id and cycle is checked by the one
//! definition of a valid map. The store's own invariants are checked beside it (one
//! organisation row, the entity index naming exactly the map's ids with their kinds, whole
//! positions). Every problem is reported, each named by its entity's name and id.

use crate::rows::Positions;
use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::Connection;
use serde_json::{json, Map as Obj, Value as Json};
use std::collections::BTreeMap;
use throughline_core::org::IdIndex;
use throughline_core::validate::Problem;
use throughline_core::Map;

/// Why a map could not be read: the database failed, or its contents are not a valid map.
#[derive(Debug)]
pub enum LoadError {
    Sql(rusqlite::Error),
    /// Every problem, already phrased for a person ("goal “Grow ARR” (g-arr): owner: …").
    Invalid(Vec<String>),
}

impl From<rusqlite::Error> for LoadError {
    fn from(e: rusqlite::Error) -> Self {
        LoadError::Sql(e)
    }
}

/// Every row of a query, as plain values. Text that is not valid UTF-8 refuses the file.
fn rows(conn: &Connection, sql: &str) -> Result<Vec<Vec<Sql>>, LoadError> {
    let mut stmt = conn.prepare(sql)?;
    let n = stmt.column_count();
    let names: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
    let mut out = Vec::new();
    let mut rs = stmt.query([])?;
    while let Some(r) = rs.next()? {
        let mut row = Vec::with_capacity(n);
        for (i, name) in names.iter().enumerate() {
            row.push(crate::rows::owned_value(r.get_ref(i)?).map_err(|_| {
                let table = sql
                    .split_whitespace()
                    .skip_while(|w| !w.eq_ignore_ascii_case("FROM"))
                    .nth(1)
                    .unwrap_or("?");
                LoadError::Invalid(vec![format!(
                    "the {table} table holds text that is not valid UTF-8 (column {name}, row {})",
                    out.len() + 1
                )])
            })?);
        }
        out.push(row);
    }
    Ok(out)
}

/// A column's value as JSON, typed as SQLite stored it: a wrong type is left for the map
/// reader to name ("expected a string, found a number").
fn json_of(v: &Sql) -> Json {
    match v {
        Sql::Null => Json::Null,
        Sql::Integer(i) => json!(i),
        Sql::Real(f) => serde_json::Number::from_f64(*f)
            .map(Json::Number)
            // ±infinity: no JSON number; the reader refuses it by its type.
            .unwrap_or_else(|| Json::String(f.to_string())),
        Sql::Text(s) => Json::String(s.clone()),
        Sql::Blob(b) => Json::Array(b.iter().map(|x| json!(x)).collect()),
    }
}

/// A 0/1 flag column as a JSON boolean (anything else stays as it is, and is refused).
fn flag(v: &Sql) -> Json {
    match v {
        Sql::Integer(0) => Json::Bool(false),
        Sql::Integer(1) => Json::Bool(true),
        other => json_of(other),
    }
}

fn truthy(v: &Sql) -> bool {
    matches!(v, Sql::Integer(i) if *i != 0)
}

/// Set `key` unless the column is NULL (an omitted optional field).
fn opt(o: &mut Obj<String, Json>, key: &str, v: &Sql) {
    if !matches!(v, Sql::Null) {
        o.insert(key.into(), json_of(v));
    }
}

fn text(v: &Sql) -> Option<&str> {
    match v {
        Sql::Text(s) => Some(s),
        _ => None,
    }
}

/// Read the whole map and its positions, refusing anything that is not a valid map.
///
/// Rows of the types the store writes go straight into the model
/// ([`crate::load_typed`]); anything else is read through the map format's document
/// walker ([`load_slow`]), which names every problem. Both give the same answer.
pub fn load(conn: &Connection) -> Result<(Map, Positions, IdIndex), LoadError> {
    let Some((map, pos)) = crate::load_typed::read(conn)? else {
        return load_slow_indexed(conn);
    };
    let entities = entity_rows(conn)?;
    // One index of the map's ids, for the walker's gate and the entity table's check,
    // which only read: side by side. The state keeps it.
    let ids = IdIndex::new(&map);
    let (accepted, problems) = std::thread::scope(|s| {
        let problems = s.spawn(|| entity_problems(&entities, &map, &ids));
        let accepted = throughline_core::format::accepts_typed_with(&map, &ids);
        let problems = problems
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (accepted, problems)
    });
    if !accepted {
        load_slow_indexed(conn)
    } else if problems.is_empty() {
        Ok((map, pos, ids))
    } else {
        Err(LoadError::Invalid(problems))
    }
}

/// [`load_slow`], and the index of the map's ids.
fn load_slow_indexed(conn: &Connection) -> Result<(Map, Positions, IdIndex), LoadError> {
    let (map, pos) = load_slow(conn)?;
    let ids = IdIndex::new(&map);
    Ok((map, pos, ids))
}

/// The rows as a `throughline/1` document read by the map format's own reader: what
/// [`load`] falls back to, and what names the problems of a file it refuses. Public for
/// the tests that hold the two paths to the same result.
#[doc(hidden)]
pub fn load_slow(conn: &Connection) -> Result<(Map, Positions), LoadError> {
    let mut problems: Vec<String> = Vec::new();
    let mut doc = Obj::new();

    let org = rows(
        conn,
        "SELECT format, name, focus_function, settings_present, as_of, stale_feedback_days,
                max_goals_per_person, max_setters_per_person, rules_present
           FROM organisation",
    )?;
    if org.len() != 1 {
        problems.push(format!(
            "the organisation table has {} rows; a workspace has exactly one",
            org.len()
        ));
    }
    let empty_org = vec![Sql::Null; 9];
    let o = org.first().unwrap_or(&empty_org);
    doc.insert("format".into(), json_of(&o[0]));
    let mut organisation = Obj::new();
    organisation.insert("name".into(), json_of(&o[1]));
    opt(&mut organisation, "focus_function", &o[2]);
    doc.insert("organisation".into(), Json::Object(organisation));
    if truthy(&o[3]) {
        let mut s = Obj::new();
        opt(&mut s, "as_of", &o[4]);
        opt(&mut s, "stale_feedback_days", &o[5]);
        opt(&mut s, "max_goals_per_person", &o[6]);
        opt(&mut s, "max_setters_per_person", &o[7]);
        if truthy(&o[8]) {
            let mut r = Obj::new();
            for row in rows(
                conn,
                "SELECT rule, setting FROM rule_settings ORDER BY rule",
            )? {
                let key = match &row[0] {
                    Sql::Text(t) => t.clone(),
                    other => format!("{other:?}"),
                };
                r.insert(key, json_of(&row[1]));
            }
            s.insert("rules".into(), Json::Object(r));
        }
        doc.insert("settings".into(), Json::Object(s));
    }

    let mut pos = Positions::default();
    let mut position = |list: &mut Vec<i64>, v: &Sql, what: &dyn Fn() -> String| match v {
        Sql::Integer(i) => list.push(*i),
        _ => problems.push(format!("{}: its position is not a whole number", what())),
    };

    let mut units = Vec::new();
    for r in rows(
        conn,
        "SELECT id, pos, name, kind, parent FROM units ORDER BY pos",
    )? {
        position(&mut pos.units, &r[1], &|| {
            describe_row("unit", &r[0], &r[2])
        });
        let mut u = Obj::new();
        u.insert("id".into(), json_of(&r[0]));
        u.insert("name".into(), json_of(&r[2]));
        u.insert("kind".into(), json_of(&r[3]));
        opt(&mut u, "parent", &r[4]);
        units.push(Json::Object(u));
    }
    let mut people = Vec::new();
    // A file not yet migrated to schema 3 (opened read-only, or read before its migration)
    // has no e-mail column.
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let people_sql = if version >= 3 {
        "SELECT id, pos, name, unit, role, manager, email FROM people ORDER BY pos"
    } else {
        "SELECT id, pos, name, unit, role, manager, NULL FROM people ORDER BY pos"
    };
    for r in rows(conn, people_sql)? {
        position(&mut pos.people, &r[1], &|| {
            describe_row("person", &r[0], &r[2])
        });
        let mut p = Obj::new();
        p.insert("id".into(), json_of(&r[0]));
        p.insert("name".into(), json_of(&r[2]));
        p.insert("unit".into(), json_of(&r[3]));
        opt(&mut p, "role", &r[4]);
        opt(&mut p, "manager", &r[5]);
        opt(&mut p, "email", &r[6]);
        people.push(Json::Object(p));
    }
    let mut behaviours: BTreeMap<String, Vec<Json>> = BTreeMap::new();
    for r in rows(
        conn,
        "SELECT value_id, id, name FROM behaviours ORDER BY value_id, pos",
    )? {
        let key = text(&r[0]).unwrap_or_default().to_string();
        behaviours
            .entry(key)
            .or_default()
            .push(json!({"id": json_of(&r[1]), "name": json_of(&r[2])}));
    }
    let mut values = Vec::new();
    for r in rows(
        conn,
        "SELECT id, pos, name, description, behaviours_present FROM org_values ORDER BY pos",
    )? {
        position(&mut pos.values, &r[1], &|| {
            describe_row("value", &r[0], &r[2])
        });
        let mut v = Obj::new();
        v.insert("id".into(), json_of(&r[0]));
        v.insert("name".into(), json_of(&r[2]));
        opt(&mut v, "description", &r[3]);
        let bs = text(&r[0])
            .and_then(|id| behaviours.remove(id))
            .unwrap_or_default();
        if truthy(&r[4]) || !bs.is_empty() {
            v.insert("behaviours".into(), Json::Array(bs));
        }
        values.push(Json::Object(v));
    }
    let mut measures = Vec::new();
    for r in rows(
        conn,
        "SELECT id, pos, name, unit, kind, direction, leading FROM measures ORDER BY pos",
    )? {
        position(&mut pos.measures, &r[1], &|| {
            describe_row("measure", &r[0], &r[2])
        });
        let mut m = Obj::new();
        m.insert("id".into(), json_of(&r[0]));
        m.insert("name".into(), json_of(&r[2]));
        opt(&mut m, "unit", &r[3]);
        m.insert("kind".into(), json_of(&r[4]));
        opt(&mut m, "direction", &r[5]);
        if !matches!(r[6], Sql::Null) {
            m.insert("leading".into(), flag(&r[6]));
        }
        measures.push(Json::Object(m));
    }
    let mut interactions = Vec::new();
    for r in rows(
        conn,
        "SELECT pos, from_measure, to_measure, effect, note FROM interactions ORDER BY pos",
    )? {
        position(&mut pos.interactions, &r[0], &|| "an interaction".into());
        let mut x = Obj::new();
        x.insert("from".into(), json_of(&r[1]));
        x.insert("to".into(), json_of(&r[2]));
        x.insert("effect".into(), json_of(&r[3]));
        opt(&mut x, "note", &r[4]);
        interactions.push(Json::Object(x));
    }
    let mut links: BTreeMap<&'static str, BTreeMap<String, Vec<Json>>> = BTreeMap::new();
    for (key, sql) in [
        (
            "supports",
            "SELECT goal, supports FROM goal_supports ORDER BY goal, pos",
        ),
        (
            "values",
            "SELECT goal, value_ref FROM goal_values ORDER BY goal, pos",
        ),
    ] {
        let by_goal = links.entry(key).or_default();
        for r in rows(conn, sql)? {
            let goal = text(&r[0]).unwrap_or_default().to_string();
            by_goal.entry(goal).or_default().push(json_of(&r[1]));
        }
    }
    let mut goals = Vec::new();
    for r in rows(
        conn,
        "SELECT id, pos, title, level, owner, set_by, measure, target, due, status,
                supports_present, values_present FROM goals ORDER BY pos",
    )? {
        position(&mut pos.goals, &r[1], &|| {
            describe_row("goal", &r[0], &r[2])
        });
        let id = text(&r[0]).unwrap_or_default().to_string();
        let mut g = Obj::new();
        g.insert("id".into(), json_of(&r[0]));
        g.insert("title".into(), json_of(&r[2]));
        opt(&mut g, "level", &r[3]);
        g.insert("owner".into(), json_of(&r[4]));
        opt(&mut g, "set_by", &r[5]);
        opt(&mut g, "measure", &r[6]);
        opt(&mut g, "target", &r[7]);
        opt(&mut g, "due", &r[8]);
        opt(&mut g, "status", &r[9]);
        for (key, present) in [("supports", &r[10]), ("values", &r[11])] {
            let list = links.get_mut(key).and_then(|m| m.remove(&id));
            if truthy(present) || list.is_some() {
                g.insert(key.into(), Json::Array(list.unwrap_or_default()));
            }
        }
        goals.push(Json::Object(g));
    }
    let mut check_ins = Vec::new();
    for r in rows(
        conn,
        "SELECT pos, person, with_person, date, kind, notes FROM check_ins ORDER BY pos",
    )? {
        position(&mut pos.check_ins, &r[0], &|| "a check-in".into());
        let mut c = Obj::new();
        c.insert("person".into(), json_of(&r[1]));
        opt(&mut c, "with", &r[2]);
        c.insert("date".into(), json_of(&r[3]));
        opt(&mut c, "kind", &r[4]);
        opt(&mut c, "notes", &r[5]);
        check_ins.push(Json::Object(c));
    }
    for (key, list) in [
        ("units", units),
        ("people", people),
        ("values", values),
        ("measures", measures),
        ("interactions", interactions),
        ("goals", goals),
        ("check_ins", check_ins),
    ] {
        doc.insert(key.into(), Json::Array(list));
    }
    let doc = Json::Object(doc);

    let map = match throughline_core::format::read_map_value(&doc) {
        Ok(map) => Some(map),
        Err(found) => {
            problems.extend(found.iter().map(|p| describe_problem(&doc, p)));
            None
        }
    };
    if let Some(map) = &map {
        problems.extend(entity_problems(
            &entity_rows(conn)?,
            map,
            &IdIndex::new(map),
        ));
    }
    match map {
        Some(map) if problems.is_empty() => Ok((map, pos)),
        _ => Err(LoadError::Invalid(problems)),
    }
}

/// The `entities` table's rows, `(id, kind)`, each `None` where it is not text.
type EntityRows = Vec<(Option<String>, Option<String>)>;

fn entity_rows(conn: &Connection) -> Result<EntityRows, LoadError> {
    let utf8 = |v: ValueRef<'_>| match v {
        ValueRef::Text(t) => std::str::from_utf8(t).ok().map(str::to_string),
        _ => None,
    };
    let mut stmt = conn.prepare("SELECT id, kind FROM entities ORDER BY id")?;
    let mut rs = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rs.next()? {
        out.push((utf8(r.get_ref(0)?), utf8(r.get_ref(1)?)));
    }
    Ok(out)
}

/// The `entities` table must list exactly the map's ids, each with its kind: every
/// reference and every new id relies on it.
fn entity_problems(rows: &EntityRows, map: &Map, ids: &IdIndex) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = 0usize;
    for (id, kind) in rows {
        let Some(id) = id else {
            problems.push("the entity index holds an id that is not text".to_string());
            continue;
        };
        let kind = kind.as_deref().unwrap_or("?");
        match ids.get(map, id).map(|n| n.kind().noun()) {
            Some(k) if k == kind => seen += 1,
            Some(k) => {
                seen += 1;
                problems.push(format!(
                    "the entity index lists {id} as a {kind}, but it is a {k}"
                ));
            }
            None => problems.push(format!(
                "the entity index lists {id} as a {kind}, but there is no such {kind}"
            )),
        }
    }
    if seen < ids.len() {
        let listed: rustc_hash::FxHashSet<&str> =
            rows.iter().filter_map(|r| r.0.as_deref()).collect();
        let mut missing: Vec<(&str, &str)> = throughline_core::org::every_id(map)
            .filter(|(id, _)| !listed.contains(id))
            .map(|(id, n)| (id, n.kind().noun()))
            .collect();
        missing.sort_unstable();
        for (id, kind) in missing {
            problems.push(format!("{kind} {id} is missing from the entity index"));
        }
    }
    problems
}

fn describe_row(kind: &str, id: &Sql, name: &Sql) -> String {
    let id = match id {
        Sql::Text(s) => s.clone(),
        other => format!("{other:?}"),
    };
    match name {
        Sql::Text(n) if !n.is_empty() => format!("{kind} “{n}” ({id})"),
        _ => format!("{kind} {id}"),
    }
}

/// A problem at a JSON location, named by the entity it is about:
/// `goals[3].owner: …` becomes `goal “Grow ARR” (g-arr): owner: …`.
fn describe_problem(doc: &Json, p: &Problem) -> String {
    const SECTIONS: [(&str, &str, &str); 7] = [
        ("units", "unit", "name"),
        ("people", "person", "name"),
        ("values", "value", "name"),
        ("measures", "measure", "name"),
        ("interactions", "interaction", ""),
        ("goals", "goal", "title"),
        ("check_ins", "check-in", ""),
    ];
    let path = p.path.as_str();
    for (section, noun, name_key) in SECTIONS {
        let Some(rest) = path.strip_prefix(section).and_then(|r| r.strip_prefix('[')) else {
            continue;
        };
        let Some((index, tail)) = rest.split_once(']') else {
            continue;
        };
        let Ok(i) = index.parse::<usize>() else {
            continue;
        };
        let item = &doc[section][i];
        let who = match (noun, item) {
            ("interaction", x) => format!(
                "the interaction {} → {}",
                x["from"].as_str().unwrap_or("?"),
                x["to"].as_str().unwrap_or("?")
            ),
            ("check-in", c) => format!(
                "the check-in of {} on {}",
                c["person"].as_str().unwrap_or("?"),
                c["date"].as_str().unwrap_or("?")
            ),
            (_, x) => {
                let id = x["id"].as_str().unwrap_or("?");
                match x[name_key].as_str() {
                    Some(n) if !n.is_empty() => format!("{noun} “{n}” ({id})"),
                    _ => format!("{noun} {id}"),
                }
            }
        };
        let tail = tail.trim_start_matches('.');
        return if tail.is_empty() {
            format!("{who}: {}", p.message)
        } else {
            format!("{who}: {tail}: {}", p.message)
        };
    }
    p.to_string()
}
