//! The `text` format of `check`, for people: grouped by severity, names beside ids, colour
//! only on a terminal (anstream strips it elsewhere and honours NO_COLOR), a one-line
//! summary at the end.

use chrono::NaiveDate;
use throughline_core::analysis::{Analysis, Report, Severity};
use throughline_core::patterns::patterns;
use throughline_core::rules::REGISTRY;
// User text is made inert (see `throughline_core::text`) where it enters the output, so
// the colour codes this module writes are the only escape sequences in it.
use throughline_core::text::{label, one_line, related_labels};
use throughline_core::Org;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const WIDTH: usize = 96;

fn colour(s: Severity) -> &'static str {
    match s {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
        Severity::Info => "\x1b[1;36m",
    }
}

fn heading(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn render(org: &Org, analysis: &Analysis, report: &Report, as_of: NaiveDate) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{BOLD}{}{RESET} — alignment check as of {as_of}\n",
        one_line(&org.map.organisation.name)
    ));
    // Patterns first: what the findings have in common, biggest first.
    let ps = patterns(org, analysis);
    if !ps.is_empty() {
        let cx = analysis.ctx(org);
        out.push_str(&format!(
            "\n{BOLD}Patterns ({}){RESET}: findings that share a cause\n",
            ps.len()
        ));
        let width = ps
            .iter()
            .map(|p| p.count())
            .max()
            .unwrap_or(1)
            .to_string()
            .len();
        for p in &ps {
            let rule = &REGISTRY[p.rule as usize];
            out.push_str(&format!(
                "  {}{:>width$} × {}{RESET}\n",
                colour(p.severity),
                p.count(),
                rule.name(),
            ));
            for l in wrap(&one_line(&p.message(&cx)), WIDTH - 6) {
                out.push_str("      ");
                out.push_str(&l);
                out.push('\n');
            }
        }
    }
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let group: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n{}{} ({}){RESET}\n",
            colour(severity),
            heading(severity),
            group.len()
        ));
        for f in group {
            let mut line = format!(
                "  {}{}{RESET}  {}",
                colour(severity),
                f.rule,
                label(org, &f.subject)
            );
            if !f.related.is_empty() {
                line.push_str(&format!(
                    "{DIM} — with {}{RESET}",
                    related_labels(org, &f.related)
                ));
            }
            out.push_str(&line);
            out.push('\n');
            for l in wrap(&one_line(&f.message), WIDTH - 6) {
                out.push_str("      ");
                out.push_str(&l);
                out.push('\n');
            }
        }
    }
    let s = &report.summary;
    let index = match s.alignment_index {
        Some(i) => format!("alignment index {i:.1}%"),
        None => "alignment index n/a (no person-owned goals)".to_string(),
    };
    if report.findings.is_empty() {
        out.push_str("\nNo findings: the line from strategy to every person holds.\n");
    }
    out.push_str(&format!(
        "\n{BOLD}{}{RESET}: {}, {}, {} · {index} · {}, {}\n",
        plural(report.findings.len(), "finding", "findings"),
        plural(report.count(Severity::Error), "error", "errors"),
        plural(report.count(Severity::Warning), "warning", "warnings"),
        plural(report.count(Severity::Info), "info", "info"),
        plural(s.people, "person", "people"),
        plural(s.goals, "goal", "goals"),
    ));
    out
}

/// The catalogue for `throughline rules`.
pub fn rules_table() -> String {
    let mut out = String::new();
    let width = REGISTRY.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for r in REGISTRY.iter() {
        out.push_str(&format!(
            "{:<width$}  {:<7}  {}\n",
            r.id,
            r.default_severity.as_str(),
            r.summary()
        ));
    }
    out.push_str(
        "\nRun `throughline explain RULE` for what a rule flags, why and how to fix it.\n",
    );
    out
}

/// Greedy word wrap.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_on_words() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("", 5), Vec::<String>::new());
    }
}
