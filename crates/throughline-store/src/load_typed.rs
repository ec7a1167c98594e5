//! The fast path of [`crate::load::load`]: a workspace's rows read straight into the model.
//!
//! Every column is taken only as the type the store writes (text as valid UTF-8 text, a
//! position as an integer, a flag as 0 or 1, an enum as one of its names, a date as
//! `YYYY-MM-DD`). The map it builds must then pass [`throughline_core::format::accepts_typed_with`]
//! — the same gate the map reader's own fast path uses — and the entity index check. Any
//! value of another type, or a map that gate refuses, makes it answer `None`, and the
//! loader reads the rows again through the map format's document walker, which names every
//! problem. So the fast path accepts nothing the walker would refuse, and builds the map
//! the walker would build (a property test in `tests/integration/fuzz.rs` holds the two
//! paths to the same result on mutated files).
//!
//! Why: at 100,000 people, assembling and walking the JSON document took 2.8 s of the
//! 3.8 s a workspace took to load.

use crate::rows::Positions;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};
use rustc_hash::FxHashMap;
use throughline_core::format::parse_date;
use throughline_core::model::{
    Behaviour, CheckIn, CheckInKind, Direction, Effect, Goal, Interaction, Level, Measure,
    MeasureKind, Organisation, Person, RuleSetting, Settings, Status, Unit, UnitKind, Value,
};
use throughline_core::Map;

/// A column as text (valid UTF-8, not NULL).
fn text(r: &Row, i: usize) -> rusqlite::Result<Option<String>> {
    Ok(match r.get_ref(i)? {
        ValueRef::Text(t) => std::str::from_utf8(t).ok().map(str::to_string),
        _ => None,
    })
}

/// An optional text column: `Some(None)` for NULL, `None` for any other type.
fn opt_text(r: &Row, i: usize) -> rusqlite::Result<Option<Option<String>>> {
    Ok(match r.get_ref(i)? {
        ValueRef::Null => Some(None),
        ValueRef::Text(t) => std::str::from_utf8(t).ok().map(|s| Some(s.to_string())),
        _ => None,
    })
}

fn int(r: &Row, i: usize) -> rusqlite::Result<Option<i64>> {
    Ok(match r.get_ref(i)? {
        ValueRef::Integer(n) => Some(n),
        _ => None,
    })
}

/// A presence flag as the slow path reads it: any non-zero integer is set.
fn truthy(r: &Row, i: usize) -> rusqlite::Result<bool> {
    Ok(matches!(r.get_ref(i)?, ValueRef::Integer(n) if n != 0))
}

/// An optional column parsed from its text (an enum name, a date): `Some(None)` for NULL.
fn opt_parsed<T>(
    r: &Row,
    i: usize,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<Option<T>>> {
    Ok(match r.get_ref(i)? {
        ValueRef::Null => Some(None),
        ValueRef::Text(t) => std::str::from_utf8(t).ok().and_then(&parse).map(Some),
        _ => None,
    })
}

fn parsed<T>(r: &Row, i: usize, parse: impl Fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    Ok(opt_parsed(r, i, parse)?.flatten())
}

/// An optional whole number >= 0 (the settings' limits).
fn opt_uint(r: &Row, i: usize) -> rusqlite::Result<Option<Option<u64>>> {
    Ok(match r.get_ref(i)? {
        ValueRef::Null => Some(None),
        ValueRef::Integer(n) => u64::try_from(n).ok().map(Some),
        _ => None,
    })
}

/// Every row of a query through `f`; `None` as soon as one row does not fit.
fn each<T>(
    conn: &Connection,
    sql: &str,
    mut f: impl FnMut(&Row) -> rusqlite::Result<Option<T>>,
) -> rusqlite::Result<Option<Vec<T>>> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        match f(r)? {
            Some(x) => out.push(x),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// Rows read in the table's own order (its primary key: one sequential pass, where
/// `ORDER BY pos` walks the position index and looks every row up) put in document order.
/// `None` if two rows share a position, which only a damaged index allows: the walker
/// path then reads the file as SQLite orders it.
fn in_position_order<T>(mut rows: Vec<(i64, T)>, pos: &mut Vec<i64>) -> Option<Vec<T>> {
    rows.sort_by_key(|r| r.0);
    if rows.windows(2).any(|w| w[0].0 == w[1].0) {
        return None;
    }
    pos.reserve(rows.len());
    Some(
        rows.into_iter()
            .map(|(p, x)| {
                pos.push(p);
                x
            })
            .collect(),
    )
}

/// Lists of ids by the entity they belong to (`goal_supports`, `goal_values`, behaviours).
fn grouped<T>(
    conn: &Connection,
    sql: &str,
    mut f: impl FnMut(&Row) -> rusqlite::Result<Option<T>>,
) -> rusqlite::Result<Option<FxHashMap<String, Vec<T>>>> {
    let mut out: FxHashMap<String, Vec<T>> = FxHashMap::default();
    let rows = each(conn, sql, |r| {
        let (Some(key), Some(x)) = (text(r, 0)?, f(r)?) else {
            return Ok(None);
        };
        Ok(Some((key, x)))
    })?;
    let Some(rows) = rows else { return Ok(None) };
    for (key, x) in rows {
        out.entry(key).or_default().push(x);
    }
    Ok(Some(out))
}

/// `?` for the nested `Option` of a column that did not fit.
macro_rules! fit {
    ($e:expr) => {
        match $e? {
            Some(v) => v,
            None => return Ok(None),
        }
    };
}

/// The map and positions, or `None` when any value is not what the store writes. The
/// caller still asks [`throughline_core::format::accepts_typed_with`] of the map.
pub(crate) fn read(conn: &Connection) -> rusqlite::Result<Option<(Map, Positions)>> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let mut orgs = fit!(each(
        conn,
        "SELECT format, name, focus_function, settings_present, as_of, stale_feedback_days,
                max_goals_per_person, max_setters_per_person, rules_present
           FROM organisation",
        |r| {
            let format = fit!(text(r, 0));
            let name = fit!(text(r, 1));
            let focus_function = fit!(opt_text(r, 2));
            let settings = if truthy(r, 3)? {
                Some((
                    Settings {
                        as_of: fit!(opt_parsed(r, 4, parse_date)),
                        stale_feedback_days: fit!(opt_uint(r, 5)),
                        max_goals_per_person: fit!(opt_uint(r, 6)),
                        max_setters_per_person: fit!(opt_uint(r, 7)),
                        rules: None,
                    },
                    truthy(r, 8)?,
                ))
            } else {
                None
            };
            Ok(Some((format, name, focus_function, settings)))
        }
    ));
    if orgs.len() != 1 {
        return Ok(None);
    }
    let (format, name, focus_function, settings) = orgs.remove(0);
    let settings = match settings {
        None => None,
        Some((mut s, rules_present)) => {
            if rules_present {
                let rules = fit!(each(
                    conn,
                    "SELECT rule, setting FROM rule_settings ORDER BY rule",
                    |r| Ok(text(r, 0)?.zip(parsed(r, 1, RuleSetting::from_name)?))
                ));
                s.rules = Some(rules.into_iter().collect());
            }
            Some(s)
        }
    };

    let mut pos = Positions::default();
    let units = fit!(each(
        conn,
        "SELECT id, pos, name, kind, parent FROM units",
        |r| {
            Ok(Some((
                fit!(int(r, 1)),
                Unit {
                    id: fit!(text(r, 0)),
                    name: fit!(text(r, 2)),
                    kind: fit!(parsed(r, 3, UnitKind::from_name)),
                    parent: fit!(opt_text(r, 4)),
                },
            )))
        }
    ));
    let Some(units) = in_position_order(units, &mut pos.units) else {
        return Ok(None);
    };
    let people_sql = if version >= 3 {
        "SELECT id, pos, name, unit, role, manager, email FROM people"
    } else {
        "SELECT id, pos, name, unit, role, manager, NULL FROM people"
    };
    let people = fit!(each(conn, people_sql, |r| {
        Ok(Some((
            fit!(int(r, 1)),
            Person {
                id: fit!(text(r, 0)),
                name: fit!(text(r, 2)),
                unit: fit!(text(r, 3)),
                role: fit!(opt_text(r, 4)),
                manager: fit!(opt_text(r, 5)),
                email: fit!(opt_text(r, 6)),
            },
        )))
    }));
    let Some(people) = in_position_order(people, &mut pos.people) else {
        return Ok(None);
    };
    let mut behaviours = fit!(grouped(
        conn,
        "SELECT value_id, id, name FROM behaviours ORDER BY value_id, pos",
        |r| {
            Ok(Some(Behaviour {
                id: fit!(text(r, 1)),
                name: fit!(text(r, 2)),
            }))
        }
    ));
    let values = fit!(each(
        conn,
        "SELECT id, pos, name, description, behaviours_present FROM org_values",
        |r| {
            let p = fit!(int(r, 1));
            let id = fit!(text(r, 0));
            let bs = behaviours.remove(&id);
            let present = truthy(r, 4)? || bs.is_some();
            Ok(Some((
                p,
                Value {
                    name: fit!(text(r, 2)),
                    description: fit!(opt_text(r, 3)),
                    behaviours: present.then(|| bs.unwrap_or_default()),
                    id,
                },
            )))
        }
    ));
    let Some(values) = in_position_order(values, &mut pos.values) else {
        return Ok(None);
    };
    let measures = fit!(each(
        conn,
        "SELECT id, pos, name, unit, kind, direction, leading FROM measures",
        |r| {
            let p = fit!(int(r, 1));
            let leading = match r.get_ref(6)? {
                ValueRef::Null => None,
                ValueRef::Integer(0) => Some(false),
                ValueRef::Integer(1) => Some(true),
                _ => return Ok(None),
            };
            Ok(Some((
                p,
                Measure {
                    id: fit!(text(r, 0)),
                    name: fit!(text(r, 2)),
                    unit: fit!(opt_text(r, 3)),
                    kind: fit!(parsed(r, 4, MeasureKind::from_name)),
                    direction: fit!(opt_parsed(r, 5, Direction::from_name)),
                    leading,
                },
            )))
        }
    ));
    let Some(measures) = in_position_order(measures, &mut pos.measures) else {
        return Ok(None);
    };
    let interactions = fit!(each(
        conn,
        "SELECT pos, from_measure, to_measure, effect, note FROM interactions ORDER BY pos",
        |r| {
            pos.interactions.push(fit!(int(r, 0)));
            Ok(Some(Interaction {
                from: fit!(text(r, 1)),
                to: fit!(text(r, 2)),
                effect: fit!(parsed(r, 3, Effect::from_name)),
                note: fit!(opt_text(r, 4)),
            }))
        }
    ));
    let mut supports = fit!(grouped(
        conn,
        "SELECT goal, supports FROM goal_supports ORDER BY goal, pos",
        |r| text(r, 1)
    ));
    let mut goal_values = fit!(grouped(
        conn,
        "SELECT goal, value_ref FROM goal_values ORDER BY goal, pos",
        |r| text(r, 1)
    ));
    let goals = fit!(each(
        conn,
        "SELECT id, pos, title, level, owner, set_by, measure, target, due, status,
                supports_present, values_present FROM goals",
        |r| {
            let p = fit!(int(r, 1));
            let id = fit!(text(r, 0));
            let target = match r.get_ref(7)? {
                ValueRef::Null => None,
                ValueRef::Integer(n) => Some(n as f64),
                ValueRef::Real(x) if x.is_finite() => Some(x),
                _ => return Ok(None),
            };
            let s = supports.remove(&id);
            let v = goal_values.remove(&id);
            let supports_present = truthy(r, 10)? || s.is_some();
            let values_present = truthy(r, 11)? || v.is_some();
            Ok(Some((
                p,
                Goal {
                    title: fit!(text(r, 2)),
                    level: fit!(opt_parsed(r, 3, Level::from_name)),
                    owner: fit!(text(r, 4)),
                    set_by: fit!(opt_text(r, 5)),
                    measure: fit!(opt_text(r, 6)),
                    target,
                    due: fit!(opt_parsed(r, 8, parse_date)),
                    status: fit!(opt_parsed(r, 9, Status::from_name)),
                    supports: supports_present.then(|| s.unwrap_or_default()),
                    values: values_present.then(|| v.unwrap_or_default()),
                    id,
                },
            )))
        }
    ));
    let Some(goals) = in_position_order(goals, &mut pos.goals) else {
        return Ok(None);
    };
    let check_ins = fit!(each(
        conn,
        "SELECT pos, person, with_person, date, kind, notes FROM check_ins ORDER BY pos",
        |r| {
            pos.check_ins.push(fit!(int(r, 0)));
            Ok(Some(CheckIn {
                person: fit!(text(r, 1)),
                with: fit!(opt_text(r, 2)),
                date: fit!(parsed(r, 3, parse_date)),
                kind: fit!(opt_parsed(r, 4, CheckInKind::from_name)),
                notes: fit!(opt_text(r, 5)),
            }))
        }
    ));
    // Links or behaviours of an entity that does not exist: the walker names them.
    if !behaviours.is_empty() || !supports.is_empty() || !goal_values.is_empty() {
        return Ok(None);
    }
    let map = Map {
        format,
        organisation: Organisation {
            name,
            focus_function,
        },
        settings,
        units,
        people,
        values,
        measures,
        interactions,
        goals,
        check_ins,
    };
    Ok(Some((map, pos)))
}
