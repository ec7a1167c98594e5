//! Errors of the workspace store. Each has a stable `code` (what the app switches on, and
//! what crosses IPC as `{code, message}`) and a message that names the file or the thing.

use std::path::{Path, PathBuf};
use throughline_core::Problem;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{} is open in {}; close it there first, or open it read-only", .path.display(), .holder.as_deref().map_or("another window or program".to_string(), |h| format!("another window or program: {h}")))]
    Locked {
        path: PathBuf,
        /// Who holds it, where the OS says ("throughline-app (process 4242)").
        holder: Option<String>,
    },
    #[error("{} is not a Throughline workspace (it is not an SQLite file)", .0.display())]
    NotSqlite(PathBuf),
    #[error("{} is an SQLite database but not a Throughline workspace", .0.display())]
    NotWorkspace(PathBuf),
    #[error("{} was saved by a newer Throughline (file format {found}, this version reads up to {supported}); update Throughline to open it", .path.display())]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{} is damaged (integrity check: {detail}); restore it from a backup in {}", .path.display(), backup_dir(.path).display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("{} cannot be opened: it {}; Throughline opens only files it wrote, and leaves this one as it is", .path.display(), .detail)]
    ForeignSchema { path: PathBuf, detail: String },
    #[error("{} cannot be opened: its contents are not a valid map ({} problem{}):\n  {}\nThe file was left as it is.", .path.display(), .problems.len(), if .problems.len() == 1 { "" } else { "s" }, .problems.join("\n  "))]
    InvalidWorkspace {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error("{} is empty (0 bytes): it is not a workspace", .0.display())]
    Empty(PathBuf),
    #[error("{} already exists; choose another name or replace it explicitly", .0.display())]
    Exists(PathBuf),
    #[error("{} does not exist", .0.display())]
    NotFound(PathBuf),
    #[error("the map is not valid ({} problem{}):\n  {}", .0.len(), if .0.len() == 1 { "" } else { "s" }, .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n  "))]
    Invalid(Vec<Problem>),
    #[error("{0}")]
    Refused(String),
    #[error("this workspace is open read-only; open it normally to edit")]
    ReadOnly,
    #[error("nothing to {0}")]
    NothingTo(&'static str),
    #[error("no snapshot {0}")]
    NoSnapshot(i64),
    #[error("the disk is full: {} could not be saved, and it stays as it was before this change", .0.display())]
    DiskFull(PathBuf),
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {source}", .path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
}

impl StoreError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Locked { .. } => "locked",
            StoreError::NotSqlite(_) => "not_sqlite",
            StoreError::NotWorkspace(_) => "not_workspace",
            StoreError::TooNew { .. } => "too_new",
            StoreError::Corrupt { .. } => "corrupt",
            StoreError::ForeignSchema { .. } => "foreign_schema",
            StoreError::InvalidWorkspace { .. } => "invalid_workspace",
            StoreError::Empty(_) => "empty_file",
            StoreError::Exists(_) => "exists",
            StoreError::NotFound(_) => "not_found",
            StoreError::Invalid(_) => "invalid_map",
            StoreError::Refused(_) => "refused",
            StoreError::ReadOnly => "read_only",
            StoreError::NothingTo(_) => "nothing_to_do",
            StoreError::NoSnapshot(_) => "no_snapshot",
            StoreError::DiskFull(_) => "disk_full",
            StoreError::Io { .. } => "io",
            StoreError::Sqlite { .. } => "storage",
        }
    }

    pub(crate) fn sqlite(path: &Path, e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            if f.code == rusqlite::ErrorCode::DiskFull {
                return StoreError::DiskFull(path.to_path_buf());
            }
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) {
                return StoreError::Locked {
                    path: path.to_path_buf(),
                    holder: None,
                };
            }
        }
        StoreError::Sqlite {
            path: path.to_path_buf(),
            source: e,
        }
    }

    pub(crate) fn io(path: &Path, e: std::io::Error) -> Self {
        if e.raw_os_error() == Some(28) {
            // ENOSPC
            return StoreError::DiskFull(path.to_path_buf());
        }
        StoreError::Io {
            path: path.to_path_buf(),
            source: e,
        }
    }
}

/// The folder beside a workspace that holds its rolling backups.
pub fn backup_dir(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push("-backups");
    path.with_file_name(name)
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
