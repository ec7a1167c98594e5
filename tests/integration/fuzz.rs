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
