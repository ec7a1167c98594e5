//! The core's modules form layers: no module reaches, through the modules it names, back
//! to itself. The types of a finding live below the rules (`finding`), the rules below the
//! analysis, the patterns and the fixes that run them, and the model below the reader.
//! A module "names" another when its code (not its comments, not its tests) says
//! `crate::other`; the rules' files count as one module, `rules`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each module of the core's code, its tests and comments left out.
fn modules() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../throughline-core/src");
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut add = |name: String, path: &Path| {
        let text = std::fs::read_to_string(path).expect("a source file");
        let code = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        let code: Vec<&str> = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        out.entry(name).or_default().push_str(&code.join("\n"));
    };
    for entry in std::fs::read_dir(&src).expect("the core's src") {
        let path = entry.expect("an entry").path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.extension().is_some_and(|e| e == "rs") && name != "lib" {
            add(name, &path);
        }
    }
    for entry in std::fs::read_dir(src.join("rules")).expect("src/rules") {
        add("rules".into(), &entry.expect("an entry").path());
    }
    out
}

/// The modules each module names.
fn edges(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (name, code) in modules {
        let mut named = BTreeSet::new();
        for other in modules.keys().filter(|o| *o != name) {
            let direct = code.contains(&format!("crate::{other}::"))
                || code.contains(&format!("crate::{other};"));
            let grouped = code.split("use crate::{").skip(1).any(|g| {
                g.split('}')
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .any(|part| part.trim().split("::").next() == Some(other.as_str()))
            });
            if direct || grouped {
                named.insert(other.clone());
            }
        }
        out.insert(name.clone(), named);
    }
    out
}

/// A path that leads from `start` back to it, if one does.
fn cycle_from(start: &str, graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn walk(
        at: &str,
        start: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in &graph[at] {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(next, start, graph, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_string()];
    walk(start, start, graph, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn no_module_of_the_core_reaches_back_to_itself() {
    let modules = modules();
    assert!(modules.len() > 15, "the modules: {:?}", modules.keys());
    let graph = edges(&modules);
    // The reading itself finds what is there.
    assert!(graph["analysis"].contains("rules"));
    assert!(graph["rules"].contains("finding"));
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_from(m, &graph))
        .map(|path| path.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}
