//! JSON: exactly the `check --format json` object (`findings`, `summary`), plus `report`,
//! the report's tables. Narrowed to a function, `findings` holds the findings that concern
//! it and `summary` stays the whole organisation's, as `check` prints it.

use crate::data::ReportData;
use serde::Serialize;
use throughline_core::analysis::{Finding, Report, Summary};

#[derive(Serialize)]
struct Out<'a> {
    findings: Vec<&'a Finding>,
    summary: &'a Summary,
    report: &'a ReportData,
}

pub fn render(check: &Report, data: &ReportData) -> String {
    let findings: Vec<&Finding> = data
        .finding_index
        .iter()
        .map(|&i| &check.findings[i])
        .collect();
    let mut s = serde_json::to_string_pretty(&Out {
        findings,
        summary: &check.summary,
        report: data,
    })
    .expect("report serialises");
    s.push('\n');
    s
}
