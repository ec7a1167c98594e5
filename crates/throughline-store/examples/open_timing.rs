//! Times opening a workspace and each of its parts on the same file:
//! `cargo run --release -p throughline-store --example open_timing -- WORKSPACE.throughline`
//! or `-- MAP.json` (written to a workspace in a temporary folder first; make a map with
//! `throughline gen 100000 [--messy] > m.json`).
//!
//! Prints the whole `Workspace::open` (read-only: lock, header, version, the integrity
//! check beside the load), then the typed load, the document-walker load and SQLite's
//! integrity check alone, three runs each.
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let arg = std::env::args()
        .nth(1)
        .expect("usage: open_timing WORKSPACE|MAP.json");
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = if arg.ends_with(".json") {
        let text = std::fs::read_to_string(&arg).expect("read the map");
        let map = throughline_core::format::read_map(&text).expect("a valid map");
        let path = dir.path().join("timing.throughline");
        throughline_store::Workspace::create_file(&path, &map, false).expect("written");
        path
    } else {
        arg.into()
    };
    for run in 1..=3 {
        let t = Instant::now();
        let ws = throughline_store::Workspace::open(&path, throughline_store::Options::read_only())
            .expect("open");
        let open = ms(t);
        let goals = ws.map().goals.len();
        drop(ws);
        let conn = rusqlite::Connection::open_with_flags(
            &path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("sqlite");
        let t = Instant::now();
        throughline_store::load::load(&conn).expect("typed load");
        let typed = ms(t);
        let t = Instant::now();
        throughline_store::load::load_slow(&conn).expect("walker load");
        let slow = ms(t);
        let t = Instant::now();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity");
        let integrity = ms(t);
        println!(
            "run {run}: open {open:.0} ms ({goals} goals) | load {typed:.0} ms, via the walker {slow:.0} ms | integrity_check {integrity:.0} ms ({ok})"
        );
    }
}
