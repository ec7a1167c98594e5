//! # throughline-view
//!
//! What the app draws and what the reports picture, computed in Rust from the core's `Org`
//! and `Report`, with no I/O: the visible part of the alignment map (collapse, reveal, a
//! person's line of sight, a node budget so a 100,000-person organisation never crosses
//! IPC whole), its tidy-tree layout, search, and the findings panel's grouping and filters.

mod findings;
mod layout;
mod search;

pub use findings::{
    finding_row_of, findings_page, findings_page_indexed, FindingFilter, FindingRow, FindingsIndex,
    FindingsPage, GroupCount, PatternRow, PATTERNS_SHOWN,
};
pub use layout::{
    build_view, build_view_indexed, format_number, EdgeKind, NodeKind, ViewEdge, ViewIndex,
    ViewModel, ViewNode, ViewRequest,
};
pub use search::{search, SearchHit};
pub use throughline_core::model::UnitKind;

/// Default and hard limits of nodes on screen.
pub const DEFAULT_NODE_BUDGET: usize = 600;
pub const MAX_NODE_BUDGET: usize = 2000;
