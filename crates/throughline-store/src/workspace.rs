//! [`Workspace`]: one open `.throughline` file.

use crate::agreements;
use crate::decisions::{self, Decision, DecisionInput};
use crate::draft::{Draft, DraftRecord};
use crate::edit::{plan, Edit, Plan};
use crate::error::{backup_dir, Result, StoreError};
use crate::files::{self, remove_db_files};
use crate::load;
use crate::rows::{self, Op, Positions, State};
use crate::schema::{
    migrations, schema_problems, secondary_indexes, APPLICATION_ID, SCHEMA_VERSION,
};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use throughline_core::agreement::{AgreementInput, AgreementStep};
use throughline_core::validate::EntityKind;
use throughline_core::{format, Map};

/// How a workspace is opened and maintained.
#[derive(Debug, Clone)]
pub struct Options {
    /// Open without the lock and without writing anything.
    pub read_only: bool,
    /// Undo history kept in the file (oldest entries are dropped).
    pub history_limit: usize,
    /// At most one automatic backup per this much editing time.
    pub backup_interval: Duration,
    /// Rolling backups kept beside the file.
    pub backups_kept: usize,
    /// Automatic snapshots (made before an import or a restore, for undo) kept in the
    /// file; named snapshots are always kept.
    pub auto_snapshots_kept: usize,
    /// The clock (passed in so tests can move time).
    pub now: fn() -> SystemTime,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            read_only: false,
            history_limit: 500,
            backup_interval: Duration::from_secs(30 * 60),
            backups_kept: 5,
            auto_snapshots_kept: 10,
            now: SystemTime::now,
        }
    }
}

impl Options {
    pub fn read_only() -> Self {
        Options {
            read_only: true,
            ..Options::default()
        }
    }
}

/// A saved snapshot of the whole map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SnapshotInfo {
    pub id: i64,
    pub name: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// Made by Throughline (before a restore or an import), not by the user.
    pub auto: bool,
}

/// What an applied edit did: its history label, and the id a `Create*` edit allocated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub label: String,
    pub created: Option<String>,
}

/// What a change touched: the ids of the entities whose rows it wrote or removed (a
/// check-in counts as its person, an interaction as its first measure), or the whole map
/// (a restore, an import, the organisation or its settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "ids", rename_all = "snake_case")]
pub enum Touched {
    Entities(Vec<String>),
    #[default]
    Everything,
}

impl Touched {
    /// What `ops` will touch, read from the state before they run.
    pub(crate) fn of(state: &State, ops: &[Op]) -> Touched {
        let mut ids: Vec<String> = Vec::new();
        for op in ops {
            let id = match op {
                Op::Put { row, pos } => {
                    // A row that replaces another under a new id touches both.
                    if let Some(old) = state.row_at(row.section(), *pos) {
                        if old.entity_id() != row.entity_id() {
                            ids.push(old.entity_id().to_string());
                        }
                    }
                    row.entity_id().to_string()
                }
                Op::Remove { section, pos } => match state.row_at(*section, *pos) {
                    Some(old) => old.entity_id().to_string(),
                    None => continue,
                },
                Op::Organisation { .. } | Op::Settings { .. } | Op::Snapshot { .. } => {
                    return Touched::Everything
                }
                // Beside the map: touches no entity.
                Op::Decision { .. } | Op::Agreement { .. } => continue,
            };
            ids.push(id);
        }
        ids.sort();
        ids.dedup();
        Touched::Entities(ids)
    }
}

/// Do `ops` leave every row of the map where it is: each op puts a row in place of one at
/// its position, or changes nothing of the map's rows? A removal or a row put at a new
/// position moves the rows after it (read from the state before the ops run).
pub(crate) fn rows_stay(state: &State, ops: &[Op]) -> bool {
    ops.iter().all(|op| match op {
        Op::Put { row, pos } => state.row_at(row.section(), *pos).is_some(),
        Op::Remove { .. } | Op::Snapshot { .. } => false,
        Op::Organisation { .. }
        | Op::Settings { .. }
        | Op::Decision { .. }
        | Op::Agreement { .. } => true,
    })
}

/// What undo and redo would do next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryState {
    pub undo: Option<String>,
    pub redo: Option<String>,
}

/// One open workspace file: the map in memory, the SQLite connection, and the OS lock
/// that keeps a second writer out for as long as this value lives.
pub struct Workspace {
    path: PathBuf,
    conn: Connection,
    state: State,
    _lock: Option<File>,
    opts: Options,
    last_backup: Option<SystemTime>,
    last_backup_error: Option<String>,
    last_touched: Touched,
    /// Did the last change leave every row where it was ([`rows_stay`])?
    last_in_place: bool,
    /// `close` has run (WAL mode left).
    closed: bool,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("path", &self.path)
            .field("read_only", &self.opts.read_only)
            .finish_non_exhaustive()
    }
}

/// Is this file an SQLite database (by its header)? Missing or short files are not.
pub fn is_sqlite_file(path: &Path) -> bool {
    files::has_sqlite_header(path)
}

/// Why a file that should be a workspace is not one, in the words of its real cause: it
/// is missing, unreadable (permission denied), empty, or not an SQLite file.
fn not_a_workspace(path: &Path) -> StoreError {
    let mut header = [0u8; 16];
    match File::open(path).and_then(|mut f| {
        let n = f.read(&mut header)?;
        Ok(n)
    }) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            StoreError::NotFound(path.to_path_buf())
        }
        Err(e) => StoreError::io(path, e),
        Ok(0) => StoreError::Empty(path.to_path_buf()),
        Ok(_) => StoreError::NotSqlite(path.to_path_buf()),
    }
}

/// Close the doors a hostile file could use: no triggers, no views, defensive mode (no
/// writable schema, no shadow-table tampering), untrusted schema (no functions with side
/// effects from the schema). Throughline's schema has neither triggers nor views, and
/// `schema_problems` refuses a file that has any; this holds even before that check.
fn harden(conn: &Connection, path: &Path) -> Result<()> {
    use rusqlite::config::DbConfig;
    let sq = |e| StoreError::sqlite(path, e);
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)
        .map_err(sq)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)
        .map_err(sq)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)
        .map_err(sq)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)
        .map_err(sq)?;
    Ok(())
}

/// The `application_id` stored in an SQLite file's 100-byte header.
fn header_application_id(path: &Path) -> Option<i32> {
    let mut header = [0u8; 100];
    File::open(path).ok()?.read_exact(&mut header).ok()?;
    Some(i32::from_be_bytes(header[68..72].try_into().ok()?))
}

/// Does reading this database need a write first (the WAL left by a process that died
/// mid-session has to be recovered, which a read-only connection cannot do)?
fn needs_recovery(conn: &Connection) -> bool {
    matches!(
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)),
        Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::ReadOnly
    )
}

/// `writable`: the caller is about to open the file for editing anyway, so a workspace left
/// by a crash may be recovered here (by SQLite, from its WAL) before the checks.
fn inspect(path: &Path, writable: bool) -> Result<(Connection, i64)> {
    if !is_sqlite_file(path) {
        return Err(not_a_workspace(path));
    }
    let sq = |e| StoreError::sqlite(path, e);
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sq)?;
    harden(&conn, path)?;
    conn.pragma_update(None, "query_only", true).map_err(sq)?;
    // Another connection may be checkpointing or closing at this moment: wait, don't fail.
    conn.busy_timeout(Duration::from_secs(2)).map_err(sq)?;
    // Read from the file header itself (bytes 68..72), so a database that needs recovery
    // is recognised as ours, or not, before anything could be written to it.
    let app_id =
        header_application_id(path).ok_or_else(|| StoreError::NotSqlite(path.to_path_buf()))?;
    if app_id != APPLICATION_ID {
        return Err(StoreError::NotWorkspace(path.to_path_buf()));
    }
    if needs_recovery(&conn) {
        if !writable {
            return Err(StoreError::Refused(format!(
                "{} was not closed cleanly; open it for editing once so it can be recovered",
                path.display()
            )));
        }
        conn = Connection::open(path).map_err(sq)?;
        harden(&conn, path)?;
        conn.busy_timeout(Duration::from_secs(2)).map_err(sq)?;
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(sq)?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    // Before any other query: only sqlite_master is read until the schema is known to be
    // exactly what Throughline writes (no trigger, no view, no unknown or altered object).
    let problems = schema_problems(&conn, version).map_err(|e| corrupt(path, e))?;
    if !problems.is_empty() {
        return Err(StoreError::ForeignSchema {
            path: path.to_path_buf(),
            detail: problems.join("; and it "),
        });
    }
    Ok((conn, version))
}

/// SQLite's own checks of the whole file (`integrity_check`, `foreign_key_check`) on a
/// read-only connection of its own, so they can run while the map is read on another.
fn check_integrity(path: &Path) -> Result<()> {
    let sq = |e| StoreError::sqlite(path, e);
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sq)?;
    harden(&conn, path)?;
    conn.pragma_update(None, "query_only", true).map_err(sq)?;
    conn.busy_timeout(Duration::from_secs(2)).map_err(sq)?;
    let detail: Vec<String> = {
        let mut stmt = conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| corrupt(path, e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| corrupt(path, e))?;
        rows.collect::<rusqlite::Result<Vec<String>>>()
            .map_err(|e| corrupt(path, e))?
    };
    if detail != ["ok"] {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: detail.into_iter().take(3).collect::<Vec<_>>().join("; "),
        });
    }
    let fk_problems: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(|e| corrupt(path, e))?;
    if fk_problems > 0 {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!("{fk_problems} broken references"),
        });
    }
    Ok(())
}

/// A refusal of something read from the file that is not valid: nothing was changed.
fn damaged(what: &str, problems: &[throughline_core::Problem]) -> StoreError {
    let list: Vec<String> = problems.iter().take(5).map(|p| p.to_string()).collect();
    StoreError::Refused(format!(
        "{what} is damaged, so nothing was changed: {}",
        list.join("; ")
    ))
}

/// The map and positions in the file, validated (see [`crate::load`]).
fn load_state(conn: &Connection, path: &Path) -> Result<State> {
    let (map, pos, ids) = load::load(conn).map_err(|e| match e {
        load::LoadError::Sql(e) => StoreError::sqlite(path, e),
        load::LoadError::Invalid(problems) => StoreError::InvalidWorkspace {
            path: path.to_path_buf(),
            problems,
        },
    })?;
    Ok(State::indexed(map, pos, ids))
}

fn no_decision(id: i64) -> StoreError {
    StoreError::Refused(format!("there is no decision {id} in this workspace"))
}

fn corrupt(path: &Path, e: rusqlite::Error) -> StoreError {
    StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

fn configure(conn: &Connection, path: &Path) -> Result<()> {
    let sq = |e| StoreError::sqlite(path, e);
    harden(conn, path)?;
    conn.set_prepared_statement_cache_capacity(64);
    conn.pragma_update(None, "foreign_keys", true).map_err(sq)?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(sq)?;
    // FULL: a commit is on disk when it returns (the edit is durable).
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(sq)?;
    conn.busy_timeout(Duration::from_secs(2)).map_err(sq)?;
    Ok(())
}

fn timestamp(t: SystemTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::<chrono::Utc>::from(t)
}

impl Workspace {
    /// Open an existing workspace: read-write with the lock, or read-only (`opts.read_only`).
    /// A file that is not a valid workspace is never modified.
    pub fn open(path: impl AsRef<Path>, opts: Options) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        if !is_sqlite_file(&path) {
            return Err(not_a_workspace(&path));
        }
        let lock = if opts.read_only {
            None
        } else {
            Some(files::lock_file(&path)?)
        };
        let (ro, version) = inspect(&path, !opts.read_only)?;
        // Read and validate the map before anything is written (opening for editing turns
        // WAL mode on, which changes the file): a file that is refused stays byte for byte.
        // SQLite checks the file meanwhile, on a second core: both only read it. A damaged
        // file is refused as damaged, whatever reading its map made of it.
        let (loaded, intact) = std::thread::scope(|s| {
            let intact = s.spawn(|| check_integrity(&path));
            let loaded = (version >= 1).then(|| load_state(&ro, &path));
            (loaded, intact.join().expect("the integrity check panicked"))
        });
        intact?;
        let loaded = loaded.transpose()?;
        let migrating = version < SCHEMA_VERSION && !opts.read_only;
        // Before a migration, and before WAL mode changes the file's header: the file as it
        // is, byte for byte (a file left with a WAL by a crash is backed up below instead,
        // through SQLite, so nothing in its WAL is missed).
        let mut backed_up = None;
        if migrating && !wal_of(&path).exists() {
            backed_up = Some(copy_as_is(
                &path,
                &format!("before-migration-v{}", version + 1),
                (opts.now)(),
                opts.backups_kept,
            )?);
        }
        let conn = if opts.read_only {
            ro
        } else {
            drop(ro);
            let conn = Connection::open(&path).map_err(|e| StoreError::sqlite(&path, e))?;
            configure(&conn, &path)?;
            conn
        };
        let mut ws = Workspace {
            last_backup: newest_backup_time(&path),
            path,
            conn,
            state: State::from_map(Map::new("")),
            _lock: lock,
            opts,
            last_backup_error: None,
            last_touched: Touched::Everything,
            last_in_place: false,
            closed: false,
        };
        if migrating {
            match backed_up {
                Some(t) => ws.last_backup = Some(t),
                None => {
                    ws.backup(&format!("before-migration-v{}", version + 1))?;
                }
            }
            let mut conn = std::mem::replace(
                &mut ws.conn,
                Connection::open_in_memory().map_err(|e| StoreError::sqlite(&ws.path, e))?,
            );
            migrations().to_latest(&mut conn).map_err(|e| {
                StoreError::Refused(format!("{}: migration failed: {e}", ws.path.display()))
            })?;
            ws.conn = conn;
        }
        match loaded {
            Some(state) => ws.state = state,
            None => ws.reload()?,
        }
        Ok(ws)
    }

    /// Create a workspace from a valid map and open it. Refuses an existing file unless
    /// `overwrite`. See [`Workspace::create_file`].
    pub fn create(
        path: impl AsRef<Path>,
        map: &Map,
        overwrite: bool,
        opts: Options,
    ) -> Result<Self> {
        let path = path.as_ref();
        Self::create_file(path, map, overwrite)?;
        // Just written from `map`: no need to inspect or re-read it.
        let lock = if opts.read_only {
            None
        } else {
            Some(files::lock_file(path)?)
        };
        let conn = Connection::open(path).map_err(|e| StoreError::sqlite(path, e))?;
        if !opts.read_only {
            configure(&conn, path)?;
        }
        Ok(Workspace {
            last_backup: newest_backup_time(path),
            path: path.to_path_buf(),
            conn,
            state: State::from_map(map.clone()),
            _lock: lock,
            opts,
            last_backup_error: None,
            last_touched: Touched::Everything,
            last_in_place: false,
            closed: false,
        })
    }

    /// Write a new workspace file holding a valid map (`throughline import`). Refuses an
    /// existing file unless `overwrite` (and never replaces a file someone is editing). The
    /// file is built beside the target and renamed into place, so a failure never leaves a
    /// half-written workspace, and an existing file stays as it was.
    pub fn create_file(path: impl AsRef<Path>, map: &Map, overwrite: bool) -> Result<()> {
        let path = path.as_ref().to_path_buf();
        let problems = throughline_core::validate::validate(map);
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        if map.format != throughline_core::model::FORMAT {
            return Err(StoreError::Invalid(vec![throughline_core::Problem::new(
                "format",
                format!("unsupported format \"{}\"", map.format),
            )]));
        }
        // Holds the lock of a workspace being replaced from here to the rename.
        Self::write_new_file(files::Target::check(&path, overwrite)?, map)
    }

    /// Write a new workspace file holding a valid map at a target already checked (and,
    /// if it replaces a workspace, locked) by [`files::Target::check`]: how `throughline
    /// import` holds the lock from its first check, before reading its input, to the rename.
    pub fn write_new_file(target: files::Target, map: &Map) -> Result<()> {
        let problems = throughline_core::validate::validate(map);
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let path = target.path().to_path_buf();
        target.write_with(|tmp| {
            build_file(tmp, map).map_err(|e| match e {
                StoreError::Sqlite { source, .. } => StoreError::sqlite(&path, source),
                StoreError::Io { source, .. } => StoreError::io(&path, source),
                StoreError::DiskFull(_) => StoreError::DiskFull(path.clone()),
                other => other,
            })
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.opts.read_only
    }

    /// What the last edit, undo, redo or restore touched.
    pub fn last_touched(&self) -> &Touched {
        &self.last_touched
    }

    /// Did the last change leave every row of the map where it was (no row removed, none
    /// put between others)? Then what it touched is where it was.
    pub fn last_in_place(&self) -> bool {
        self.last_in_place
    }

    /// The map as it is now.
    pub fn map(&self) -> &Map {
        &self.state.map
    }

    /// The map as it is now, shared: what an analysed revision holds. Hold it only as long
    /// as it is current (an edit made while it is held copies the whole map first).
    pub fn shared_map(&self) -> Arc<Map> {
        self.state.map.clone()
    }

    /// The index of the map's ids, kept up to date with it: what the app's `Org` keeps
    /// (`Org::with_ids`) instead of indexing the map again.
    pub fn ids(&self) -> &throughline_core::org::IdIndex {
        self.state.ids()
    }

    /// The last automatic backup's error, if it failed (the edit itself was saved).
    pub fn last_backup_error(&self) -> Option<&str> {
        self.last_backup_error.as_deref()
    }

    fn sq(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| StoreError::sqlite(&self.path, e)
    }

    /// Re-read the whole map from the file, validated like a map document (see
    /// [`crate::load`]): a file whose contents are not a valid map is refused.
    pub fn reload(&mut self) -> Result<()> {
        self.state = load_state(&self.conn, &self.path)?;
        Ok(())
    }

    /// Apply one edit: validated, written in one transaction with its undo entry, durable
    /// when this returns. Returns the history label.
    pub fn apply(&mut self, edit: &Edit) -> Result<String> {
        self.apply_edit(edit).map(|a| a.label)
    }

    /// [`Workspace::apply`], also saying which id a `Create*` edit gave the new entity.
    pub fn apply_edit(&mut self, edit: &Edit) -> Result<Applied> {
        self.writable()?;
        if let Edit::Batch { label, edits } = edit {
            return self.apply_batch(label, edits, None, false).map(|(a, _)| a);
        }
        let p = plan(&self.state, edit)?;
        let applied = Applied {
            label: p.label.clone(),
            created: p.created.clone(),
        };
        self.commit(p)?;
        Ok(applied)
    }

    fn writable(&self) -> Result<()> {
        if self.opts.read_only {
            Err(StoreError::ReadOnly)
        } else {
            Ok(())
        }
    }

    /// Run ops in a transaction (SQL and memory together); on any failure roll back and
    /// re-read the file so memory never drifts from disk.
    fn run_ops(
        &mut self,
        ops: &[Op],
        replayed: bool,
        history: impl FnOnce(&Connection) -> rusqlite::Result<()>,
    ) -> Result<()> {
        self.last_touched = Touched::of(&self.state, ops);
        self.last_in_place = rows_stay(&self.state, ops);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::sqlite(&self.path, e))?;
        let mut result: Result<()> = Ok(());
        for op in ops {
            if let Err(e) = apply_op(&tx, &mut self.state, op, &self.path) {
                result = Err(e);
                break;
            }
        }
        if result.is_ok() && replayed {
            // Ops read back from the file's history are not trusted: the map they make
            // must be a valid map, or nothing changes.
            let problems = throughline_core::validate::validate(&self.state.map);
            if !problems.is_empty() {
                result = Err(damaged(
                    &format!("the undo history of {}", self.path.display()),
                    &problems,
                ));
            }
        }
        let result = result
            .and_then(|_| history(&tx).map_err(|e| StoreError::sqlite(&self.path, e)))
            .and_then(|_| tx.commit().map_err(|e| StoreError::sqlite(&self.path, e)));
        if let Err(e) = result {
            let e = match e {
                StoreError::Sqlite { source, .. } => StoreError::sqlite(&self.path, source),
                other => other,
            };
            self.reload()?;
            return Err(e);
        }
        Ok(())
    }

    fn commit(&mut self, p: Plan) -> Result<()> {
        let entry = HistoryEntry::of(&self.opts, &p);
        self.run_ops(&p.forward, false, |tx| entry.write(tx))?;
        self.maybe_backup();
        Ok(())
    }

    /// `Edit::Batch`: each edit planned against the state the ones before it left and
    /// applied at once, in one transaction, as one history entry (forward in order,
    /// backward in reverse). Any refusal or failure rolls everything back and re-reads the
    /// file, so memory never drifts from disk.
    /// With `decision`, a decision is recorded in the same step (named entities read after
    /// the edits); with `end_draft`, the workspace's draft is deleted in the same
    /// transaction (keeping it).
    fn apply_batch(
        &mut self,
        label: &str,
        edits: &[Edit],
        decision: Option<&DecisionInput>,
        end_draft: bool,
    ) -> Result<(Applied, Option<Decision>)> {
        if edits.is_empty() {
            return Err(StoreError::Refused(format!(
                "“{label}” has no edits, so nothing was changed"
            )));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::sqlite(&self.path, e))?;
        let mut touched: Option<Vec<String>> = Some(Vec::new());
        let mut in_place = true;
        let path = &self.path;
        let planned = crate::edit::plan_in_turn(&mut self.state, label, edits, |state, p| {
            in_place &= rows_stay(state, &p.forward);
            match (Touched::of(state, &p.forward), touched.as_mut()) {
                (Touched::Entities(ids), Some(all)) => all.extend(ids),
                _ => touched = None,
            }
            p.forward
                .iter()
                .try_for_each(|op| apply_op(&tx, state, op, path))
        });
        let mut plan = match planned {
            Ok(p) => p,
            Err(e) => {
                // Rolled back: the memory is read again from the file.
                drop(tx);
                self.reload()?;
                return Err(e);
            }
        };
        let mut result: Result<()> = Ok(());
        let mut decided = None;
        if let (Ok(()), Some(input)) = (&result, decision) {
            let at = timestamp((self.opts.now)()).to_rfc3339();
            let state = &self.state;
            let planned = decisions::next_id(&tx, &self.path).and_then(|id| {
                decisions::plan_decision(&|x| decisions::lookup_in(state, x), id, &at, input)
            });
            result = planned.and_then(|d| {
                let op = Op::Decision {
                    id: d.id,
                    decision: Some(Box::new(d.clone())),
                };
                apply_op(&tx, &mut self.state, &op, &self.path)?;
                plan.forward.push(op);
                plan.backward.insert(
                    0,
                    Op::Decision {
                        id: d.id,
                        decision: None,
                    },
                );
                plan.label = format!("{label}, with a decision");
                decided = Some(d);
                Ok(())
            });
        }
        let entry = HistoryEntry::of(&self.opts, &plan);
        let result = result
            .and_then(|_| {
                entry
                    .write(&tx)
                    .map_err(|e| StoreError::sqlite(&self.path, e))
            })
            .and_then(|_| {
                if end_draft {
                    tx.execute("DELETE FROM draft", [])
                        .map_err(|e| StoreError::sqlite(&self.path, e))?;
                }
                Ok(())
            })
            .and_then(|_| tx.commit().map_err(|e| StoreError::sqlite(&self.path, e)));
        if let Err(e) = result {
            self.reload()?;
            return Err(e);
        }
        self.last_in_place = in_place && touched.is_some();
        self.last_touched = match touched {
            Some(mut ids) => {
                ids.sort();
                ids.dedup();
                Touched::Entities(ids)
            }
            None => Touched::Everything,
        };
        self.maybe_backup();
        Ok((
            Applied {
                label: plan.label,
                created: plan.created,
            },
            decided,
        ))
    }

    // ---- the draft (`crate::draft`) ------------------------------------------------

    /// The workspace's draft, made again from its edits on the map; `None` when there is
    /// none (or the file predates drafts). An edit that no longer applies is refused,
    /// naming the draft and the edit: the draft can still be discarded.
    pub fn draft(&self) -> Result<Option<Draft>> {
        let Some(record) = self.draft_record()? else {
            return Ok(None);
        };
        Draft::new(record, &self.state).map(Some)
    }

    /// What the file keeps of its draft (its name and edits), without making it.
    pub fn draft_record(&self) -> Result<Option<DraftRecord>> {
        if self.version()? < 5 {
            return Ok(None);
        }
        let row: Option<(String, String, String)> = self
            .conn
            .query_row("SELECT name, started_at, edits FROM draft", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()
            .map_err(self.sq())?;
        let Some((name, started_at, edits)) = row else {
            return Ok(None);
        };
        let edits: Vec<Edit> = serde_json::from_str(&edits).map_err(|e| {
            StoreError::Refused(format!(
                "the draft “{name}” is unreadable ({e}); discard it to go on"
            ))
        })?;
        Ok(Some(DraftRecord {
            name,
            started_at,
            edits,
        }))
    }

    /// Start a draft named `name` on the map as it is. Refused while there is one.
    pub fn start_draft(&mut self, name: &str) -> Result<Draft> {
        self.writable()?;
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Refused(
                "a draft needs a name (what it tries); nothing was started".into(),
            ));
        }
        if let Some(d) = self.draft_record()? {
            return Err(StoreError::Refused(format!(
                "the draft “{}” is open: keep or discard it before starting another",
                d.name
            )));
        }
        let record = DraftRecord {
            name: name.to_string(),
            started_at: timestamp((self.opts.now)()).to_rfc3339(),
            edits: Vec::new(),
        };
        self.conn
            .execute(
                "INSERT INTO draft (id, name, started_at, edits) VALUES (1, ?1, ?2, '[]')",
                params![record.name, record.started_at],
            )
            .map_err(self.sq())?;
        Draft::new(record, &self.state)
    }

    /// Write the draft's edits to the file (after each edit, undo or redo in it).
    pub fn save_draft(&mut self, draft: &Draft) -> Result<()> {
        self.writable()?;
        let edits = serde_json::to_string(&draft.record().edits).expect("edits serialise");
        let n = self
            .conn
            .execute(
                "UPDATE draft SET edits = ?1 WHERE name = ?2",
                params![edits, draft.name()],
            )
            .map_err(self.sq())?;
        if n == 0 {
            return Err(StoreError::Refused(format!(
                "the draft “{}” is no longer in the file, so its edit was not saved",
                draft.name()
            )));
        }
        Ok(())
    }

    /// Drop the draft: the map is as it was before it.
    pub fn discard_draft(&mut self) -> Result<()> {
        self.writable()?;
        self.conn
            .execute("DELETE FROM draft", [])
            .map_err(self.sq())?;
        Ok(())
    }

    /// Keep the draft: its edits applied to the map as one edit ("Keep the draft “NAME”",
    /// one undo step), with a decision if one is given, and the draft deleted — all in one
    /// transaction. A draft with no edits is refused (discard it, or record the decision
    /// on its own).
    pub fn keep_draft(
        &mut self,
        draft: &Draft,
        decision: Option<&DecisionInput>,
    ) -> Result<(Applied, Option<Decision>)> {
        self.writable()?;
        if draft.record().edits.is_empty() {
            return Err(StoreError::Refused(format!(
                "the draft “{}” has no edits to keep; discard it instead",
                draft.name()
            )));
        }
        let label = format!("Keep the draft “{}”", draft.name());
        self.apply_batch(&label, &draft.record().edits, decision, true)
    }

    /// Undo the last edit. Returns its label.
    pub fn undo(&mut self) -> Result<String> {
        self.replay(Replay::Undo)
    }

    /// Redo the last undone edit. Returns its label.
    pub fn redo(&mut self) -> Result<String> {
        self.replay(Replay::Redo)
    }

    /// Undo runs the newest live entry's backward ops and marks it undone; redo runs the
    /// oldest undone entry's forward ops and marks it live again.
    fn replay(&mut self, way: Replay) -> Result<String> {
        self.writable()?;
        let (query, what, undone) = match way {
            Replay::Undo => (
                "SELECT seq, label, backward FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1",
                "undo",
                1,
            ),
            Replay::Redo => (
                "SELECT seq, label, forward FROM history WHERE undone = 1 ORDER BY seq ASC LIMIT 1",
                "redo",
                0,
            ),
        };
        let entry: Option<(i64, String, String)> = self
            .conn
            .query_row(query, [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()
            .map_err(self.sq())?;
        let (seq, label, ops) = entry.ok_or(StoreError::NothingTo(what))?;
        let ops: Vec<Op> = serde_json::from_str(&ops).map_err(|e| {
            StoreError::Refused(format!(
                "the {what} history is unreadable, so nothing was changed: {e}"
            ))
        })?;
        self.run_ops(&ops, true, |tx| {
            tx.execute(
                "UPDATE history SET undone = ?2 WHERE seq = ?1",
                params![seq, undone],
            )
            .map(|_| ())
        })?;
        Ok(label)
    }

    // ---- decisions (beside the map; see `crate::decisions`) --------------------------

    /// Every decision, newest first (by date, then by the order they were recorded).
    pub fn decisions(&self) -> Result<Vec<Decision>> {
        // A file before schema 4 (opened read-only, so not migrated) has no decisions.
        if self.version()? < 4 {
            return Ok(Vec::new());
        }
        decisions::read_all(&self.conn, &self.path)
    }

    /// The file's schema version (`PRAGMA user_version`): this build's, unless the file
    /// was opened read-only before its migration.
    pub fn version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(self.sq())
    }

    /// One decision.
    pub fn decision(&self, id: i64) -> Result<Decision> {
        decisions::read_one(&self.conn, &self.path, id)?.ok_or_else(|| no_decision(id))
    }

    /// Record a decision: validated against the map (every person and goal it names must
    /// be in it; their names now are kept with it), given the next id and the time now
    /// (the workspace's clock), and written as one undoable step of the history. Returns
    /// it. Refused with a sentence naming what is wrong; nothing is written then.
    pub fn record_decision(&mut self, input: &DecisionInput) -> Result<Decision> {
        self.writable()?;
        let d = self.plan_decision(input, None)?;
        self.commit(Plan {
            label: decisions::label("Record", &d),
            forward: vec![Op::Decision {
                id: d.id,
                decision: Some(Box::new(d.clone())),
            }],
            backward: vec![Op::Decision {
                id: d.id,
                decision: None,
            }],
            created: None,
        })?;
        Ok(d)
    }

    /// Change decision `id` to what `input` says (its id and recording time stay): one
    /// undoable step. Returns the history label.
    pub fn update_decision(&mut self, id: i64, input: &DecisionInput) -> Result<String> {
        self.writable()?;
        let old = self.decision(id)?;
        let d = self.plan_decision(input, Some(&old))?;
        let label = decisions::label("Edit", &d);
        self.commit(Plan {
            label: label.clone(),
            forward: vec![Op::Decision {
                id,
                decision: Some(Box::new(d)),
            }],
            backward: vec![Op::Decision {
                id,
                decision: Some(Box::new(old)),
            }],
            created: None,
        })?;
        Ok(label)
    }

    /// Delete decision `id`: one undoable step (undo puts it back as it was). Returns the
    /// history label.
    pub fn delete_decision(&mut self, id: i64) -> Result<String> {
        self.writable()?;
        let old = self.decision(id)?;
        let label = decisions::label("Delete", &old);
        self.commit(Plan {
            label: label.clone(),
            forward: vec![Op::Decision { id, decision: None }],
            backward: vec![Op::Decision {
                id,
                decision: Some(Box::new(old)),
            }],
            created: None,
        })?;
        Ok(label)
    }

    /// Apply an edit and record a decision about it in one transaction and one undoable
    /// step ("keep a draft with a decision"): the decision is validated against the map as
    /// the edit leaves it, so it may name a person or a goal the edit creates. Nothing is
    /// written when either is refused.
    pub fn apply_edit_with_decision(
        &mut self,
        edit: &Edit,
        input: &DecisionInput,
    ) -> Result<(Applied, Decision)> {
        self.writable()?;
        let mut p = plan(&self.state, edit)?;
        // What the edit's ops put and remove, read against the map before them.
        let mut put: Vec<(String, EntityKind, String)> = Vec::new();
        let mut removed: Vec<String> = Vec::new();
        for op in &p.forward {
            match op {
                Op::Put { row, pos } => {
                    if let Some(old) = self.state.row_at(row.section(), *pos) {
                        removed.push(old.entity_id().to_string());
                    }
                    match row {
                        rows::Row::Person(x) => {
                            put.push((x.id.clone(), EntityKind::Person, x.name.clone()))
                        }
                        rows::Row::Goal(x) => {
                            put.push((x.id.clone(), EntityKind::Goal, x.title.clone()))
                        }
                        _ => {}
                    }
                }
                Op::Remove { section, pos } => {
                    if let Some(old) = self.state.row_at(*section, *pos) {
                        removed.push(old.entity_id().to_string());
                    }
                }
                _ => {}
            }
        }
        let state = &self.state;
        let lookup = |id: &str| {
            if let Some((_, k, n)) = put.iter().rev().find(|(x, _, _)| x == id) {
                return Some((*k, n.clone()));
            }
            if removed.iter().any(|x| x == id) {
                return None;
            }
            decisions::lookup_in(state, id)
        };
        let id = decisions::next_id(&self.conn, &self.path)?;
        let at = timestamp((self.opts.now)()).to_rfc3339();
        let d = decisions::plan_decision(&lookup, id, &at, input)?;
        p.label = format!("{}, with a decision", p.label);
        p.forward.push(Op::Decision {
            id,
            decision: Some(Box::new(d.clone())),
        });
        p.backward.insert(0, Op::Decision { id, decision: None });
        let applied = Applied {
            label: p.label.clone(),
            created: p.created.clone(),
        };
        self.commit(p)?;
        Ok((applied, d))
    }

    // ---- agreements (catchball, beside the map; see `crate::agreements`) --------------

    /// Goal `goal`'s agreement history, oldest first (none in a file before schema 6,
    /// opened read-only and so not migrated).
    pub fn agreements(&self, goal: &str) -> Result<Vec<AgreementStep>> {
        if self.version()? < 6 {
            return Ok(Vec::new());
        }
        agreements::of_goal(&self.conn, &self.path, goal)
    }

    /// Every goal's agreement history: by goal, oldest first.
    pub fn all_agreements(&self) -> Result<Vec<AgreementStep>> {
        if self.version()? < 6 {
            return Ok(Vec::new());
        }
        agreements::all(&self.conn, &self.path)
    }

    /// Record a step of a goal's agreement: the step (next id, the time now from the
    /// workspace's clock, the person's name now) and, when it changes the goal (its
    /// status; the target and due date a proposal or an agreement names), the goal's edit,
    /// in one transaction and one undoable step labelled "Ana Lee countered “…”". Refused
    /// with a sentence naming what is wrong; nothing is written then.
    pub fn record_agreement(&mut self, input: &AgreementInput) -> Result<(Applied, AgreementStep)> {
        self.writable()?;
        let goal_id = input.goal.trim();
        let (_, goal) = self.state.goal(goal_id).ok_or_else(|| {
            StoreError::Refused(format!(
                "goal “{goal_id}” is not in the map, so no agreement step was saved"
            ))
        })?;
        let by = input.by.trim();
        let by_name = match self.state.kind_of(by) {
            Some(EntityKind::Person) => self.state.name_of(by),
            _ => None,
        };
        let id = agreements::next_id(&self.conn, &self.path)?;
        let at = timestamp((self.opts.now)()).to_rfc3339();
        let (step, after) = throughline_core::agreement::plan_step(goal, by_name, id, &at, input)
            .map_err(|p| StoreError::Refused(format!("{p}; nothing was saved")))?;
        let label = throughline_core::agreement::label(&step, &goal.title);
        let mut p = if &after == goal {
            Plan {
                label: label.clone(),
                forward: Vec::new(),
                backward: Vec::new(),
                created: None,
            }
        } else {
            plan(&self.state, &Edit::PutGoal { goal: after })?
        };
        p.label = label.clone();
        p.forward.push(Op::Agreement {
            id,
            step: Some(Box::new(step.clone())),
        });
        p.backward.insert(0, Op::Agreement { id, step: None });
        self.commit(p)?;
        Ok((
            Applied {
                label,
                created: Some(id.to_string()),
            },
            step,
        ))
    }

    /// The decision `input` makes: a new one (next id, recorded now), or `old` changed.
    fn plan_decision(&self, input: &DecisionInput, old: Option<&Decision>) -> Result<Decision> {
        let (id, at) = match old {
            Some(d) => (d.id, d.created_at.clone()),
            None => (
                decisions::next_id(&self.conn, &self.path)?,
                timestamp((self.opts.now)()).to_rfc3339(),
            ),
        };
        let state = &self.state;
        decisions::plan_decision(&|id| decisions::lookup_in(state, id), id, &at, input)
    }

    /// Labels of what undo and redo would do.
    pub fn history(&self) -> Result<HistoryState> {
        let label = |sql: &str| -> Result<Option<String>> {
            self.conn
                .query_row(sql, [], |r| r.get(0))
                .optional()
                .map_err(self.sq())
        };
        Ok(HistoryState {
            undo: label("SELECT label FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1")?,
            redo: label("SELECT label FROM history WHERE undone = 1 ORDER BY seq ASC LIMIT 1")?,
        })
    }

    fn insert_snapshot(&self, name: &str, auto: bool, map: &Map, pos: &Positions) -> Result<i64> {
        let at = timestamp((self.opts.now)()).to_rfc3339();
        self.conn
            .execute(
                "INSERT INTO snapshots (name, created_at, auto, map, positions) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    name,
                    at,
                    auto,
                    rows::compress_snapshot(&serde_json::to_string(map).expect("a map serialises")),
                    serde_json::to_string(pos).expect("positions serialise")
                ],
            )
            .map_err(self.sq())?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Save the whole map as a named snapshot. Returns its id.
    pub fn save_snapshot(&mut self, name: &str) -> Result<i64> {
        self.writable()?;
        if name.trim().is_empty() {
            return Err(StoreError::Refused("a snapshot needs a name".into()));
        }
        self.insert_snapshot(
            name.trim(),
            false,
            &self.state.map.clone(),
            &self.state.pos.clone(),
        )
    }

    pub fn snapshots(&self) -> Result<Vec<SnapshotInfo>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, created_at, auto FROM snapshots ORDER BY id")
            .map_err(self.sq())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(SnapshotInfo {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    created_at: r.get(2)?,
                    auto: r.get(3)?,
                })
            })
            .map_err(self.sq())?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.sq())
    }

    /// The map saved in a snapshot (for export or comparison).
    pub fn snapshot_map(&self, id: i64) -> Result<Map> {
        let text = rows::snapshot_map(&self.conn, id)
            .map_err(self.sq())?
            .ok_or(StoreError::NoSnapshot(id))?;
        format::read_map(&text).map_err(|problems| damaged(&format!("snapshot {id}"), &problems))
    }

    /// Replace the map with a snapshot's. Undoable: the map as it was is kept as an
    /// automatic snapshot that undo restores.
    pub fn restore_snapshot(&mut self, id: i64) -> Result<String> {
        self.writable()?;
        let name: String = self
            .conn
            .query_row(
                "SELECT name FROM snapshots WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.sq())?
            .ok_or(StoreError::NoSnapshot(id))?;
        self.snapshot_map(id)?; // refuse an unreadable snapshot before changing anything
        let label = format!("Restore snapshot “{name}”");
        self.replace_with_snapshot(id, label.clone(), &format!("Before restoring “{name}”"))?;
        Ok(label)
    }

    /// Replace the whole map (import into an open workspace). Undoable like a restore.
    pub fn replace_map(&mut self, map: &Map, label: &str) -> Result<String> {
        self.writable()?;
        let problems = throughline_core::validate::validate(map);
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let id = self.insert_snapshot(label, true, map, &State::from_map(map.clone()).pos)?;
        self.replace_with_snapshot(id, label.to_string(), &format!("Before “{label}”"))?;
        Ok(label.to_string())
    }

    /// Replace the whole map with an import from a file (a spreadsheet import's plan, or a
    /// map document): one edit labelled `Import of NAME`, with the map as it was saved
    /// first as the snapshot `Before import of NAME`. `file_name` is shown without its
    /// folder. Returns the label.
    pub fn import_map(&mut self, map: &Map, file_name: &str) -> Result<String> {
        self.writable()?;
        let problems = throughline_core::validate::validate(map);
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
        let label = format!("Import of {name}");
        let id = self.insert_snapshot(&label, true, map, &State::from_map(map.clone()).pos)?;
        self.replace_with_snapshot(id, label.clone(), &format!("Before import of {name}"))?;
        Ok(label)
    }

    fn replace_with_snapshot(&mut self, id: i64, label: String, before: &str) -> Result<()> {
        let before_id = self.insert_snapshot(
            before,
            true,
            &self.state.map.clone(),
            &self.state.pos.clone(),
        )?;
        self.commit(Plan {
            label,
            forward: vec![Op::Snapshot { id }],
            backward: vec![Op::Snapshot { id: before_id }],
            created: None,
        })?;
        // The change is saved; a failure to tidy up is shown, not taken for its failure.
        if let Err(e) = self.prune_auto_snapshots() {
            self.last_backup_error = Some(format!(
                "old automatic snapshots could not be removed from {}: {e}",
                self.path.display()
            ));
        }
        Ok(())
    }

    /// Delete a named snapshot. Automatic ones (made before a restore or an import) are
    /// refused: undo needs them, and they are pruned on their own. Deleting is not an edit
    /// (snapshots are outside the undo history); a named snapshot the history still needs
    /// (a restore of it, for undo or redo) is not dropped but becomes an automatic one,
    /// kept while that history is and pruned with the others. Returns a label.
    pub fn delete_snapshot(&mut self, id: i64) -> Result<String> {
        self.writable()?;
        let sq = |e| StoreError::sqlite(&self.path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sq)?;
        let (name, auto): (String, bool) = tx
            .query_row(
                "SELECT name, auto FROM snapshots WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(sq)?
            .ok_or(StoreError::NoSnapshot(id))?;
        if auto {
            return Err(StoreError::Refused(format!(
                "“{name}” is an automatic snapshot (Throughline made it before a restore or an import, for undo): only snapshots you saved can be deleted"
            )));
        }
        if newest_entry_using(&tx, &[id]).map_err(sq)?.is_some() {
            tx.execute(
                "UPDATE snapshots SET auto = 1, name = ?2 WHERE id = ?1",
                params![id, format!("{name} (deleted, kept for undo)")],
            )
            .map_err(sq)?;
        } else {
            tx.execute("DELETE FROM snapshots WHERE id = ?1", params![id])
                .map_err(sq)?;
        }
        tx.commit().map_err(sq)?;
        Ok(format!("Deleted snapshot “{name}”"))
    }

    /// Keep the newest [`Options::auto_snapshots_kept`] automatic snapshots (named ones are
    /// always kept), so imports and restores do not grow the file forever. The undo
    /// entries that need a dropped snapshot go with it, and so does every older entry (undo
    /// runs newest first: nothing before an entry that cannot be undone can be).
    fn prune_auto_snapshots(&mut self) -> Result<()> {
        let keep = self.opts.auto_snapshots_kept as i64;
        let sq = |e| StoreError::sqlite(&self.path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sq)?;
        let dropped: Vec<i64> = {
            let mut stmt = tx
                .prepare(
                    "SELECT id FROM snapshots WHERE auto = 1 ORDER BY id DESC LIMIT -1 OFFSET ?1",
                )
                .map_err(sq)?;
            let rows = stmt.query_map([keep], |r| r.get(0)).map_err(sq)?;
            rows.collect::<rusqlite::Result<_>>().map_err(sq)?
        };
        if dropped.is_empty() {
            return Ok(());
        }
        let needs = newest_entry_using(&tx, &dropped).map_err(sq)?;
        if let Some(seq) = needs {
            tx.execute("DELETE FROM history WHERE seq <= ?1", [seq])
                .map_err(sq)?;
        }
        for id in &dropped {
            tx.execute("DELETE FROM snapshots WHERE id = ?1", [id])
                .map_err(sq)?;
        }
        tx.commit().map_err(sq)
    }

    /// Write a copy of the workspace to another file: a whole, self-contained file (in
    /// rollback-journal mode, no WAL needed beside it), written through the backup API to a
    /// temporary file, fsynced, renamed into place and the folder fsynced. Refuses this
    /// workspace's own file and a workspace someone else has open. `force`: replace an
    /// existing file (the save dialog has already asked).
    pub fn save_copy(&self, dest: impl AsRef<Path>, force: bool) -> Result<()> {
        let dest = dest.as_ref();
        let same = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same(dest, &self.path) {
            return Err(StoreError::Refused(format!(
                "{} is this workspace's own file; a copy needs another name",
                dest.display()
            )));
        }
        let target = files::Target::check(dest, force)?;
        target.write_with(|tmp| {
            let sq = |e| StoreError::sqlite(dest, e);
            self.conn.backup(rusqlite::MAIN_DB, tmp, None).map_err(sq)?;
            // The copy of a WAL-mode database is marked WAL in its header: make it a
            // rollback-journal file, so it is whole by itself wherever it is copied.
            let copy = Connection::open(tmp).map_err(sq)?;
            let mode: String = copy
                .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
                .map_err(sq)?;
            if !mode.eq_ignore_ascii_case("delete") {
                return Err(StoreError::Refused(format!(
                    "the copy {} stayed in {mode} mode",
                    dest.display()
                )));
            }
            copy.close().map_err(|(_, e)| sq(e))
        })
    }

    /// Make a backup now, beside the file, and prune old ones. Returns its path.
    pub fn backup(&mut self, reason: &str) -> Result<PathBuf> {
        let now = (self.opts.now)();
        let (dir, stem, dest) = backup_target(&self.path, reason, now)?;
        self.save_copy(&dest, false)?;
        self.last_backup = Some(now);
        prune_backups(&dir, &stem, self.opts.backups_kept);
        Ok(dest)
    }

    fn maybe_backup(&mut self) {
        let now = (self.opts.now)();
        let due = match self.last_backup {
            None => true,
            Some(t) => now.duration_since(t).unwrap_or_default() >= self.opts.backup_interval,
        };
        if due {
            self.last_backup_error = self.backup("autosave").err().map(|e| e.to_string());
        }
    }

    /// Direct access for tests and tools (read-only use).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

impl Workspace {
    /// Leave WAL mode (which checkpoints and removes the -wal and -shm files), waiting for
    /// readers that still have the file open (the busy timeout).
    fn leave_wal(&mut self) -> Result<()> {
        if self.opts.read_only || self.closed {
            return Ok(());
        }
        self.closed = true;
        let mode = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            });
        let busy = |e: &rusqlite::Error| {
            matches!(e, rusqlite::Error::SqliteFailure(f, _)
                if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
        };
        let mode = match mode {
            Ok(m) => m,
            Err(e) if busy(&e) => "WAL".to_string(),
            Err(e) => return Err(StoreError::sqlite(&self.path, e)),
        };
        if mode.eq_ignore_ascii_case("delete") {
            Ok(())
        } else {
            Err(StoreError::Refused(format!(
                "{} stayed in {mode} mode: another program is still reading it, so the file \
                 {}-wal beside it is part of it until it is opened again; copy both, or \
                 open and close it once more",
                self.path.display(),
                self.path.display()
            )))
        }
    }

    /// Close the workspace: a closed workspace is one self-contained file, in rollback
    /// journal mode, so read-only opens later create nothing and a copy of it is whole.
    /// Says so if that could not be done (another program still reading it).
    pub fn close(mut self) -> Result<()> {
        self.leave_wal()
    }
}

impl Drop for Workspace {
    /// As [`Workspace::close`], for a workspace dropped without it (the error is lost:
    /// callers that can show it call `close`).
    fn drop(&mut self) {
        let _ = self.leave_wal();
    }
}

/// The newest history entry whose ops (either way) restore one of the snapshots `ids`.
fn newest_entry_using(tx: &Connection, ids: &[i64]) -> rusqlite::Result<Option<i64>> {
    let mut stmt = tx.prepare(
        "SELECT seq, forward, backward FROM history WHERE forward LIKE '%\"snapshot\"%' OR backward LIKE '%\"snapshot\"%' ORDER BY seq DESC",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (seq, f, b): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let uses = |ops: &str| {
            serde_json::from_str::<Vec<Op>>(ops).is_ok_and(|ops| {
                ops.iter()
                    .any(|op| matches!(op, Op::Snapshot { id } if ids.contains(id)))
            })
        };
        if uses(&f) || uses(&b) {
            return Ok(Some(seq));
        }
    }
    Ok(None)
}

fn apply_op(tx: &Connection, state: &mut State, op: &Op, path: &Path) -> Result<()> {
    let sq = |e| StoreError::sqlite(path, e);
    match op {
        Op::Put { pos, row } => {
            let old = state.row_at(row.section(), *pos);
            rows::put_row(tx, *pos, row, old.as_ref()).map_err(sq)?;
        }
        Op::Remove { section, pos } => {
            let old = state.row_at(*section, *pos).ok_or_else(|| {
                StoreError::Refused("the history no longer matches the map".into())
            })?;
            rows::remove_row(tx, *section, *pos, &old).map_err(sq)?;
        }
        Op::Organisation { organisation } => {
            rows::write_organisation(tx, &state.map.format, organisation).map_err(sq)?;
        }
        Op::Settings { settings } => rows::write_settings(tx, settings).map_err(sq)?,
        Op::Decision { id, decision } => {
            match decision {
                Some(d) => {
                    // Read back from the history: its own fields must hold.
                    if let Some(p) = decisions::problems(&d.date, &d.statement) {
                        return Err(StoreError::Refused(format!(
                            "the undo history is damaged, so nothing was changed: decision {id}: {p}"
                        )));
                    }
                    decisions::write(tx, d).map_err(sq)?
                }
                None => decisions::remove(tx, *id).map_err(sq)?,
            }
            return Ok(());
        }
        Op::Agreement { id, step } => {
            match step {
                Some(s) => agreements::write(tx, s).map_err(sq)?,
                None => agreements::remove(tx, *id).map_err(sq)?,
            }
            return Ok(());
        }
        Op::Snapshot { id } => {
            let (stored, positions): (rusqlite::types::Value, String) = tx
                .query_row(
                    "SELECT map, positions FROM snapshots WHERE id = ?1",
                    params![id],
                    |r| {
                        let map = rows::owned_value(r.get_ref(0)?).map_err(|e| {
                            rusqlite::Error::FromSqlConversionFailure(
                                0,
                                rusqlite::types::Type::Text,
                                e.into(),
                            )
                        })?;
                        Ok((map, r.get(1)?))
                    },
                )
                .optional()
                .map_err(sq)?
                .ok_or(StoreError::NoSnapshot(*id))?;
            let text = rows::snapshot_text(stored, *id).map_err(sq)?;
            let map = format::read_map(&text)
                .map_err(|problems| damaged(&format!("snapshot {id}"), &problems))?;
            let pos: Positions = serde_json::from_str(&positions)
                .ok()
                .filter(|p: &Positions| p.fits(&map))
                .ok_or_else(|| {
                    StoreError::Refused(format!(
                        "snapshot {id} is damaged (its row positions do not match its map), so nothing was changed"
                    ))
                })?;
            rows::clear(tx).map_err(sq)?;
            rows::write_rows(tx, &map, Some(&pos)).map_err(sq)?;
            *state = State::with_positions(map, pos);
            return Ok(());
        }
    }
    state.apply(op);
    Ok(())
}

/// Build a new workspace file at `tmp` holding `map`.
fn build_file(tmp: &Path, map: &Map) -> Result<()> {
    let sq = |e| StoreError::sqlite(tmp, e);
    let mut conn = Connection::open(tmp).map_err(sq)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(sq)?;
    // Building a file nobody else sees yet: no journal, one fsync at the end.
    conn.pragma_update(None, "journal_mode", "OFF")
        .map_err(sq)?;
    conn.pragma_update(None, "synchronous", "OFF").map_err(sq)?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
        .map_err(sq)?;
    conn.pragma_update(None, "cache_size", -262_144)
        .map_err(sq)?; // 256 MiB
    migrations().to_latest(&mut conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => sq(err),
        other => StoreError::Refused(format!("cannot create the schema: {other}")),
    })?;
    // After the migration (which may turn them on): the rows come from a map the core has
    // validated, so no per-row reference checks while they go in.
    conn.pragma_update(None, "foreign_keys", false)
        .map_err(sq)?;
    let tx = conn.transaction().map_err(sq)?;
    for (name, _) in secondary_indexes() {
        tx.execute_batch(&format!("DROP INDEX {name}"))
            .map_err(sq)?;
    }
    rows::write_rows(&tx, map, None).map_err(sq)?;
    for (_, create) in secondary_indexes() {
        tx.execute_batch(create).map_err(sq)?;
    }
    tx.commit().map_err(sq)?;
    conn.pragma_update(None, "journal_mode", "DELETE")
        .map_err(sq)?;
    conn.close().map_err(|(_, e)| sq(e))?;
    File::open(tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| StoreError::io(tmp, e))?;
    Ok(())
}

/// The backup folder, the file's stem and a new backup's path (`STEM-STAMP-REASON`, then
/// `-2`, `-3`, … if taken); the folder is created.
fn backup_target(path: &Path, reason: &str, now: SystemTime) -> Result<(PathBuf, String, PathBuf)> {
    let dir = backup_dir(path);
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "workspace".into());
    let stamp = timestamp(now).format("%Y%m%d-%H%M%S");
    let mut dest = dir.join(format!("{stem}-{stamp}-{reason}.throughline"));
    let mut n = 1;
    while dest.exists() {
        n += 1;
        dest = dir.join(format!("{stem}-{stamp}-{reason}-{n}.throughline"));
    }
    Ok((dir, stem, dest))
}

fn wal_of(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push("-wal");
    PathBuf::from(name)
}

/// Back up a closed workspace (no WAL beside it) as it is, byte for byte, atomically
/// (the caller holds its lock, so nobody writes it meanwhile); prune old backups. Returns
/// the backup's time.
fn copy_as_is(path: &Path, reason: &str, now: SystemTime, keep: usize) -> Result<SystemTime> {
    let (dir, stem, dest) = backup_target(path, reason, now)?;
    files::Target::check(&dest, false)?.write_with(|tmp| {
        std::fs::copy(path, tmp)
            .map(|_| ())
            .map_err(|e| StoreError::io(path, e))
    })?;
    prune_backups(&dir, &stem, keep);
    Ok(now)
}

fn backups_of(dir: &Path, stem: &str) -> Vec<PathBuf> {
    let prefix = format!("{stem}-");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".throughline"))
        })
        .collect();
    found.sort();
    found
}

fn prune_backups(dir: &Path, stem: &str, keep: usize) {
    let found = backups_of(dir, stem);
    if found.len() > keep {
        for old in &found[..found.len() - keep] {
            remove_db_files(old);
        }
    }
}

fn newest_backup_time(path: &Path) -> Option<SystemTime> {
    let stem = path.file_stem()?.to_string_lossy().to_string();
    backups_of(&backup_dir(path), &stem)
        .iter()
        .filter_map(|p| p.metadata().ok()?.modified().ok())
        .max()
}

/// Read the map out of a workspace file without locking or changing it.
pub fn read_map_from(path: impl AsRef<Path>) -> Result<Map> {
    read_map_indexed_from(path).map(|(map, _)| map)
}

/// [`read_map_from`], and the index of the map's ids the load built and validated with.
pub fn read_map_indexed_from(
    path: impl AsRef<Path>,
) -> Result<(Map, throughline_core::org::IdIndex)> {
    let mut ws = Workspace::open(path, Options::read_only())?;
    let ids = ws.state.ids().clone();
    let map = Arc::unwrap_or_clone(std::mem::replace(&mut ws.state.map, Arc::new(Map::new(""))));
    Ok((map, ids))
}

#[derive(Clone, Copy)]
enum Replay {
    Undo,
    Redo,
}

/// One undo step as the history table holds it.
struct HistoryEntry {
    label: String,
    forward: String,
    backward: String,
    at: String,
    /// How many steps the history keeps.
    limit: i64,
}

impl HistoryEntry {
    /// The step of a plan.
    fn of(opts: &Options, p: &Plan) -> HistoryEntry {
        HistoryEntry {
            label: p.label.clone(),
            forward: serde_json::to_string(&p.forward).expect("ops serialise"),
            backward: serde_json::to_string(&p.backward).expect("ops serialise"),
            at: timestamp((opts.now)()).to_rfc3339(),
            limit: opts.history_limit as i64,
        }
    }

    /// Record the step (dropping what was undone, and the oldest past the limit).
    fn write(&self, tx: &Connection) -> rusqlite::Result<()> {
        tx.execute("DELETE FROM history WHERE undone = 1", [])?;
        tx.execute(
            "INSERT INTO history (label, forward, backward, at) VALUES (?1, ?2, ?3, ?4)",
            params![self.label, self.forward, self.backward, self.at],
        )?;
        tx.execute(
            "DELETE FROM history WHERE seq <= (SELECT max(seq) FROM history) - ?1",
            params![self.limit],
        )?;
        Ok(())
    }
}
