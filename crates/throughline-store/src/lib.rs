//! # throughline-store
//!
//! The workspace file (`.throughline`): one SQLite document per organisation, holding
//! everything in the map format, edited through typed [`Edit`]s (each one durable
//! transaction with its undo entry), with undo/redo that survive reopening, named
//! snapshots, rolling backups beside the file, and an OS lock that keeps a second writer
//! out. The model stays in `throughline-core`; this crate maps it to tables and back.
//! See `docs/workspace-file.md` for the file format.

pub mod agreements;
pub mod decisions;
pub mod draft;
pub mod edit;
pub mod error;
pub mod files;
pub mod load;
mod load_typed;
pub mod rows;
pub mod schema;
pub mod workspace;

pub use decisions::{Decision, DecisionInput};
pub use edit::Edit;
pub use error::{backup_dir, StoreError};
pub use files::{write_file, Target, SQLITE_HEADER};
pub use workspace::{
    is_sqlite_file, read_map_from, read_map_indexed_from, Applied, HistoryState, Options,
    SnapshotInfo, Touched, Workspace,
};
