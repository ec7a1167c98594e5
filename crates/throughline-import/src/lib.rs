//! # throughline-import
//!
//! Bringing an organisation in from the spreadsheets people already hold: an HR system's
//! people export (BambooHR, Personio, HiBob, Workday, a hand-kept org chart) and a goals /
//! OKR sheet, as the contract `docs/spec/spreadsheet-import-v1.md` describes.
//!
//! A pure, functional core: bytes in ([`read_tables`]), a [`Plan`] out ([`plan`], or
//! [`analyse`] for everything a wizard shows), and the XLSX export ([`export_xlsx`]) as
//! bytes. No file system, no clock, no database: the caller reads the files and applies
//! the plan (the store does it as one edit).
//!
//! ```
//! use throughline_import::{plan, read_tables, ImportOptions};
//! let csv = "Name,Email,Department,Manager\nAna Lima,ana@acme.test,,\nBo Chen,bo@acme.test,Sales,Ana Lima\n";
//! let tables = read_tables("people.csv", csv.as_bytes()).unwrap();
//! let plan = plan(&tables, &throughline_core::Map::new(""), &ImportOptions::default()).unwrap();
//! assert_eq!(plan.map.organisation.name, "people");
//! assert_eq!(plan.map.people[1].manager.as_deref(), Some("p-ana"));
//! assert_eq!(plan.changes.units.added[1].path, "Sales");
//! ```

mod changes;
mod diff;
pub mod export;
mod goals;
pub mod headers;
pub mod identity;
mod people;
mod plan;
pub mod problem;
pub mod read;
mod units;
pub mod values;

pub use changes::*;
pub use diff::diff;
pub use export::{export_xlsx, export_xlsx_with_decisions, DecisionRow};
pub use headers::{Column, ColumnOverride, Field, FieldChoice, Mapping, TableKind};
pub use plan::{
    analyse, plan, Analysis, ImportOptions, Plan, PreviewRow, RowOutcome, TableInfo, PREVIEW_ROWS,
};
pub use problem::{Problem, TableRef};
pub use read::{read_tables, Cell, FileKind, Row, Table};
pub use values::DateOrder;
