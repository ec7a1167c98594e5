//! Vector pictures for the report: the goal map (drawn from the same Rust layout as the
//! app, `throughline_view::build_view`), the imposition chart and the coverage heat map.
//! All user text goes through [`esc`]; the pictures carry no scripts, links or external
//! references.

use crate::data::{Coverage, Imposition};
use std::fmt::Write;
use throughline_core::analysis::Severity;
use throughline_view::{EdgeKind, NodeKind, UnitKind, ViewModel, ViewNode};

pub const FONT: &str = "DejaVu Sans, Helvetica, Arial, sans-serif";

/// Escape text for XML/HTML content and attribute values. A character XML does not allow
/// becomes U+FFFD (see [`crate::safe::xml_char`]).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(crate::safe::xml_char(c)),
        }
    }
    out
}

pub fn severity_colour(s: Severity) -> &'static str {
    match s {
        Severity::Error => "#c62828",
        Severity::Warning => "#e08600",
        Severity::Info => "#1e6fb8",
    }
}

/// How many half columns a character takes on a card: four for CJK and emoji, three for
/// the widest Latin letters (m, w, M, W, @), none for a combining mark or an invisible
/// character, two otherwise.
fn columns(c: char) -> usize {
    if crate::safe::is_mark(c)
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
    {
        0
    } else if crate::safe::is_wide(c) {
        4
    } else if matches!(c, 'm' | 'w' | 'M' | 'W' | '@') {
        3
    } else {
        2
    }
}

/// Width in half columns.
fn width(s: &str) -> usize {
    s.chars().map(columns).sum()
}

/// The text's character clusters, each with at most [`crate::safe::MAX_MARKS`] marks.
fn clusters(s: &str) -> impl Iterator<Item = String> + '_ {
    use unicode_segmentation::UnicodeSegmentation;
    s.graphemes(true).map(|g| {
        let mut marks = 0;
        g.chars()
            .filter(|&c| {
                if crate::safe::is_mark(c) {
                    marks += 1;
                    marks <= crate::safe::MAX_MARKS
                } else {
                    true
                }
            })
            .collect()
    })
}

/// Cut `s` to at most `max` columns (a CJK character or an emoji counts two), with an
/// ellipsis when cut. Never splits a character from its marks.
fn clip(s: &str, max: usize) -> String {
    let max = 2 * max;
    let mut out = String::new();
    let mut used = 0;
    let all: Vec<String> = clusters(s).collect();
    let total: usize = all.iter().map(|g| width(g)).sum();
    for g in &all {
        let w = width(g);
        if total > max && used + w > max.saturating_sub(2) {
            out = out.trim_end().to_string();
            out.push('…');
            return out;
        }
        used += w;
        out.push_str(g);
    }
    out
}

/// Wrap into at most `lines` lines of about `width` columns; the last one is clipped. A
/// word wider than a line is cut across lines.
pub fn wrap(s: &str, columns: usize, lines: usize) -> Vec<String> {
    let cols = 2 * columns;
    // Words, each at most `cols` wide.
    let mut words: Vec<String> = Vec::new();
    for w in s.split_whitespace() {
        let mut piece = String::new();
        for g in clusters(w) {
            if !piece.is_empty() && width(&piece) + width(&g) > cols {
                words.push(std::mem::take(&mut piece));
            }
            piece.push_str(&g);
        }
        if !piece.is_empty() {
            words.push(piece);
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, w) in words.iter().enumerate() {
        let candidate = if cur.is_empty() {
            w.to_string()
        } else {
            format!("{cur} {w}")
        };
        if width(&candidate) <= cols || cur.is_empty() {
            cur = candidate;
        } else if out.len() + 1 == lines {
            // The last line allowed: the rest of the text, clipped.
            let rest = format!("{cur} {}", words[i..].join(" "));
            out.push(clip(&rest, columns));
            return out;
        } else {
            out.push(std::mem::take(&mut cur));
            cur = w.to_string();
        }
    }
    if !cur.is_empty() {
        out.push(clip(&cur, columns));
    }
    out
}

/// A mark drawn on a card of the map (the workshop report's change marks): an outline in
/// `colour` and a tag with `label` on the card's top edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardMark {
    pub label: String,
    pub colour: &'static str,
}

/// The map picture of a view. Returns the SVG text and its natural size in pixels.
pub fn map_svg(view: &ViewModel) -> (String, f64, f64) {
    map_svg_marked(view, &|_| None)
}

/// The map picture of a view with a mark on the cards `mark` names (drawn over the cards,
/// so a mark is never hidden by a neighbour).
pub fn map_svg_marked(
    view: &ViewModel,
    mark: &dyn Fn(&ViewNode) -> Option<CardMark>,
) -> (String, f64, f64) {
    let pad = 16.0;
    let (w, h) = (view.width + 2.0 * pad, view.height + 2.0 * pad);
    let mut s = String::with_capacity(view.nodes.len() * 900);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" font-family="{FONT}" role="img">"#
    );
    let _ = write!(
        s,
        r##"<rect x="0" y="0" width="{w:.0}" height="{h:.0}" fill="#ffffff"/><g transform="translate({pad} {pad})">"##
    );
    let by_id: rustc_hash::FxHashMap<&str, &ViewNode> =
        view.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    // Structure lines first, then supports links, then cards on top.
    for e in &view.edges {
        let (Some(a), Some(b)) = (by_id.get(e.source.as_str()), by_id.get(e.target.as_str()))
        else {
            continue;
        };
        match e.kind {
            EdgeKind::Structure => {
                // From the bottom of the parent's stack to the top of the child, elbowed.
                let x1 = a.x + a.width / 2.0;
                let y1 = a.y + a.height;
                let x2 = b.x + b.width / 2.0;
                let y2 = b.y;
                let my = y2 - 24.0;
                let _ = write!(
                    s,
                    r##"<path d="M{x1:.1} {y1:.1} V{my:.1} H{x2:.1} V{y2:.1}" fill="none" stroke="#c5ccd6" stroke-width="1.5"/>"##
                );
            }
            EdgeKind::Supports | EdgeKind::SupportsSecondary => {
                // Source supports target: from the top of the source to the bottom of the
                // target.
                let x1 = a.x + a.width / 2.0;
                let y1 = a.y;
                let x2 = b.x + b.width / 2.0;
                let y2 = b.y + b.height;
                let dy = ((y1 - y2).abs() / 2.0).max(30.0);
                let dash = if e.kind == EdgeKind::SupportsSecondary {
                    r#" stroke-dasharray="6 4""#
                } else {
                    ""
                };
                let _ = write!(
                    s,
                    r##"<path d="M{x1:.1} {y1:.1} C{x1:.1} {:.1} {x2:.1} {:.1} {x2:.1} {y2:.1}" fill="none" stroke="#5b7db1" stroke-opacity="0.55" stroke-width="1.4"{dash}/>"##,
                    y1 - dy,
                    y2 + dy
                );
            }
        }
    }
    for n in &view.nodes {
        card(&mut s, n);
    }
    for n in &view.nodes {
        if let Some(m) = mark(n) {
            card_mark(&mut s, n, &m);
        }
    }
    s.push_str("</g></svg>");
    (s, w, h)
}

/// A card's mark: an outline just outside the card, and the label in a tag on its top
/// edge (left, clear of the findings badge on the right).
fn card_mark(s: &mut String, n: &ViewNode, m: &CardMark) {
    let (x, y, w, h) = (n.x - 3.0, n.y - 3.0, n.width + 6.0, n.height + 6.0);
    let colour = m.colour;
    let _ = write!(
        s,
        r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="8" fill="none" stroke="{colour}" stroke-width="3"/>"#
    );
    let label = clip(&m.label, 24);
    let tw = 6.4 * label.chars().count() as f64 + 12.0;
    let (tx, ty) = (n.x + 8.0, n.y - 10.0);
    let _ = write!(
        s,
        r##"<rect x="{tx:.1}" y="{ty:.1}" width="{tw:.1}" height="15" rx="7.5" fill="{colour}" stroke="#ffffff" stroke-width="1"/><text x="{:.1}" y="{:.1}" font-size="9" font-weight="bold" letter-spacing="0.4" fill="#ffffff">{}</text>"##,
        tx + 6.0,
        ty + 11.0,
        esc(&label)
    );
}

fn card(s: &mut String, n: &ViewNode) {
    let (x, y, w, h) = (n.x, n.y, n.width, n.height);
    let (fill, stroke, text, sub) = match n.kind {
        NodeKind::Goal if n.strategy => ("#1f3a5f", "#1f3a5f", "#ffffff", "#d5e0ef"),
        NodeKind::Goal => ("#ffffff", "#9aa8ba", "#1b2430", "#4f5b6b"),
        NodeKind::Person => ("#f3f5f8", "#c5ccd6", "#1b2430", "#4f5b6b"),
        NodeKind::Value => ("#efe9f7", "#9c86c4", "#2d1f47", "#5a4a78"),
        NodeKind::Unit => match n.unit_kind {
            Some(UnitKind::Organisation) => ("#263445", "#263445", "#ffffff", "#d0d7e0"),
            Some(UnitKind::Function) => ("#dde6f1", "#7f95b3", "#14263d", "#3d5270"),
            _ => ("#eaeef3", "#a7b3c3", "#1b2430", "#4f5b6b"),
        },
    };
    let imposed = n.kind == NodeKind::Goal && n.imposed_by.is_some();
    let border = if imposed {
        r##" stroke="#b35c00" stroke-width="2" stroke-dasharray="5 3""##.to_string()
    } else {
        format!(r#" stroke="{stroke}" stroke-width="1""#)
    };
    let _ = write!(
        s,
        r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="6" fill="{fill}"{border}/>"#
    );
    if n.kind == NodeKind::Goal && !n.strategy && !n.aligned {
        // A red edge on the left: the goal traces to no strategy goal or value.
        let _ = write!(
            s,
            r##"<rect x="{x:.1}" y="{:.1}" width="4" height="{:.1}" fill="#c62828"/>"##,
            y + 3.0,
            h - 6.0
        );
    }
    let tx = x + 12.0;
    let max_chars = if n.severity.or(n.inner_severity).is_some() {
        27
    } else {
        30
    };
    let mut ty = y + 18.0;
    let kind_word = match n.kind {
        NodeKind::Goal if n.strategy => "STRATEGY",
        NodeKind::Goal => "GOAL",
        NodeKind::Person => "PERSON",
        NodeKind::Value => "VALUE",
        NodeKind::Unit => match n.unit_kind {
            Some(UnitKind::Organisation) => "ORGANISATION",
            Some(UnitKind::Function) => "FUNCTION",
            _ => "TEAM",
        },
    };
    match n.kind {
        NodeKind::Goal => {
            // Goals: the title on up to two lines (strategy goals are told by their fill).
            let _ = kind_word;
            let lines = wrap(&n.label, max_chars, 2);
            // Two title lines, or one with the rest of the card moved up to match.
            let mut ty = y + if lines.len() == 2 { 17.0 } else { 22.0 };
            for line in &lines {
                let _ = write!(
                    s,
                    r#"<text x="{tx:.1}" y="{ty:.1}" font-size="11.5" font-weight="bold" fill="{text}">{}</text>"#,
                    esc(line)
                );
                ty += 14.0;
            }
            ty += 1.0;
            let _ = write!(
                s,
                r#"<text x="{tx:.1}" y="{ty:.1}" font-size="10" fill="{sub}">{}</text>"#,
                esc(&clip(&n.detail, 38))
            );
            ty += 14.0;
            let who = match (&n.owner, &n.imposed_by) {
                (Some(o), Some(by)) => format!("{o} · imposed by {by}"),
                (Some(o), None) => o.clone(),
                (None, Some(by)) => format!("imposed by {by}"),
                (None, None) => String::new(),
            };
            let colour = if imposed { "#9a4f00" } else { sub };
            let _ = write!(
                s,
                r#"<text x="{tx:.1}" y="{ty:.1}" font-size="10" fill="{colour}">{}</text>"#,
                esc(&clip(&who, 38))
            );
        }
        _ => {
            let _ = write!(
                s,
                r#"<text x="{tx:.1}" y="{ty:.1}" font-size="8.5" letter-spacing="0.6" fill="{sub}">{kind_word}</text>"#
            );
            ty += 16.0;
            let _ = write!(
                s,
                r#"<text x="{tx:.1}" y="{ty:.1}" font-size="13" font-weight="bold" fill="{text}">{}</text>"#,
                esc(&clip(&n.label, 28))
            );
            ty += 15.0;
            let mut detail = n.detail.clone();
            if n.collapsed && n.hidden > 0 {
                detail = format!("{detail} · {} more inside", n.hidden);
            }
            if h > ty - y + 2.0 {
                let _ = write!(
                    s,
                    r#"<text x="{tx:.1}" y="{ty:.1}" font-size="10" fill="{sub}">{}</text>"#,
                    esc(&clip(&detail, 38))
                );
            }
        }
    }
    // Badge: worst finding on the card (or hidden inside a collapsed unit).
    let badge = n.severity.or(n.inner_severity);
    if let Some(sev) = badge {
        let cx = x + w - 14.0;
        let cy = y + 14.0;
        let label = if n.findings > 0 {
            n.findings.to_string()
        } else {
            "•".into()
        };
        let _ = write!(
            s,
            r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="9" fill="{}" stroke="#ffffff" stroke-width="1.5"/><text x="{cx:.1}" y="{:.1}" font-size="9" font-weight="bold" fill="#ffffff" text-anchor="middle">{}</text>"##,
            severity_colour(sev),
            cy + 3.2,
            esc(&label)
        );
    }
}

/// The part of a picture made by [`map_svg`] between `x0` and `x0 + width` (the whole
/// height): the same drawing with another viewBox, for pages that cannot scroll.
pub fn slice(svg: &str, w: f64, h: f64, x0: f64, width: f64) -> String {
    let whole = format!(r#"viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}""#);
    let part =
        format!(r#"viewBox="{x0:.0} 0 {width:.0} {h:.0}" width="{width:.0}" height="{h:.0}""#);
    svg.replacen(&whole, &part, 1)
}

/// A legend for the map pictures.
pub fn legend_svg() -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 30" width="760" height="30" font-family="{FONT}" font-size="11" role="img">"#
    );
    let items: [(&str, &str); 3] = [
        ("#c62828", "error"),
        ("#e08600", "warning"),
        ("#1e6fb8", "info"),
    ];
    let mut x = 4.0;
    for (c, t) in items {
        let _ = write!(
            s,
            r##"<circle cx="{:.1}" cy="15" r="7" fill="{c}"/><text x="{:.1}" y="19" fill="#333">{t}</text>"##,
            x + 7.0,
            x + 20.0
        );
        x += 80.0;
    }
    let _ = write!(
        s,
        r##"<rect x="{x:.1}" y="6" width="26" height="18" rx="3" fill="#fff" stroke="#b35c00" stroke-width="2" stroke-dasharray="5 3"/><text x="{:.1}" y="19" fill="#333">imposed goal</text>"##,
        x + 32.0
    );
    x += 130.0;
    let _ = write!(
        s,
        r##"<rect x="{x:.1}" y="6" width="26" height="18" rx="3" fill="#fff" stroke="#9aa8ba"/><rect x="{x:.1}" y="8" width="4" height="14" fill="#c62828"/><text x="{:.1}" y="19" fill="#333">not aligned</text>"##,
        x + 32.0
    );
    x += 120.0;
    let _ = write!(
        s,
        r##"<path d="M{x:.1} 15 H{:.1}" stroke="#5b7db1" stroke-width="2"/><text x="{:.1}" y="19" fill="#333">supports</text>"##,
        x + 26.0,
        x + 32.0
    );
    x += 100.0;
    let _ = write!(
        s,
        r##"<path d="M{x:.1} 15 H{:.1}" stroke="#5b7db1" stroke-width="2" stroke-dasharray="6 4"/><text x="{:.1}" y="19" fill="#333">second link</text>"##,
        x + 26.0,
        x + 32.0
    );
    s.push_str("</svg>");
    s
}

/// Horizontal stacked bars: goals set on each function by other functions, aligned and not.
pub fn imposition_chart(imp: &Imposition) -> Option<String> {
    let rows: Vec<(usize, &str, usize, usize)> = imp
        .functions
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let c = imp.received[i];
            (i, f.name.as_str(), c.aligned, c.goals - c.aligned)
        })
        .filter(|r| r.2 + r.3 > 0)
        .collect();
    if rows.is_empty() {
        return None;
    }
    let max = rows.iter().map(|r| r.2 + r.3).max().unwrap_or(1).max(1) as f64;
    let (label_w, bar_w, row_h) = (170.0, 430.0, 26.0);
    let w = label_w + bar_w + 60.0;
    let h = rows.len() as f64 * row_h + 40.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" font-family="{FONT}" font-size="11" role="img">"#
    );
    for (k, (_, name, aligned, not)) in rows.iter().enumerate() {
        let y = k as f64 * row_h + 4.0;
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#1b2430">{}</text>"##,
            label_w - 8.0,
            y + 15.0,
            esc(&clip(name, 26))
        );
        let a = *aligned as f64 / max * bar_w;
        let b = *not as f64 / max * bar_w;
        let _ = write!(
            s,
            r##"<rect x="{label_w:.1}" y="{y:.1}" width="{a:.1}" height="18" fill="#3f8f5f"/><rect x="{:.1}" y="{y:.1}" width="{b:.1}" height="18" fill="#e08600"/><text x="{:.1}" y="{:.1}" fill="#1b2430">{}</text>"##,
            label_w + a,
            label_w + a + b + 6.0,
            y + 13.5,
            aligned + not
        );
    }
    let ly = rows.len() as f64 * row_h + 18.0;
    let _ = write!(
        s,
        r##"<rect x="{label_w:.1}" y="{:.1}" width="12" height="12" fill="#3f8f5f"/><text x="{:.1}" y="{:.1}" fill="#333">aligned</text><rect x="{:.1}" y="{:.1}" width="12" height="12" fill="#e08600"/><text x="{:.1}" y="{:.1}" fill="#333">not aligned to strategy or values</text>"##,
        ly - 10.0,
        label_w + 18.0,
        ly,
        label_w + 90.0,
        ly - 10.0,
        label_w + 108.0,
        ly
    );
    s.push_str("</svg>");
    Some(s)
}

/// Shade for a coverage cell: white to deep blue.
pub fn heat(v: usize, max: usize) -> (String, &'static str) {
    if v == 0 || max == 0 {
        return ("#f6f7f9".into(), "#8a94a3");
    }
    let t = (v as f64 / max as f64).clamp(0.0, 1.0);
    let t = 0.15 + 0.85 * t;
    let lerp = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    let (r, g, b) = (lerp(232.0, 31.0), lerp(240.0, 74.0), lerp(250.0, 140.0));
    let text = if t > 0.55 { "#ffffff" } else { "#14263d" };
    (format!("#{r:02x}{g:02x}{b:02x}"), text)
}

/// Functions × strategy goals, shaded by how many goals trace to each.
pub fn coverage_heatmap(cov: &Coverage) -> Option<String> {
    if cov.rows.is_empty() || cov.strategy.is_empty() {
        return None;
    }
    let (label_w, cell_w, cell_h, head_h) = (170.0, 92.0, 28.0, 62.0);
    let cols = cov.strategy.len() + 1;
    let w = label_w + cols as f64 * cell_w + 4.0;
    let h = head_h + cov.rows.len() as f64 * cell_h + 4.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" font-family="{FONT}" font-size="11" role="img">"#
    );
    let heads: Vec<String> = cov
        .strategy
        .iter()
        .map(|l| l.name.clone())
        .chain(std::iter::once("No strategy goal".to_string()))
        .collect();
    for (c, head) in heads.iter().enumerate() {
        let x = label_w + c as f64 * cell_w + cell_w / 2.0;
        for (k, line) in wrap(head, 14, 4).iter().enumerate() {
            let _ = write!(
                s,
                r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="9.5" fill="#1b2430">{}</text>"##,
                12.0 + k as f64 * 12.0,
                esc(line)
            );
        }
    }
    for (r, row) in cov.rows.iter().enumerate() {
        let y = head_h + r as f64 * cell_h;
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#1b2430">{}</text>"##,
            label_w - 8.0,
            y + 18.0,
            esc(&clip(&row.function.name, 26))
        );
        for (c, v) in row.cells.iter().enumerate() {
            let (fill, ink) = heat(*v, cov.max);
            let x = label_w + c as f64 * cell_w;
            let _ = write!(
                s,
                r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}" stroke="#ffffff" stroke-width="2"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="{ink}">{v}</text>"##,
                x,
                y,
                cell_w,
                cell_h,
                x + cell_w / 2.0,
                y + 18.0
            );
        }
        let x = label_w + cov.strategy.len() as f64 * cell_w;
        let (fill, ink) = if row.untraced > 0 {
            ("#fbe3e1", "#9b1c1c")
        } else {
            ("#f6f7f9", "#8a94a3")
        };
        let _ = write!(
            s,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{cell_w:.1}" height="{cell_h:.1}" fill="{fill}" stroke="#ffffff" stroke-width="2"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="{ink}">{}</text>"##,
            x + cell_w / 2.0,
            y + 18.0,
            row.untraced
        );
    }
    s.push_str("</svg>");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_replaces_what_xml_cannot_hold() {
        assert_eq!(
            esc("<script>alert('x')</script>&\u{1}"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;\u{FFFD}"
        );
        assert_eq!(esc("a\u{FFFE}b\u{FFFF}\tc"), "a\u{FFFD}b\u{FFFD}\tc");
    }

    #[test]
    fn wrap_counts_wide_characters_twice_and_cuts_long_words() {
        // Ten CJK characters are twenty columns.
        assert_eq!(
            wrap("提高客户满意度提高客户", 12, 2),
            vec!["提高客户满意", "度提高客户"]
        );
        let long = "x".repeat(5000);
        let lines = wrap(&long, 30, 2);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], "x".repeat(30));
        assert_eq!(lines[1], format!("{}…", "x".repeat(29)));
        // Marks take no room and stay on their letter; a pile keeps MAX_MARKS.
        let zalgo = format!("Gro{}w", "\u{0359}".repeat(40));
        assert_eq!(
            wrap(&zalgo, 5, 1),
            vec![format!("Gro{}w", "\u{0359}".repeat(4))]
        );
        assert_eq!(clip("ab😀cd", 4), "ab…");
        // The widest Latin letters count one and a half.
        let ws = wrap(&"w".repeat(100), 30, 2);
        assert_eq!(ws[0], "w".repeat(20));
        assert!(ws.iter().all(|l| width(l) <= 60), "{ws:?}");
    }

    #[test]
    fn a_slice_changes_only_the_viewbox() {
        let (w, h) = (1000.0, 200.0);
        let svg = format!(
            r#"<svg viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}"><rect/></svg>"#
        );
        assert_eq!(
            slice(&svg, w, h, 400.0, 500.0),
            r#"<svg viewBox="400 0 500 200" width="500" height="200"><rect/></svg>"#
        );
    }

    #[test]
    fn wrap_clips_the_last_line() {
        assert_eq!(
            wrap("one two three four five six", 9, 2),
            vec!["one two", "three fo…"]
        );
        assert_eq!(wrap("short", 9, 2), vec!["short"]);
        assert_eq!(
            wrap("Grow ARR 30% in 2027 without discounting", 12, 1),
            vec!["Grow ARR 3…"]
        );
    }
}
