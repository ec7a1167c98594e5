//! # throughline-app-core
//!
//! The desktop app with no Tauri in it. [`Session`] holds the open workspace and its
//! current [`Revision`]: the map (shared with the store), its index, its findings and the
//! indexes the map view and the findings panel share, built once per change. Every read
//! the page makes is answered from that revision; every change returns a [`Change`] that
//! names the new revision and what it touched, which the shell also sends as the
//! `doc-changed` event. The shell (`src-tauri`) adapts commands, menus and dialogs to this
//! crate and nothing else.
//!
//! Also here: the projections the inspector, pickers and Measures view show
//! ([`projections`]), the measures designer ([`measures`]), the one list of error codes
//! ([`ErrorCode`]), the types that cross IPC ([`types`]), the report tool run in a child
//! process ([`report_tool`]) and the import wizard's files, previews and remembered column
//! choices ([`import`]).

pub mod agreements;
pub mod alignment;
pub mod before_after;
pub mod decisions;
pub mod draft;
pub mod error;
pub mod fixes;
pub mod import;
pub mod measures;
pub mod picture;
pub mod projections;
pub mod report_tool;
pub mod session;
pub mod types;

pub use error::{AppError, AppResult, ErrorCode};
pub use session::{Document, Revision, Session};
pub use types::*;

/// The sample organisation, shipped in the binary.
pub const SAMPLE_JSON: &str = include_str!("../../../examples/northwind.json");

/// The sample's map.
pub fn sample_map() -> AppResult<throughline_core::Map> {
    throughline_core::format::read_map(SAMPLE_JSON).map_err(|p| {
        AppError::new(
            ErrorCode::InvalidMap,
            format!("the bundled sample is invalid: {p:?}"),
        )
    })
}
