//! `throughline`: the command line of Throughline.
//!
//! A thin shell: it reads files, calls `throughline-core`, prints, and maps outcomes to the
//! contract's exit codes (0 clean, 1 error findings, 2 invalid input or misuse).

mod text;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use throughline_core::{analysis, format, gen, library, rules, Problem};
use throughline_report::{Format, Paper};
use throughline_store::{is_sqlite_file, read_map_from, Options, StoreError, Workspace};

#[derive(Parser)]
#[command(
    name = "throughline",
    version,
    about = "Maps how strategy and values reach every function, team and person, and shows where that line breaks.",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a map against the alignment rules.
    Check {
        /// The map document (JSON) or a workspace file (.throughline); - reads the map
        /// document from standard input.
        map: PathBuf,
        /// The date the check is made as of (default: settings.as_of, else today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
        as_of: Option<NaiveDate>,
        /// Output for people (text) or for programs (json).
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Create a workspace file from a map document.
    Import {
        /// The map document (JSON); - reads it from standard input.
        map: PathBuf,
        /// The workspace file to create.
        #[arg(short, long, value_name = "ORG.throughline")]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write a workspace (or one of its snapshots) as a map document.
    Export {
        /// The workspace file.
        workspace: PathBuf,
        /// The map document to write.
        #[arg(short, long, value_name = "MAP.json")]
        output: PathBuf,
        /// Export this snapshot instead of the current map (see `throughline snapshots`).
        #[arg(long, value_name = "ID")]
        snapshot: Option<i64>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// List the snapshots saved in a workspace.
    Snapshots {
        /// The workspace file.
        workspace: PathBuf,
    },
    /// List the alignment rules.
    Rules {
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Explain a rule: what it flags, why it matters, an example and how to fix it.
    Explain {
        /// A rule id, as listed by `throughline rules`.
        rule: String,
    },
    /// Write a deterministic synthetic map (for tests and benchmarks).
    Gen {
        /// How many people the organisation has.
        #[arg(long)]
        people: usize,
        /// Seed: the same seed and size always give the same map.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the measure library (common measures per function and their trade-offs) as JSON.
    Library,
    /// Write an alignment report: PDF, HTML, XLSX, CSV (the findings), Markdown or JSON.
    Report {
        /// The map document (JSON) or a workspace file (.throughline); - reads the map
        /// document from standard input.
        map: PathBuf,
        /// The report's format: pdf, html, xlsx, csv, md or json (default: from the output
        /// file's extension).
        #[arg(long, value_parser = parse_format)]
        format: Option<Format>,
        /// The file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// The date the check is made as of (default: settings.as_of, else today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
        as_of: Option<NaiveDate>,
        /// The report's title.
        #[arg(long)]
        title: Option<String>,
        /// Narrow the report to one function (its id or name) and what is imposed on it.
        #[arg(long, value_name = "UNIT")]
        function: Option<String>,
        /// Paper size of the PDF: a4 or letter.
        #[arg(long, value_parser = parse_paper, default_value = "a4")]
        paper: Paper,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_name(s)
        .ok_or_else(|| format!("\"{s}\" is not one of pdf, html, xlsx, csv, md, json"))
}

fn parse_paper(s: &str) -> Result<Paper, String> {
    Paper::from_name(s).ok_or_else(|| format!("\"{s}\" is not a4 or letter"))
}

fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    format::parse_date(s).ok_or_else(|| format!("\"{s}\" is not a date as YYYY-MM-DD"))
}

/// A failure that ends the command with exit status 2.
struct Fail(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Fail(msg)) => {
            let _ = writeln!(anstream::stderr(), "throughline: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Fail> {
    match cli.command {
        Command::Check { map, as_of, format } => check(&map, as_of, format),
        Command::Import { map, output, force } => {
            let m = load_map_json(&map)?;
            Workspace::create_file(&output, &m, force).map_err(|e| match e {
                StoreError::Exists(_) => Fail(format!("{e} (use --force to replace it)")),
                e => Fail(e.to_string()),
            })?;
            let _ = writeln!(
                anstream::stderr(),
                "created {} ({} people, {} goals)",
                output.display(),
                m.people.len(),
                m.goals.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            workspace,
            output,
            snapshot,
            force,
        } => {
            let ws = Workspace::open(&workspace, Options::read_only())
                .map_err(|e| Fail(e.to_string()))?;
            let map = match snapshot {
                Some(id) => ws.snapshot_map(id).map_err(|e| Fail(e.to_string()))?,
                None => ws.map().clone(),
            };
            if output.exists() && !force {
                return Err(Fail(format!(
                    "{} already exists (use --force to replace it)",
                    output.display()
                )));
            }
            write_output(Some(&output), format::write_map(&map).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Snapshots { workspace } => {
            let ws = Workspace::open(&workspace, Options::read_only())
                .map_err(|e| Fail(e.to_string()))?;
            let list = ws.snapshots().map_err(|e| Fail(e.to_string()))?;
            let mut out = String::new();
            for s in &list {
                out.push_str(&format!(
                    "{:>4}  {}  {}{}\n",
                    s.id,
                    s.created_at,
                    s.name,
                    if s.auto { "  (automatic)" } else { "" }
                ));
            }
            if list.is_empty() {
                out.push_str("no snapshots\n");
            }
            write_output(None, out.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { format } => {
            print_rules(format);
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { rule } => explain(&rule),
        Command::Gen {
            people,
            seed,
            output,
        } => {
            let map = gen::generate(&gen::GenOptions::new(people, seed));
            let text = format::write_map(&map);
            write_output(output.as_deref(), text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Report {
            map,
            format,
            output,
            as_of,
            title,
            function,
            paper,
            force,
        } => {
            let format: Format = match format {
                Some(f) => f,
                None => output
                    .extension()
                    .and_then(|e| Format::from_name(&e.to_string_lossy()))
                    .ok_or_else(|| {
                        Fail(format!(
                            "cannot tell the report format from {}; give --format pdf, html, xlsx, csv, md or json",
                            output.display()
                        ))
                    })?,
            };
            if output.exists() && !force {
                return Err(Fail(format!(
                    "{} already exists (use --force to replace it)",
                    output.display()
                )));
            }
            let m = load_map(&map)?;
            let today = chrono::Local::now().date_naive();
            let opts = throughline_report::Options {
                title,
                function,
                as_of: analysis::resolve_as_of(as_of, &m, today),
                generated: today,
                paper,
            };
            let bytes =
                throughline_report::render(&m, &opts, format).map_err(|e| Fail(e.to_string()))?;
            write_output(Some(&output), &bytes)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Library => {
            let text = serde_json::to_string_pretty(&library::measure_library())
                .expect("library serialises");
            write_output(None, format!("{text}\n").as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Read a map from a map document or a workspace file (read-only, never modified); `-`
/// reads a map document from standard input.
fn load_map(path: &Path) -> Result<throughline_core::Map, Fail> {
    if path != Path::new(STDIN) && is_sqlite_file(path) {
        return read_map_from(path).map_err(|e| Fail(e.to_string()));
    }
    load_map_json(path)
}

/// The MAP argument that means "standard input".
const STDIN: &str = "-";

/// Read and validate a map document (`-`: from standard input); every problem is listed in
/// the error.
fn load_map_json(path: &Path) -> Result<throughline_core::Map, Fail> {
    let text = if path == Path::new(STDIN) {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| Fail(format!("cannot read the map from standard input: {e}")))?;
        text
    } else {
        std::fs::read_to_string(path)
            .map_err(|e| Fail(format!("cannot read {}: {e}", path.display())))?
    };
    format::read_map(&text).map_err(|problems| Fail(problems_text(path, &problems)))
}

fn problems_text(path: &Path, problems: &[Problem]) -> String {
    let what = if path == Path::new(STDIN) {
        "the map on standard input".to_string()
    } else {
        path.display().to_string()
    };
    let mut s = format!(
        "{what} is not a valid map ({} problem{}):",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        s.push_str("\n  ");
        s.push_str(&p.to_string());
    }
    s
}

fn check(path: &Path, as_of: Option<NaiveDate>, fmt: OutputFormat) -> Result<ExitCode, Fail> {
    let map = load_map(path)?;
    let today = chrono::Local::now().date_naive();
    let as_of = analysis::resolve_as_of(as_of, &map, today);
    let org = throughline_core::Org::new(&map);
    let report = analysis::analyse_org(&org, as_of);
    let out = match fmt {
        OutputFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report).expect("report serialises");
            s.push('\n');
            s
        }
        OutputFormat::Text => text::render(&org, &report, as_of),
    };
    write_output(None, out.as_bytes())?;
    Ok(if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_rules(fmt: OutputFormat) {
    let out = match fmt {
        OutputFormat::Json => {
            let list: Vec<serde_json::Value> = rules::REGISTRY
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "default_severity": r.default_severity,
                        "summary": r.summary(),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&list).expect("serialises") + "\n"
        }
        OutputFormat::Text => text::rules_table(),
    };
    let _ = anstream::stdout().write_all(out.as_bytes());
}

fn explain(id: &str) -> Result<ExitCode, Fail> {
    let Some(rule) = rules::rule_by_id(id) else {
        let ids: Vec<&str> = rules::REGISTRY.iter().map(|r| r.id).collect();
        return Err(Fail(format!(
            "no rule \"{id}\"; the rules are: {}",
            ids.join(", ")
        )));
    };
    let out = format!(
        "{} (default severity: {})\n\n{}",
        rule.id,
        rule.default_severity.as_str(),
        rule.doc()
    );
    write_output(None, out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Write to stdout, or to a file atomically (a temporary file beside it, then a rename), so
/// a failed write never leaves a half-written file.
fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), Fail> {
    match path {
        None => {
            let mut out = anstream::stdout();
            match out.write_all(bytes).and_then(|_| out.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`| head`) is the reader's choice, not a failure.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(Fail(format!("cannot write to standard output: {e}"))),
            }
        }
        Some(path) => {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let name = path
                .file_name()
                .ok_or_else(|| Fail(format!("{} is not a file name", path.display())))?;
            let tmp = dir.join(format!(
                ".{}.{}.tmp",
                name.to_string_lossy(),
                std::process::id()
            ));
            let result = (|| {
                let mut f = std::fs::File::create(&tmp)?;
                f.write_all(bytes)?;
                f.sync_all()?;
                std::fs::rename(&tmp, path)
            })();
            result.map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                Fail(format!("cannot write {}: {e}", path.display()))
            })
        }
    }
}
