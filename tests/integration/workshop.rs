//! The workshop report (`throughline report ORG --compare SNAPSHOT`) and the decisions in
//! the ordinary report: a known workshop (a snapshot, one fix, a decision) read back from
//! Markdown, HTML and the PDF's text; user text kept inert; the app's way in (the map on
//! standard input, `--workspace` for the snapshots and decisions, the workspace held open
//! by another writer); the formats and inputs it refuses.

use crate::util::*;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::Command;
use throughline_core::agreement::AgreementInput;
use throughline_core::model::{AgreementKind, Status};
use throughline_core::{compare, format, Map};
use throughline_store::decisions::FindingRef;
use throughline_store::{DecisionInput, Options, Workspace};

const AS_OF: &str = "--as-of=2026-11-28";

fn acme() -> Map {
    format::read_map(&std::fs::read_to_string(fixture("acme.json")).unwrap()).unwrap()
}

/// acme after the workshop's one fix: Ali Hassan's "100 calls a week" agreed.
fn fixed() -> Map {
    let mut m = acme();
    let g = m.goals.iter_mut().find(|g| g.id == "rep1-calls").unwrap();
    g.status = Some(Status::Agreed);
    m
}

/// An agreement step (catchball) on Ali Hassan's "100 calls a week".
fn step(date: &str, kind: AgreementKind, by: &str, reason: &str) -> AgreementInput {
    AgreementInput {
        goal: "rep1-calls".into(),
        kind,
        date: date.into(),
        by: by.into(),
        target: None,
        due: None,
        reason: reason.into(),
    }
}

const STATEMENT: &str = "Ali keeps 100 calls a week <script>alert(1)</script>";
const RATIONALE: &str = "Win rate holds up to 100 calls & the team agreed";

/// A workspace made from acme: a decision taken in January, the snapshot "Before the
/// workshop", the fix (one edit) and the workshop's decision about it.
fn workshop(dir: &Path) -> PathBuf {
    let path = dir.join("acme.throughline");
    let mut ws = Workspace::create(&path, &acme(), false, Options::default()).unwrap();
    ws.record_decision(&DecisionInput {
        date: "2026-01-05".into(),
        statement: "An earlier decision".into(),
        rationale: String::new(),
        people: vec![],
        goals: vec![],
        findings: vec![],
    })
    .unwrap();
    ws.record_agreement(&step("2026-01-05", AgreementKind::Proposed, "ceo", ""))
        .unwrap();
    ws.save_snapshot("Before the workshop").unwrap();
    let mut counter = step(
        "2026-11-27",
        AgreementKind::Countered,
        "rep1",
        "Win rate falls above 80 calls",
    );
    counter.target = Some(80.0);
    ws.record_agreement(&counter).unwrap();
    ws.replace_map(&fixed(), "Agree the calls target").unwrap();
    ws.record_decision(&DecisionInput {
        date: "2026-11-27".into(),
        statement: STATEMENT.into(),
        rationale: RATIONALE.into(),
        people: vec!["rep1".into(), "ceo".into()],
        goals: vec!["rep1-calls".into()],
        findings: vec![FindingRef {
            rule: "not-agreed".into(),
            subject: "rep1-calls".into(),
            related: vec![],
            text: "Goal “100 calls a week” (rep1-calls) is only proposed".into(),
        }],
    })
    .unwrap();
    ws.close().unwrap();
    path
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Write the report.
fn write(args: &[&str], out: &Path) {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend(["-o", s(out), AS_OF, "--force"]);
    let o = throughline(&all);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Write the report and read it back as text.
fn report(args: &[&str], out: &Path) -> String {
    write(args, out);
    std::fs::read_to_string(out).unwrap()
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", s(pdf), "-"])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The index before → after as the report writes it, from the one comparison.
fn index_line() -> String {
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let c = compare::compare(acme(), fixed(), as_of);
    let text = |i: Option<f64>| i.map_or("n/a".to_string(), |i| format!("{i:.1}%"));
    format!(
        "{} → {}",
        text(c.before.alignment_index),
        text(c.after.alignment_index)
    )
}

#[test]
fn the_workshop_report_says_what_the_workshop_changed() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workshop(dir.path());
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let c = compare::compare(acme(), fixed(), as_of);
    assert_eq!(c.findings.resolved.len(), 1, "the pair the test relies on");
    assert!(c.findings.new.is_empty());

    let md = report(
        &[s(&ws), "--compare", "Before the workshop"],
        &dir.path().join("w.md"),
    );
    assert!(md.starts_with("# Workshop report\n"), "{md}");
    assert!(md.contains("compared with the snapshot “Before the workshop”"));
    assert!(
        md.contains(&format!("Alignment index **{}**", index_line())),
        "{md}"
    );
    assert!(md.contains("1 finding resolved, 0 new"), "{md}");
    // The resolved finding in words, without ids.
    assert!(
        md.contains(
            "- **Not agreed** (warning, 1)\n  - “100 calls a week” (Ali Hassan, Sales North)"
        ),
        "{md}"
    );
    assert!(
        !md.contains("rep1-calls"),
        "an id got into the report: {md}"
    );
    // The workshop's decision with its rationale, who took it and what it concerns; the
    // one from January is counted, not listed.
    assert!(
        md.contains("### 2026-11-27 — Ali keeps 100 calls a week \\<script\\>"),
        "{md}"
    );
    assert!(
        md.contains("**Why:** Win rate holds up to 100 calls \\& the team agreed"),
        "{md}"
    );
    assert!(md.contains("**Taken by:** Ali Hassan, Maria Lopez"), "{md}");
    assert!(
        md.contains("**Concerns:** “100 calls a week”; Not agreed: 100 calls a week"),
        "{md}"
    );
    assert!(!md.contains("An earlier decision"));
    assert!(
        md.contains("1 decision recorded before the snapshot is not listed."),
        "{md}"
    );
    // The target agreed, and the change in words.
    assert!(
        md.contains("## 4. Targets agreed\n\n- “100 calls a week” (Ali Hassan): agreed\n"),
        "{md}"
    );
    // How it was negotiated: the counter of the workshop, not January's proposal.
    assert!(
        md.contains("### How they were negotiated\n\n- “100 calls a week” (Ali Hassan)\n  - 2026-11-27 Ali Hassan countered: a target of 80, because “Win rate falls above 80 calls”\n"),
        "{md}"
    );
    assert!(!md.contains("2026-01-05 Maria Lopez"), "{md}");
    assert!(md.contains("- Goals: 1 changed\n"), "{md}");
    assert!(md.contains("- Changed goal 100 calls a week\n"), "{md}");

    // The snapshot by id gives the same report.
    let by_id = report(&[s(&ws), "--compare", "1"], &dir.path().join("w1.md"));
    assert_eq!(by_id, md);

    let html = report(
        &[s(&ws), "--compare", "Before the workshop"],
        &dir.path().join("w.html"),
    );
    assert!(html.contains("Win rate holds up to 100 calls &amp; the team agreed"));
    assert!(html.contains("Ali keeps 100 calls a week &lt;script&gt;"));
    assert!(html.contains("<span class=\"mark\" style=\"background:#6a3fb5\">CHANGED</span>Changed goal 100 calls a week"));
    // The map is drawn, with the changed goal marked.
    assert!(html.contains("<svg"), "no map picture");
    assert!(html.contains(">CHANGED</text>"), "no mark on the map");

    let pdf = dir.path().join("w.pdf");
    let o = throughline(&[
        "report",
        s(&ws),
        "--compare",
        "Before the workshop",
        "-o",
        s(&pdf),
        AS_OF,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdftotext(&pdf);
    for want in [
        "Workshop report",
        "What was resolved and what is new",
        "Not agreed",
        "Ali keeps 100 calls a week <script>alert(1)</script>",
        "Why: Win rate holds up to 100 calls & the team agreed",
        "Targets agreed",
        "How they were negotiated",
        "The map, marked",
    ] {
        assert!(text.contains(want), "the PDF lacks {want:?}:\n{text}");
    }
}

/// A title, a snapshot name and a decision that are markup stay text in every format.
#[test]
fn the_workshop_report_keeps_user_text_inert() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.throughline");
    let mut ws = Workspace::create(&path, &acme(), false, Options::default()).unwrap();
    ws.save_snapshot("<img src=x onerror=alert(1)>").unwrap();
    let mut after = fixed();
    after.goals[0].title = "<script>alert(2)</script>".into();
    ws.replace_map(&after, "Hostile").unwrap();
    ws.record_decision(&DecisionInput {
        date: "2026-11-27".into(),
        statement: "<script>alert(3)</script>".into(),
        rationale: "</svg><script>x()</script>".into(),
        ..Default::default()
    })
    .unwrap();
    ws.close().unwrap();
    let title = "--title=<script>alert(4)</script>";
    let html = report(
        &[s(&path), "--compare=1", title],
        &dir.path().join("h.html"),
    );
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "a script tag got through");
    assert!(!lower.contains("<img"), "an img tag got through");
    for bad in [" src=\"", "href=\"http", "url(", "@import"] {
        assert!(!lower.contains(bad), "found {bad}");
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    for n in 2..=4 {
        assert!(
            html.contains(&format!("&lt;script&gt;alert({n})&lt;/script&gt;")),
            "{n}"
        );
    }
    let md = report(&[s(&path), "--compare=1", title], &dir.path().join("h.md"));
    // Every `<` is escaped, so nothing is read as HTML.
    assert!(
        md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')),
        "{md}"
    );
    assert!(md.contains("\\<img src=x onerror=alert(1)\\>"), "{md}");
    assert!(md.contains("\\<script\\>alert(3)\\</script\\>"), "{md}");
    let pdf = dir.path().join("h.pdf");
    write(&[s(&path), "--compare=1", title], &pdf);
    let text = pdftotext(&pdf);
    assert!(text.contains("<script>alert(3)</script>"), "{text}");
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
}

/// The app sends the map it shows (perhaps a draft) on standard input, and the workspace it
/// holds open with `--workspace`: the report's "after" is that map, its snapshots and
/// decisions the workspace's.
#[test]
fn the_app_sends_its_map_and_names_the_workspace_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let path = workshop(dir.path());
    // Held open for editing, as the app holds it.
    let held = Workspace::open(&path, Options::default()).unwrap();
    let mut shown = fixed();
    shown.goals.retain(|g| g.id != "cfo-close");
    let out = dir.path().join("app.md");
    let o = throughline_with_stdin(
        &[
            "report",
            "-",
            "--output",
            s(&out),
            "--format=md",
            AS_OF,
            "--force",
            &format!("--workspace={}", s(&path)),
            "--compare=1",
            "--title=DRAFT “Try”, not kept: Workshop report",
        ],
        format::write_map(&shown).as_bytes(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.starts_with("# DRAFT “Try”, not kept: Workshop report\n"),
        "{md}"
    );
    assert!(
        md.contains("- Removed goal "),
        "the map on stdin is the after side: {md}"
    );
    assert!(md.contains("Ali keeps 100 calls a week"), "{md}");
    // The removed goal is listed under the map (it has no card there).
    assert!(
        md.contains("Not on the map any more:\n\n- Removed goal "),
        "{md}"
    );
    // The ordinary report from the app lists the decisions too.
    let plain = dir.path().join("plain.md");
    let o = throughline_with_stdin(
        &[
            "report",
            "-",
            "--output",
            s(&plain),
            AS_OF,
            &format!("--workspace={}", s(&path)),
        ],
        format::write_map(&shown).as_bytes(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let md = std::fs::read_to_string(&plain).unwrap();
    assert!(md.contains("\n## 7. Decisions\n"), "{md}");
    assert!(md.contains("An earlier decision"), "{md}");
    assert!(
        md.contains("\n## 8. Appendix: the rules that fired"),
        "{md}"
    );
    held.close().unwrap();
}

#[test]
fn the_ordinary_report_lists_decisions_only_when_there_are_some() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workshop(dir.path());
    let md = report(&[s(&ws)], &dir.path().join("r.md"));
    assert!(
        md.contains("7. Decisions\n8. Appendix: the rules that fired\n"),
        "{md}"
    );
    // Newest first, both of them.
    let (a, b) = (
        md.find("### 2026-11-27 — Ali keeps")
            .expect("the workshop's"),
        md.find("### 2026-01-05 — An earlier decision")
            .expect("January's"),
    );
    assert!(a < b);
    let html = report(&[s(&ws)], &dir.path().join("r.html"));
    assert!(html.contains(r##"<a href="#decisions">Decisions</a>"##));
    assert!(html.contains("<b>Why:</b> Win rate holds up to 100 calls &amp; the team agreed"));
    let pdf = dir.path().join("r.pdf");
    write(&[s(&ws)], &pdf);
    let text = pdftotext(&pdf);
    assert!(text.contains("Decisions"), "{text}");
    assert!(text.contains("An earlier decision"), "{text}");
    // A map document has no decisions: no section.
    let md = report(&[s(&fixture("acme.json"))], &dir.path().join("m.md"));
    assert!(!md.contains("Decisions"), "{md}");
    assert!(md.contains("## 7. Appendix: the rules that fired"));
}

#[test]
fn what_a_workshop_report_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workshop(dir.path());
    let fail = |args: &[&str]| {
        let o = throughline(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        stderr(&o)
    };
    for ext in ["xlsx", "csv", "json"] {
        let out = dir.path().join(format!("w.{ext}"));
        let e = fail(&["report", s(&ws), "--compare=1", "-o", s(&out)]);
        assert!(
            e.contains("is written as PDF, HTML or Markdown (.pdf, .html, .md), not ")
                && e.contains("throughline compare --format json"),
            "{e}"
        );
        assert!(!out.exists());
    }
    let out = dir.path().join("w.md");
    let e = fail(&[
        "report",
        s(&fixture("acme.json")),
        "--compare=1",
        "-o",
        s(&out),
    ]);
    assert!(
        e.contains("--compare compares a workspace with one of its snapshots"),
        "{e}"
    );
    let e = fail(&["report", s(&ws), "--compare=Nope", "-o", s(&out)]);
    assert!(e.contains("has no snapshot \"Nope\""), "{e}");
    assert!(e.contains("1 \"Before the workshop\""), "{e}");
    let e = fail(&[
        "report",
        s(&ws),
        "--workspace",
        s(&ws),
        "--compare=1",
        "-o",
        s(&out),
    ]);
    assert!(e.contains("is a workspace already"), "{e}");
    assert!(!out.exists());
}

/// `export -o FILE.xlsx` adds the decisions as a Decisions sheet (in words, no ids), which
/// the import skips: importing the export into the same workspace changes nothing.
#[test]
fn the_xlsx_export_carries_the_decisions_and_still_reimports_with_no_change() {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let ws = workshop(dir.path());
    let out = dir.path().join("acme.xlsx");
    let o = throughline(&["export", s(&ws), "-o", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut wb: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["People", "Goals", "Decisions"]);
    let sheet = wb.worksheet_range("Decisions").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    assert_eq!(rows[0], ["Date", "Decision", "Why", "Taken by", "Concerns"]);
    assert_eq!(
        rows[1],
        [
            "2026-11-27",
            STATEMENT,
            RATIONALE,
            "Ali Hassan; Maria Lopez",
            "“100 calls a week”; Not agreed: 100 calls a week"
        ]
    );
    assert_eq!(rows[2][1], "An earlier decision");
    let o = throughline(&[
        "import",
        s(&out),
        "--into",
        s(&ws),
        "--dry-run",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for list in [
        "/people/added",
        "/people/updated",
        "/people/missing",
        "/goals/added",
        "/goals/updated",
        "/goals/missing",
        "/units/added",
        "/units/missing",
        "/measures/added",
    ] {
        assert_eq!(v.pointer(list), Some(&serde_json::json!([])), "{list}: {v}");
    }
    assert!(v["skipped_tables"].to_string().contains("Decisions"), "{v}");
}
