//! The TypeScript declarations of every type that crosses IPC, generated from the Rust
//! types with ts-rs into `ui/src/bindings.ts`. The test `bindings_are_fresh` fails when the
//! file is stale; `UPDATE_BINDINGS=1 cargo test -p throughline-app bindings` rewrites it.

use crate::ipc::*;
use ts_rs::{Config, TS};

macro_rules! decls {
    ($cfg:expr; $($t:ty),* $(,)?) => {{
        let mut out: Vec<String> = Vec::new();
        $( out.push(format!("export {}", <$t as TS>::decl($cfg))); )*
        out
    }};
}

/// The whole generated file.
pub fn typescript() -> String {
    use throughline_core::analysis::{Finding, Report, Severity, Summary};
    use throughline_core::library::{LibraryFunction, LibraryMeasure, MeasureLibrary};
    use throughline_core::model::*;
    use throughline_store::{Edit, HistoryState, SnapshotInfo};
    use throughline_view::*;
    let cfg = Config::new().with_large_int("number");
    let decls = decls!(&cfg;
        // the map
        Map, Organisation, Settings, RuleSetting, Unit, UnitKind, Person, Value, Behaviour,
        Measure, MeasureKind, Direction, Interaction, Effect, Goal, Level, Status, CheckIn,
        CheckInKind,
        // findings
        Severity, Finding, Summary, Report,
        // the measure library
        MeasureLibrary, LibraryFunction, LibraryMeasure,
        // edits and history
        Edit, HistoryState, SnapshotInfo,
        // the view
        ViewRequest, ViewModel, ViewNode, ViewEdge, NodeKind, EdgeKind, SearchHit,
        FindingFilter, FindingsPage, FindingRow, GroupCount,
        // the app
        IpcError, DocInfo, AppStatus, EditOutcome, IndexedCheckIn, Entity, Choice, Choices,
        IndexedInteraction, MeasuresView, RuleDoc, ReportRequest, ReportSaved,
        // reports
        throughline_report::Format, throughline_report::Paper,
    );
    let mut out = String::from(
        "// Generated from the Rust types by ts-rs (src-tauri/src/bindings.rs). Do not edit:\n\
         // run `UPDATE_BINDINGS=1 cargo test -p throughline-app bindings` after changing them.\n\
         /* eslint-disable */\n\n",
    );
    for d in decls {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.trim_end().to_string() + "\n"
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
        let generated = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write bindings");
            return;
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == generated,
            "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p throughline-app bindings`"
        );
    }
}
