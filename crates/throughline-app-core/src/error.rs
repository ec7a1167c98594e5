//! The one list of error codes the page can receive, and the error it receives.
//!
//! Every failure that crosses IPC carries an [`ErrorCode`] the page can act on (`locked`
//! offers "Open read-only") and a sentence for the user. The store's errors map onto it
//! variant by variant, so a new store error cannot reach the page without a code.

use serde::{Deserialize, Serialize};
use throughline_store::StoreError;

/// Why a command failed. Serialised in snake case ("no_document", "locked", ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // The workspace file (from the store).
    /// Another window or program has the file open.
    Locked,
    NotSqlite,
    NotWorkspace,
    /// Written by a newer Throughline.
    TooNew,
    Corrupt,
    /// The file holds database objects Throughline did not write.
    ForeignSchema,
    /// The file's contents are not a valid map.
    InvalidWorkspace,
    EmptyFile,
    Exists,
    NotFound,
    /// A map document (or an edit's result) is not a valid map.
    InvalidMap,
    /// The edit was refused (it would break the map); nothing changed.
    Refused,
    ReadOnly,
    NothingToDo,
    NoSnapshot,
    DiskFull,
    Io,
    /// SQLite failed.
    Storage,
    // The app.
    NoDocument,
    /// The page sent something the command cannot use (an empty name, say).
    Invalid,
    NotRecent,
    /// The workspace closed, but another program still reads it.
    CloseIncomplete,
    /// The system could not open a file or folder.
    Open,
    ReportToolMissing,
    ReportFailed,
    ReportCancelled,
    ReportTimeout,
    /// The files picked for an import have problems: nothing was imported.
    ImportProblems,
    /// A bug: a background task failed.
    Internal,
}

impl ErrorCode {
    /// Its name on the wire ("locked").
    pub fn as_str(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => s,
            _ => unreachable!("an error code serialises as a string"),
        }
    }
}

impl From<&StoreError> for ErrorCode {
    fn from(e: &StoreError) -> Self {
        match e {
            StoreError::Locked { .. } => ErrorCode::Locked,
            StoreError::NotSqlite(_) => ErrorCode::NotSqlite,
            StoreError::NotWorkspace(_) => ErrorCode::NotWorkspace,
            StoreError::TooNew { .. } => ErrorCode::TooNew,
            StoreError::Corrupt { .. } => ErrorCode::Corrupt,
            StoreError::ForeignSchema { .. } => ErrorCode::ForeignSchema,
            StoreError::InvalidWorkspace { .. } => ErrorCode::InvalidWorkspace,
            StoreError::Empty(_) => ErrorCode::EmptyFile,
            StoreError::Exists(_) => ErrorCode::Exists,
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::Invalid(_) => ErrorCode::InvalidMap,
            StoreError::Refused(_) => ErrorCode::Refused,
            StoreError::ReadOnly => ErrorCode::ReadOnly,
            StoreError::NothingTo(_) => ErrorCode::NothingToDo,
            StoreError::NoSnapshot(_) => ErrorCode::NoSnapshot,
            StoreError::DiskFull(_) => ErrorCode::DiskFull,
            StoreError::Io { .. } => ErrorCode::Io,
            StoreError::Sqlite { .. } => ErrorCode::Storage,
        }
    }
}

/// An error as the page receives it: a code to act on and a sentence for the user.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::new(ErrorCode::from(&e), e.to_string())
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// The store names its codes too (the CLI's JSON prints them): both must agree.
    #[test]
    fn store_codes_and_app_codes_agree() {
        let p = || PathBuf::from("x.throughline");
        let errors = [
            StoreError::Locked {
                path: p(),
                holder: None,
            },
            StoreError::NotSqlite(p()),
            StoreError::NotWorkspace(p()),
            StoreError::Empty(p()),
            StoreError::Exists(p()),
            StoreError::NotFound(p()),
            StoreError::Invalid(vec![]),
            StoreError::Refused("no".into()),
            StoreError::ReadOnly,
            StoreError::NothingTo("undo"),
            StoreError::NoSnapshot(3),
            StoreError::DiskFull(p()),
        ];
        for e in &errors {
            assert_eq!(ErrorCode::from(e).as_str(), e.code(), "{e:?}");
        }
    }
}
