//! Alignment reports: what a consultant hands to a client and a CEO takes to the board.
//!
//! One pass builds [`data::ReportData`] from the map and the very findings `check` prints
//! ([`throughline_core::analysis::analyse_org`]); each format renders that data. The crate
//! returns bytes and never touches the file system, the clock or the network: the caller
//! passes the as-of and generation dates and writes the file. A report embeds nothing but
//! the map's own content, its own fonts and its own drawings.
//!
//! Formats: PDF (typst as a library, fonts embedded), one self-contained HTML file (inline
//! CSS and SVG, no scripts), XLSX, CSV (the findings), Markdown and JSON (the `check` output
//! plus the report's tables).

pub mod data;
mod fonts;
mod html;
mod json;
mod markdown;
mod pdf;
pub mod safe;
pub mod svg;
mod tables;
pub mod workshop;

use chrono::NaiveDate;
use throughline_core::analysis::{self, Analysis};
use throughline_core::{Map, Org};
use throughline_view::{build_view, ViewRequest};

pub use data::ReportData;

pub use throughline_core::report_options::{Format, Paper};

#[derive(Debug, Clone)]
pub struct Options {
    /// The report's title (default "Alignment report", or "Alignment report: FUNCTION").
    pub title: Option<String>,
    /// Narrow the report to one function (its id, or its name) and what is imposed on it.
    pub function: Option<String>,
    pub as_of: NaiveDate,
    /// The day the report is made, printed on the cover.
    pub generated: NaiveDate,
    pub paper: Paper,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("no function \"{wanted}\"; the functions are: {}", if known.is_empty() { "none".to_string() } else { known.join(", ") })]
    UnknownFunction { wanted: String, known: Vec<String> },
    #[error("\"{id}\" is a {kind}, not a function")]
    NotAFunction { id: String, kind: String },
    #[error("could not typeset the PDF: {0}")]
    Pdf(String),
    #[error("could not write the XLSX workbook: {0}")]
    Xlsx(String),
    #[error("could not write the CSV: {0}")]
    Csv(String),
    #[error("a workshop report (--compare) is written as PDF, HTML or Markdown (.pdf, .html, .md), not {}; for the comparison as data, use throughline compare --format json", .0.extension().to_uppercase())]
    WorkshopFormat(Format),
}

/// One picture of the map, ready to embed.
#[derive(Debug, Clone)]
pub struct Picture {
    pub title: String,
    pub svg: String,
    pub width: f64,
    pub height: f64,
}

/// When the whole organisation, fully expanded, has at most this many cards, it is drawn
/// as one picture; otherwise as an overview plus one picture per function.
pub const ONE_PICTURE_MAX: usize = 60;
/// Cards in the overview picture of a large organisation.
pub const OVERVIEW_BUDGET: u32 = 40;
/// Cards in each function's picture.
pub const FUNCTION_BUDGET: u32 = 60;

/// The map pictures: drawn from `throughline_view::build_view`, the app's own layout.
pub fn pictures(org: &Org, check: &Analysis, data: &ReportData) -> Vec<Picture> {
    let picture = |title: String, view: &throughline_view::ViewModel| {
        let (svg, width, height) = svg::map_svg(view);
        Picture {
            title,
            svg,
            width,
            height,
        }
    };
    let draw = |title: String, req: ViewRequest| picture(title, &build_view(org, check, &req));
    if let Some(scope) = &data.scope {
        return vec![draw(
            format!("{}: its goals and what they support", scope.name),
            ViewRequest {
                within: Some(scope.id.clone()),
                max_nodes: Some(FUNCTION_BUDGET),
                ..Default::default()
            },
        )];
    }
    let full = build_view(
        org,
        check,
        &ViewRequest {
            max_nodes: Some(ONE_PICTURE_MAX as u32),
            ..Default::default()
        },
    );
    if !full.nodes.iter().any(|n| n.collapsed) {
        return vec![picture("The whole organisation".into(), &full)];
    }
    let mut out = vec![draw(
        "Overview: strategy, values and functions".into(),
        ViewRequest {
            max_nodes: Some(OVERVIEW_BUDGET),
            ..Default::default()
        },
    )];
    for f in &data.functions {
        out.push(draw(
            f.function.name.clone(),
            ViewRequest {
                within: Some(f.function.id.clone()),
                max_nodes: Some(FUNCTION_BUDGET),
                ..Default::default()
            },
        ));
    }
    out
}

/// Analyse a valid map and render its report.
pub fn render(
    map: impl Into<std::sync::Arc<Map>>,
    opts: &Options,
    format: Format,
) -> Result<Vec<u8>, ReportError> {
    render_with_decisions(map, opts, &[], format)
}

/// The workshop report (see [`workshop`]): `before` (a snapshot) and `after` (the map now)
/// analysed as of one date and compared by `throughline_core::compare`. PDF, HTML and
/// Markdown; any other format is refused ([`ReportError::WorkshopFormat`]).
pub fn render_workshop(
    before: impl Into<std::sync::Arc<Map>>,
    after: impl Into<std::sync::Arc<Map>>,
    as_of: NaiveDate,
    opts: &workshop::WorkshopOptions,
    format: Format,
) -> Result<Vec<u8>, ReportError> {
    if !matches!(format, Format::Pdf | Format::Html | Format::Md) {
        return Err(ReportError::WorkshopFormat(format));
    }
    let (b, a) = throughline_core::compare::analyse_both(before, after, as_of);
    let data = workshop::build(b.side(), a.side(), opts);
    match format {
        Format::Md => Ok(workshop::markdown(&data).into_bytes()),
        Format::Html => {
            let pics = workshop::pictures(b.side(), a.side());
            Ok(workshop::html(&data, &pics).into_bytes())
        }
        _ => {
            let pics = workshop::pictures(b.side(), a.side());
            pdf::render_workshop(&data, &pics, opts.paper, opts.generated)
        }
    }
}

/// Analyse a valid map and render its report, with the decisions the workspace recorded
/// (a section of the narrative formats, left out when there are none).
pub fn render_with_decisions(
    map: impl Into<std::sync::Arc<Map>>,
    opts: &Options,
    decisions: &[workshop::Decision],
    format: Format,
) -> Result<Vec<u8>, ReportError> {
    let org = Org::new(map.into());
    let analysed = analysis::run(&org, opts.as_of);
    let check = analysed.report(&org);
    let data = data::build(
        &org,
        &analysed,
        &check,
        &data::BuildOptions {
            title: opts.title.as_deref(),
            function: opts.function.as_deref(),
            as_of: opts.as_of,
            generated: opts.generated,
        },
    )?;
    match format {
        Format::Md => Ok(markdown::render(&data, decisions).into_bytes()),
        Format::Json => Ok(json::render(&check, &data).into_bytes()),
        Format::Csv => tables::csv(&data),
        Format::Xlsx => tables::xlsx(&data),
        Format::Html => {
            let pics = pictures(&org, &analysed, &data);
            Ok(html::render(&data, decisions, &pics).into_bytes())
        }
        Format::Pdf => {
            let pics = pictures(&org, &analysed, &data);
            pdf::render(&data, decisions, &pics, opts.paper, opts.generated)
        }
    }
}
