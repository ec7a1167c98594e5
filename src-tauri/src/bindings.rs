//! The TypeScript declarations of every type that crosses IPC, generated from the Rust
//! types with ts-rs into `ui/src/bindings.ts`. The test `bindings_are_fresh` fails when the
//! file is stale; `UPDATE_BINDINGS=1 cargo test -p throughline-app bindings` rewrites it.

use throughline_app_core::*;
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
    use throughline_app_core::import::*;
    use throughline_core::analysis::{Finding, Report, Severity, Summary};
    use throughline_core::library::{LibraryFunction, LibraryMeasure, MeasureLibrary};
    use throughline_core::model::*;
    use throughline_store::{Edit, HistoryState, SnapshotInfo, Touched};
    use throughline_view::*;
    let cfg = Config::new().with_large_int("number");
    let decls = decls!(&cfg;
        // the map
        Map, Organisation, Settings, RuleSetting, Unit, UnitKind, Person, Value, Behaviour,
        Measure, MeasureKind, Direction, Interaction, Effect, Goal, Level, Status, CheckIn,
        CheckInKind,
        // findings
        Severity, Finding, Summary, Report,
        throughline_core::effect::ChangeEffect, throughline_core::effect::RuleEffect,
        // the measure library
        MeasureLibrary, LibraryFunction, LibraryMeasure,
        // edits and history
        Edit, HistoryState, SnapshotInfo,
        // the view
        ViewRequest, ViewModel, ViewNode, ViewEdge, NodeKind, EdgeKind, SearchHit,
        FindingFilter, FindingsPage, FindingRow, GroupCount, PatternRow,
        Touched,
        // the app
        ErrorCode, AppError, DocInfo, AppStatus, Change, ChangeKind, MenuAction, IndexedCheckIn,
        Entity, Choice, Choices, IndexedInteraction, MeasuresView, RuleDoc, ReportRequest,
        ReportSaved,
        // snapshots and the before / after view
        before_after::SnapshotEntry, before_after::CompareSide, before_after::BeforeAfter,
        before_after::ComparedFinding, before_after::ChangeLine, before_after::ChangeMark,
        before_after::ChangeCount, before_after::SeverityCounts, before_after::MapMark,
        before_after::Ghost,
        // decisions
        decisions::DecisionRequest, decisions::DecisionView, decisions::DecisionSubject,
        decisions::DecisionFinding, throughline_store::decisions::FindingKey,
        // agreement histories (catchball)
        throughline_core::agreement::AgreementStep, throughline_core::agreement::AgreementInput,
        throughline_core::model::AgreementKind, agreements::AgreementHistory,
        // the measures designer
        measures::MeasuresDesigner, measures::DesignedMeasure, measures::GoalUse,
        measures::TradeOff, measures::MeasureFlag,
        // the alignment views
        alignment::AlignmentView, alignment::FlowCounts, alignment::FlowsView,
        alignment::CoverageView, alignment::CoverageRowView, alignment::ScorecardView,
        alignment::RuleCountView, alignment::StalePerson, alignment::AlignmentCell,
        alignment::AlignmentGoals, alignment::AlignmentGoal,
        // one-click fixes
        fixes::FixOption,
        // drafts
        draft::DraftInfo,
        // pictures of the map
        picture::PictureFormat,
        // the import wizard
        ImportRequest, ImportTarget, DateOrderChoice, ColumnChoice, ImportPreview, ImportFile,
        ImportTableKind, FieldMapping, HeaderMapping, RowStatus, PreviewCell, PreviewLine,
        TablePreview, ImportProblem, FieldChange, ChangeItem, ChangeList, ChangeGroup,
        ImportChanges,
        // reports
        throughline_core::report_options::Format, throughline_core::report_options::Paper,
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
    out.push_str(&enum_values());
    out.push_str(&commands_interface(&cfg));
    out.push_str(&events_interface());
    out.trim_end().to_string() + "\n"
}

/// `ENUM_VALUES`: every enum's values and labels, from the core (`model.rs`), for the
/// page's option lists.
fn enum_values() -> String {
    use throughline_core::model::*;
    let mut out = String::from(
        "/** Each enum's values and labels, in the order the app lists them (from model.rs). */\nexport const ENUM_VALUES = {\n",
    );
    macro_rules! list {
        ($($t:ident),*) => {$(
            let items: Vec<String> = $t::ALL
                .iter()
                .map(|v| format!("{{ value: \"{}\", label: \"{}\" }}", v.name(), v.label()))
                .collect();
            out.push_str(&format!("  {}: [{}] as {{ value: {}; label: string }}[],\n", stringify!($t), items.join(", "), stringify!($t)));
        )*};
    }
    throughline_core::with_value_enums!(list);
    out.push_str("};\n\n");
    out
}

/// `Commands`: every command's arguments (as the page passes them: camelCase, which Tauri
/// maps to the Rust names) and result, from the one list in `commands.rs`.
fn commands_interface(cfg: &Config) -> String {
    let camel = |s: &str| {
        let mut out = String::new();
        let mut up = false;
        for c in s.chars() {
            if c == '_' {
                up = true;
            } else if up {
                out.extend(c.to_uppercase());
                up = false;
            } else {
                out.push(c);
            }
        }
        out
    };
    let ts = |t: String| if t == "null" { "void".to_string() } else { t };
    let mut out = String::from(
        "/** Every command the backend answers: its arguments and its result. */\nexport interface Commands {\n",
    );
    for (name, args, ret) in crate::commands::signatures(cfg) {
        let args: Vec<String> = args
            .iter()
            .map(|(a, t)| format!("{}: {t}", camel(a)))
            .collect();
        let args = if args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            format!("{{ {} }}", args.join("; "))
        };
        out.push_str(&format!(
            "  {name}: {{ args: {args}; result: {} }};\n",
            ts(ret)
        ));
    }
    out.push_str("}\n\n");
    out
}

/// `Events`: every event the shell sends and its payload.
fn events_interface() -> String {
    format!(
        "/** Every event the backend sends the page, by name, with its payload. */\n\
         export interface Events {{\n  \"{}\": Change;\n  \"{}\": MenuAction;\n  \"{}\": AppError;\n  \"{}\": AppError;\n  \"{}\": null;\n}}\n",
        events::DOC_CHANGED,
        events::MENU,
        events::STARTUP_ERROR,
        events::APP_ERROR,
        events::REPORT_WRITING
    )
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
