//! The PDF: typst used as a library. The world this module gives typst is closed: the
//! template (compiled into the crate), the report as JSON, the drawings as SVG, and fonts
//! (embedded in the binary — DejaVu Sans from this crate, Libertinus Serif from
//! typst-assets — and, only for text those lack, the system's CJK and emoji fonts: see
//! [`crate::fonts`]). Any other file typst asks for does not exist, and there is no
//! package access, so a report can never read or embed anything outside the map.
//!
//! User text reaches typst in two ways, each made safe here: as data (every string through
//! [`crate::safe::pdf_text`]) and inside the SVG drawings, which typst hands to usvg. usvg's
//! font fallback loops for ever when a character has no glyph in the font chosen for the
//! first character of its cluster (a letter of DejaVu Sans followed by a combining mark
//! DejaVu Sans lacks, such as U+0359: "Zalgo" text), so [`svg_for_pdf`] keeps only what the
//! fonts can draw in each cluster (see there).

use crate::data::ReportData;
use crate::fonts::{FontSet, Fonts};
use crate::{svg, Paper, Picture, ReportError};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook, FontVariant, FontWeight};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

const TEMPLATE: &str = include_str!("report.typ");

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

struct ReportWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
    fonts: FontSet,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.get().book
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
        self.fonts.get().fonts.get(index).cloned()
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

/// Every string of the report's data through [`crate::safe::pdf_text`].
fn clean_strings(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => {
            if let std::borrow::Cow::Owned(t) = crate::safe::pdf_text(s) {
                *s = t;
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(clean_strings),
        serde_json::Value::Object(o) => o.values_mut().for_each(clean_strings),
        _ => {}
    }
}

/// The text of an SVG drawing made safe for usvg with these fonts.
///
/// usvg shapes a `<text>` with its font (here DejaVu Sans, regular or bold) and, while a
/// glyph is missing, asks typst for a fallback font for the *first character of the
/// missing glyph's cluster*, shapes the whole text again with it and copies the glyphs it
/// found; it stops only when no glyph is missing, no fallback is found or the glyph counts
/// differ. When the fallback has no glyph either — DejaVu Sans is the fallback for its own
/// letter "r" but lacks the combining mark U+036F after it — it asks again for ever. So in
/// every cluster (grapheme):
///
/// - a first character DejaVu Sans has keeps only the marks and joiners DejaVu Sans has;
/// - a first character it lacks is kept alone when a fallback font has it (an emoji
///   sequence shows its first emoji, so glyph counts stay one per character), and becomes
///   `?` when no font has it.
///
/// The full text is in the report's own pages; this only concerns the drawings.
fn svg_for_pdf(svg: &str, fonts: &Fonts) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let book = &fonts.book;
    let variants = [
        FontVariant::default(),
        FontVariant {
            weight: FontWeight::BOLD,
            ..FontVariant::default()
        },
    ];
    let primaries: Vec<(usize, FontVariant)> = variants
        .iter()
        .filter_map(|&v| book.select("dejavu sans", v).map(|i| (i, v)))
        .collect();
    let covered_by = |i: usize, c: char| {
        fonts
            .fonts
            .get(i)
            .is_some_and(|f| crate::fonts::has_glyph(f, c))
    };
    let in_primary = |c: char| primaries.iter().all(|&(i, _)| covered_by(i, c));
    // The fallback fonts usvg would get for `c`, for each primary; None if any has none.
    let fallbacks = |c: char| -> Option<Vec<usize>> {
        let mut buf = [0u8; 4];
        primaries
            .iter()
            .map(|&(i, v)| book.select_fallback(book.info(i), v, c.encode_utf8(&mut buf)))
            .collect()
    };
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        let (text, tail) = rest.split_at(open);
        let close = tail.find('>').map_or(tail.len(), |k| k + 1);
        if text.is_ascii() {
            out.push_str(text);
        } else {
            for g in text.graphemes(true) {
                let mut chars = g.chars();
                let Some(base) = chars.next() else { continue };
                if in_primary(base) {
                    out.push(base);
                    out.extend(chars.filter(|&c| in_primary(c)));
                } else if base.is_whitespace() {
                    out.push(' ');
                } else if fallbacks(base).is_some_and(|f| f.iter().all(|&i| covered_by(i, base))) {
                    out.push(base);
                } else if !is_invisible(base) {
                    out.push('?');
                }
            }
        }
        out.push_str(&tail[..close]);
        rest = &tail[close..];
    }
    out.push_str(rest);
    out
}

/// Characters that draw nothing (joiners, variation selectors, byte order marks): left
/// out of the drawings when the font lacks them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0000}'..='\u{E0FFF}')
}

pub fn render(
    data: &ReportData,
    decisions: &[crate::workshop::Decision],
    pictures: &[Picture],
    paper: Paper,
    generated: chrono::NaiveDate,
) -> Result<Vec<u8>, ReportError> {
    let (mut svgs, refs) = picture_files(pictures);
    svgs.push(("legend.svg".into(), svg::legend_svg()));
    if let Some(chart) = svg::imposition_chart(&data.imposition) {
        svgs.push(("chart-imposition.svg".into(), chart));
    }
    if let Some(chart) = svg::coverage_heatmap(&data.coverage) {
        svgs.push(("chart-coverage.svg".into(), chart));
    }
    let decisions = serde_json::to_value(decisions).expect("decisions serialise");
    typeset(
        TEMPLATE,
        &data.title,
        vec![
            (
                "data.json",
                serde_json::to_value(data).expect("report serialises"),
            ),
            ("decisions.json", decisions),
        ],
        svgs,
        refs,
        paper,
        generated,
    )
}

/// The workshop report (`workshop.typ`): its data, and the map pictures with their marks.
pub fn render_workshop(
    data: &crate::workshop::WorkshopData,
    pictures: &[Picture],
    paper: Paper,
    generated: chrono::NaiveDate,
) -> Result<Vec<u8>, ReportError> {
    let (mut svgs, refs) = picture_files(pictures);
    svgs.push(("legend.svg".into(), svg::legend_svg()));
    typeset(
        WORKSHOP_TEMPLATE,
        &data.title,
        vec![(
            "data.json",
            serde_json::to_value(data).expect("report serialises"),
        )],
        svgs,
        refs,
        paper,
        generated,
    )
}

const WORKSHOP_TEMPLATE: &str = include_str!("workshop.typ");

/// The pictures as SVG files for typst, and their titles: a picture wider than
/// [`SLICE_MAX`] is cut into overlapping slices, one landscape page each (pages cannot
/// scroll), so cards stay readable.
fn picture_files(pictures: &[Picture]) -> (Vec<(String, String)>, Vec<PictureRef>) {
    let mut svgs: Vec<(String, String)> = Vec::new();
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
            svgs.push((name.clone(), svg));
            // One line above the picture: a title longer than that is cut.
            let title = if title.chars().count() > 110 {
                format!("{}…", title.chars().take(109).collect::<String>())
            } else {
                title
            };
            refs.push(PictureRef {
                title: crate::safe::pdf_text(&title).into_owned(),
                file: name,
            });
        }
    }
    (svgs, refs)
}

/// Typeset `template` in the closed world: the data files (every string through
/// [`crate::safe::pdf_text`]), `pictures.json` and the SVG drawings (their text through
/// [`svg_for_pdf`]).
#[allow(clippy::too_many_arguments)]
fn typeset(
    template: &str,
    title: &str,
    data: Vec<(&str, serde_json::Value)>,
    svgs: Vec<(String, String)>,
    refs: Vec<PictureRef>,
    paper: Paper,
    generated: chrono::NaiveDate,
) -> Result<Vec<u8>, ReportError> {
    let data: Vec<(&str, String)> = data
        .into_iter()
        .map(|(name, mut value)| {
            clean_strings(&mut value);
            (
                name,
                serde_json::to_string(&value).expect("report serialises"),
            )
        })
        .collect();
    // Fallback fonts only for what the bundled fonts lack.
    let fonts = crate::fonts::for_texts(
        data.iter()
            .map(|(_, j)| j.as_str())
            .chain(svgs.iter().map(|(_, s)| s.as_str())),
    );
    let mut files: HashMap<FileId, Bytes> = HashMap::new();
    for (name, json) in data {
        files.insert(file_id(name), Bytes::new(json.into_bytes()));
    }
    files.insert(
        file_id("pictures.json"),
        Bytes::new(serde_json::to_vec(&refs).expect("serialises")),
    );
    for (name, svg) in svgs {
        let svg = if svg.is_ascii() {
            svg
        } else {
            svg_for_pdf(&svg, fonts.get())
        };
        files.insert(file_id(&name), Bytes::new(svg.into_bytes()));
    }
    let paper_name = match paper {
        Paper::A4 => "a4",
        Paper::Letter => "us-letter",
    };
    // The prelude is the only generated typst code, and it holds no user text.
    let text = format!(
        "#let paper = \"{paper_name}\"\n#let conflicts-cap = {}\n{template}",
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
        fonts,
    };
    let doc: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errs| ReportError::Pdf(diagnostics(&world, &errs)))?;
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(title),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_text_keeps_only_what_the_fonts_draw() {
        let fonts = &crate::fonts::BUNDLED;
        let svg = "<svg><text x=\"1\">G\u{0359}\u{036F}\u{0359}r\u{036F}o\u{0301}w</text></svg>";
        assert_eq!(
            svg_for_pdf(svg, fonts),
            "<svg><text x=\"1\">Gro\u{0301}w</text></svg>"
        );
        // No font has U+0378 (unassigned): it shows as `?`. U+FFFD is not in DejaVu Sans
        // but Libertinus Serif has it.
        assert_eq!(
            svg_for_pdf("<t>a\u{0378}b\u{FFFD}</t>", fonts),
            "<t>a?b\u{FFFD}</t>"
        );
    }
}
