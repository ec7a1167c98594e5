//! The unit tree: units identified by their path of names, found by id, path or unique
//! name, and created from the people table's level or path columns.

use crate::identity::{name_key, Ids};
use rustc_hash::{FxHashMap, FxHashSet};
use throughline_core::model::{Unit, UnitKind};
use throughline_core::Map;

/// Separates the parts of a path key.
const SEP: char = '\u{1f}';

/// Split a unit path cell: on `>` when it holds one, else on `/`; parts trimmed, empty
/// parts dropped.
pub fn split_path(s: &str) -> Vec<String> {
    let parts: Vec<&str> = if s.contains('>') {
        s.split('>').collect()
    } else {
        s.split('/').collect()
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// A path as the change set and the export write it: `Sales > Enterprise`.
pub fn path_text(parts: &[String]) -> String {
    parts.join(" > ")
}

fn key_of<S: AsRef<str>>(parts: &[S]) -> String {
    let mut k = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            k.push(SEP);
        }
        k.push_str(&name_key(p.as_ref()));
    }
    k
}

/// The units of the map being built, indexed.
pub struct UnitTree {
    /// The organisation unit's index in `map.units`.
    pub root: usize,
    /// Each unit's path of names below the organisation unit (a unit of another tree
    /// starts with its top unit's name).
    paths: Vec<Vec<String>>,
    by_path: FxHashMap<String, usize>,
    by_name: FxHashMap<String, Vec<usize>>,
    by_id: FxHashMap<String, usize>,
    /// Units created by this import, in order.
    pub added: Vec<usize>,
    /// Units a people table's rows name (with every ancestor).
    pub mentioned: FxHashSet<usize>,
}

impl UnitTree {
    /// Index the map's units; the organisation unit (the first parentless unit of kind
    /// organisation) is created when there is none.
    pub fn new(map: &mut Map, ids: &mut Ids, org_name: &str) -> UnitTree {
        let root = map
            .units
            .iter()
            .position(|u| u.kind == UnitKind::Organisation && u.parent.is_none());
        let root_created = root.is_none();
        let root = root.unwrap_or_else(|| {
            let id = ids.allocate("u-", org_name);
            map.units.push(Unit {
                id,
                name: org_name.to_string(),
                kind: UnitKind::Organisation,
                parent: None,
            });
            map.units.len() - 1
        });
        let index: FxHashMap<&str, usize> = map
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.as_str(), i))
            .collect();
        let mut paths: Vec<Option<Vec<String>>> = vec![None; map.units.len()];
        for i in 0..map.units.len() {
            // Walk up to a unit whose path is known (or the top), then fill in downwards.
            let mut chain = Vec::new();
            let mut cur = Some(i);
            while let Some(c) = cur {
                if paths[c].is_some() || chain.len() > map.units.len() {
                    break;
                }
                chain.push(c);
                cur = map.units[c]
                    .parent
                    .as_deref()
                    .and_then(|p| index.get(p).copied());
            }
            let mut base: Vec<String> = cur.and_then(|c| paths[c].clone()).unwrap_or_default();
            for &c in chain.iter().rev() {
                if c != root {
                    base.push(map.units[c].name.trim().to_string());
                }
                paths[c] = Some(base.clone());
            }
        }
        let paths: Vec<Vec<String>> = paths.into_iter().map(Option::unwrap_or_default).collect();
        let mut tree = UnitTree {
            root,
            paths: Vec::new(),
            by_path: FxHashMap::default(),
            by_name: FxHashMap::default(),
            by_id: FxHashMap::default(),
            added: if root_created { vec![root] } else { Vec::new() },
            mentioned: FxHashSet::default(),
        };
        for (i, p) in paths.into_iter().enumerate() {
            tree.index(map, i, p);
        }
        tree.mentioned.insert(root);
        tree
    }

    fn index(&mut self, map: &Map, i: usize, path: Vec<String>) {
        let u = &map.units[i];
        if i != self.root {
            self.by_path.entry(key_of(&path)).or_insert(i);
        }
        self.by_name.entry(name_key(&u.name)).or_default().push(i);
        self.by_id.insert(u.id.clone(), i);
        if self.paths.len() <= i {
            self.paths.resize(i + 1, Vec::new());
        }
        self.paths[i] = path;
    }

    /// The unit's path of names (empty for the organisation unit).
    pub fn path(&self, i: usize) -> &[String] {
        &self.paths[i]
    }

    /// The unit at this path, creating it and its missing ancestors (a function under
    /// the organisation unit, teams below it). Marks every unit on the way as mentioned.
    pub fn resolve_path(&mut self, map: &mut Map, ids: &mut Ids, parts: &[String]) -> usize {
        let mut parent = self.root;
        for n in 1..=parts.len() {
            let key = key_of(&parts[..n]);
            let unit = match self.by_path.get(&key) {
                Some(&u) => u,
                None => {
                    let id = ids.allocate("u-", &parts[..n].join(" "));
                    map.units.push(Unit {
                        id,
                        name: parts[n - 1].clone(),
                        kind: if n == 1 {
                            UnitKind::Function
                        } else {
                            UnitKind::Team
                        },
                        parent: Some(map.units[parent].id.clone()),
                    });
                    let i = map.units.len() - 1;
                    self.index(map, i, parts[..n].to_vec());
                    self.added.push(i);
                    i
                }
            };
            self.mentioned.insert(unit);
            parent = unit;
        }
        parent
    }

    /// Mark a unit and its ancestors as mentioned (a goals table names it).
    pub fn mention(&mut self, map: &Map, i: usize) {
        let mut cur = Some(i);
        let mut steps = 0;
        while let Some(c) = cur {
            if !self.mentioned.insert(c) || steps > map.units.len() {
                break;
            }
            steps += 1;
            cur = map.units[c]
                .parent
                .as_deref()
                .and_then(|p| self.by_id.get(p).copied());
        }
    }

    /// A unit named by a goals table: its map id, a path `A > B`, or a unique name.
    /// `Err` lists the candidates of an ambiguous name; `Ok(None)`: no such unit.
    pub fn find(&self, map: &Map, text: &str) -> Result<Option<usize>, String> {
        if let Some(&i) = self.by_id.get(text) {
            return Ok(Some(i));
        }
        if text.contains('>') {
            return Ok(self.by_path.get(&key_of(&split_path(text))).copied());
        }
        match self.by_name.get(&name_key(text)).map(Vec::as_slice) {
            None | Some([]) => Ok(None),
            Some([one]) => Ok(Some(*one)),
            Some(many) => Err(format!(
                "several units are named \"{}\": {}; write the path (A > B) or the unit's id",
                text,
                many.iter()
                    .map(|&i| {
                        let p = &self.paths[i];
                        if p.is_empty() {
                            map.units[i].name.clone()
                        } else {
                            path_text(p)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_found_and_created_by_name_case_insensitively() {
        let mut map = Map::new("Acme");
        let mut ids = Ids::new(&map);
        let mut t = UnitTree::new(&mut map, &mut ids, "Acme");
        assert_eq!(map.units[0].id, "u-acme");
        let p = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let a = t.resolve_path(&mut map, &mut ids, &p(&["Sales", "Enterprise"]));
        let b = t.resolve_path(&mut map, &mut ids, &p(&[" sales ", "ENTERPRISE"]));
        let c = t.resolve_path(&mut map, &mut ids, &p(&["Services", "Enterprise"]));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(map.units[a].id, "u-sales-enterprise");
        assert_eq!(map.units[a].kind, UnitKind::Team);
        assert_eq!(map.units[1].kind, UnitKind::Function);
        assert_eq!(t.find(&map, "Sales > Enterprise"), Ok(Some(a)));
        assert_eq!(t.find(&map, "sales"), Ok(Some(1)));
        assert!(t
            .find(&map, "Enterprise")
            .unwrap_err()
            .contains("Sales > Enterprise; Services > Enterprise"));
        assert_eq!(split_path("Sales / EMEA"), vec!["Sales", "EMEA"]);
        assert_eq!(split_path("R/D > Labs"), vec!["R/D", "Labs"]);
    }
}
