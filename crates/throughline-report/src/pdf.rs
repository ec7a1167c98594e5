//! The PDF: typst used as a library. The world this module gives typst is closed: the
//! template (compiled into the crate), the report as JSON, the drawings as SVG, and fonts
//! embedded in the binary (DejaVu Sans from this crate, Libertinus Serif from
//! typst-assets). Any other file typst asks for does not exist, and there is no package
//! access, so a report can never read or embed anything outside the map.

use crate::data::ReportData;
use crate::{svg, Paper, Picture, ReportError};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

const TEMPLATE: &str = include_str!("report.typ");

static DEJAVU: [&[u8]; 3] = [
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../fonts/DejaVuSansMono.ttf"),
];

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// Fonts are parsed once per process.
static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let mut fonts: Vec<Font> = Vec::new();
    for data in DEJAVU {
        fonts.extend(Font::iter(Bytes::new(data)));
    }
    for data in typst_assets::fonts() {
        for font in Font::iter(Bytes::new(data)) {
            if font.info().family.starts_with("Libertinus Serif") {
                fonts.push(font);
            }
        }
    }
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

struct ReportWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id.package().is_some() {
            return Err(FileError::AccessDenied);
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().as_rootless_path().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        self.today
    }
}

#[derive(Serialize)]
struct PictureRef {
    title: String,
    file: String,
}

/// Pictures wider than this (in layout pixels) are sliced across pages.
const SLICE_MAX: f64 = 2600.0;
const SLICE_STEP: f64 = 2200.0;
const SLICE_OVERLAP: f64 = 120.0;

fn file_id(name: &str) -> FileId {
    FileId::new(None, VirtualPath::new(name))
}

pub fn render(
    data: &ReportData,
    pictures: &[Picture],
    paper: Paper,
    generated: chrono::NaiveDate,
) -> Result<Vec<u8>, ReportError> {
    let mut files: HashMap<FileId, Bytes> = HashMap::new();
    let json = serde_json::to_vec(data).expect("report serialises");
    files.insert(file_id("data.json"), Bytes::new(json));
    // Pages cannot scroll: a picture wider than SLICE_MAX is cut into overlapping
    // slices, one landscape page each, so cards stay readable.
    let mut refs = Vec::new();
    for (i, p) in pictures.iter().enumerate() {
        let n = if p.width > SLICE_MAX {
            (p.width / SLICE_STEP).ceil() as usize
        } else {
            1
        };
        for k in 0..n {
            let name = format!("map-{i}-{k}.svg");
            let (svg, title) = if n == 1 {
                (p.svg.clone(), p.title.clone())
            } else {
                let step = (p.width - SLICE_OVERLAP) / n as f64;
                let x0 = k as f64 * step;
                (
                    svg::slice(&p.svg, p.width, p.height, x0, step + SLICE_OVERLAP),
                    format!("{} (part {} of {n})", p.title, k + 1),
                )
            };
            files.insert(file_id(&name), Bytes::new(svg.into_bytes()));
            refs.push(PictureRef { title, file: name });
        }
    }
    files.insert(
        file_id("pictures.json"),
        Bytes::new(serde_json::to_vec(&refs).expect("serialises")),
    );
    files.insert(
        file_id("legend.svg"),
        Bytes::new(svg::legend_svg().into_bytes()),
    );
    if let Some(chart) = svg::imposition_chart(&data.imposition) {
        files.insert(
            file_id("chart-imposition.svg"),
            Bytes::new(chart.into_bytes()),
        );
    }
    if let Some(chart) = svg::coverage_heatmap(&data.coverage) {
        files.insert(
            file_id("chart-coverage.svg"),
            Bytes::new(chart.into_bytes()),
        );
    }
    let paper_name = match paper {
        Paper::A4 => "a4",
        Paper::Letter => "us-letter",
    };
    // The prelude is the only generated typst code, and it holds no user text.
    let text = format!(
        "#let paper = \"{paper_name}\"\n#let conflicts-cap = {}\n{TEMPLATE}",
        crate::data::CONFLICTS_CAP
    );
    // typst's `today` is the report's generation date (passed in, never the clock).
    let today = {
        use chrono::Datelike;
        Datetime::from_ymd(
            generated.year(),
            generated.month() as u8,
            generated.day() as u8,
        )
    };
    let world = ReportWorld {
        main: Source::new(file_id("report.typ"), text),
        files,
        today,
    };
    let doc: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errs| ReportError::Pdf(diagnostics(&world, &errs)))?;
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(&data.title),
        timestamp: None,
        ..Default::default()
    };
    typst_pdf::pdf(&doc, &options).map_err(|errs| ReportError::Pdf(diagnostics(&world, &errs)))
}

fn diagnostics(world: &ReportWorld, errs: &[SourceDiagnostic]) -> String {
    errs.iter()
        .map(|e| {
            let line = e
                .span
                .id()
                .filter(|id| *id == world.main.id())
                .and_then(|_| world.main.range(e.span))
                .map(|r| world.main.text()[..r.start].lines().count())
                .map_or(String::new(), |l| format!(" (template line {l})"));
            format!("{}{line}", e.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}
