//! Reading and writing `throughline/1` documents.
//!
//! Reading never stops at the first problem: the whole document is walked and every
//! problem is returned, each with its JSON location (`goals[12].owner`). Structural checks
//! (types, required and unknown fields, enums, dates) happen while decoding; reference,
//! duplicate-id and cycle checks run afterwards on what was decoded (see [`crate::validate`]),
//! so a broken item does not hide problems elsewhere.

use crate::model::*;
use crate::org::IdIndex;
use crate::validate::{self, Problem};
use chrono::NaiveDate;
use serde_json::{Map as JsonMap, Value as Json};
use std::collections::BTreeMap;

/// Parse and validate a map document. On failure, every problem found, in document order.
///
/// Valid documents take a fast path (typed deserialisation, then the semantic checks);
/// anything it does not accept as valid is read again by the document walker, which is the
/// one that reports problems. The fast path accepts nothing the walker would refuse (a
/// property test holds the two to the same result).
pub fn read_map(text: &str) -> Result<Map, Vec<Problem>> {
    read_map_indexed(text).map(|(map, _)| map)
}

/// [`read_map`], and the index of the map's ids that validation built (what
/// `Org::with_ids` keeps instead of indexing the map again).
pub fn read_map_indexed(text: &str) -> Result<(Map, IdIndex), Vec<Problem>> {
    if let Ok(map) = serde_json::from_str::<Map>(text) {
        if let Some(ids) = accepts_typed_indexed(&map) {
            return Ok((map, ids));
        }
    }
    let map = read_map_slow(text)?;
    let ids = IdIndex::new(&map);
    Ok((map, ids))
}

/// Is a map that was decoded by types alone (serde, or a workspace's typed rows) one the
/// document walker accepts? Typed decoding already refuses wrong types, unknown enum names,
/// bad dates and missing fields; this adds what it cannot see (the format string, empty ids
/// and references, unknown rule ids) and every semantic check of [`validate::validate`].
/// A reader with such a fast path falls back to the walker when this says no, and the
/// walker names the problems. It says yes by giving the index of the map's ids that
/// validation built.
pub fn accepts_typed_indexed(map: &Map) -> Option<IdIndex> {
    if !fast_path_accepts(map) {
        return None;
    }
    let ids = IdIndex::new(map);
    accepts_typed_with(map, &ids).then_some(ids)
}

/// [`accepts_typed_indexed`] of a map whose ids are indexed already.
pub fn accepts_typed_with(map: &Map, ids: &IdIndex) -> bool {
    fast_path_accepts(map) && validate::validate_indexed(map, ids, &[]).is_empty()
}

/// What the walker checks and typed deserialisation does not: the format string, non-empty
/// ids and references, known rule ids.
fn fast_path_accepts(map: &Map) -> bool {
    let ok = |s: &str| !s.is_empty();
    let opt = |s: &Option<String>| s.as_deref().is_none_or(ok);
    map.format == FORMAT
        && opt(&map.organisation.focus_function)
        && map.settings.as_ref().is_none_or(|s| {
            s.rules
                .iter()
                .flatten()
                .all(|(k, _)| crate::rules::rule_by_id(k).is_some())
        })
        && map.units.iter().all(|u| ok(&u.id) && opt(&u.parent))
        && map
            .people
            .iter()
            .all(|p| ok(&p.id) && ok(&p.unit) && opt(&p.manager))
        && map
            .values
            .iter()
            .all(|v| ok(&v.id) && v.behaviours().iter().all(|b| ok(&b.id)))
        && map.measures.iter().all(|m| ok(&m.id))
        && map.interactions.iter().all(|x| ok(&x.from) && ok(&x.to))
        && map.goals.iter().all(|g| {
            ok(&g.id)
                && ok(&g.owner)
                && opt(&g.set_by)
                && opt(&g.measure)
                && g.supports().iter().all(|s| ok(s))
                && g.values().iter().all(|s| ok(s))
        })
        && map.check_ins.iter().all(|c| ok(&c.person) && opt(&c.with))
}

/// The document walker alone (what `read_map` falls back to). Public for the tests that
/// hold the fast path to it.
#[doc(hidden)]
pub fn read_map_slow(text: &str) -> Result<Map, Vec<Problem>> {
    let json: Json = serde_json::from_str(text).map_err(|e| {
        vec![Problem::new(
            format!("line {}, column {}", e.line(), e.column()),
            format!("not valid JSON: {}", strip_position(&e.to_string())),
        )]
    })?;
    read_map_value(&json)
}

/// Validate and decode an already parsed JSON value.
pub fn read_map_value(json: &Json) -> Result<Map, Vec<Problem>> {
    let mut d = Decoder::default();
    let map = d.document(json);
    let mut problems = d.problems;
    if let Some(map) = &map {
        // Ids of items dropped for a structural problem still exist for references, so
        // one broken goal does not also make every goal that supports it "dangling".
        let dropped: Vec<&str> = d.dropped_ids.iter().map(String::as_str).collect();
        problems.extend(validate::validate_except(map, &dropped));
    }
    match map {
        Some(map) if problems.is_empty() => Ok(map),
        _ => Err(problems),
    }
}

/// Write a map as pretty-printed JSON (two-space indent, trailing newline).
pub fn write_map(map: &Map) -> String {
    let mut s = serde_json::to_string_pretty(map).expect("a map always serialises");
    s.push('\n');
    s
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

pub use crate::model::parse_date;

/// Collects structural problems while turning JSON into the model.
#[derive(Default)]
struct Decoder {
    problems: Vec<Problem>,
    dropped_ids: Vec<String>,
}

/// One JSON object being decoded, with its location.
struct Obj<'a> {
    path: String,
    map: &'a JsonMap<String, Json>,
    /// False once a required field was missing or mistyped: the item is dropped.
    ok: bool,
}

impl Decoder {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems
            .push(Problem::new(path.into(), message.into()));
    }

    fn object<'a>(&mut self, path: String, v: &'a Json, allowed: &[&str]) -> Option<Obj<'a>> {
        let Json::Object(map) = v else {
            self.problem(
                display_path(&path),
                format!("expected an object, found {}", type_name(v)),
            );
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                let hint = closest(key, allowed)
                    .map(|k| format!(" (did you mean \"{k}\"?)"))
                    .unwrap_or_default();
                self.problem(
                    join(&path, key),
                    format!("unknown field{hint}; allowed here: {}", allowed.join(", ")),
                );
            }
        }
        Some(Obj {
            path,
            map,
            ok: true,
        })
    }

    fn field<'a>(&mut self, o: &mut Obj<'a>, key: &str, required: bool) -> Option<&'a Json> {
        match o.map.get(key) {
            Some(v) => Some(v),
            None => {
                if required {
                    self.problem(join(&o.path, key), "missing required field");
                    o.ok = false;
                }
                None
            }
        }
    }

    fn string(&mut self, o: &mut Obj<'_>, key: &str, required: bool) -> Option<String> {
        let v = self.field(o, key, required)?;
        match v {
            Json::String(s) => Some(s.clone()),
            _ => {
                self.problem(
                    join(&o.path, key),
                    format!("expected a string, found {}", type_name(v)),
                );
                if required {
                    o.ok = false;
                }
                None
            }
        }
    }

    /// An id: a non-empty string.
    fn id(&mut self, o: &mut Obj<'_>, key: &str, required: bool) -> Option<String> {
        let s = self.string(o, key, required)?;
        if s.is_empty() {
            self.problem(join(&o.path, key), "must not be empty");
            if required {
                o.ok = false;
            }
            return None;
        }
        Some(s)
    }

    fn parse_enum<T: serde::de::DeserializeOwned>(
        &mut self,
        o: &mut Obj<'_>,
        key: &str,
        required: bool,
        allowed: &[&str],
    ) -> Option<T> {
        let v = self.field(o, key, required)?;
        let path = join(&o.path, key);
        let parsed = self.enum_value(&path, v, allowed);
        if parsed.is_none() && required {
            o.ok = false;
        }
        parsed
    }

    fn enum_value<T: serde::de::DeserializeOwned>(
        &mut self,
        path: &str,
        v: &Json,
        allowed: &[&str],
    ) -> Option<T> {
        match v {
            Json::String(s) if allowed.contains(&s.as_str()) => serde_json::from_value(v.clone())
                .map_err(|e| e.to_string())
                .ok(),
            Json::String(s) => {
                self.problem(
                    path,
                    format!(
                        "unknown value \"{s}\"; expected one of {}",
                        quoted_list(allowed)
                    ),
                );
                None
            }
            _ => {
                self.problem(
                    path,
                    format!(
                        "expected one of {}, found {}",
                        quoted_list(allowed),
                        type_name(v)
                    ),
                );
                None
            }
        }
    }

    fn date(&mut self, o: &mut Obj<'_>, key: &str, required: bool) -> Option<NaiveDate> {
        let v = self.field(o, key, required)?;
        let path = join(&o.path, key);
        let parsed = match v {
            Json::String(s) => match parse_date(s) {
                Some(d) => Some(d),
                None => {
                    self.problem(
                        path,
                        format!("bad date \"{s}\": expected a real date as YYYY-MM-DD"),
                    );
                    None
                }
            },
            _ => {
                self.problem(
                    path,
                    format!("expected a date string YYYY-MM-DD, found {}", type_name(v)),
                );
                None
            }
        };
        if parsed.is_none() && required {
            o.ok = false;
        }
        parsed
    }

    fn uint(&mut self, o: &mut Obj<'_>, key: &str) -> Option<u64> {
        let v = self.field(o, key, false)?;
        match v {
            Json::Number(n) if n.as_u64().is_some() => n.as_u64(),
            Json::Number(n) => {
                let what = if n.as_i64().is_some() {
                    "must not be negative"
                } else {
                    "must be a whole number"
                };
                self.problem(
                    join(&o.path, key),
                    format!("{what} (an integer >= 0), found {n}"),
                );
                None
            }
            _ => {
                self.problem(
                    join(&o.path, key),
                    format!("expected an integer >= 0, found {}", type_name(v)),
                );
                None
            }
        }
    }

    fn number(&mut self, o: &mut Obj<'_>, key: &str) -> Option<f64> {
        let v = self.field(o, key, false)?;
        match v.as_f64() {
            Some(x) if v.is_number() => Some(x),
            _ => {
                self.problem(
                    join(&o.path, key),
                    format!("expected a number, found {}", type_name(v)),
                );
                None
            }
        }
    }

    fn boolean(&mut self, o: &mut Obj<'_>, key: &str) -> Option<bool> {
        let v = self.field(o, key, false)?;
        match v {
            Json::Bool(b) => Some(*b),
            _ => {
                self.problem(
                    join(&o.path, key),
                    format!("expected true or false, found {}", type_name(v)),
                );
                None
            }
        }
    }

    fn array<'a>(&mut self, path: &str, v: &'a Json) -> Option<&'a Vec<Json>> {
        match v {
            Json::Array(a) => Some(a),
            _ => {
                self.problem(path, format!("expected an array, found {}", type_name(v)));
                None
            }
        }
    }

    /// An optional array of ids (`supports`, `values`).
    fn id_list(&mut self, o: &mut Obj<'_>, key: &str) -> Option<Vec<String>> {
        let v = self.field(o, key, false)?;
        let path = join(&o.path, key);
        let items = self.array(&path, v)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item {
                Json::String(s) if !s.is_empty() => out.push(s.clone()),
                Json::String(_) => self.problem(format!("{path}[{i}]"), "must not be empty"),
                _ => self.problem(
                    format!("{path}[{i}]"),
                    format!("expected an id string, found {}", type_name(item)),
                ),
            }
        }
        Some(out)
    }

    /// A top-level section: an optional array of objects, each decoded by `item`.
    fn section<T>(
        &mut self,
        root: &JsonMap<String, Json>,
        name: &str,
        mut item: impl FnMut(&mut Self, String, &Json) -> Option<T>,
    ) -> Vec<T> {
        let Some(v) = root.get(name) else {
            return Vec::new();
        };
        let Some(items) = self.array(name, v) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, it) in items.iter().enumerate() {
            match item(self, format!("{name}[{i}]"), it) {
                Some(x) => out.push(x),
                None => {
                    if let Some(Json::String(id)) = it.get("id") {
                        self.dropped_ids.push(id.clone());
                    }
                }
            }
        }
        out
    }

    fn document(&mut self, json: &Json) -> Option<Map> {
        const TOP: &[&str] = &[
            "format",
            "organisation",
            "settings",
            "units",
            "people",
            "values",
            "measures",
            "interactions",
            "goals",
            "check_ins",
        ];
        let mut o = self.object(String::new(), json, TOP)?;
        let format = self.string(&mut o, "format", true);
        if let Some(f) = &format {
            if f != FORMAT {
                self.problem(
                    "format",
                    format!("unsupported format \"{f}\"; expected \"{FORMAT}\""),
                );
            }
        }
        let organisation = match self.field(&mut o, "organisation", true) {
            Some(v) => self.organisation(v),
            None => None,
        };
        let settings = match o.map.get("settings") {
            Some(v) => self.settings(v),
            None => None,
        };
        let root = o.map;
        let units = self.section(root, "units", Self::unit);
        let people = self.section(root, "people", Self::person);
        let values = self.section(root, "values", Self::value);
        let measures = self.section(root, "measures", Self::measure);
        let interactions = self.section(root, "interactions", Self::interaction);
        let goals = self.section(root, "goals", Self::goal);
        let check_ins = self.section(root, "check_ins", Self::check_in);
        // Decoding goes on without a valid `format` or `organisation` so that every other
        // problem is still found; the problems already recorded make the read fail.
        Some(Map {
            format: format.unwrap_or_default(),
            organisation: organisation.unwrap_or_else(|| Organisation {
                name: String::new(),
                focus_function: None,
            }),
            settings,
            units,
            people,
            values,
            measures,
            interactions,
            goals,
            check_ins,
        })
    }

    fn organisation(&mut self, v: &Json) -> Option<Organisation> {
        let mut o = self.object("organisation".into(), v, &["name", "focus_function"])?;
        let name = self.string(&mut o, "name", true);
        let focus_function = self.id(&mut o, "focus_function", false);
        Some(Organisation {
            name: name?,
            focus_function,
        })
    }

    fn settings(&mut self, v: &Json) -> Option<Settings> {
        let mut o = self.object(
            "settings".into(),
            v,
            &[
                "as_of",
                "stale_feedback_days",
                "max_goals_per_person",
                "max_setters_per_person",
                "rules",
            ],
        )?;
        let as_of = self.date(&mut o, "as_of", false);
        let stale_feedback_days = self.uint(&mut o, "stale_feedback_days");
        let max_goals_per_person = self.uint(&mut o, "max_goals_per_person");
        let max_setters_per_person = self.uint(&mut o, "max_setters_per_person");
        let rules = match o.map.get("rules") {
            None => None,
            Some(Json::Object(m)) => {
                let mut rules = BTreeMap::new();
                for (k, v) in m {
                    let path = format!("settings.rules.{k}");
                    if crate::rules::rule_by_id(k).is_none() {
                        let ids: Vec<&str> = crate::rules::REGISTRY.iter().map(|r| r.id).collect();
                        let hint = closest(k, &ids)
                            .map(|c| format!(" (did you mean \"{c}\"?)"))
                            .unwrap_or_default();
                        self.problem(path.clone(), format!("unknown rule id{hint}"));
                    }
                    if let Some(s) = self.enum_value::<RuleSetting>(
                        &path,
                        v,
                        &["off", "info", "warning", "error"],
                    ) {
                        rules.insert(k.clone(), s);
                    }
                }
                Some(rules)
            }
            Some(other) => {
                self.problem(
                    "settings.rules",
                    format!(
                        "expected an object of rule id to \"off\"|\"info\"|\"warning\"|\"error\", found {}",
                        type_name(other)
                    ),
                );
                None
            }
        };
        Some(Settings {
            as_of,
            stale_feedback_days,
            max_goals_per_person,
            max_setters_per_person,
            rules,
        })
    }

    fn unit(&mut self, path: String, v: &Json) -> Option<Unit> {
        let mut o = self.object(path, v, &["id", "name", "kind", "parent"])?;
        let id = self.id(&mut o, "id", true);
        let name = self.string(&mut o, "name", true);
        let kind = self.parse_enum(&mut o, "kind", true, UnitKind::NAMES);
        let parent = self.id(&mut o, "parent", false);
        if !o.ok {
            return None;
        }
        Some(Unit {
            id: id?,
            name: name?,
            kind: kind?,
            parent,
        })
    }

    fn person(&mut self, path: String, v: &Json) -> Option<Person> {
        let mut o = self.object(path, v, &["id", "name", "unit", "role", "manager", "email"])?;
        let id = self.id(&mut o, "id", true);
        let name = self.string(&mut o, "name", true);
        let unit = self.id(&mut o, "unit", true);
        let role = self.string(&mut o, "role", false);
        let manager = self.id(&mut o, "manager", false);
        let email = self.string(&mut o, "email", false);
        if !o.ok {
            return None;
        }
        Some(Person {
            id: id?,
            name: name?,
            unit: unit?,
            role,
            manager,
            email,
        })
    }

    fn value(&mut self, path: String, v: &Json) -> Option<Value> {
        let mut o = self.object(path, v, &["id", "name", "description", "behaviours"])?;
        let id = self.id(&mut o, "id", true);
        let name = self.string(&mut o, "name", true);
        let description = self.string(&mut o, "description", false);
        let behaviours = match self.field(&mut o, "behaviours", false) {
            None => None,
            Some(b) => {
                let bpath = join(&o.path, "behaviours");
                self.array(&bpath, b).map(|items| {
                    items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, it)| {
                            let mut bo =
                                self.object(format!("{bpath}[{i}]"), it, &["id", "name"])?;
                            let id = self.id(&mut bo, "id", true);
                            let name = self.string(&mut bo, "name", true);
                            Some(Behaviour {
                                id: id?,
                                name: name?,
                            })
                        })
                        .collect()
                })
            }
        };
        if !o.ok {
            return None;
        }
        Some(Value {
            id: id?,
            name: name?,
            description,
            behaviours,
        })
    }

    fn measure(&mut self, path: String, v: &Json) -> Option<Measure> {
        let mut o = self.object(
            path,
            v,
            &["id", "name", "unit", "kind", "direction", "leading"],
        )?;
        let id = self.id(&mut o, "id", true);
        let name = self.string(&mut o, "name", true);
        let unit = self.string(&mut o, "unit", false);
        let kind = self.parse_enum(&mut o, "kind", true, MeasureKind::NAMES);
        let direction = self.parse_enum(&mut o, "direction", false, Direction::NAMES);
        let leading = self.boolean(&mut o, "leading");
        if !o.ok {
            return None;
        }
        Some(Measure {
            id: id?,
            name: name?,
            unit,
            kind: kind?,
            direction,
            leading,
        })
    }

    fn interaction(&mut self, path: String, v: &Json) -> Option<Interaction> {
        let mut o = self.object(path, v, &["from", "to", "effect", "note"])?;
        let from = self.id(&mut o, "from", true);
        let to = self.id(&mut o, "to", true);
        let effect = self.parse_enum(&mut o, "effect", true, Effect::NAMES);
        let note = self.string(&mut o, "note", false);
        if !o.ok {
            return None;
        }
        Some(Interaction {
            from: from?,
            to: to?,
            effect: effect?,
            note,
        })
    }

    fn goal(&mut self, path: String, v: &Json) -> Option<Goal> {
        let mut o = self.object(
            path,
            v,
            &[
                "id", "title", "level", "owner", "set_by", "measure", "target", "due", "status",
                "supports", "values",
            ],
        )?;
        let id = self.id(&mut o, "id", true);
        let title = self.string(&mut o, "title", true);
        let level = self.parse_enum(&mut o, "level", false, Level::NAMES);
        let owner = self.id(&mut o, "owner", true);
        let set_by = self.id(&mut o, "set_by", false);
        let measure = self.id(&mut o, "measure", false);
        let target = self.number(&mut o, "target");
        let due = self.date(&mut o, "due", false);
        let status = self.parse_enum(&mut o, "status", false, Status::NAMES);
        let supports = self.id_list(&mut o, "supports");
        let values = self.id_list(&mut o, "values");
        if !o.ok {
            return None;
        }
        Some(Goal {
            id: id?,
            title: title?,
            level,
            owner: owner?,
            set_by,
            measure,
            target,
            due,
            status,
            supports,
            values,
        })
    }

    fn check_in(&mut self, path: String, v: &Json) -> Option<CheckIn> {
        let mut o = self.object(path, v, &["person", "with", "date", "kind", "notes"])?;
        let person = self.id(&mut o, "person", true);
        let with = self.id(&mut o, "with", false);
        let date = self.date(&mut o, "date", true);
        let kind = self.parse_enum(&mut o, "kind", false, CheckInKind::NAMES);
        let notes = self.string(&mut o, "notes", false);
        if !o.ok {
            return None;
        }
        Some(CheckIn {
            person: person?,
            with,
            date: date?,
            kind,
            notes,
        })
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn display_path(path: &str) -> String {
    if path.is_empty() {
        "(document)".to_string()
    } else {
        path.to_string()
    }
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The allowed name nearest to a misspelt one, when it is near enough to be a typo.
fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-11-28").is_some());
        assert!(parse_date("2026-2-28").is_none());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("26-02-10").is_none());
        assert!(parse_date("2026-02-10T00:00").is_none());
    }

    #[test]
    fn closest_suggests_typos_only() {
        assert_eq!(
            closest("suports", &["supports", "values"]),
            Some("supports")
        );
        assert_eq!(closest("zzz", &["supports", "values"]), None);
    }
}
