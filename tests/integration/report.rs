//! Reports: the same numbers as `check` in every format, snapshots of the text formats,
//! the PDF's text, the XLSX read back, scoping to a function, and user text kept inert.

use crate::util::*;
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::io::Cursor;
use std::process::Command;
use throughline_core::{analysis, format, gen, Map, Org};
use throughline_report::{render, Format, Options, Paper};

fn sample() -> Map {
    let text = std::fs::read_to_string(repo_dir().join("examples/northwind.json")).unwrap();
    format::read_map(&text).expect("the sample is valid")
}

fn acme() -> Map {
    format::read_map(&std::fs::read_to_string(fixture("acme.json")).unwrap()).unwrap()
}

fn opts(map: &Map) -> Options {
    Options {
        title: None,
        function: None,
        as_of: analysis::resolve_as_of(None, map, NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()),
        generated: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        paper: Paper::A4,
    }
}

fn text(map: &Map, o: &Options, f: Format) -> String {
    String::from_utf8(render(map, o, f).expect("report renders")).unwrap()
}

fn json(map: &Map, o: &Options) -> serde_json::Value {
    serde_json::from_str(&text(map, o, Format::Json)).unwrap()
}

#[test]
fn markdown_of_the_sample() {
    let map = sample();
    insta::assert_snapshot!("sample_md", text(&map, &opts(&map), Format::Md));
}

#[test]
fn json_of_the_sample() {
    let map = sample();
    let v = json(&map, &opts(&map));
    insta::assert_json_snapshot!("sample_json_report", v["report"]);
}

/// The JSON report's `findings` and `summary` are exactly `check --format json`'s.
#[test]
fn json_carries_the_check_output_unchanged() {
    for (path, map) in [
        (repo_dir().join("examples/northwind.json"), sample()),
        (fixture("acme.json"), acme()),
    ] {
        let o = opts(&map);
        let out = throughline(&[
            "check",
            path.to_str().unwrap(),
            "--format",
            "json",
            "--as-of",
            &o.as_of.to_string(),
        ]);
        let check: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let v = json(&map, &o);
        assert_eq!(v["findings"], check["findings"]);
        assert_eq!(v["summary"], check["summary"]);
        let head = &v["report"]["headline"];
        assert_eq!(head["alignment_index"], check["summary"]["alignment_index"]);
        assert_eq!(
            head["findings"].as_u64().unwrap() as usize,
            check["findings"].as_array().unwrap().len()
        );
    }
}

/// Generated organisations: every table agrees with the analysis.
#[test]
fn generated_maps_give_the_same_numbers_as_check() {
    for seed in [1, 2, 3] {
        let map = gen::generate(&gen::GenOptions::new(300, seed));
        let o = opts(&map);
        let report = analysis::analyse(map.clone(), o.as_of);
        let v = json(&map, &o);
        assert_eq!(
            v["findings"],
            serde_json::to_value(&report.findings).unwrap()
        );
        let r = &v["report"];
        assert_eq!(
            r["findings"].as_array().unwrap().len(),
            report.findings.len()
        );
        assert_eq!(r["goals"].as_array().unwrap().len(), map.goals.len());
        assert_eq!(r["people"].as_array().unwrap().len(), map.people.len());
        // Functions' findings and people add up to the organisation's (less those with
        // no function).
        let people: u64 = r["functions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["people"].as_u64().unwrap())
            .sum();
        let org = Org::new(map.clone().into());
        let in_functions = (0..map.people.len() as u32)
            .filter(|&p| org.person_function(p).is_some())
            .count();
        assert_eq!(people as usize, in_functions);
        // Appendix counts are the summary's by_rule.
        for rule in r["rules"].as_array().unwrap() {
            let id = rule["id"].as_str().unwrap();
            let n = report
                .summary
                .by_rule
                .iter()
                .find(|(r, _)| r == id)
                .unwrap()
                .1;
            assert_eq!(rule["count"].as_u64().unwrap() as usize, n, "{id}");
        }
        // The CSV has one row per finding.
        let csv = text(&map, &o, Format::Csv);
        let mut rd = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(rd.records().count(), report.findings.len());
    }
}

#[test]
fn narrowed_to_a_function() {
    let map = sample();
    let org = Org::new(map.clone().into());
    let mut o = opts(&map);
    let sales = map
        .units
        .iter()
        .find(|u| u.name == "Sales")
        .expect("the sample has Sales")
        .id
        .clone();
    o.function = Some("sales".into()); // by name, any case
    let v = json(&map, &o);
    assert_eq!(v["report"]["scope"]["id"], sales.as_str());
    let all = analysis::analyse(map.clone(), o.as_of);
    let scoped = v["findings"].as_array().unwrap();
    assert!(!scoped.is_empty() && scoped.len() < all.findings.len());
    // Every finding kept names something in Sales; every one left out names nothing there.
    let sales_ix = org.unit_index(&sales).unwrap();
    let in_sales = |id: &str| match org.lookup(id) {
        Some(throughline_core::org::Node::Goal(g)) => org.goal_owner_function(g) == Some(sales_ix),
        Some(throughline_core::org::Node::Person(p)) => org.person_function(p) == Some(sales_ix),
        Some(throughline_core::org::Node::Unit(u)) => {
            org.unit_function[u as usize] == Some(sales_ix)
        }
        _ => false,
    };
    for f in &all.findings {
        let concerns = std::iter::once(&f.subject)
            .chain(&f.related)
            .any(|id| in_sales(id));
        let kept = scoped.iter().any(|s| {
            s["rule"] == f.rule.as_str()
                && s["subject"] == f.subject.as_str()
                && s["related"] == serde_json::to_value(&f.related).unwrap()
        });
        assert_eq!(concerns, kept, "{f:?}");
    }
    // The summary stays the organisation's, as check prints it.
    assert_eq!(v["summary"], serde_json::to_value(&all.summary).unwrap());
    assert_eq!(v["report"]["functions"].as_array().unwrap().len(), 1);
    let md = text(&map, &o, Format::Md);
    assert!(
        md.starts_with("# Alignment report: Sales\n"),
        "{}",
        &md[..80]
    );

    o.function = Some("nowhere".into());
    let err = render(map.clone(), &o, Format::Md).unwrap_err().to_string();
    assert!(
        err.starts_with("no function \"nowhere\"; the functions are: "),
        "{err}"
    );
    assert!(err.contains("Sales"), "{err}");
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (Debian package poppler-utils, installed by scripts/setup.sh) runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn pdf_text_has_the_key_findings_and_numbers() {
    let map = sample();
    let o = opts(&map);
    let pdf = render(map.clone(), &o, Format::Pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let t = pdftotext(&pdf);
    let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let report = analysis::analyse(map.clone(), o.as_of);
    for needle in [
        "Alignment report".to_string(),
        map.organisation.name.clone(),
        format!("{:.1}%", report.summary.alignment_index.unwrap()),
        format!("There are {} findings", report.findings.len()),
        "Who imposes on whom".into(),
        "Coverage of the strategy".into(),
        "Appendix: the rules that fired".into(),
        "Goals imposed from outside the owner's line".into(),
        format!("As of {}", o.as_of),
    ] {
        assert!(flat.contains(&needle), "PDF text lacks {needle:?}");
    }
    // Every imposed goal of the sample is named in the PDF.
    for f in report.findings.iter().filter(|f| f.rule == "imposed-goal") {
        let g = map.goals.iter().find(|g| g.id == f.subject).unwrap();
        assert!(flat.contains(&g.title), "PDF lacks {}", g.title);
    }
    // Letter paper is 612 x 792 points.
    let letter = render(
        &map,
        &Options {
            paper: Paper::Letter,
            ..o
        },
        Format::Pdf,
    )
    .unwrap();
    let s = String::from_utf8_lossy(&letter);
    assert!(s.contains("/MediaBox [0 0 612 792]"), "not letter-sized");
}

fn xlsx_sheet(bytes: &[u8], name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    wb.worksheet_range(name).unwrap()
}

#[test]
fn xlsx_has_the_sheets_and_cells() {
    let map = sample();
    let o = opts(&map);
    let bytes = render(map.clone(), &o, Format::Xlsx).unwrap();
    let report = analysis::analyse(map.clone(), o.as_of);
    let wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Summary",
            "Findings",
            "Goals",
            "People",
            "Measures",
            "Coverage",
            "Imposition"
        ]
    );
    let findings = xlsx_sheet(&bytes, "Findings");
    assert_eq!(findings.height(), report.findings.len() + 1);
    assert_eq!(findings.get((0, 0)), Some(&Data::String("Severity".into())));
    for (i, f) in report.findings.iter().enumerate() {
        assert_eq!(
            findings.get((i + 1, 1)),
            Some(&Data::String(f.rule.clone()))
        );
        assert_eq!(
            findings.get((i + 1, 7)),
            Some(&Data::String(f.message.clone()))
        );
    }
    let summary = xlsx_sheet(&bytes, "Summary");
    let row = |k: &str| {
        (0..summary.height())
            .find(|&r| summary.get((r, 0)) == Some(&Data::String(k.into())))
            .map(|r| summary.get((r, 1)).cloned().unwrap())
            .unwrap()
    };
    assert_eq!(
        row("Alignment index"),
        Data::String(format!("{:.1}%", report.summary.alignment_index.unwrap()))
    );
    assert_eq!(row("Findings"), Data::Float(report.findings.len() as f64));
    assert_eq!(xlsx_sheet(&bytes, "Goals").height(), map.goals.len() + 1);
    assert_eq!(xlsx_sheet(&bytes, "People").height(), map.people.len() + 1);
    assert_eq!(
        xlsx_sheet(&bytes, "Measures").height(),
        map.measures.len() + 1
    );
    // Filters and frozen headers.
    let xml = xlsx_part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(
        xml.contains("<autoFilter ref=\"A1:H"),
        "no filter on Findings"
    );
    assert!(
        xml.contains("state=\"frozen\""),
        "Findings header not frozen"
    );
}

/// One file of an XLSX (a zip), as text: to check filters, panes and styles.
fn xlsx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut out).unwrap();
    out
}

/// A map whose every text is hostile.
fn hostile() -> Map {
    let mut map = acme();
    map.organisation.name = "<img src=x onerror=alert(1)>".into();
    let titles = [
        "<script>alert(1)</script>",
        "=HYPERLINK(\"http://evil\",\"x\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3 ]]> </svg><script>x()</script>",
    ];
    // Every goal gets one of the hostile titles, so findings name them all.
    for (i, g) in map.goals.iter_mut().enumerate() {
        g.title = titles[i % titles.len()].to_string();
    }
    map.people[0].name = "\tTab =1+1".into();
    map.people[1].name = "\r=1+1".into();
    for u in &mut map.units {
        u.name = format!("{}\"'><b>", u.name);
    }
    map
}

#[test]
fn html_and_svg_keep_user_text_inert() {
    let map = hostile();
    let o = opts(&map);
    let html = text(&map, &o, Format::Html);
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "a script tag got through");
    assert!(!lower.contains("<img"), "an img tag got through");
    assert!(
        !html.contains("\"'><b>"),
        "markup from a unit name got through"
    );
    assert!(html.contains("&quot;&#39;&gt;&lt;b&gt;"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;/svg&gt;&lt;script&gt;x()&lt;/script&gt;"));
    // No external requests: nothing that loads a resource.
    for bad in [" src=\"", "href=\"http", "url(", "@import"] {
        assert!(!lower.contains(bad), "found {bad}");
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    // The SVG pictures parse as XML on their own.
    let org = Org::new(map.clone().into());
    let analysed = analysis::run(&org, o.as_of);
    let check = analysed.report(&org);
    let data = throughline_report::data::build(
        &org,
        &analysed,
        &check,
        &throughline_report::data::BuildOptions {
            title: None,
            function: None,
            as_of: o.as_of,
            generated: o.generated,
        },
    )
    .unwrap();
    for p in throughline_report::pictures(&org, &analysed, &data) {
        assert!(!p.svg.to_lowercase().contains("<script"));
        assert_xml_well_formed(&p.svg);
    }
}

fn assert_xml_well_formed(svg: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.svg");
    std::fs::write(&path, svg).unwrap();
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys,xml.dom.minidom as m; m.parse(sys.argv[1])",
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "SVG is not well-formed XML: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn csv_and_xlsx_cells_cannot_run_as_formulas() {
    let map = hostile();
    let o = opts(&map);
    let csv_text = text(&map, &o, Format::Csv);
    let mut rd = csv::Reader::from_reader(csv_text.as_bytes());
    let mut cells = 0;
    for rec in rd.records() {
        for cell in rec.unwrap().iter() {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "CSV cell could run as a formula: {cell:?}"
            );
        }
    }
    assert!(cells > 0);
    assert!(csv_text.contains("'=HYPERLINK"));

    let bytes = render(map.clone(), &o, Format::Xlsx).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    for sheet in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "sheet {sheet} has a formula"
        );
    }
    // The hostile title is there as text, with Excel's quote prefix.
    let goals = xlsx_sheet(&bytes, "Goals");
    assert!(goals
        .rows()
        .any(|r| r.get(1) == Some(&Data::String("=HYPERLINK(\"http://evil\",\"x\")".into()))));
    let styles = xlsx_part(&bytes, "xl/styles.xml");
    assert!(styles.contains("quotePrefix=\"1\""));
}

#[test]
fn markdown_escapes_user_text() {
    let map = hostile();
    let md = text(&map, &opts(&map), Format::Md);
    assert!(!md.contains("<script>"));
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
}

#[test]
fn pdf_of_hostile_text_typesets_it_as_text() {
    let map = hostile();
    let pdf = render(&map, &opts(&map), Format::Pdf).unwrap();
    let t = pdftotext(&pdf);
    assert!(
        t.contains("<script>alert(1)</script>"),
        "title not shown as text"
    );
}

#[test]
fn cli_writes_every_format_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let sample = repo_dir().join("examples/northwind.json");
    for f in Format::ALL {
        let out_path = dir.path().join(format!("r.{}", f.extension()));
        let o = throughline(&[
            "report",
            sample.to_str().unwrap(),
            "-o",
            out_path.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(std::fs::metadata(&out_path).unwrap().len() > 200);
    }
    // A workspace file gives the same report as its map.
    let ws = dir.path().join("nw.throughline");
    assert!(throughline(&[
        "import",
        sample.to_str().unwrap(),
        "-o",
        ws.to_str().unwrap()
    ])
    .status
    .success());
    let a = dir.path().join("ws.md");
    let o = throughline(&["report", ws.to_str().unwrap(), "-o", a.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&a).unwrap(),
        std::fs::read_to_string(dir.path().join("r.md")).unwrap()
    );
    // Existing file: refused, untouched.
    let o = throughline(&[
        "report",
        sample.to_str().unwrap(),
        "-o",
        a.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists (use --force to replace it)"));
    // Unknown extension without --format.
    let o = throughline(&[
        "report",
        sample.to_str().unwrap(),
        "-o",
        dir.path().join("r.docx").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot tell the report format"),
        "{}",
        stderr(&o)
    );
    // A folder that does not exist: clear error, nothing left behind.
    let o = throughline(&[
        "report",
        sample.to_str().unwrap(),
        "-o",
        dir.path().join("missing/r.md").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    // Unknown function.
    let o = throughline(&[
        "report",
        sample.to_str().unwrap(),
        "--function",
        "nowhere",
        "-o",
        dir.path().join("x.md").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no function \"nowhere\""));
    assert!(!dir.path().join("x.md").exists());
}

/// The app's Export Report… runs the CLI in a child process exactly so: the map on standard
/// input, `--name=value` arguments (src-tauri/src/report_tool.rs). It must give the same
/// report as the map file, keep a dash-led title as a title, and explain bad input.
#[test]
fn cli_reads_the_map_from_stdin_as_the_app_sends_it() {
    let dir = tempfile::tempdir().unwrap();
    let sample = repo_dir().join("examples/northwind.json");
    let text = std::fs::read(&sample).unwrap();
    let from_file = dir.path().join("file.json");
    let o = throughline(&[
        "report",
        sample.to_str().unwrap(),
        "-o",
        from_file.to_str().unwrap(),
        "--as-of=2026-06-30",
        "--title=--force",
        "--function=sales",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let from_stdin = dir.path().join("stdin.json");
    let o = throughline_with_stdin(
        &[
            "report",
            "-",
            "--output",
            from_stdin.to_str().unwrap(),
            "--format=json",
            "--as-of=2026-06-30",
            "--paper=letter",
            "--force",
            "--title=--force",
            "--function=sales",
        ],
        &text,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let a: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&from_file).unwrap()).unwrap();
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&from_stdin).unwrap()).unwrap();
    assert_eq!(a, b);
    assert_eq!(b["report"]["title"], "--force", "{}", b["report"]);
    // A PDF too (the app's default).
    let pdf = dir.path().join("stdin.pdf");
    let o = throughline_with_stdin(
        &[
            "report",
            "-",
            "--output",
            pdf.to_str().unwrap(),
            "--format=pdf",
        ],
        &text,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    // Bad input is named as what came on standard input, and nothing is written.
    let bad = dir.path().join("bad.md");
    let o = throughline_with_stdin(
        &["report", "-", "--output", bad.to_str().unwrap()],
        b"{\"format\": \"throughline-map\"}",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("throughline: the map on standard input is not a valid map"),
        "{}",
        stderr(&o)
    );
    assert!(!bad.exists());
}

/// Texts that once hung the PDF (combining marks: usvg's font fallback looped for ever),
/// failed it ("failed to parse SVG" on U+FFFE) or printed boxes (CJK, emoji), and the
/// text pdftotext must find in the PDF for each.
fn hostile_unicode() -> Vec<(&'static str, String, &'static str)> {
    vec![
        (
            "combining marks",
            "G\u{0359}\u{036F}\u{0359}r\u{036F}o\u{0359}w".into(),
            "w",
        ),
        (
            "a pile of combining marks",
            format!("Z{}algo", "\u{0359}\u{036F}\u{0301}".repeat(300)),
            "algo",
        ),
        (
            "XML-invalid characters",
            "Bad\u{FFFE}\u{FFFF}\u{1}\u{8}\u{1F}chars".into(),
            "Bad\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}chars",
        ),
        ("Japanese", "売上を30%伸ばす".into(), "売上を30%伸ばす"),
        ("Chinese", "提高客户满意度".into(), "提高客户满意度"),
        ("emoji", "🚀 Grow ARR 👩🏽\u{200D}💻".into(), "Grow ARR"),
        ("Arabic", "زيادة المبيعات".into(), "المبيعات"),
        ("Hebrew", "להגדיל מכירות".into(), "מכירות"),
        (
            "zero-width characters",
            "Zero\u{200B}width\u{200D}join\u{FEFF}bom".into(),
            "bom",
        ),
        ("a 5,000-letter word", "w".repeat(5000), "[cut:"),
    ]
}

/// The sample with `text` as a strategy goal's title, a person's name and a function's
/// name.
fn sample_with(text: &str) -> Map {
    let mut map = sample();
    map.goals[0].title = text.to_string();
    map.goals[10].title = format!("{text} and more");
    map.people[3].name = text.to_string();
    let sales = map.units.iter_mut().find(|u| u.name == "Sales").unwrap();
    sales.name = format!("Sales {text}");
    map
}

/// Render a PDF on a thread; fail (instead of hanging the test run) after `limit`.
fn pdf_within(map: Map, limit: std::time::Duration) -> (Vec<u8>, std::time::Duration) {
    let o = opts(&map);
    let started = std::time::Instant::now();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(render(map.clone(), &o, Format::Pdf));
    });
    let pdf = rx
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("the PDF took more than {limit:?}: it hangs"))
        .expect("the PDF is written");
    (pdf, started.elapsed())
}

fn pdffonts(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdffonts")
        .arg(&path)
        .output()
        .expect("pdffonts (poppler-utils) runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Issue #10: every hostile text gives a PDF, in seconds, with its text in it. (Timings
/// are printed, not asserted: the watchdog only catches a hang.)
#[test]
fn pdf_of_hostile_unicode_is_written_and_holds_the_text() {
    for (what, text, expect) in hostile_unicode() {
        let (pdf, took) = pdf_within(sample_with(&text), std::time::Duration::from_secs(180));
        eprintln!("PDF with {what}: {} bytes in {took:.1?}", pdf.len());
        assert!(pdf.starts_with(b"%PDF-"), "{what}");
        let t = pdftotext(&pdf).replace('\u{200B}', "");
        assert!(t.contains(expect), "{what}: the PDF text lacks {expect:?}");
    }
}

/// CJK and emoji are drawn with real glyphs: the PDF embeds the fallback fonts (Debian
/// packages fonts-noto-cjk and fonts-noto-color-emoji, installed by scripts/setup.sh), and
/// a report that needs none of them embeds none.
#[test]
fn cjk_and_emoji_embed_fonts_that_cover_them() {
    let (pdf, _) = pdf_within(
        sample_with("売上を30%伸ばす 🚀"),
        std::time::Duration::from_secs(180),
    );
    let fonts = pdffonts(&pdf);
    assert!(
        fonts.contains("NotoSansCJKjp-Regular"),
        "no CJK font embedded (is fonts-noto-cjk installed? scripts/setup.sh): {fonts}"
    );
    assert!(
        fonts.contains("NotoSansCJKjp-Bold"),
        "no bold CJK font: {fonts}"
    );
    // The emoji font's glyphs are colour bitmaps: typst embeds them as a Type 3 font.
    assert!(fonts.contains("Type 3"), "no emoji glyphs: {fonts}");
    let (chinese, _) = pdf_within(
        sample_with("提高客户满意度"),
        std::time::Duration::from_secs(180),
    );
    assert!(pdffonts(&chinese).contains("NotoSansCJKsc-Regular"));
    let plain = render(sample(), &opts(&sample()), Format::Pdf).unwrap();
    let fonts = pdffonts(&plain);
    assert!(
        !fonts.contains("Noto"),
        "a plain report loaded a fallback font: {fonts}"
    );
}

/// Excel refuses a cell over 32,767 characters: such text is cut with a visible marker.
#[test]
fn xlsx_cuts_text_over_the_cell_limit_with_a_marker() {
    let mut map = sample();
    map.goals[0].title = "x".repeat(40_000);
    let bytes = render(&map, &opts(&map), Format::Xlsx).expect("the XLSX is written");
    let goals = xlsx_sheet(&bytes, "Goals");
    let cell = goals
        .rows()
        .find_map(|r| match r.get(1) {
            Some(Data::String(s)) if s.starts_with("xxx") => Some(s.clone()),
            _ => None,
        })
        .expect("the long title is there");
    assert!(
        cell.ends_with("x… [cut: 40,000 characters]"),
        "{}",
        &cell[cell.len() - 40..]
    );
    assert_eq!(cell.encode_utf16().count(), 32_767);
}
