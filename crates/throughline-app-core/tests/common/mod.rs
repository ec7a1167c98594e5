//! What the app-core tests share: the date they run on, the acme fixture, and a session
//! with acme open in a new workspace.
#![allow(dead_code)] // each test file uses its own part

use chrono::NaiveDate;
use throughline_app_core::Session;
use throughline_core::{format, Map};

/// The day the tests run on (the fixture's as-of).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date")
}

/// `tests/fixtures/acme.json`.
pub fn acme() -> Map {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/acme.json"
    );
    format::read_map(&std::fs::read_to_string(path).expect("acme")).expect("valid")
}

/// A session with `map` open in a new workspace `acme.throughline` in `dir`.
pub fn session_with(dir: &std::path::Path, map: &Map) -> Session {
    let mut s = Session::new(today);
    s.create(&dir.join("acme.throughline"), map, false)
        .expect("created");
    s
}

/// A session with acme open in a new workspace in `dir`.
pub fn session(dir: &std::path::Path) -> Session {
    session_with(dir, &acme())
}
