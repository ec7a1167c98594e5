//! Keeping user text inert in every format.
//!
//! - HTML and SVG: [`crate::svg::esc`] escapes markup; the HTML carries no script and a
//!   Content-Security-Policy that forbids any.
//! - CSV: a cell that a spreadsheet would read as a formula (it begins with `=`, `+`, `-`,
//!   `@`, a tab or a carriage return) is prefixed with an apostrophe, the OWASP
//!   recommendation, so it opens as text.
//! - XLSX: text is always written as a string cell, never a formula; a string that would
//!   look like a formula also gets Excel's quote-prefix style, so editing the cell cannot
//!   turn it into one.
//! - XLSX: a cell holds at most 32,767 characters; longer text is cut with a visible
//!   marker that gives the full length ([`xlsx_text`]); U+FFFE and U+FFFF, which XML
//!   cannot hold, become U+FFFD.
//! - Markdown: characters with a meaning in Markdown or HTML are backslash-escaped.
//! - PDF: the typst template reads the report as JSON data; no user text is ever parsed as
//!   typst markup. Every string of that data first goes through [`pdf_text`].
//! - XML (the SVG pictures, and so the PDF's drawings): a character XML 1.0 does not allow
//!   (C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF) would make
//!   the whole picture unreadable, so it is shown as U+FFFD `�` instead ([`xml_char`]):
//!   the reader sees that something was there, and the name around it stays whole.

/// Does this text start the way a spreadsheet formula does?
pub fn looks_like_formula(s: &str) -> bool {
    matches!(
        s.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠')
    )
}

/// A CSV cell that opens as text in a spreadsheet.
pub fn csv_cell(s: &str) -> String {
    if looks_like_formula(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Escape text for Markdown (inline), so that it renders as the same text.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Rule documentation as plain text: its Markdown code spans and emphasis marks removed.
/// Its text comes from the rules, never from the map.
pub fn plain_doc(s: &str) -> String {
    s.replace(['`', '*'], "")
}

/// The most characters (UTF-16 units, as Excel counts) one XLSX cell holds.
pub const XLSX_CELL_MAX: usize = 32_767;

/// Text for one XLSX cell: cut to [`XLSX_CELL_MAX`] with a marker that says so, ending
/// "… [cut: 40,000 characters]".
pub fn xlsx_text(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| matches!(c, '\u{FFFE}' | '\u{FFFF}');
    let s: std::borrow::Cow<'_, str> = if s.contains(bad) {
        std::borrow::Cow::Owned(s.replace(bad, "\u{FFFD}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    if s.len() <= XLSX_CELL_MAX || s.encode_utf16().count() <= XLSX_CELL_MAX {
        return s;
    }
    let marker = format!("… [cut: {} characters]", thousands(s.chars().count()));
    let room = XLSX_CELL_MAX - marker.encode_utf16().count();
    let mut used = 0;
    let mut out = String::with_capacity(XLSX_CELL_MAX + marker.len());
    for c in s.chars() {
        used += c.len_utf16();
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push_str(&marker);
    std::borrow::Cow::Owned(out)
}

/// 40000 -> "40,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Is this character allowed in an XML 1.0 document?
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The character as XML may hold it: itself, or U+FFFD when XML does not allow it.
pub fn xml_char(c: char) -> char {
    if is_xml_char(c) {
        c
    } else {
        '\u{FFFD}'
    }
}

/// Combining marks kept on one base character. Real text needs few (Vietnamese two,
/// Hebrew with points and cantillation or a Tibetan stack up to four); "Zalgo" text piles
/// up hundreds, which draw over the lines around them.
pub const MAX_MARKS: usize = 4;

/// A word longer than `LONG_WORD` characters (with no space or other break opportunity)
/// gets an invisible break opportunity (U+200B) after every `WORD_PIECE` characters, so a
/// 5,000-character word wraps in its table cell instead of running off the page. Real
/// words stay whole (and searchable in the PDF).
pub const LONG_WORD: usize = 40;
pub const WORD_PIECE: usize = 16;
/// A word longer than this is cut in the PDF, ending "… [cut: 5,000 characters]" (the
/// whole text is in the XLSX, CSV and JSON reports). No language has such words, and
/// typst lays out a name thousands of characters long in a narrow table header for
/// minutes.
pub const WORD_MAX: usize = 160;

/// Is `c` a combining mark (general category Mn, Mc or Me)?
pub fn is_mark(c: char) -> bool {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    c.general_category_group() == GeneralCategoryGroup::Mark
}

/// Can a line break after `c` anyway (so a run of text after it starts a new word)?
fn breaks_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '/' | '\u{200B}' | '\u{2010}' | '\u{2013}' | '\u{2014}' | '\u{00AD}'
        )
        || is_wide(c)
}

/// Characters that take two columns (CJK ideographs, kana, Hangul, full-width forms, most
/// emoji): a line can break between them, and they are twice as wide as a Latin letter.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xA960..=0xA97F | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x1FA70..=0x1FAFF | 0x20000..=0x3FFFD)
}

/// Text as the PDF's typesetter gets it: characters XML does not allow shown as `�`
/// (U+FFFD), at most [`MAX_MARKS`] combining marks on a character, and break opportunities
/// in words longer than [`LONG_WORD`] characters. Everything else is kept as it is, so
/// the text reads (and copies out of the PDF) as the map has it.
pub fn pdf_text(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_segmentation::UnicodeSegmentation;
    let plain =
        s.chars().all(|c| (' '..='~').contains(&c)) && s.split(' ').all(|w| w.len() <= LONG_WORD);
    if plain {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    // The graphemes of the word being read.
    let mut word: Vec<String> = Vec::new();
    let flush = |word: &mut Vec<String>, out: &mut String| {
        let long = word.len() > LONG_WORD;
        let cut = (word.len() > WORD_MAX).then(|| word.iter().map(|g| g.chars().count()).sum());
        for (i, g) in word.drain(..).enumerate().take(WORD_MAX) {
            if long && i > 0 && i.is_multiple_of(WORD_PIECE) {
                out.push('\u{200B}');
            }
            out.push_str(&g);
        }
        if let Some(n) = cut {
            out.push_str(&format!("… [cut: {} characters]", thousands(n)));
        }
    };
    for g in s.graphemes(true) {
        let mut marks = 0;
        let mut kept = String::with_capacity(g.len());
        for c in g.chars() {
            if is_mark(c) {
                marks += 1;
                if marks > MAX_MARKS {
                    continue;
                }
            }
            kept.push(xml_char(c));
        }
        let first = g.chars().next().unwrap_or(' ');
        let last = g.chars().next_back().unwrap_or(' ');
        if is_wide(first) || first.is_whitespace() {
            flush(&mut word, &mut out);
            out.push_str(&kept);
        } else {
            word.push(kept);
            if breaks_after(last) {
                flush(&mut word, &mut out);
            }
        }
    }
    flush(&mut word, &mut out);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xlsx_text_is_cut_with_a_marker() {
        assert_eq!(xlsx_text("short"), "short");
        assert_eq!(xlsx_text("a\u{FFFE}b"), "a\u{FFFD}b");
        let exact = "x".repeat(XLSX_CELL_MAX);
        assert_eq!(xlsx_text(&exact), exact);
        let cut = xlsx_text(&"x".repeat(40_000)).into_owned();
        assert!(
            cut.ends_with("x… [cut: 40,000 characters]"),
            "{}",
            &cut[cut.len() - 40..]
        );
        assert_eq!(cut.encode_utf16().count(), XLSX_CELL_MAX);
        // Emoji are two UTF-16 units each; none is split.
        let cut = xlsx_text(&"🚀".repeat(20_000)).into_owned();
        assert!(cut.encode_utf16().count() <= XLSX_CELL_MAX);
        assert!(cut.ends_with("🚀… [cut: 20,000 characters]"));
    }

    #[test]
    fn pdf_text_keeps_real_text_and_tames_the_rest() {
        for same in [
            "Grow ARR 30% in 2027",
            "売上を30%伸ばす",
            "🚀 Grow ARR 👩🏽\u{200D}💻",
            "زيادة المبيعات",
            "Tiếng Việt",
            "Ti\u{0065}\u{0302}\u{0301}ng",
            "a\u{200B}b\u{200D}c\u{FEFF}d",
            "two\nlines\tand a tab",
        ] {
            assert_eq!(pdf_text(same), same);
        }
        assert_eq!(
            pdf_text("a\u{FFFE}b\u{FFFF}c\u{1}d"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d"
        );
        // A mark pile keeps MAX_MARKS marks.
        let zalgo = format!("Z{}a", "\u{0359}\u{036F}".repeat(50));
        assert_eq!(pdf_text(&zalgo), "Z\u{0359}\u{036F}\u{0359}\u{036F}a");
        // A 5,000-letter word gets a break opportunity every WORD_PIECE letters; no letter
        // is lost.
        let long = "x".repeat(WORD_MAX);
        let out = pdf_text(&long);
        assert_eq!(out.replace('\u{200B}', ""), long);
        assert!(out.split('\u{200B}').all(|w| w.len() == WORD_PIECE));
        // Past WORD_MAX the word is cut, saying so.
        let out = pdf_text(&format!("{} end", "x".repeat(5000))).into_owned();
        assert_eq!(
            out.replace('\u{200B}', ""),
            format!("{}… [cut: 5,000 characters] end", "x".repeat(WORD_MAX))
        );
        // Real words stay whole; past LONG_WORD characters a word is cut in pieces.
        let word = "Rindfleischetikettierungsüberwachung";
        assert_eq!(pdf_text(word), word);
        assert_eq!(
            pdf_text(&format!("ok {} ok", "é".repeat(41))),
            format!(
                "ok {0}\u{200B}{0}\u{200B}{1} ok",
                "é".repeat(16),
                "é".repeat(9)
            )
        );
    }

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in [
            "=1+1",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"x\")",
        ] {
            assert!(csv_cell(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(csv_cell("Grow revenue"), "Grow revenue");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(
            md("<b>*x*</b> | [a](b)"),
            "\\<b\\>\\*x\\*\\</b\\> \\| \\[a\\](b)"
        );
    }
}
