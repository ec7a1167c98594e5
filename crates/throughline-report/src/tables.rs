//! The tabular formats: CSV (the findings, one row each) and the XLSX workbook.

use crate::data::{index_text, ReportData};
use crate::safe::{csv_cell, looks_like_formula};
use crate::ReportError;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

pub const CSV_HEADER: [&str; 8] = [
    "severity",
    "rule",
    "subject",
    "subject_name",
    "related",
    "related_names",
    "function",
    "message",
];

/// The findings, one row each, in `check` order (UTF-8, comma-separated, RFC 4180 quoting).
pub fn csv(data: &ReportData) -> Result<Vec<u8>, ReportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| ReportError::Csv(e.to_string());
    w.write_record(CSV_HEADER).map_err(err)?;
    for f in &data.findings {
        w.write_record([
            csv_cell(f.severity.as_str()),
            csv_cell(&f.rule),
            csv_cell(&f.subject),
            csv_cell(&f.subject_name),
            csv_cell(&f.related.join("; ")),
            csv_cell(&f.related_names.join("; ")),
            csv_cell(&f.function),
            csv_cell(&f.message),
        ])
        .map_err(err)?;
    }
    w.into_inner().map_err(|e| ReportError::Csv(e.to_string()))
}

/// A cell value for a sheet.
enum Cell<'a> {
    Text(&'a str),
    Owned(String),
    Num(f64),
    Bool(bool),
}

struct Styles {
    head: Format,
    text: Format,
    guarded: Format,
    wrap: Format,
}

fn sheet<'a>(
    wb: &mut Workbook,
    st: &Styles,
    name: &str,
    header: &[(&str, f64)],
    rows: impl Iterator<Item = Vec<Cell<'a>>>,
) -> Result<(), XlsxError> {
    let ws: &mut Worksheet = wb.add_worksheet();
    ws.set_name(name)?;
    for (c, (h, width)) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, crate::safe::xlsx_text(h), &st.head)?;
        ws.set_column_width(c as u16, *width)?;
    }
    let mut r: u32 = 0;
    for row in rows {
        r += 1;
        for (c, cell) in row.into_iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => text(ws, st, r, c, s, header[c as usize].1)?,
                Cell::Owned(s) => text(ws, st, r, c, &s, header[c as usize].1)?,
                Cell::Num(n) => {
                    ws.write_number(r, c, n)?;
                }
                Cell::Bool(b) => {
                    ws.write_boolean(r, c, b)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, r.max(1), (header.len() - 1) as u16)?;
    Ok(())
}

/// Text is always a string cell; formula-like text also gets the quote prefix.
fn text(
    ws: &mut Worksheet,
    st: &Styles,
    r: u32,
    c: u16,
    s: &str,
    width: f64,
) -> Result<(), XlsxError> {
    let fmt = if looks_like_formula(s) {
        &st.guarded
    } else if width >= 50.0 {
        &st.wrap
    } else {
        &st.text
    };
    ws.write_string_with_format(r, c, crate::safe::xlsx_text(s), fmt)?;
    Ok(())
}

/// Sheets: Summary, Findings, Goals, People, Measures, Coverage, Imposition.
pub fn xlsx(data: &ReportData) -> Result<Vec<u8>, ReportError> {
    build_xlsx(data).map_err(|e| ReportError::Xlsx(e.to_string()))
}

fn build_xlsx(data: &ReportData) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let st = Styles {
        head: Format::new()
            .set_bold()
            .set_background_color("1F3A5F")
            .set_font_color("FFFFFF"),
        text: Format::new(),
        guarded: Format::new().set_quote_prefix(),
        wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
    };
    let h = &data.headline;
    let mut summary: Vec<(String, Cell)> = vec![
        ("Title".into(), Cell::Text(&data.title)),
        ("Organisation".into(), Cell::Text(&data.organisation)),
        (
            "Scope".into(),
            Cell::Owned(
                data.scope
                    .as_ref()
                    .map_or("Whole organisation".to_string(), |s| s.name.clone()),
            ),
        ),
        ("As of".into(), Cell::Text(&data.as_of)),
        ("Generated".into(), Cell::Text(&data.generated)),
        (
            "Alignment index".into(),
            Cell::Owned(index_text(h.alignment_index)),
        ),
        ("People".into(), Cell::Num(h.people as f64)),
        ("Goals".into(), Cell::Num(h.goals as f64)),
        (
            "Goals owned by people".into(),
            Cell::Num(h.person_goals as f64),
        ),
        (
            "Of which aligned".into(),
            Cell::Num(h.aligned_person_goals as f64),
        ),
        ("Findings".into(), Cell::Num(h.findings as f64)),
        ("Errors".into(), Cell::Num(h.errors as f64)),
        ("Warnings".into(), Cell::Num(h.warnings as f64)),
        ("Info".into(), Cell::Num(h.infos as f64)),
    ];
    for r in &data.rules {
        summary.push((format!("Findings: {}", r.id), Cell::Num(r.count as f64)));
    }
    sheet(
        &mut wb,
        &st,
        "Summary",
        &[("Item", 28.0), ("Value", 48.0)],
        summary.into_iter().map(|(k, v)| vec![Cell::Owned(k), v]),
    )?;
    sheet(
        &mut wb,
        &st,
        "Findings",
        &[
            ("Severity", 10.0),
            ("Rule", 22.0),
            ("Subject", 14.0),
            ("Subject name", 30.0),
            ("Related", 18.0),
            ("Related names", 30.0),
            ("Function", 18.0),
            ("Message", 90.0),
        ],
        data.findings.iter().map(|f| {
            vec![
                Cell::Text(f.severity.as_str()),
                Cell::Text(&f.rule),
                Cell::Text(&f.subject),
                Cell::Text(&f.subject_name),
                Cell::Owned(f.related.join("; ")),
                Cell::Owned(f.related_names.join("; ")),
                Cell::Text(&f.function),
                Cell::Text(&f.message),
            ]
        }),
    )?;
    sheet(
        &mut wb,
        &st,
        "Goals",
        &[
            ("Id", 12.0),
            ("Title", 40.0),
            ("Level", 10.0),
            ("Owner", 22.0),
            ("Owner kind", 10.0),
            ("Set by", 22.0),
            ("Function", 18.0),
            ("Measure", 22.0),
            ("Measure kind", 12.0),
            ("Target", 14.0),
            ("Due", 11.0),
            ("Status", 10.0),
            ("Supports", 40.0),
            ("Imposed", 9.0),
            ("Aligned", 9.0),
            ("Findings", 9.0),
        ],
        data.goals.iter().map(|g| {
            vec![
                Cell::Text(&g.id),
                Cell::Text(&g.title),
                Cell::Text(&g.level),
                Cell::Text(&g.owner),
                Cell::Text(&g.owner_kind),
                Cell::Text(&g.set_by),
                Cell::Text(&g.function),
                Cell::Text(&g.measure),
                Cell::Text(&g.measure_kind),
                Cell::Text(&g.target),
                Cell::Text(&g.due),
                Cell::Text(&g.status),
                Cell::Owned(g.supports.join("; ")),
                Cell::Bool(g.imposed),
                Cell::Bool(g.aligned),
                Cell::Num(g.findings as f64),
            ]
        }),
    )?;
    sheet(
        &mut wb,
        &st,
        "People",
        &[
            ("Id", 12.0),
            ("Name", 24.0),
            ("Role", 24.0),
            ("Unit", 22.0),
            ("Function", 18.0),
            ("Manager", 24.0),
            ("Goals", 8.0),
            ("Aligned goals", 12.0),
            ("Last check-in", 13.0),
            ("Findings", 9.0),
        ],
        data.people.iter().map(|p| {
            vec![
                Cell::Text(&p.id),
                Cell::Text(&p.name),
                Cell::Text(&p.role),
                Cell::Text(&p.unit),
                Cell::Text(&p.function),
                Cell::Text(&p.manager),
                Cell::Num(p.goals as f64),
                Cell::Num(p.aligned_goals as f64),
                Cell::Text(&p.last_check_in),
                Cell::Num(p.findings as f64),
            ]
        }),
    )?;
    sheet(
        &mut wb,
        &st,
        "Measures",
        &[
            ("Id", 14.0),
            ("Name", 28.0),
            ("Kind", 12.0),
            ("Unit", 10.0),
            ("Direction", 10.0),
            ("Leading", 9.0),
            ("Goals", 8.0),
            ("Interactions", 60.0),
        ],
        data.measures.iter().map(|m| {
            vec![
                Cell::Text(&m.id),
                Cell::Text(&m.name),
                Cell::Owned(format!("{:?}", m.kind).to_lowercase()),
                Cell::Text(&m.unit),
                Cell::Text(&m.direction),
                Cell::Bool(m.leading),
                Cell::Num(m.goals as f64),
                Cell::Text(&m.interactions),
            ]
        }),
    )?;
    let cov = &data.coverage;
    let mut head: Vec<(String, f64)> = vec![("Function".into(), 24.0)];
    head.extend(cov.strategy.iter().map(|s| (s.name.clone(), 18.0)));
    head.push(("No strategy goal".into(), 16.0));
    head.push(("Goals".into(), 8.0));
    let head_ref: Vec<(&str, f64)> = head.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    sheet(
        &mut wb,
        &st,
        "Coverage",
        &head_ref,
        cov.rows.iter().map(|r| {
            let mut v = vec![Cell::Text(&r.function.name)];
            v.extend(r.cells.iter().map(|&n| Cell::Num(n as f64)));
            v.push(Cell::Num(r.untraced as f64));
            v.push(Cell::Num(r.goals as f64));
            v
        }),
    )?;
    let imp = &data.imposition;
    let mut head: Vec<(String, f64)> = vec![("Set by \\ owned by".into(), 24.0)];
    head.extend(imp.functions.iter().map(|f| (f.name.clone(), 16.0)));
    let head_ref: Vec<(&str, f64)> = head.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    sheet(
        &mut wb,
        &st,
        "Imposition",
        &head_ref,
        imp.functions.iter().zip(&imp.cells).map(|(f, row)| {
            let mut v = vec![Cell::Text(&f.name)];
            v.extend(row.iter().map(|c| Cell::Num(c.goals as f64)));
            v
        }),
    )?;
    wb.save_to_buffer()
}
