//! # throughline-core
//!
//! The functional core of Throughline: the `throughline/1` map model, its reader, writer and
//! validator, the goal graph with every derived term of the spec, and the sixteen alignment
//! rules. It does no I/O and reads no clock: callers pass text in, get values out, and pass
//! the as-of date.
//!
//! ```
//! use throughline_core::{analysis, format};
//! let text = r#"{"format": "throughline/1", "organisation": {"name": "Acme"},
//!   "people": [], "units": [{"id": "acme", "name": "Acme", "kind": "organisation"}]}"#;
//! let map = format::read_map(text).expect("valid");
//! let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
//! let report = analysis::analyse(map.clone(), as_of);
//! assert!(report.findings.is_empty());
//! assert_eq!(report.summary.alignment_index, None);
//! ```

pub mod agreement;
pub mod alignment;
pub mod analysis;
pub mod compare;
pub mod effect;
pub mod finding;
pub mod fixes;
pub mod format;
pub mod gen;
pub mod ids;
pub mod library;
pub mod model;
pub mod org;
pub mod patterns;
pub mod report_options;
pub mod rules;
pub mod text;
pub mod validate;

pub use analysis::{analyse, Finding, Report, Severity, Summary};
pub use format::{read_map, write_map};
pub use model::Map;
pub use org::Org;
pub use validate::Problem;
