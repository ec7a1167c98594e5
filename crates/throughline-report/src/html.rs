//! The report as one self-contained HTML file: inline CSS and SVG, no scripts, no external
//! requests (its Content-Security-Policy forbids both), printable.

use crate::data::{
    count, num, FunctionSection, Headline, ReportData, Risk, CONFLICTS_CAP, LIST_CAP,
};
use crate::markdown::{
    function_line, imposition_sentence, index_sentence, measures_list, more_goals, sections,
};
use crate::safe::plain_doc;
use crate::svg::{self, esc, severity_colour};
use crate::workshop::Decision;
use crate::Picture;
use std::fmt::Write;
use throughline_core::Severity;

const CSS: &str = r#"
:root { --ink:#1b2430; --muted:#5b6675; --line:#dde2e8; --navy:#1f3a5f; --paper:#ffffff; }
* { box-sizing: border-box; }
body { margin:0; background:#eef1f4; color:var(--ink); font: 15px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; background: var(--paper); padding: 48px 64px 64px; }
h1 { font-size: 34px; line-height: 1.15; margin: 0 0 8px; color: var(--navy); }
h2 { font-size: 23px; margin: 48px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--navy); color: var(--navy); }
h3 { font-size: 18px; margin: 28px 0 8px; }
h4 { font-size: 15px; margin: 18px 0 6px; }
p { margin: 6px 0 10px; }
.cover { border-left: 8px solid var(--navy); padding: 8px 0 8px 24px; margin-bottom: 28px; }
.cover .org { font-size: 20px; color: var(--muted); }
.meta { color: var(--muted); font-size: 13px; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 18px 0; }
.kpi { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 120px; }
.kpi b { display:block; font-size: 26px; line-height: 1.1; }
.kpi span { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.kpi.index b { color: var(--navy); font-size: 32px; }
.kpi.error b { color:#c62828 } .kpi.warning b { color:#b86e00 } .kpi.info b { color:#1e6fb8 }
nav ol { columns: 2; margin: 6px 0 0; }
nav a { color: var(--navy); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f8; font-weight: bold; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.diag { color: #b0b7c1; text-align: center; }
.sev { display:inline-block; border-radius: 10px; padding: 0 8px; font-size: 11px; font-weight: bold; color: #fff; text-transform: uppercase; letter-spacing: .03em; }
.risk { border: 1px solid var(--line); border-left: 5px solid #e08600; border-radius: 6px; padding: 10px 16px; margin: 12px 0; }
.risk ul { margin: 6px 0; padding-left: 20px; }
.risk li { margin: 4px 0; }
.who { color: var(--muted); font-size: 12.5px; }
.tag { font-size: 11px; border-radius: 4px; padding: 0 5px; margin-left: 4px; white-space: nowrap; }
.tag.imposed { background:#fde9cf; color:#8a4500; } .tag.unaligned { background:#fbe3e1; color:#9b1c1c; }
figure { margin: 14px 0 24px; }
figure svg { height: auto; border: 1px solid var(--line); border-radius: 6px; }
figure.map .scroll { overflow-x: auto; }
figure.map svg { display: block; max-width: none; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
.legend svg { border: none; width: auto; max-width: 100%; }
.chart svg { border: none; max-width: 100%; }
.appendix h3 code { font-size: 15px; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 12.5px; background: #f3f5f8; padding: 0 3px; border-radius: 3px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 10px; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-before: page; }
  figure, .risk, tr { break-inside: avoid; }
  figure.map svg { max-width: 100%; }
  @page { size: A4; margin: 16mm 14mm; }
}
"#;

fn sev_chip(s: Severity) -> String {
    format!(
        r#"<span class="sev" style="background:{}">{}</span>"#,
        severity_colour(s),
        s.as_str()
    )
}

fn kpis(s: &mut String, h: &Headline) {
    let _ = write!(
        s,
        r#"<div class="kpis"><div class="kpi index"><b>{}</b><span>alignment index</span></div><div class="kpi"><b>{}</b><span>people</span></div><div class="kpi"><b>{}</b><span>goals</span></div><div class="kpi error"><b>{}</b><span>errors</span></div><div class="kpi warning"><b>{}</b><span>warnings</span></div><div class="kpi info"><b>{}</b><span>info</span></div></div>"#,
        esc(&h.index_text),
        num(h.people),
        num(h.goals),
        num(h.errors),
        num(h.warnings),
        num(h.infos)
    );
}

/// The whole report as one HTML file, section by section; `pictures` are the map's.
pub fn render(d: &ReportData, decisions: &[Decision], pictures: &[Picture]) -> String {
    // The decisions section's styles, only when it is there.
    let extra = if decisions.is_empty() {
        ""
    } else {
        crate::workshop::CSS
    };
    let mut s = head(&d.title, &d.organisation, extra);
    cover(&mut s, d, !decisions.is_empty());
    summary(&mut s, d);
    the_map(&mut s, pictures);
    imposition(&mut s, d);
    conflicts(&mut s, d);
    coverage(&mut s, d);
    s.push_str(r#"<h2 id="functions">6. Functions</h2>"#);
    for f in &d.functions {
        function(&mut s, f);
    }
    if !decisions.is_empty() {
        crate::workshop::decisions_html(&mut s, 7, decisions);
    }
    appendix(&mut s, d, if decisions.is_empty() { 7 } else { 8 });
    s
}

/// The page up to `<main>`: the Content-Security-Policy (no scripts, no requests), the
/// title, and the report's CSS followed by `extra_css`.
pub fn head(title: &str, organisation: &str, extra_css: &str) -> String {
    let mut s = String::with_capacity(256 * 1024);
    let _ = write!(
        s,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Throughline">
<title>{} — {}</title><style>{CSS}{extra_css}</style></head><body><main>
"#,
        esc(title),
        esc(organisation)
    );
    s
}

/// Title, organisation, dates, the key figures and the contents.
fn cover(s: &mut String, d: &ReportData, decisions: bool) {
    let _ = write!(
        s,
        r#"<section class="cover"><h1>{}</h1><div class="org">{}{}</div><div class="meta">As of {} · generated {}</div></section>"#,
        esc(&d.title),
        esc(&d.organisation),
        d.scope
            .as_ref()
            .map(|f| format!(" · function: {}", esc(&f.name)))
            .unwrap_or_default(),
        esc(&d.as_of),
        esc(&d.generated)
    );
    kpis(s, &d.headline);
    s.push_str(r#"<nav aria-label="Contents"><h3>Contents</h3><ol>"#);
    for (id, title) in sections(decisions) {
        let _ = write!(s, r##"<li><a href="#{id}">{title}</a></li>"##);
    }
    s.push_str("</ol></nav>");
}

/// 1. Executive summary: the index, the counts and the top risks.
fn summary(s: &mut String, d: &ReportData) {
    let h = &d.headline;
    let _ = write!(
        s,
        r#"<h2 id="summary">1. Executive summary</h2><p>The alignment index is <b>{}</b>: {}</p>"#,
        esc(&h.index_text),
        esc(&index_sentence(h))
    );
    if let Some(o) = &d.organisation_headline {
        let _ = write!(
            s,
            "<p>For the whole organisation: index {}, {}.</p>",
            esc(&o.index_text),
            count(o.findings, "finding", "findings")
        );
    }
    let _ = write!(
        s,
        "<p>{}: {}, {} and {} for information.</p><h3>Top risks</h3>",
        count(h.findings, "finding", "findings"),
        count(h.errors, "error", "errors"),
        count(h.warnings, "warning", "warnings"),
        num(h.infos)
    );
    if d.risks.is_empty() {
        s.push_str("<p>No imposed, conflicting, unguarded or orphaned goals were found.</p>");
    }
    for r in &d.risks {
        risk(s, r);
    }
}

/// One top risk: heading, sentence and its patterns.
fn risk(s: &mut String, r: &Risk) {
    let _ = write!(
        s,
        r#"<div class="risk"><h4>{} ({})</h4><p>{}</p><ul>"#,
        esc(&r.heading),
        r.count,
        esc(&r.summary)
    );
    for i in &r.items {
        let _ = write!(s, "<li>{} {}", sev_chip(i.severity), esc(&i.message));
        let _ = write!(s, r#"<div class="who">"#);
        if !i.people.is_empty() {
            let _ = write!(s, "People: {} · ", esc(&i.people.join(", ")));
        }
        let _ = write!(s, "Functions: {}</div></li>", esc(&i.functions.join(", ")));
    }
    if r.more > 0 {
        let _ = write!(
            s,
            "<li>… and {} more in smaller patterns (see the findings table).</li>",
            r.more
        );
    }
    s.push_str("</ul></div>");
}

/// 2. The map: the legend and the pictures.
fn the_map(s: &mut String, pictures: &[Picture]) {
    s.push_str(r#"<h2 id="map">2. The map</h2><p>Strategy goals and values on top, then functions, teams and people, each with the goals they own. Lines show what each goal supports; badges show the worst finding on a card and how many findings name it (a dot: findings inside a collapsed unit). Wide pictures scroll sideways.</p>"#);
    let _ = write!(s, r#"<div class="legend">{}</div>"#, svg::legend_svg());
    for p in pictures {
        let _ = write!(
            s,
            r#"<h3>{}</h3><figure class="map"><div class="scroll">{}</div></figure>"#,
            esc(&p.title),
            p.svg
        );
    }
}

/// 3. Who imposes on whom: the function × function table and the chart.
fn imposition(s: &mut String, d: &ReportData) {
    s.push_str(r#"<h2 id="imposition">3. Who imposes on whom</h2><p>Goals set by one function (rows) on another (columns). Each cell gives the goals and, in brackets, how many of them are aligned to a strategy goal or a value.</p>"#);
    let imp = &d.imposition;
    if imp.total.goals == 0 {
        s.push_str("<p>No function sets goals on another.</p>");
        return;
    }
    s.push_str("<table><thead><tr><th>Set by ↓ / on →</th>");
    for f in &imp.functions {
        let _ = write!(s, r#"<th class="n">{}</th>"#, esc(&f.name));
    }
    s.push_str("</tr></thead><tbody>");
    for (i, (f, row)) in imp.functions.iter().zip(&imp.cells).enumerate() {
        let _ = write!(s, "<tr><th>{}</th>", esc(&f.name));
        for (j, c) in row.iter().enumerate() {
            if i == j {
                s.push_str(r#"<td class="diag">—</td>"#);
            } else if c.goals == 0 {
                s.push_str(r#"<td class="n">0</td>"#);
            } else {
                let _ = write!(
                    s,
                    r#"<td class="n"><b>{}</b> ({})</td>"#,
                    c.goals, c.aligned
                );
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    let _ = write!(s, "<p>{}</p>", imposition_sentence(&imp.total));
    if let Some(chart) = svg::imposition_chart(imp) {
        let _ = write!(
            s,
            r#"<figure class="chart">{chart}<figcaption>Goals each function receives from other functions.</figcaption></figure>"#
        );
    }
}

/// 4. Conflicting goals: the trade-offs, then the pairs.
fn conflicts(s: &mut String, d: &ReportData) {
    s.push_str(r#"<h2 id="conflicts">4. Conflicting goals</h2>"#);
    if d.conflicts.is_empty() {
        s.push_str("<p>No goals in anyone's line trade off against each other.</p>");
        return;
    }
    s.push_str("<table><thead><tr><th>Trade-off</th><th class=\"n\">Pairs</th><th class=\"n\">Errors</th><th>Functions</th></tr></thead><tbody>");
    for t in &d.trade_offs {
        let _ = write!(
            s,
            r#"<tr><td><b>{}</b> undermines <b>{}</b><div class="who">{}</div></td><td class="n">{}</td><td class="n">{}</td><td>{}</td></tr>"#,
            esc(&t.undermining),
            esc(&t.undermined),
            esc(&t.note),
            t.pairs,
            t.errors,
            esc(&t.functions.join(", "))
        );
    }
    s.push_str("</tbody></table>");
    s.push_str("<table><thead><tr><th></th><th>Goal</th><th>Pulls against</th><th>The trade-off</th></tr></thead><tbody>");
    for c in d.conflicts.iter().take(CONFLICTS_CAP) {
        let _ = write!(
            s,
            r#"<tr><td>{}</td><td><b>{}</b><div class="who">{} · {}</div></td><td><b>{}</b><div class="who">{} · {}</div></td><td>{}</td></tr>"#,
            sev_chip(c.severity),
            esc(&c.goal.title),
            esc(&c.goal.owner),
            esc(&c.goal.function),
            esc(&c.other.title),
            esc(&c.other.owner),
            esc(&c.other.function),
            esc(&c.trade_off)
        );
    }
    s.push_str("</tbody></table>");
    if d.conflicts.len() > CONFLICTS_CAP {
        let _ = write!(
            s,
            "<p class=\"meta\">… and {} more pairs (all are in the CSV, XLSX and JSON reports).</p>",
            d.conflicts.len() - CONFLICTS_CAP
        );
    }
}

/// 5. Coverage of the strategy: the heat map.
fn coverage(s: &mut String, d: &ReportData) {
    s.push_str(r#"<h2 id="coverage">5. Coverage of the strategy</h2><p>How many goals of each function trace, through what they support, to each strategy goal. The last column counts goals that reach none.</p>"#);
    match svg::coverage_heatmap(&d.coverage) {
        Some(map) => {
            let _ = write!(s, r#"<figure class="chart">{map}</figure>"#);
        }
        None => s.push_str("<p>The map has no strategy goals.</p>"),
    }
}

/// 6. One function's section: headline, goals, measures, findings, missing feedback.
fn function(s: &mut String, f: &FunctionSection) {
    let _ = write!(
        s,
        r#"<h3>{}</h3><p class="meta">{}</p>"#,
        esc(&f.function.name),
        esc(&function_line(f.people, &f.headline, f.imposed_on))
    );
    function_goals(s, f);
    if let Some(list) = measures_list(f, esc) {
        let _ = write!(s, "<p><b>Measures:</b> {list}.</p>");
    }
    if f.findings_by_rule.is_empty() {
        s.push_str("<p><b>Findings:</b> none.</p>");
    } else {
        s.push_str("<p><b>Findings:</b></p><ul>");
        for r in &f.findings_by_rule {
            let _ = write!(
                s,
                "<li>{} <code>{}</code> ({})<ul>",
                sev_chip(r.severity),
                esc(&r.rule),
                r.count
            );
            for m in &r.messages {
                let _ = write!(s, "<li>{}</li>", esc(m));
            }
            if r.count > r.messages.len() {
                let _ = write!(s, "<li>… and {} more</li>", r.count - r.messages.len());
            }
            s.push_str("</ul></li>");
        }
        s.push_str("</ul>");
    }
    if f.without_feedback_total > 0 {
        let more = if f.without_feedback_total > f.without_feedback.len() {
            format!(
                " and {} more",
                f.without_feedback_total - f.without_feedback.len()
            )
        } else {
            String::new()
        };
        let _ = write!(
            s,
            "<p><b>People without recent feedback ({}):</b> {}{more}.</p>",
            f.without_feedback_total,
            esc(&f.without_feedback.join(", "))
        );
    }
}

/// A function's goals table (its units' goals, then its people's), if it has goals.
fn function_goals(s: &mut String, f: &FunctionSection) {
    if f.unit_goals.is_empty() && f.person_goals.is_empty() {
        return;
    }
    s.push_str("<table><thead><tr><th>Goal</th><th>Owner</th><th>Set by</th><th>Measure</th><th>Target</th><th>Status</th></tr></thead><tbody>");
    for g in f.unit_goals.iter().chain(&f.person_goals) {
        let mut tags = String::new();
        if g.imposed {
            tags.push_str(r#"<span class="tag imposed">imposed</span>"#);
        }
        if !g.aligned {
            tags.push_str(r#"<span class="tag unaligned">not aligned</span>"#);
        }
        let _ = write!(
            s,
            "<tr><td>{}{tags}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&g.title),
            esc(&g.owner),
            esc(&g.set_by),
            esc(&g.measure),
            esc(&g.target),
            esc(&g.status)
        );
    }
    s.push_str("</tbody></table>");
    if let Some(more) = more_goals(f) {
        let _ = write!(s, "<p class=\"meta\">{}</p>", esc(&more));
    }
}

/// 7. Appendix: each rule that fired, documented; then the footer.
fn appendix(s: &mut String, d: &ReportData, n: usize) {
    let _ = write!(
        s,
        r#"<h2 id="appendix" class="appendix">{n}. Appendix: the rules that fired</h2>"#
    );
    if d.rules.is_empty() {
        s.push_str("<p>No rule fired.</p>");
    }
    for r in &d.rules {
        let _ = write!(
            s,
            "<h3><code>{}</code> · {}</h3><p>{}</p><p><b>What it flags.</b> {}</p><p><b>Why it matters.</b> {}</p><p><b>How to fix.</b> {}</p>",
            esc(&r.id),
            count(r.count, "finding", "findings"),
            esc(&plain_doc(&r.summary)),
            esc(&plain_doc(&r.what)),
            esc(&plain_doc(&r.why)),
            esc(&plain_doc(&r.fix))
        );
    }
    let _ = writeln!(
        s,
        "<footer>Made with Throughline. Lists stop after {LIST_CAP} items per rule and say how many more there are; every finding is in the CSV, XLSX and JSON reports.</footer></main></body></html>"
    );
}
