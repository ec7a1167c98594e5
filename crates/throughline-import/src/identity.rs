//! Readable, stable map ids for new entities, derived from their keys, and the keys
//! entities are matched by.

use rustc_hash::FxHashSet;
use throughline_core::Map;

pub use throughline_core::ids::{derived, slug};

/// The key of a person for its id: the HR id, else the e-mail's local part, else the name.
pub fn person_key<'a>(id: &'a str, email: &'a str, name: &'a str) -> &'a str {
    if !id.is_empty() {
        id
    } else if !email.is_empty() {
        email.split('@').next().unwrap_or(email)
    } else {
        name
    }
}

/// Text compared as a name: trimmed, case-insensitive, inner spaces collapsed.
pub fn name_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Hands out ids unused anywhere in the map, and never twice.
pub struct Ids {
    taken: FxHashSet<String>,
}

impl Ids {
    /// Every id of the map is taken.
    pub fn new(map: &Map) -> Self {
        let mut taken = FxHashSet::default();
        taken.extend(map.units.iter().map(|x| x.id.clone()));
        taken.extend(map.people.iter().map(|x| x.id.clone()));
        taken.extend(map.measures.iter().map(|x| x.id.clone()));
        taken.extend(map.goals.iter().map(|x| x.id.clone()));
        for v in &map.values {
            taken.insert(v.id.clone());
            taken.extend(v.behaviours().iter().map(|b| b.id.clone()));
        }
        Ids { taken }
    }

    /// True when the id is in use.
    pub fn is_taken(&self, id: &str) -> bool {
        self.taken.contains(id)
    }

    /// `prefix` + the key's slug, then `-2`, `-3`… until unused; taken from then on.
    pub fn allocate(&mut self, prefix: &str, key: &str) -> String {
        self.allocate_exact(derived(prefix, key))
    }

    /// This id if unused, else it with `-2`, `-3`…; taken from then on.
    pub fn allocate_exact(&mut self, base: String) -> String {
        let id = throughline_core::ids::unique(base, |id| self.taken.contains(id));
        self.taken.insert(id.clone());
        id
    }

    /// Release an id (an entity removed).
    pub fn release(&mut self, id: &str) {
        self.taken.remove(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_readable_stable_and_unique() {
        assert_eq!(derived("p-", "Ana Lima"), "p-ana-lima");
        assert_eq!(derived("u-", "Sales Enterprise"), "u-sales-enterprise");
        assert_eq!(derived("p-", "Zoë Ñúñez"), "p-zoe-nunez");
        assert_eq!(derived("p-", "李雷"), "p-item");
        assert_eq!(person_key("", "ana.lima@acme.com", "Ana"), "ana.lima");
        let mut map = Map::new("Acme");
        map.units.push(throughline_core::model::Unit {
            id: "p-ana-lima".into(),
            name: "x".into(),
            kind: throughline_core::model::UnitKind::Organisation,
            parent: None,
        });
        let mut ids = Ids::new(&map);
        assert_eq!(ids.allocate("p-", "Ana Lima"), "p-ana-lima-2");
        assert_eq!(ids.allocate("p-", "Ana Lima"), "p-ana-lima-3");
        assert!(slug(&"long words ".repeat(20)).len() <= 41);
        assert_eq!(name_key("  Ana   LIMA "), "ana lima");
    }
}
