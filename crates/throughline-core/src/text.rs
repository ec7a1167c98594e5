//! User text on its way to a terminal.

use std::borrow::Cow;

/// Is this a control character that must never reach a terminal (C0 other than tab and
/// newline, DEL, C1 — which includes the 8-bit CSI, U+009B)?
pub fn is_unsafe_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c)
}

/// User text made safe to print: every control character that a terminal would act on
/// (escape sequences, carriage returns, backspaces, bells) is shown as a visible `\x1B`
/// instead, so a name can never move the cursor, recolour, retitle or clear a terminal.
///
/// ```
/// use throughline_core::text::printable;
/// assert_eq!(printable("Ana\u{1b}[2J Lee"), "Ana\\x1B[2J Lee");
/// assert_eq!(printable("plain"), "plain");
/// ```
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe_control(c) {
            out.push_str(&format!("\\x{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A single line of user text: [`printable`], and newlines and tabs shown as `\n`, `\t`.
pub fn one_line(s: &str) -> Cow<'_, str> {
    let p = printable(s);
    if !p.contains(['\n', '\t']) {
        return p;
    }
    Cow::Owned(p.replace('\n', "\\n").replace('\t', "\\t"))
}

/// How the text formats name an id: `Name (id)`, or the id alone when it names nothing in
/// `org` (or its name is the id), both made [`one_line`].
pub fn label(org: &crate::Org, id: &str) -> String {
    match org.name_of(id) {
        Some(name) if name != id => format!("{} ({})", one_line(name), one_line(id)),
        _ => one_line(id).into_owned(),
    }
}

/// A finding's related ids as the text formats list them: at most three [`label`]s, then
/// "N more".
pub fn related_labels(org: &crate::Org, related: &[String]) -> String {
    let mut parts: Vec<String> = related.iter().take(3).map(|r| label(org, r)).collect();
    if related.len() > 3 {
        parts.push(format!("{} more", related.len() - 3));
    }
    parts.join(", ")
}

/// Group digits: 8000000 -> "8,000,000"; fractions keep up to two decimals.
pub fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let a = x.abs();
    // Exactly the number given (the shortest text that reads back as it), with thousands
    // grouped; in scientific notation only where plain digits would not be readable.
    if a != 0.0 && !(1e-6..1e21).contains(&a) {
        return format!("{x:e}");
    }
    let text = a.to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible() {
        assert_eq!(
            printable("a\u{7}b\rc\u{9b}d\u{7f}"),
            "a\\x07b\\x0Dc\\x9Bd\\x7F"
        );
        assert_eq!(printable("line\nnext\ttab"), "line\nnext\ttab");
        assert_eq!(one_line("line\nnext"), "line\\nnext");
        assert_eq!(printable("Zoë 売上 🚀"), "Zoë 売上 🚀");
    }
}
