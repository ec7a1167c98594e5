//! The workspace file's schema and its migrations (`PRAGMA user_version`).
//!
//! The tables hold exactly what the map format holds; `pos` columns are sort keys that keep
//! the document's array order (sparse: deleting a row never renumbers the others). The
//! `entities` table makes ids unique across all kinds, as the format requires, and lets
//! references to "a person or a unit" be real foreign keys. Every foreign key is deferred,
//! so a multi-row edit is checked as a whole when it commits. See `docs/workspace-file.md`.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

/// `PRAGMA application_id`: "THLN" — tells a Throughline workspace from any other SQLite file.
pub const APPLICATION_ID: i32 = 0x5448_4C4E;

const V1: &str = r#"
CREATE TABLE organisation (
    singleton              INTEGER PRIMARY KEY CHECK (singleton = 1),
    format                 TEXT NOT NULL,
    name                   TEXT NOT NULL,
    focus_function         TEXT REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED,
    settings_present       INTEGER NOT NULL DEFAULT 0,
    as_of                  TEXT,
    stale_feedback_days    INTEGER CHECK (stale_feedback_days >= 0),
    max_goals_per_person   INTEGER CHECK (max_goals_per_person >= 0),
    max_setters_per_person INTEGER CHECK (max_setters_per_person >= 0),
    rules_present          INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE rule_settings (
    rule    TEXT PRIMARY KEY,
    setting TEXT NOT NULL CHECK (setting IN ('off', 'info', 'warning', 'error'))
) WITHOUT ROWID;
CREATE TABLE entities (
    id   TEXT PRIMARY KEY CHECK (id <> ''),
    kind TEXT NOT NULL CHECK (kind IN ('unit', 'person', 'value', 'behaviour', 'measure', 'goal'))
) WITHOUT ROWID;
CREATE TABLE units (
    id     TEXT PRIMARY KEY REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
    pos    INTEGER NOT NULL,
    name   TEXT NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('organisation', 'function', 'team')),
    parent TEXT REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE TABLE people (
    id      TEXT PRIMARY KEY REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
    pos     INTEGER NOT NULL,
    name    TEXT NOT NULL,
    unit    TEXT NOT NULL REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED,
    role    TEXT,
    manager TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE TABLE org_values (
    id                 TEXT PRIMARY KEY REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
    pos                INTEGER NOT NULL,
    name               TEXT NOT NULL,
    description        TEXT,
    behaviours_present INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE behaviours (
    id       TEXT PRIMARY KEY REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
    value_id TEXT NOT NULL REFERENCES org_values(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    pos      INTEGER NOT NULL,
    name     TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE measures (
    id        TEXT PRIMARY KEY REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
    pos       INTEGER NOT NULL,
    name      TEXT NOT NULL,
    unit      TEXT,
    kind      TEXT NOT NULL CHECK (kind IN ('outcome', 'activity', 'quality', 'behaviour', 'development')),
    direction TEXT CHECK (direction IN ('increase', 'decrease')),
    leading   INTEGER CHECK (leading IN (0, 1))
) WITHOUT ROWID;
CREATE TABLE interactions (
    pos          INTEGER PRIMARY KEY,
    from_measure TEXT NOT NULL REFERENCES measures(id) DEFERRABLE INITIALLY DEFERRED,
    to_measure   TEXT NOT NULL REFERENCES measures(id) DEFERRABLE INITIALLY DEFERRED,
    effect       TEXT NOT NULL CHECK (effect IN ('undermines', 'supports', 'feeds', 'guards')),
    note         TEXT
);
CREATE TABLE goals (
    id               TEXT PRIMARY KEY REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
    pos              INTEGER NOT NULL,
    title            TEXT NOT NULL,
    level            TEXT CHECK (level IN ('strategy', 'objective')),
    owner            TEXT NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
    set_by           TEXT REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
    measure          TEXT REFERENCES measures(id) DEFERRABLE INITIALLY DEFERRED,
    target           REAL,
    due              TEXT,
    status           TEXT CHECK (status IN ('proposed', 'agreed', 'disputed')),
    supports_present INTEGER NOT NULL,
    values_present   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE goal_supports (
    goal     TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    pos      INTEGER NOT NULL,
    supports TEXT NOT NULL REFERENCES goals(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (goal, pos)
) WITHOUT ROWID;
CREATE TABLE goal_values (
    goal      TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    pos       INTEGER NOT NULL,
    value_ref TEXT NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (goal, pos)
) WITHOUT ROWID;
CREATE TABLE check_ins (
    pos         INTEGER PRIMARY KEY,
    person      TEXT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    with_person TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    date        TEXT NOT NULL,
    kind        TEXT CHECK (kind IN ('coaching', 'review', 'feedback')),
    notes       TEXT
);
CREATE TABLE history (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    label    TEXT NOT NULL,
    forward  TEXT NOT NULL,
    backward TEXT NOT NULL,
    undone   INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
    at       TEXT NOT NULL
);
CREATE TABLE snapshots (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    auto       INTEGER NOT NULL DEFAULT 0 CHECK (auto IN (0, 1)),
    map        TEXT NOT NULL,
    positions  TEXT NOT NULL
);
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"#;

/// Secondary indexes of schema v1: (name, definition). Kept apart so a bulk import can
/// build them once, after the rows are in, instead of row by row.
pub const SECONDARY_INDEXES: &[(&str, &str)] = &[
    ("units_pos", "CREATE UNIQUE INDEX units_pos ON units(pos)"),
    (
        "people_pos",
        "CREATE UNIQUE INDEX people_pos ON people(pos)",
    ),
    (
        "org_values_pos",
        "CREATE UNIQUE INDEX org_values_pos ON org_values(pos)",
    ),
    (
        "behaviours_value",
        "CREATE UNIQUE INDEX behaviours_value ON behaviours(value_id, pos)",
    ),
    (
        "measures_pos",
        "CREATE UNIQUE INDEX measures_pos ON measures(pos)",
    ),
    ("goals_pos", "CREATE UNIQUE INDEX goals_pos ON goals(pos)"),
    ("people_unit", "CREATE INDEX people_unit ON people(unit)"),
    ("goals_owner", "CREATE INDEX goals_owner ON goals(owner)"),
    (
        "goal_supports_target",
        "CREATE INDEX goal_supports_target ON goal_supports(supports)",
    ),
];

/// Indexes added by schema v2: one on every foreign-key column that had none. Deleting a
/// row another table may reference makes SQLite look for those references; without an
/// index that is a scan of the referencing table per deleted row, which made replacing
/// a 10,000-person map (an import, a snapshot restore) take 90 seconds.
pub const V2_INDEXES: &[(&str, &str)] = &[
    ("units_parent", "CREATE INDEX units_parent ON units(parent)"),
    (
        "people_manager",
        "CREATE INDEX people_manager ON people(manager)",
    ),
    ("goals_set_by", "CREATE INDEX goals_set_by ON goals(set_by)"),
    (
        "goals_measure",
        "CREATE INDEX goals_measure ON goals(measure)",
    ),
    (
        "goal_values_ref",
        "CREATE INDEX goal_values_ref ON goal_values(value_ref)",
    ),
    (
        "interactions_from",
        "CREATE INDEX interactions_from ON interactions(from_measure)",
    ),
    (
        "interactions_to",
        "CREATE INDEX interactions_to ON interactions(to_measure)",
    ),
    (
        "check_ins_person",
        "CREATE INDEX check_ins_person ON check_ins(person)",
    ),
    (
        "check_ins_with",
        "CREATE INDEX check_ins_with ON check_ins(with_person)",
    ),
    (
        "organisation_focus",
        "CREATE INDEX organisation_focus ON organisation(focus_function)",
    ),
];

fn sql_of(base: &str, indexes: &[(&str, &str)]) -> String {
    let mut sql = base.to_string();
    for (_, create) in indexes {
        sql.push_str(create);
        sql.push_str(";\n");
    }
    sql
}

/// Every secondary index of the current schema (what a bulk import drops and rebuilds).
pub fn secondary_indexes() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    SECONDARY_INDEXES.iter().chain(V2_INDEXES)
}

/// Every migration, in order. The index + 1 of the last one is the schema version.
pub fn migrations() -> Migrations<'static> {
    static V1_SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    static V2_SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    Migrations::new(vec![
        M::up(V1_SQL.get_or_init(|| sql_of(V1, SECONDARY_INDEXES))),
        M::up(V2_SQL.get_or_init(|| sql_of(V2, V2_INDEXES))),
        M::up(V3),
        M::up(V4),
        M::up(V5),
        M::up(V6),
    ])
}

/// Version 2: a snapshot's `map` may be a BLOB, the map document compressed with deflate
/// (zlib), so the automatic snapshots kept for undo cost a tenth of the map each (version 1
/// builds would fail on such a snapshot; the version tells them to update instead); and
/// [`V2_INDEXES`].
const V2: &str = "-- snapshots.map: TEXT (a map document) or BLOB (one compressed with zlib)\n";

/// Version 3: people have an optional e-mail address (map format: `people[].email`), which
/// a spreadsheet import matches people on.
const V3: &str = "ALTER TABLE people ADD COLUMN email TEXT;";

/// Version 4: decisions, beside the map (`crate::decisions`): the people, goals and
/// findings a decision names are JSON lists (`[{"id", "name"}]`, `[{"rule", "subject",
/// "related", "text"}]`) holding each one's name at the time, with no foreign key, so a
/// decision outlives a person or a goal deleted after it.
const V4: &str = r#"
CREATE TABLE decisions (
    id         INTEGER PRIMARY KEY CHECK (id > 0),
    date       TEXT NOT NULL,
    statement  TEXT NOT NULL CHECK (statement <> ''),
    rationale  TEXT NOT NULL,
    people     TEXT NOT NULL,
    goals      TEXT NOT NULL,
    findings   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX decisions_date ON decisions(date, id);
"#;

/// Version 5: the draft (`crate::draft`), at most one per workspace: edits tried on top of
/// the map without touching it, kept as the list of edits (JSON) until they are kept as
/// one edit or discarded, so a draft survives closing the app.
const V5: &str = r#"
CREATE TABLE draft (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL CHECK (name <> ''),
    started_at TEXT NOT NULL,
    edits      TEXT NOT NULL
);
"#;

/// Version 6: each goal's agreement history (`crate::agreements`, catchball): who
/// proposed, countered, agreed or disputed its target, when, with what target or due date
/// and why. The goal and the person are named by id with no foreign key (the person's
/// name at the time beside it), so a step outlives them. The kinds are
/// `AgreementKind::NAMES` (a test holds them together).
const V6: &str = r#"
CREATE TABLE agreements (
    id         INTEGER PRIMARY KEY CHECK (id > 0),
    goal       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('proposed', 'countered', 'agreed', 'disputed')),
    date       TEXT NOT NULL,
    by_id      TEXT NOT NULL,
    by_name    TEXT NOT NULL,
    target     REAL,
    due        TEXT,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX agreements_goal ON agreements(goal, date, id);
"#;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = 6;

/// One row of `sqlite_master`: (type, name, table, SQL).
type Object = (String, String, String, Option<String>);

fn objects(conn: &Connection) -> rusqlite::Result<Vec<Object>> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    rows.collect()
}

/// The database objects (tables, indexes — never a trigger or a view) that this build's
/// migrations create up to `version`, exactly as `sqlite_master` records them.
fn expected_objects(version: i64) -> Vec<Object> {
    let mut conn = Connection::open_in_memory().expect("an in-memory database opens");
    if version > 0 {
        migrations()
            .to_version(&mut conn, version as usize)
            .expect("this build's own migrations run");
    }
    let mut list = objects(&conn).expect("sqlite_master reads");
    // SQLite adds it at the first insert into an AUTOINCREMENT table.
    list.push((
        "table".into(),
        "sqlite_sequence".into(),
        "sqlite_sequence".into(),
        Some("CREATE TABLE sqlite_sequence(name,seq)".into()),
    ));
    list
}

/// What in this file's schema Throughline did not write (a trigger, a view, a table or
/// index that is unknown or whose definition differs), or what is missing: empty when the
/// schema is exactly this build's for `version`. Reads only `sqlite_master`, so it runs
/// before any query could touch a hostile object.
pub fn schema_problems(conn: &Connection, version: i64) -> rusqlite::Result<Vec<String>> {
    let expected = expected_objects(version);
    let found = objects(conn)?;
    let mut foreign: Vec<String> = Vec::new();
    for o in &found {
        if !expected.contains(o) {
            let known = expected.iter().any(|e| e.0 == o.0 && e.1 == o.1);
            let name = throughline_core::text::one_line(&o.1).into_owned();
            foreign.push(if known {
                format!("{} {name} (changed)", o.0)
            } else {
                format!("{} {name}", o.0)
            });
        }
    }
    let mut missing = Vec::new();
    for e in &expected {
        if e.1 != "sqlite_sequence" && !found.iter().any(|o| o.0 == e.0 && o.1 == e.1) {
            missing.push(format!("{} {}", e.0, e.1));
        }
    }
    foreign.sort();
    let mut problems = Vec::new();
    if !foreign.is_empty() {
        problems.push(format!(
            "contains database objects Throughline did not write: {}",
            foreign.join(", ")
        ));
    }
    if !missing.is_empty() {
        problems.push(format!("lacks {}", missing.join(", ")));
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
        assert_eq!(super::SCHEMA_VERSION, 6);
    }

    #[test]
    fn the_agreement_kinds_are_the_cores() {
        let names = throughline_core::model::AgreementKind::NAMES
            .iter()
            .map(|n| format!("'{n}'"))
            .collect::<Vec<_>>()
            .join(", ");
        assert!(super::V6.contains(&format!("CHECK (kind IN ({names}))")));
    }

    #[test]
    fn a_fresh_schema_has_no_problems_and_a_trigger_is_named() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::migrations().to_latest(&mut conn).unwrap();
        assert!(super::schema_problems(&conn, 6).unwrap().is_empty());
        conn.execute_batch(
            "CREATE TRIGGER evil AFTER INSERT ON history BEGIN UPDATE goals SET title = 'x'; END;
             DROP INDEX goals_owner; CREATE INDEX goals_owner ON goals(title);",
        )
        .unwrap();
        assert_eq!(
            super::schema_problems(&conn, 6).unwrap(),
            ["contains database objects Throughline did not write: index goals_owner (changed), trigger evil"]
        );
    }
}
