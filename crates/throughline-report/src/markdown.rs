//! The report as Markdown: the same sections as the PDF and HTML, as text.

use crate::data::{
    count, num, FunctionSection, Headline, ReportData, Risk, CONFLICTS_CAP, LIST_CAP,
};
use crate::safe::{md, plain_doc};

/// "3 are" / "1 is".
pub fn are(n: usize) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}

/// "… and 12 more goals of teams and 300 more goals of people (...)", when lists were cut.
pub fn more_goals(f: &crate::data::FunctionSection) -> Option<String> {
    let teams = f.unit_goals_total - f.unit_goals.len();
    let people = f.person_goals_total - f.person_goals.len();
    let mut parts = Vec::new();
    if teams > 0 {
        parts.push(format!("{teams} more goals of teams"));
    }
    if people > 0 {
        parts.push(format!("{people} more goals owned by people"));
    }
    (!parts.is_empty()).then(|| {
        format!(
            "… and {} (all are in the goals table of the XLSX and JSON reports).",
            parts.join(" and ")
        )
    })
}

/// The sentence under the imposition table (numbers only, so it needs no escaping).
pub fn imposition_sentence(total: &crate::data::ImpositionCell) -> String {
    format!(
        "In all, {} set across functions; {} of them {} imposed (not set in the owner's line) and {} {} aligned.",
        count(total.goals, "goal is", "goals are"),
        total.imposed,
        are(total.imposed),
        total.aligned,
        are(total.aligned)
    )
}

/// A function's measures, "Name (kind, goals)" joined by "; ", with each name passed
/// through `escape` (the format's own); `None` when it has none.
pub fn measures_list(
    f: &crate::data::FunctionSection,
    escape: impl Fn(&str) -> String,
) -> Option<String> {
    (!f.measures.is_empty()).then(|| {
        f.measures
            .iter()
            .map(|m| {
                format!(
                    "{} ({}, {})",
                    escape(&m.name),
                    format!("{:?}", m.kind).to_lowercase(),
                    m.goals
                )
            })
            .collect::<Vec<String>>()
            .join("; ")
    })
}

/// A function's headline line: people, goals, index, findings, goals set by others.
pub fn function_line(people: usize, fh: &Headline, imposed_on: usize) -> String {
    format!(
        "{} · {} · alignment index {} · {} ({}, {}, {} info) · {} by other functions",
        count(people, "person", "people"),
        count(fh.goals, "goal", "goals"),
        fh.index_text,
        count(fh.findings, "finding", "findings"),
        count(fh.errors, "error", "errors"),
        count(fh.warnings, "warning", "warnings"),
        num(fh.infos),
        count(imposed_on, "goal set", "goals set"),
    )
}
use std::fmt::Write;

fn sev_word(s: throughline_core::Severity) -> &'static str {
    s.as_str()
}

pub fn index_sentence(h: &Headline) -> String {
    match h.alignment_index {
        Some(_) => format!(
            "{} of the {} goals owned by people trace to a strategy goal or a value and are not imposed, in conflict or unguarded volume ({} trace to strategy or values at all).",
            num(h.sound_person_goals),
            num(h.person_goals),
            num(h.aligned_person_goals)
        ),
        None => "Nobody owns a goal yet, so there is no alignment index.".to_string(),
    }
}

/// The report's sections after the cover, as the contents list them: anchor and title.
pub const SECTIONS: [(&str, &str); 7] = [
    ("summary", "Executive summary"),
    ("map", "The map"),
    ("imposition", "Who imposes on whom"),
    ("conflicts", "Conflicting goals"),
    ("coverage", "Coverage of the strategy"),
    ("functions", "Functions"),
    ("appendix", "Appendix: the rules that fired"),
];

/// The contents: [`SECTIONS`], with "Decisions" before the appendix when the workspace
/// recorded any.
pub fn sections(decisions: bool) -> Vec<(&'static str, &'static str)> {
    let mut out = SECTIONS.to_vec();
    if decisions {
        out.insert(out.len() - 1, ("decisions", "Decisions"));
    }
    out
}

/// The whole report as Markdown, section by section.
pub fn render(d: &ReportData, decisions: &[crate::workshop::Decision]) -> String {
    let mut s = String::new();
    cover(&mut s, d, !decisions.is_empty());
    summary(&mut s, d);
    the_map(&mut s, d);
    imposition(&mut s, d);
    conflicts(&mut s, d);
    coverage(&mut s, d);
    s.push_str("## 6. Functions\n\n");
    for f in &d.functions {
        function(&mut s, f);
    }
    if !decisions.is_empty() {
        crate::workshop::decisions_markdown(&mut s, 7, decisions);
    }
    appendix(&mut s, d, if decisions.is_empty() { 7 } else { 8 });
    s
}

/// Title, organisation, dates, the index and the contents.
fn cover(s: &mut String, d: &ReportData, decisions: bool) {
    let _ = writeln!(s, "# {}\n", md(&d.title));
    let _ = write!(s, "**{}**", md(&d.organisation));
    if let Some(scope) = &d.scope {
        let _ = write!(s, " · function: **{}**", md(&scope.name));
    }
    let _ = writeln!(s, " · as of {} · generated {}\n", d.as_of, d.generated);
    let _ = writeln!(s, "Alignment index: **{}**\n", d.headline.index_text);
    s.push_str("## Contents\n\n");
    for (i, (_, t)) in sections(decisions).iter().enumerate() {
        let _ = writeln!(s, "{}. {t}", i + 1);
    }
}

/// 1. Executive summary: the index, the counts and the top risks.
fn summary(s: &mut String, d: &ReportData) {
    let h = &d.headline;
    s.push_str("\n## 1. Executive summary\n\n");
    let _ = writeln!(
        s,
        "The alignment index is **{}**: {}\n",
        h.index_text,
        index_sentence(h)
    );
    if let Some(o) = &d.organisation_headline {
        let _ = writeln!(
            s,
            "For the whole organisation: index {}, {}.\n",
            o.index_text,
            count(o.findings, "finding", "findings")
        );
    }
    s.push_str("| People | Goals | Findings | Errors | Warnings | Info |\n|---:|---:|---:|---:|---:|---:|\n");
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} | {} | {} |\n",
        num(h.people),
        num(h.goals),
        num(h.findings),
        num(h.errors),
        num(h.warnings),
        num(h.infos)
    );
    s.push_str("### Top risks\n\n");
    if d.risks.is_empty() {
        s.push_str("No imposed, conflicting, unguarded or orphaned goals were found.\n\n");
    }
    for r in &d.risks {
        risk(s, r);
    }
}

/// One top risk: heading, sentence and its patterns.
fn risk(s: &mut String, r: &Risk) {
    let _ = writeln!(
        s,
        "#### {} ({})\n\n{}\n",
        md(&r.heading),
        r.count,
        md(&r.summary)
    );
    for i in &r.items {
        let _ = write!(s, "- **{}** {}", sev_word(i.severity), md(&i.message));
        if !i.people.is_empty() {
            let _ = write!(s, " *People:* {}.", md(&i.people.join(", ")));
        }
        let _ = writeln!(s, " *Functions:* {}.", md(&i.functions.join(", ")));
    }
    if r.more > 0 {
        let _ = writeln!(
            s,
            "- … and {} more in smaller patterns (see the findings table).",
            r.more
        );
    }
    s.push('\n');
}

/// 2. The map, in words (the picture is in the PDF and HTML).
fn the_map(s: &mut String, d: &ReportData) {
    s.push_str("## 2. The map\n\nThe map is drawn in the PDF and HTML reports. In words: ");
    let _ = writeln!(
        s,
        "{} strategy goals at the top; {} goals in all.\n",
        d.coverage.strategy.len(),
        d.headline.goals
    );
}

/// 3. Who imposes on whom: the function × function table.
fn imposition(s: &mut String, d: &ReportData) {
    s.push_str("## 3. Who imposes on whom\n\nGoals set by one function (rows) on another (columns); each cell is goals (aligned).\n\n");
    let imp = &d.imposition;
    if imp.total.goals == 0 {
        s.push_str("No function sets goals on another.\n\n");
        return;
    }
    s.push_str("| Set by ↓ / on → |");
    for f in &imp.functions {
        let _ = write!(s, " {} |", md(&f.name));
    }
    s.push_str("\n|---|");
    for _ in &imp.functions {
        s.push_str("---:|");
    }
    s.push('\n');
    for (f, row) in imp.functions.iter().zip(&imp.cells) {
        let _ = write!(s, "| {} |", md(&f.name));
        for (j, c) in row.iter().enumerate() {
            if imp.functions[j] == *f {
                s.push_str(" — |");
            } else if c.goals == 0 {
                s.push_str(" 0 |");
            } else {
                let _ = write!(s, " {} ({}) |", c.goals, c.aligned);
            }
        }
        s.push('\n');
    }
    let _ = writeln!(s, "\n{}\n", imposition_sentence(&imp.total));
}

/// 4. Conflicting goals: the trade-offs, then the pairs.
fn conflicts(s: &mut String, d: &ReportData) {
    s.push_str("## 4. Conflicting goals\n\n");
    if d.conflicts.is_empty() {
        s.push_str("No goals in anyone's line trade off against each other.\n\n");
    } else {
        s.push_str("| Trade-off | Pairs | Errors | Functions |\n|---|---:|---:|---|\n");
        for t in &d.trade_offs {
            let _ = writeln!(
                s,
                "| {} undermines {}{} | {} | {} | {} |",
                md(&t.undermining),
                md(&t.undermined),
                if t.note.is_empty() {
                    String::new()
                } else {
                    format!(": {}", md(&t.note))
                },
                t.pairs,
                t.errors,
                md(&t.functions.join(", "))
            );
        }
        s.push('\n');
    }
    for c in d.conflicts.iter().take(CONFLICTS_CAP) {
        let _ = writeln!(
            s,
            "- **{}** “{}” ({}, {}) and “{}” ({}, {}): {}.",
            sev_word(c.severity),
            md(&c.goal.title),
            md(&c.goal.owner),
            md(&c.goal.function),
            md(&c.other.title),
            md(&c.other.owner),
            md(&c.other.function),
            md(c.trade_off.trim_end_matches('.'))
        );
    }
    if d.conflicts.len() > CONFLICTS_CAP {
        let _ = writeln!(
            s,
            "- … and {} more pairs (all are in the CSV, XLSX and JSON reports).",
            d.conflicts.len() - CONFLICTS_CAP
        );
    }
    s.push('\n');
}

/// 5. Coverage of the strategy: function × strategy goal.
fn coverage(s: &mut String, d: &ReportData) {
    s.push_str("## 5. Coverage of the strategy\n\nHow many goals of each function trace to each strategy goal.\n\n");
    let cov = &d.coverage;
    if cov.strategy.is_empty() {
        s.push_str("The map has no strategy goals.\n\n");
        return;
    }
    s.push_str("| Function |");
    for g in &cov.strategy {
        let _ = write!(s, " {} |", md(&g.name));
    }
    s.push_str(" No strategy goal |\n|---|");
    for _ in 0..=cov.strategy.len() {
        s.push_str("---:|");
    }
    s.push('\n');
    for r in &cov.rows {
        let _ = write!(s, "| {} |", md(&r.function.name));
        for v in &r.cells {
            let _ = write!(s, " {v} |");
        }
        let _ = writeln!(s, " {} |", r.untraced);
    }
    s.push('\n');
}

/// 6. One function's section: headline, goals, measures, findings, missing feedback.
fn function(s: &mut String, f: &FunctionSection) {
    let _ = writeln!(s, "### {}\n", md(&f.function.name));
    let _ = writeln!(
        s,
        "{}\n",
        function_line(f.people, &f.headline, f.imposed_on)
    );
    function_goals(s, f);
    if let Some(list) = measures_list(f, md) {
        let _ = writeln!(s, "**Measures:** {list}.\n");
    }
    if f.findings_by_rule.is_empty() {
        s.push_str("**Findings:** none.\n\n");
    } else {
        s.push_str("**Findings:**\n\n");
        for r in &f.findings_by_rule {
            let _ = writeln!(s, "- `{}` ({}, {}):", r.rule, sev_word(r.severity), r.count);
            for m in &r.messages {
                let _ = writeln!(s, "  - {}", md(m));
            }
            if r.count > r.messages.len() {
                let _ = writeln!(s, "  - … and {} more", r.count - r.messages.len());
            }
        }
        s.push('\n');
    }
    if f.without_feedback_total > 0 {
        let _ = write!(
            s,
            "**People without recent feedback ({}):** {}",
            f.without_feedback_total,
            md(&f.without_feedback.join(", "))
        );
        if f.without_feedback_total > f.without_feedback.len() {
            let _ = write!(
                s,
                " and {} more",
                f.without_feedback_total - f.without_feedback.len()
            );
        }
        s.push_str(".\n\n");
    }
}

/// A function's goals table (its units' goals, then its people's), if it has goals.
fn function_goals(s: &mut String, f: &FunctionSection) {
    if f.unit_goals.is_empty() && f.person_goals.is_empty() {
        return;
    }
    s.push_str(
        "| Goal | Owner | Set by | Measure | Target | Status | |\n|---|---|---|---|---|---|---|\n",
    );
    for g in f.unit_goals.iter().chain(&f.person_goals) {
        let mut flags = Vec::new();
        if g.imposed {
            flags.push("imposed");
        }
        if !g.aligned {
            flags.push("not aligned");
        }
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            md(&g.title),
            md(&g.owner),
            md(&g.set_by),
            md(&g.measure),
            md(&g.target),
            g.status,
            flags.join(", ")
        );
    }
    if let Some(more) = more_goals(f) {
        let _ = writeln!(s, "\n{more}");
    }
    s.push('\n');
}

/// 7. Appendix: each rule that fired, documented; then the note on capped lists.
fn appendix(s: &mut String, d: &ReportData, n: usize) {
    let _ = writeln!(s, "## {n}. Appendix: the rules that fired\n");
    if d.rules.is_empty() {
        s.push_str("No rule fired.\n");
    }
    for r in &d.rules {
        let _ = writeln!(
            s,
            "### {} ({}, default severity {})\n\n{}\n\n**What it flags.** {}\n\n**Why it matters.** {}\n\n**How to fix.** {}\n",
            r.id,
            count(r.count, "finding", "findings"),
            r.default_severity.as_str(),
            plain_doc(&r.summary),
            plain_doc(&r.what).replace('\n', " "),
            plain_doc(&r.why).replace('\n', " "),
            plain_doc(&r.fix).replace('\n', " ")
        );
    }
    let _ = writeln!(
        s,
        "---\n\nLists in this report stop after {LIST_CAP} items per rule and say how many more there are; every finding is in the CSV, XLSX and JSON reports."
    );
}
