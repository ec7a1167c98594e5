//! Fuzzing the two readers of untrusted files: the map reader (mutated JSON) and opening
//! a workspace (mutated SQLite bytes). Neither may ever panic: bad input is refused with an
//! error. In `cargo test` each runs a few cases; `scripts/fuzz.sh` runs them for minutes
//! (`PROPTEST_CASES`, a fresh `PROPTEST_RNG_SEED` each round).

use crate::util::*;
use proptest::prelude::*;
use std::sync::OnceLock;
use throughline_store::{Edit, Options, Workspace};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(24)
}

/// One mutation: overwrite, insert or delete a byte at a position (taken modulo the length).
#[derive(Debug, Clone)]
enum Mutation {
    Set(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        6 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        2 => any::<usize>().prop_map(Mutation::Delete),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(bytes: &mut Vec<u8>, ms: &[Mutation], protect: usize) {
    for m in ms {
        let n = bytes.len().max(1);
        match *m {
            Mutation::Set(i, b) => {
                let i = protect + i % n.saturating_sub(protect).max(1);
                if i < bytes.len() {
                    bytes[i] = b;
                }
            }
            Mutation::Insert(i, b) => bytes.insert(
                (protect + i % n.saturating_sub(protect).max(1)).min(bytes.len()),
                b,
            ),
            Mutation::Delete(i) => {
                let i = protect + i % n.saturating_sub(protect).max(1);
                if i < bytes.len() {
                    bytes.remove(i);
                }
            }
            Mutation::Truncate(i) => bytes.truncate(protect + i % n.saturating_sub(protect).max(1)),
        }
    }
}

fn acme_json() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| std::fs::read(fixture("acme.json")).unwrap())
}

/// A small valid workspace with history and a snapshot, as bytes (rollback journal mode).
fn workspace_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("seed.throughline");
        let map = throughline_core::read_map(std::str::from_utf8(acme_json()).unwrap()).unwrap();
        let mut ws = Workspace::create(&path, &map, false, Options::default()).unwrap();
        let mut goal = ws.map().goals[3].clone();
        goal.title = "Changed once".into();
        ws.apply(&Edit::PutGoal { goal }).unwrap();
        ws.save_snapshot("named").unwrap();
        ws.replace_map(&map, "Import acme.json").unwrap();
        ws.close().unwrap();
        std::fs::read(&path).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn fuzz_the_map_reader_never_panics(ms in prop::collection::vec(mutation(), 1..24)) {
        let mut bytes = acme_json().to_vec();
        mutate(&mut bytes, &ms, 0);
        let text = String::from_utf8_lossy(&bytes);
        let _ = throughline_core::format::read_map(&text);
    }

    #[test]
    fn fuzz_opening_a_mutated_workspace_never_panics(
        ms in prop::collection::vec(mutation(), 1..12),
        // Mostly keep the 100-byte header, so the mutations reach SQLite and the loader.
        keep_header in prop::bool::weighted(0.9),
    ) {
        let mut bytes = workspace_bytes().to_vec();
        mutate(&mut bytes, &ms, if keep_header { 100 } else { 0 });
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fuzzed.throughline");
        std::fs::write(&path, &bytes).unwrap();
        if let Ok(ws) = Workspace::open(&path, Options::read_only()) {
            let _ = ws.snapshots().map(|list| {
                for s in list {
                    let _ = ws.snapshot_map(s.id);
                }
            });
            let org = throughline_core::Org::new(ws.shared_map());
            let _ = throughline_core::analysis::analyse_org(&org, chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        }
        if let Ok(mut ws) = Workspace::open(&path, Options::default()) {
            let _ = ws.undo();
            let _ = ws.undo();
            let _ = ws.redo();
            if let Some(id) = ws.snapshots().ok().and_then(|l| l.first().map(|s| s.id)) {
                let _ = ws.restore_snapshot(id);
            }
            let _ = ws.close();
        }
    }
}

/// The tables the loader reads, each column with the table's key (from the file's own
/// schema: most tables are `WITHOUT ROWID`, so a row is named by its primary key).
fn loaded_columns(conn: &rusqlite::Connection) -> Vec<(String, String, String)> {
    let tables = [
        "organisation",
        "rule_settings",
        "units",
        "people",
        "behaviours",
        "org_values",
        "measures",
        "interactions",
        "goal_supports",
        "goal_values",
        "goals",
        "check_ins",
        "entities",
    ];
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("PRAGMA table_info({t})")).unwrap();
        let mut cols: Vec<(String, i64)> = stmt
            .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(5)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut pk: Vec<(i64, String)> = cols
            .iter()
            .filter(|c| c.1 > 0)
            .map(|c| (c.1, c.0.clone()))
            .collect();
        pk.sort();
        let key = if pk.is_empty() {
            "rowid".to_string()
        } else {
            pk.into_iter().map(|p| p.1).collect::<Vec<_>>().join(", ")
        };
        out.extend(cols.drain(..).map(|c| (t.to_string(), c.0, key.clone())));
    }
    out
}

/// Text a script or another tool could leave in a column: enum names, dates good and bad,
/// ids of the sample, entity kinds, a rule id, empty text.
const ROW_TEXTS: &[&str] = &[
    "",
    "agreed",
    "proposed",
    "team",
    "function",
    "outcome",
    "activity",
    "undermines",
    "increase",
    "coaching",
    "strategy",
    "warning",
    "off",
    "2026-01-31",
    "2026-02-30",
    "2026-1-5",
    "throughline/1",
    "grow",
    "rep1",
    "sales",
    "calls",
    "integrity",
    "ceo",
    "unit",
    "person",
    "goal",
    "measure",
    "value",
    "behaviour",
    "imposed-goal",
    "x",
];

/// A value a script or another tool could leave in any column: each SQL type, enum names,
/// dates good and bad, ids of the sample, empty text.
fn sql_value() -> impl Strategy<Value = rusqlite::types::Value> {
    use rusqlite::types::Value as V;
    prop_oneof![
        Just(V::Null),
        prop::sample::select(vec![-1i64, 0, 1, 2, 5, 40]).prop_map(V::Integer),
        prop::sample::select(vec![0.0f64, 1.0, 2.5, -3.0]).prop_map(V::Real),
        prop::sample::select(ROW_TEXTS.to_vec()).prop_map(|s| V::Text(s.to_string())),
        Just(V::Blob(vec![0xff, 0x00, b'a'])),
    ]
}

/// One change to the file's rows: set a column of the n-th row, or delete the n-th row.
#[derive(Debug, Clone)]
enum RowEdit {
    Set(usize, usize, rusqlite::types::Value),
    Delete(usize, usize),
}

fn row_edit() -> impl Strategy<Value = RowEdit> {
    prop_oneof![
        8 => (any::<usize>(), any::<usize>(), sql_value()).prop_map(|(c, r, v)| RowEdit::Set(c, r, v)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(c, r)| RowEdit::Delete(c, r)),
    ]
}

/// A fresh copy of the sample as a workspace file, closed (one whole file).
fn sample_workspace(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("rows.throughline");
    let map = throughline_core::read_map(std::str::from_utf8(acme_json()).unwrap()).unwrap();
    Workspace::create(&path, &map, false, Options::default())
        .unwrap()
        .close()
        .unwrap();
    path
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases() * 4, ..ProptestConfig::default() })]

    /// The loader's typed fast path gives exactly the document walker's answer — the same
    /// map and positions, or the same problems — on files whose rows a script changed
    /// with the schema's checks and foreign keys off.
    #[test]
    fn fuzz_the_typed_load_answers_as_the_walker(edits in prop::collection::vec(row_edit(), 1..6)) {
        let dir = tempfile::tempdir().unwrap();
        let conn = rusqlite::Connection::open(sample_workspace(dir.path())).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;").unwrap();
        let columns = loaded_columns(&conn);
        for e in &edits {
            let (c, r) = match e { RowEdit::Set(c, r, _) | RowEdit::Delete(c, r) => (*c, *r) };
            let (table, column, key) = &columns[c % columns.len()];
            let n: usize = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |x| x.get(0)).unwrap();
            if n == 0 {
                continue;
            }
            let row = format!("({key}) = (SELECT {key} FROM {table} ORDER BY {key} LIMIT 1 OFFSET {})", r % n);
            // A change SQLite itself refuses (a unique or NOT NULL column) is skipped.
            let _ = match e {
                RowEdit::Set(_, _, v) => conn.execute(&format!("UPDATE {table} SET {column} = ?1 WHERE {row}"), [v]),
                RowEdit::Delete(..) => conn.execute(&format!("DELETE FROM {table} WHERE {row}"), []),
            };
        }
        let fast = throughline_store::load::load(&conn).map(|(m, p, _)| (m, p));
        let slow = throughline_store::load::load_slow(&conn);
        use throughline_store::load::LoadError;
        match (fast, slow) {
            (Ok(a), Ok(b)) => prop_assert!(a == b, "the two paths read different maps"),
            (Err(LoadError::Invalid(a)), Err(LoadError::Invalid(b))) => prop_assert_eq!(a, b),
            (Err(LoadError::Sql(a)), Err(LoadError::Sql(b))) => prop_assert_eq!(a.to_string(), b.to_string()),
            (a, b) => prop_assert!(false, "fast {:?} but slow {:?}", a.map(|_| "a map"), b.map(|_| "a map")),
        }
    }
}

/// Every single change of the kind above, one at a time: each column of the first row of
/// each table set to each value of `sql_value`'s list, and each first row deleted.
#[test]
fn every_single_row_change_loads_alike_on_both_paths() {
    use rusqlite::types::Value as V;
    use throughline_store::load::{load, load_slow, LoadError};
    let dir = tempfile::tempdir().unwrap();
    let mut conn = rusqlite::Connection::open(sample_workspace(dir.path())).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;")
        .unwrap();
    let mut values = vec![V::Null, V::Blob(vec![0xff, 0, b'a'])];
    values.extend([-1i64, 0, 1, 2, 5, 40].map(V::Integer));
    values.extend([0.0f64, 2.5].map(V::Real));
    values.extend(ROW_TEXTS.iter().map(|s| V::Text(s.to_string())));
    let same = |conn: &rusqlite::Connection, what: &str| match (
        load(conn).map(|(m, p, _)| (m, p)),
        load_slow(conn),
    ) {
        (Ok(a), Ok(b)) => assert!(a == b, "{what}: the two paths read different maps"),
        (Err(LoadError::Invalid(a)), Err(LoadError::Invalid(b))) => assert_eq!(a, b, "{what}"),
        (Err(LoadError::Sql(a)), Err(LoadError::Sql(b))) => {
            assert_eq!(a.to_string(), b.to_string(), "{what}")
        }
        (a, b) => panic!(
            "{what}: fast {:?} but slow {:?}",
            a.map(|_| "a map"),
            b.map(|_| "a map")
        ),
    };
    same(&conn, "the sample");
    let (mut changes, mut fast_ok) = (0, 0);
    for (table, column, key) in loaded_columns(&conn) {
        let first = format!("({key}) = (SELECT {key} FROM {table} ORDER BY {key} LIMIT 1)");
        let edits = values
            .iter()
            .map(|v| {
                (
                    format!("UPDATE {table} SET {column} = ?1 WHERE {first}"),
                    Some(v),
                )
            })
            .chain([(format!("DELETE FROM {table} WHERE {first}"), None)]);
        for (sql, v) in edits {
            let tx = conn.transaction().unwrap();
            let applied = match v {
                Some(v) => tx.execute(&sql, [v]),
                None => tx.execute(&sql, []),
            };
            if applied.is_ok() {
                changes += 1;
                fast_ok += usize::from(load(&tx).is_ok());
                same(&tx, &format!("{table}.{column} = {v:?}"));
            }
            tx.rollback().unwrap();
        }
    }
    // The changes reach both outcomes: many are refused, and many still load.
    eprintln!("{changes} changes applied, {fast_ok} of them still load");
    assert!(changes > 1500, "only {changes} changes applied");
    assert!(fast_ok > 500, "only {fast_ok} changed files loaded");
}
