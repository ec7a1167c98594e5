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
//! - Markdown: characters with a meaning in Markdown or HTML are backslash-escaped.
//! - PDF: the typst template reads the report as JSON data; no user text is ever parsed as
//!   typst markup.

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

#[cfg(test)]
mod tests {
    use super::*;

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
