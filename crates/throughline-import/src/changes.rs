//! The change set of an import: what it adds, updates and finds missing, in the
//! contract's JSON shape, and as text.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// Changed fields: field name → `[old, new]` (JSON values; `null` for none).
pub type FieldChanges = BTreeMap<String, [Json; 2]>;

/// A person, unit or measure named in the change set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// Something the files no longer mention. `refused` (only with remove-missing): why it
/// was kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Missing {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

/// A person who takes new values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdatedPerson {
    pub id: String,
    pub name: String,
    pub changes: FieldChanges,
}

/// A unit created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddedUnit {
    pub id: String,
    pub name: String,
    /// `Sales > Enterprise` (empty for the organisation unit).
    pub path: String,
}

/// A goal named in the change set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Titled {
    pub id: String,
    pub title: String,
}

/// A goal the files no longer mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingGoal {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

/// A goal that takes new values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdatedGoal {
    pub id: String,
    pub title: String,
    pub changes: FieldChanges,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PeopleChanges {
    pub added: Vec<Named>,
    pub updated: Vec<UpdatedPerson>,
    pub missing: Vec<Missing>,
    pub unchanged: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UnitChanges {
    pub added: Vec<AddedUnit>,
    pub missing: Vec<Missing>,
    pub unchanged: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GoalChanges {
    pub added: Vec<Titled>,
    pub updated: Vec<UpdatedGoal>,
    pub missing: Vec<MissingGoal>,
    pub unchanged: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasureChanges {
    pub added: Vec<Named>,
}

/// The change set, exactly as `--format json` prints it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChangeSet {
    pub people: PeopleChanges,
    pub units: UnitChanges,
    pub goals: GoalChanges,
    pub measures: MeasureChanges,
    /// `FILE[:SHEET]: HEADER` of each column that gives no field.
    pub ignored_columns: Vec<String>,
    /// `FILE[:SHEET]` of each table that is neither people nor goals.
    pub skipped_tables: Vec<String>,
}

impl ChangeSet {
    /// True when the import changes nothing (ignored columns and skipped tables aside).
    /// Missing entities that are kept change nothing; removed ones do.
    pub fn changes_nothing(&self, removes_missing: bool) -> bool {
        let removed =
            |refused: &[Option<&String>]| removes_missing && refused.iter().any(Option::is_none);
        self.people.added.is_empty()
            && self.people.updated.is_empty()
            && self.units.added.is_empty()
            && self.goals.added.is_empty()
            && self.goals.updated.is_empty()
            && self.measures.added.is_empty()
            && !removed(
                &self
                    .people
                    .missing
                    .iter()
                    .map(|m| m.refused.as_ref())
                    .collect::<Vec<_>>(),
            )
            && !removed(
                &self
                    .units
                    .missing
                    .iter()
                    .map(|m| m.refused.as_ref())
                    .collect::<Vec<_>>(),
            )
            && !removed(
                &self
                    .goals
                    .missing
                    .iter()
                    .map(|m| m.refused.as_ref())
                    .collect::<Vec<_>>(),
            )
    }

    /// The change set for people: counts, then each entry (at most `limit` of each list).
    pub fn to_text(&self, removes_missing: bool, limit: usize) -> String {
        let mut s = String::new();
        let p = &self.people;
        s.push_str(&format!(
            "people: {} added, {} updated, {} missing, {} unchanged\n",
            p.added.len(),
            p.updated.len(),
            p.missing.len(),
            p.unchanged
        ));
        list(&mut s, "+", &p.added, limit, |x| {
            format!("{} ({})", x.name, x.id)
        });
        list(&mut s, "~", &p.updated, limit, |x| {
            format!("{} ({}): {}", x.name, x.id, changes_text(&x.changes))
        });
        list(&mut s, "-", &p.missing, limit, |x| {
            format!(
                "{} ({}): {}",
                x.name,
                x.id,
                missing_text(&x.refused, removes_missing)
            )
        });
        let u = &self.units;
        s.push_str(&format!(
            "units: {} added, {} missing, {} unchanged\n",
            u.added.len(),
            u.missing.len(),
            u.unchanged
        ));
        list(&mut s, "+", &u.added, limit, |x| {
            format!(
                "{} ({})",
                if x.path.is_empty() { &x.name } else { &x.path },
                x.id
            )
        });
        list(&mut s, "-", &u.missing, limit, |x| {
            format!(
                "{} ({}): {}",
                x.name,
                x.id,
                missing_text(&x.refused, removes_missing)
            )
        });
        let g = &self.goals;
        s.push_str(&format!(
            "goals: {} added, {} updated, {} missing, {} unchanged\n",
            g.added.len(),
            g.updated.len(),
            g.missing.len(),
            g.unchanged
        ));
        list(&mut s, "+", &g.added, limit, |x| {
            format!("“{}” ({})", x.title, x.id)
        });
        list(&mut s, "~", &g.updated, limit, |x| {
            format!("“{}” ({}): {}", x.title, x.id, changes_text(&x.changes))
        });
        list(&mut s, "-", &g.missing, limit, |x| {
            format!(
                "“{}” ({}): {}",
                x.title,
                x.id,
                missing_text(&x.refused, removes_missing)
            )
        });
        if !self.measures.added.is_empty() {
            s.push_str(&format!("measures: {} added\n", self.measures.added.len()));
            list(&mut s, "+", &self.measures.added, limit, |x| {
                format!("{} ({})", x.name, x.id)
            });
        }
        if !self.ignored_columns.is_empty() {
            s.push_str(&format!(
                "ignored columns: {}\n",
                self.ignored_columns.join("; ")
            ));
        }
        for t in &self.skipped_tables {
            s.push_str(&format!(
                "skipped: {t} (no name or owner column recognised)\n"
            ));
        }
        s
    }
}

fn list<T>(s: &mut String, mark: &str, items: &[T], limit: usize, f: impl Fn(&T) -> String) {
    for x in items.iter().take(limit) {
        s.push_str(&format!("  {mark} {}\n", f(x)));
    }
    if items.len() > limit {
        s.push_str(&format!(
            "  … and {} more (--format json lists them all)\n",
            items.len() - limit
        ));
    }
}

fn missing_text(refused: &Option<String>, removes: bool) -> String {
    match (refused, removes) {
        (Some(why), _) => format!("kept: {why}"),
        (None, true) => "removed".to_string(),
        (None, false) => "kept (--remove-missing deletes it)".to_string(),
    }
}

fn changes_text(c: &FieldChanges) -> String {
    let v = |j: &Json| match j {
        Json::Null => "(none)".to_string(),
        Json::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    };
    c.iter()
        .map(|(k, [a, b])| format!("{k} {} → {}", v(a), v(b)))
        .collect::<Vec<_>>()
        .join("; ")
}
