//! `throughline`: the command line of Throughline.
//!
//! A thin shell: it reads files, calls `throughline-core`, prints, and maps outcomes to the
//! contract's exit codes (0 clean, 1 error findings, 2 invalid input or misuse).

mod import;
mod text;

/// mimalloc instead of the system allocator: a 100,000-person re-import spent a quarter of
/// its time in glibc's malloc and free (ARCHITECTURE.md, "The allocator").
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use import::Dest;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use throughline_core::org::IdIndex;
use throughline_core::text::{one_line, printable};
use throughline_core::{analysis, format, gen, library, rules, Problem};
use throughline_import::{ColumnOverride, DateOrder, ImportOptions};
use throughline_report::{Format, Paper};
use throughline_store::{
    is_sqlite_file, read_map_indexed_from, Options, StoreError, Target, Workspace, SQLITE_HEADER,
};

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
    /// Compare two states of an organisation: the alignment index, the findings resolved
    /// and new, what was added, removed, moved or re-linked.
    Compare {
        /// The map before: a map document (JSON) or a workspace file (its current state);
        /// with --from, the workspace whose snapshots are compared.
        #[arg(value_name = "BEFORE|ORG.throughline")]
        before: PathBuf,
        /// The map after: a map document (JSON) or a workspace file (its current state).
        #[arg(required_unless_present = "from", conflicts_with = "from")]
        after: Option<PathBuf>,
        /// The snapshot to compare from (its name or id, see `throughline snapshots`).
        #[arg(long, value_name = "SNAPSHOT")]
        from: Option<String>,
        /// The snapshot to compare to (default: the workspace's current state).
        #[arg(long, value_name = "SNAPSHOT")]
        to: Option<String>,
        /// The date both sides are checked as of (default: AFTER's settings.as_of, else
        /// today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
        as_of: Option<NaiveDate>,
        /// Output for people (text) or for programs (json).
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Create a workspace from spreadsheets (people and goals) or a map document, or
    /// import them into a workspace as one undoable edit.
    Import {
        /// Spreadsheets (.csv, .tsv, .txt, .xlsx, .xlsm, .xls, .ods), or one map document
        /// (JSON; - reads it from standard input).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The workspace file to create.
        #[arg(
            short,
            long,
            value_name = "NEW.throughline",
            required_unless_present = "into",
            conflicts_with = "into"
        )]
        output: Option<PathBuf>,
        /// The workspace to import into (one edit, a snapshot saved first).
        #[arg(long, value_name = "ORG.throughline")]
        into: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        /// Report the change set and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Delete people, units and goals the files no longer mention (refused, with the
        /// reason, for those still needed).
        #[arg(long)]
        remove_missing: bool,
        /// The change set for people (text) or for programs (json).
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// The organisation's name (default: the workspace's, else the first file's name).
        #[arg(long, value_name = "NAME")]
        organisation: Option<String>,
        /// Map a header to a field (FIELD=HEADER), or ignore it (HEADER=ignore). Repeatable.
        #[arg(long = "column", value_name = "FIELD=HEADER")]
        columns: Vec<String>,
        /// The unit level columns, top first (instead of Division, Department, Team...).
        #[arg(long, value_name = "H1,H2,...", value_delimiter = ',')]
        levels: Option<Vec<String>>,
        /// How dates written A/B/Y are read: dmy or mdy (default: inferred per column).
        #[arg(long, value_parser = parse_date_order)]
        date_order: Option<DateOrder>,
        /// A comma is the decimal separator of targets (1.234,5).
        #[arg(long)]
        decimal_comma: bool,
    },
    /// Write a workspace (or one of its snapshots) as a map document (.json) or as a
    /// spreadsheet with People and Goals sheets (.xlsx).
    Export {
        /// The workspace file.
        workspace: PathBuf,
        /// The file to write: MAP.json, or FILE.xlsx (People and Goals sheets).
        #[arg(short, long, value_name = "FILE")]
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
        /// An organisation where alignment mostly breaks (most goals imposed, unagreed or
        /// orphaned; at least five findings a person), as benchmarks need.
        #[arg(long)]
        messy: bool,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
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
        /// Write the workshop report instead: what changed since this snapshot of the
        /// workspace (its name or id, see `throughline snapshots`): the index before and
        /// after, findings resolved and new, decisions, targets agreed, the changes and the
        /// map marked. PDF, HTML or Markdown.
        #[arg(long, value_name = "SNAPSHOT")]
        compare: Option<String>,
        /// The workspace whose decisions (and, with --compare, snapshots) the report uses
        /// when MAP is a map document or standard input (how the app passes what it shows).
        #[arg(long, value_name = "ORG.throughline")]
        workspace: Option<PathBuf>,
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

fn parse_date_order(s: &str) -> Result<DateOrder, String> {
    DateOrder::parse(s).ok_or_else(|| format!("\"{s}\" is not dmy or mdy"))
}

fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    format::parse_date(s).ok_or_else(|| format!("\"{s}\" is not a date as YYYY-MM-DD"))
}

/// A failure that ends the command with exit status 2.
pub(crate) struct Fail(pub(crate) String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Fail(msg)) => {
            // Messages quote file names and user text: nothing in them may act on a terminal.
            let _ = writeln!(anstream::stderr(), "throughline: {}", printable(&msg));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Fail> {
    match cli.command {
        Command::Check { map, as_of, format } => check(&map, as_of, format),
        Command::Compare {
            before,
            after,
            from,
            to,
            as_of,
            format,
        } => {
            let (b, a) = match (after, from) {
                (Some(_), None) if to.is_some() => {
                    return Err(Fail(
                        "--to needs --from: throughline compare ORG.throughline --from SNAPSHOT --to SNAPSHOT".into(),
                    ))
                }
                (Some(after), None) => load_two(&before, &after)?,
                (None, Some(from)) => load_snapshots(&before, &from, to.as_deref())?,
                _ => {
                    return Err(Fail(
                        "give BEFORE AFTER, or ORG.throughline --from SNAPSHOT".into(),
                    ))
                }
            };
            compare(b, a, as_of, format)
        }
        Command::Import {
            files,
            output,
            into,
            force,
            dry_run,
            remove_missing,
            format,
            organisation,
            columns,
            levels,
            date_order,
            decimal_comma,
        } => {
            let columns = columns
                .iter()
                .map(|c| ColumnOverride::parse(c))
                .collect::<Result<Vec<_>, _>>()
                .map_err(Fail)?;
            let opts = ImportOptions {
                organisation,
                columns,
                levels,
                date_order,
                decimal_comma,
                remove_missing,
            };
            let dest = match (output, into) {
                (Some(o), _) => Dest::New(o, force),
                (None, Some(i)) => Dest::Into(i),
                (None, None) => {
                    return Err(Fail(
                        "give -o NEW.throughline or --into ORG.throughline".into(),
                    ))
                }
            };
            import::run(&files, dest, &opts, dry_run, format == OutputFormat::Json)
        }
        Command::Export {
            workspace,
            output,
            snapshot,
            force,
        } => {
            let target = check_target(&output, force)?;
            let ws = Workspace::open(&workspace, Options::read_only()).map_err(store_fail)?;
            let map = match snapshot {
                Some(id) => ws.snapshot_map(id).map_err(store_fail)?,
                None => ws.map().clone(),
            };
            let xlsx = output
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            let bytes = if xlsx {
                // The workspace's decisions in a sheet of their own (the import skips it).
                let decisions: Vec<throughline_import::DecisionRow> =
                    report_decisions(&ws, &map, None)?
                        .0
                        .into_iter()
                        .map(|d| throughline_import::DecisionRow {
                            date: d.date,
                            statement: d.statement,
                            rationale: d.rationale,
                            taken_by: d.people,
                            concerns: d.concerns,
                        })
                        .collect();
                throughline_import::export_xlsx_with_decisions(&map, &decisions)
            } else {
                format::write_map(&map).into_bytes()
            };
            target.write(&bytes).map_err(store_fail)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Snapshots { workspace } => {
            let ws = Workspace::open(&workspace, Options::read_only()).map_err(store_fail)?;
            let list = ws.snapshots().map_err(store_fail)?;
            let mut out = String::new();
            for s in &list {
                out.push_str(&format!(
                    "{:>4}  {}  {}{}\n",
                    s.id,
                    one_line(&s.created_at),
                    one_line(&s.name),
                    if s.auto { "  (automatic)" } else { "" }
                ));
            }
            if list.is_empty() {
                out.push_str("no snapshots\n");
            }
            write_stdout(out.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { format } => {
            write_stdout(print_rules(format).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { rule } => explain(&rule),
        Command::Gen {
            people,
            seed,
            messy,
            output,
            force,
        } => {
            let target = output.map(|o| check_target(&o, force)).transpose()?;
            let mut opts = gen::GenOptions::new(people, seed);
            opts.messy = messy;
            let map = gen::generate(&opts);
            let text = format::write_map(&map);
            match target {
                Some(t) => t.write(text.as_bytes()).map_err(store_fail)?,
                None => write_stdout(text.as_bytes())?,
            }
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
            compare,
            workspace,
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
            if compare.is_some() && !matches!(format, Format::Pdf | Format::Html | Format::Md) {
                return Err(Fail(
                    throughline_report::ReportError::WorkshopFormat(format).to_string(),
                ));
            }
            if compare.is_some() && function.is_some() {
                return Err(Fail(
                    "--function narrows the alignment report; a workshop report (--compare) covers the whole organisation".into(),
                ));
            }
            // Held while the report is made: see Import.
            let target = check_target(&output, force)?;
            let (m, ws) = load_with_workspace(&map, workspace.as_deref(), compare.is_some())?;
            let today = chrono::Local::now().date_naive();
            let as_of = analysis::resolve_as_of(as_of, &m, today);
            let bytes = match compare {
                Some(snapshot) => {
                    let ws = ws.expect("--compare has a workspace");
                    workshop_report(&ws, &snapshot, m, as_of, today, title, paper, format)?
                }
                None => {
                    let decisions = match &ws {
                        Some(ws) => report_decisions(ws, &m, None)?.0,
                        None => Vec::new(),
                    };
                    let opts = throughline_report::Options {
                        title,
                        function,
                        as_of,
                        generated: today,
                        paper,
                    };
                    throughline_report::render_with_decisions(m, &opts, &decisions, format)
                        .map_err(|e| Fail(e.to_string()))?
                }
            };
            target.write(&bytes).map_err(store_fail)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Library => {
            let text = serde_json::to_string_pretty(&library::measure_library())
                .expect("library serialises");
            write_stdout(format!("{text}\n").as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The report's map and, when there is one, the workspace it belongs to (opened
/// read-only, never modified): MAP itself when it is a workspace file, else `--workspace`.
/// `--compare` needs one.
fn load_with_workspace(
    map: &Path,
    workspace: Option<&Path>,
    compare: bool,
) -> Result<(throughline_core::Map, Option<Workspace>), Fail> {
    let map_is_workspace = map != Path::new(STDIN)
        && std::fs::metadata(map).is_ok_and(|m| m.is_file())
        && (is_sqlite_file(map) || is_workspace_name(map));
    match (map_is_workspace, workspace) {
        (true, Some(_)) => Err(Fail(format!(
            "{} is a workspace already: --workspace is for a map document or a map on standard input",
            map.display()
        ))),
        (true, None) => {
            let ws = Workspace::open(map, Options::read_only()).map_err(store_fail)?;
            Ok((ws.map().clone(), Some(ws)))
        }
        (false, Some(w)) => {
            if !is_sqlite_file(w) && std::fs::metadata(w).is_ok() {
                return Err(Fail(format!(
                    "{} is not a workspace file (.throughline)",
                    w.display()
                )));
            }
            let ws = Workspace::open(w, Options::read_only()).map_err(store_fail)?;
            Ok((load_map(map)?, Some(ws)))
        }
        (false, None) if compare => Err(Fail(format!(
            "--compare compares a workspace with one of its snapshots, and {} is not a workspace: give ORG.throughline (or --workspace ORG.throughline with the map)",
            input_name(map)
        ))),
        (false, None) => Ok((load_map(map)?, None)),
    }
}

/// A name in `map` by id (a goal's title), for the few ids a decision names.
fn name_in<'m>(map: &'m throughline_core::Map, id: &str) -> Option<&'m str> {
    map.goals
        .iter()
        .find(|g| g.id == id)
        .map(|g| g.title.as_str())
        .or_else(|| {
            map.people
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.name.as_str())
        })
        .or_else(|| {
            map.units
                .iter()
                .find(|u| u.id == id)
                .map(|u| u.name.as_str())
        })
        .or_else(|| {
            map.values
                .iter()
                .find(|v| v.id == id)
                .map(|v| v.name.as_str())
        })
        .or_else(|| {
            map.measures
                .iter()
                .find(|m| m.id == id)
                .map(|m| m.name.as_str())
        })
}

/// The workspace's decisions as the report lists them (names, no ids; a person or goal
/// no longer in `map` by the name the decision kept), newest first: those of the period
/// since `since` (a snapshot's `created_at`, see `workshop::in_period`) when given, else
/// all; and how many were left out.
fn report_decisions(
    ws: &Workspace,
    map: &throughline_core::Map,
    since: Option<&str>,
) -> Result<(Vec<throughline_report::workshop::Decision>, usize), Fail> {
    use throughline_report::workshop::{in_period, Decision};
    let all = ws.decisions().map_err(store_fail)?;
    let total = all.len();
    let name_now = |id: &str| name_in(map, id).map(str::to_string);
    let listed: Vec<Decision> = all
        .into_iter()
        .filter(|d| since.is_none_or(|s| in_period(&d.date, &d.created_at, s)))
        .map(|d| Decision {
            people: d.people_named(&name_now),
            concerns: d.concerns_named(&name_now),
            date: d.date,
            statement: d.statement,
            rationale: d.rationale,
        })
        .collect();
    let left_out = total - listed.len();
    Ok((listed, left_out))
}

/// The workshop report: the snapshot named `snapshot` (by id or name, as `compare --from`
/// finds it) before, `after` (the workspace's map, or the map the app shows) after.
#[allow(clippy::too_many_arguments)]
fn workshop_report(
    ws: &Workspace,
    snapshot: &str,
    after: throughline_core::Map,
    as_of: NaiveDate,
    today: NaiveDate,
    title: Option<String>,
    paper: Paper,
    format: Format,
) -> Result<Vec<u8>, Fail> {
    let list = ws.snapshots().map_err(store_fail)?;
    let id = find_snapshot(ws.path(), &list, snapshot)?;
    let info = list
        .iter()
        .find(|s| s.id == id)
        .expect("find_snapshot gives a listed id");
    let before = ws
        .snapshot_map(id)
        .map_err(|e| Fail(format!("{}: {e}", ws.path().display())))?;
    let (decisions, earlier) = report_decisions(ws, &after, Some(&info.created_at))?;
    // The agreement steps (catchball) of the same period.
    let agreements = ws
        .all_agreements()
        .map_err(store_fail)?
        .into_iter()
        .filter(|a| {
            throughline_report::workshop::in_period(&a.date, &a.created_at, &info.created_at)
        })
        .collect();
    let opts = throughline_report::workshop::WorkshopOptions {
        title,
        snapshot: info.name.clone(),
        snapshot_saved: info
            .created_at
            .get(..10)
            .unwrap_or(&info.created_at)
            .to_string(),
        decisions,
        earlier_decisions: earlier,
        agreements,
        generated: today,
        paper,
    };
    throughline_report::render_workshop(before, after, as_of, &opts, format)
        .map_err(|e| Fail(e.to_string()))
}

/// A store failure, with the CLI's hint where one helps.
pub(crate) fn store_fail(e: StoreError) -> Fail {
    match e {
        StoreError::Exists(path) => Fail(format!(
            "{} already exists (use --force to replace it)",
            path.display()
        )),
        e => Fail(e.to_string()),
    }
}

/// Check an output path before any work is done for it (see `throughline_store::files`).
pub(crate) fn check_target(path: &Path, force: bool) -> Result<Target, Fail> {
    Target::check(path, force).map_err(store_fail)
}

/// Read a map from a map document or a workspace file (read-only, never modified); `-`
/// reads a map document from standard input. A pipe, a FIFO or `<(…)` is read once into a
/// buffer and recognised from it (never read twice).
fn load_map(path: &Path) -> Result<throughline_core::Map, Fail> {
    load_map_indexed(path).map(|(map, _)| map)
}

/// [`load_map`], and the index of the map's ids validation built (what the `Org` keeps).
fn load_map_indexed(path: &Path) -> Result<(throughline_core::Map, IdIndex), Fail> {
    let regular = path != Path::new(STDIN) && std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if regular && (is_sqlite_file(path) || is_workspace_name(path)) {
        return read_map_indexed_from(path).map_err(store_fail);
    }
    let bytes = read_input(path)?;
    if bytes.starts_with(SQLITE_HEADER) {
        return Err(Fail(format!(
            "{} is a workspace file arriving through a pipe; give the workspace's own path instead",
            input_name(path)
        )));
    }
    map_from_bytes_indexed(path, &bytes)
}

/// A `.throughline` name: read as a workspace, so a file that is not one says so (instead of
/// "not valid JSON").
fn is_workspace_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("throughline"))
}

/// The MAP argument that means "standard input".
pub(crate) const STDIN: &str = "-";

pub(crate) fn input_name(path: &Path) -> String {
    if path == Path::new(STDIN) {
        "the map on standard input".to_string()
    } else {
        path.display().to_string()
    }
}

/// All of the input's bytes, read once; the error names the real cause.
pub(crate) fn read_input(path: &Path) -> Result<Vec<u8>, Fail> {
    let mut bytes = Vec::new();
    let r = if path == Path::new(STDIN) {
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut f| std::io::Read::read_to_end(&mut f, &mut bytes))
    };
    r.map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "it does not exist".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            std::io::ErrorKind::IsADirectory => "it is a folder".to_string(),
            _ => e.to_string(),
        };
        Fail(format!("cannot read {}: {why}", input_name(path)))
    })?;
    Ok(bytes)
}

/// Decode a map document's bytes: UTF-8 (a UTF-8 byte-order mark is skipped); an empty
/// input, UTF-16 or any other encoding is named as such.
fn map_from_bytes(path: &Path, bytes: &[u8]) -> Result<throughline_core::Map, Fail> {
    map_from_bytes_indexed(path, bytes).map(|(map, _)| map)
}

/// [`map_from_bytes`], and the index of the map's ids validation built.
fn map_from_bytes_indexed(
    path: &Path,
    bytes: &[u8],
) -> Result<(throughline_core::Map, IdIndex), Fail> {
    let what = input_name(path);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Fail(format!(
            "{what} is empty{}: a map document is a JSON object",
            if bytes.is_empty() {
                " (0 bytes)"
            } else {
                " (only whitespace)"
            }
        )));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Fail(format!(
            "{what} is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8"
        )));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(body).map_err(|e| {
        let at = e.valid_up_to();
        let line = body[..at].iter().filter(|b| **b == b'\n').count() + 1;
        Fail(format!(
            "{what} is not UTF-8 text: byte 0x{:02X} at line {line} (byte {}) is not valid UTF-8; save it as UTF-8",
            body[at],
            at + 1 + (bytes.len() - body.len())
        ))
    })?;
    format::read_map_indexed(text).map_err(|problems| Fail(problems_text(path, &problems)))
}

/// Read and validate a map document (`-`: from standard input); every problem is listed in
/// the error.
pub(crate) fn load_map_json(path: &Path) -> Result<throughline_core::Map, Fail> {
    let bytes = read_input(path)?;
    if bytes.starts_with(SQLITE_HEADER) {
        return Err(Fail(format!(
            "{} is a workspace, not a map document; export it first (throughline export)",
            input_name(path)
        )));
    }
    map_from_bytes(path, &bytes)
}

fn problems_text(path: &Path, problems: &[Problem]) -> String {
    let what = input_name(path);
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
    let (map, ids) = load_map_indexed(path)?;
    let today = chrono::Local::now().date_naive();
    let as_of = analysis::resolve_as_of(as_of, &map, today);
    let org = throughline_core::Org::with_ids(map.into(), ids);
    let analysis = analysis::run(&org, as_of);
    match fmt {
        // Streamed: a messy 100,000-person organisation has 300 MB of findings, each
        // message written as it goes out, never all held at once.
        OutputFormat::Json => write_json(&analysis.report_json(&org))?,
        OutputFormat::Text => {
            let report = analysis.report(&org);
            write_stdout(text::render(&org, &analysis, &report, as_of).as_bytes())?
        }
    }
    Ok(if analysis.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// BEFORE and AFTER, each a map document or a workspace, read side by side on two threads;
/// when both are invalid, both are named.
fn load_two(
    before: &Path,
    after: &Path,
) -> Result<(throughline_core::Map, throughline_core::Map), Fail> {
    if before == Path::new(STDIN) && after == Path::new(STDIN) {
        return Err(Fail(
            "BEFORE and AFTER cannot both be - (standard input is read once)".into(),
        ));
    }
    let (b, a) = std::thread::scope(|s| {
        let b = s.spawn(|| load_map(before));
        let a = load_map(after);
        (b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), a)
    });
    match (b, a) {
        (Ok(b), Ok(a)) => Ok((b, a)),
        (Err(e), Ok(_)) | (Ok(_), Err(e)) => Err(e),
        (Err(Fail(b)), Err(Fail(a))) => Err(Fail(format!("{b}\nthroughline: {a}"))),
    }
}

/// Two states of one workspace: snapshot FROM, and snapshot TO or the current state.
fn load_snapshots(
    path: &Path,
    from: &str,
    to: Option<&str>,
) -> Result<(throughline_core::Map, throughline_core::Map), Fail> {
    if path == Path::new(STDIN) || !is_sqlite_file(path) && std::fs::metadata(path).is_ok() {
        return Err(Fail(format!(
            "{} is not a workspace file: --from compares the snapshots of a workspace (.throughline); to compare two map documents, give both: throughline compare BEFORE AFTER",
            input_name(path)
        )));
    }
    let ws = Workspace::open(path, Options::read_only()).map_err(store_fail)?;
    let list = ws.snapshots().map_err(store_fail)?;
    let snapshot = |arg: &str| -> Result<throughline_core::Map, Fail> {
        let id = find_snapshot(path, &list, arg)?;
        ws.snapshot_map(id)
            .map_err(|e| Fail(format!("{}: {e}", path.display())))
    };
    let before = snapshot(from)?;
    let after = match to {
        Some(to) => snapshot(to)?,
        None => ws.map().clone(),
    };
    Ok((before, after))
}

/// A snapshot by id or name: text that is all digits and the id of a snapshot is that
/// snapshot; otherwise the snapshot of that exact name (an error naming the ids when
/// several share it).
fn find_snapshot(
    path: &Path,
    list: &[throughline_store::SnapshotInfo],
    arg: &str,
) -> Result<i64, Fail> {
    if let Ok(id) = arg.parse::<i64>() {
        if arg.bytes().all(|b| b.is_ascii_digit()) && list.iter().any(|s| s.id == id) {
            return Ok(id);
        }
    }
    let named: Vec<&throughline_store::SnapshotInfo> =
        list.iter().filter(|s| s.name == arg.trim()).collect();
    match named.as_slice() {
        [one] => Ok(one.id),
        [] => Err(Fail(format!(
            "{} has no snapshot \"{}\" (by id or name); {}",
            path.display(),
            one_line(arg),
            if list.is_empty() {
                "it has no snapshots".to_string()
            } else {
                format!(
                    "its snapshots are: {}",
                    list.iter()
                        .map(|s| format!("{} \"{}\"", s.id, one_line(&s.name)))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ))),
        many => Err(Fail(format!(
            "{} has {} snapshots named \"{}\" (ids {}); give the id",
            path.display(),
            many.len(),
            one_line(arg),
            many.iter()
                .map(|s| s.id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn compare(
    before: throughline_core::Map,
    after: throughline_core::Map,
    as_of: Option<NaiveDate>,
    fmt: OutputFormat,
) -> Result<ExitCode, Fail> {
    use throughline_core::compare;
    let today = chrono::Local::now().date_naive();
    let as_of = analysis::resolve_as_of(as_of, &after, today);
    let (b, a) = compare::analyse_both(before, after, as_of);
    let c = compare::compare_sides(b.side(), a.side());
    match fmt {
        OutputFormat::Json => write_json(&c)?,
        OutputFormat::Text => write_stdout(compare::text(&c, b.side(), a.side()).as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn print_rules(fmt: OutputFormat) -> String {
    match fmt {
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
    }
}

fn explain(id: &str) -> Result<ExitCode, Fail> {
    let Some(rule) = rules::rule_by_id(id) else {
        let ids: Vec<&str> = rules::REGISTRY.iter().map(|r| r.id).collect();
        return Err(Fail(format!(
            "no rule \"{}\"; the rules are: {}",
            one_line(id),
            ids.join(", ")
        )));
    };
    let out = format!(
        "{} (default severity: {})\n\n{}",
        rule.id,
        rule.default_severity.as_str(),
        rule.doc()
    );
    write_stdout(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Pretty JSON to standard output, written as it is made, made inert for a terminal
/// ([`TerminalSafe`]).
fn write_json(value: &impl serde::Serialize) -> Result<(), Fail> {
    stream_stdout(|w| {
        let mut safe = TerminalSafe::new(w);
        // The JSON writer makes many small writes; the filter sees them in large blocks.
        let mut w = std::io::BufWriter::with_capacity(1 << 16, &mut safe);
        serde_json::to_writer_pretty(&mut w, value).map_err(std::io::Error::other)?;
        w.write_all(b"\n")?;
        w.flush()?;
        drop(w);
        safe.finish()
    })
}

/// Write to standard output. A failed write (a full disk, a closed terminal) exits 2; a
/// closed pipe (`| head`) is the reader's choice, not a failure.
/// Write to standard output through a buffer; a reader that went away is no failure.
fn stream_stdout(
    f: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Fail> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match f(&mut out).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Fail(format!("cannot write to standard output: {e}"))),
    }
}

/// JSON written as it is made, with DEL and the C1 controls (which JSON lets through raw,
/// and some terminals act on) as `\u` escapes: the same JSON value, inert on a terminal
/// In UTF-8 a C1 control is 0xC2 then
/// 0x80..=0x9F, and 0xC2 is only ever a lead byte, so a byte filter is exact; a 0xC2 at
/// the end of one write waits for the next.
struct TerminalSafe<'w> {
    inner: &'w mut dyn std::io::Write,
    lead: bool,
}

impl<'w> TerminalSafe<'w> {
    fn new(inner: &'w mut dyn std::io::Write) -> Self {
        TerminalSafe { inner, lead: false }
    }

    fn finish(mut self) -> std::io::Result<()> {
        if std::mem::take(&mut self.lead) {
            self.inner.write_all(&[0xC2])?;
        }
        Ok(())
    }
}

impl std::io::Write for TerminalSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            if std::mem::take(&mut self.lead) {
                if (0x80..=0x9F).contains(&rest[0]) {
                    write!(self.inner, "\\u{:04x}", rest[0])?;
                    rest = &rest[1..];
                    continue;
                }
                self.inner.write_all(&[0xC2])?;
            }
            // Runs of ordinary bytes go through in one write.
            let Some(i) = rest.iter().position(|&b| b == 0x7F || b == 0xC2) else {
                self.inner.write_all(rest)?;
                break;
            };
            self.inner.write_all(&rest[..i])?;
            if rest[i] == 0x7F {
                self.inner.write_all(b"\\u007f")?;
            } else {
                self.lead = true;
            }
            rest = &rest[i + 1..];
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), Fail> {
    let mut out = anstream::stdout();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Fail(format!("cannot write to standard output: {e}"))),
    }
}

#[cfg(test)]
mod terminal_safe_tests {
    use super::TerminalSafe;
    use std::io::Write;

    /// The reference: the whole string, char by char.
    // JSON text with DEL and the C1 controls (which JSON lets through raw, and some terminals
    // act on) written as `\u` escapes: the same JSON value, inert on a terminal.
    fn json_for_terminal(s: String) -> String {
        if !s.chars().any(|c| ('\u{7f}'..='\u{9f}').contains(&c)) {
            return s;
        }
        let mut out = String::with_capacity(s.len() + 16);
        for c in s.chars() {
            if ('\u{7f}'..='\u{9f}').contains(&c) {
                out.push_str(&format!("\\u{:04x}", c as u32));
            } else {
                out.push(c);
            }
        }
        out
    }

    /// The streamed filter writes what the whole-string one does, however the JSON is cut
    /// into writes.
    #[test]
    fn streaming_escapes_like_the_whole_string_filter() {
        let text = "plain \u{7f} é \u{85}\u{9f}\u{a0} ü\u{80}\u{c2}x \u{1b}";
        let json = serde_json::to_string(text).expect("json");
        let expected = json_for_terminal(json.clone());
        for cut in 1..json.len() {
            let mut out: Vec<u8> = Vec::new();
            let mut w = TerminalSafe::new(&mut out);
            for part in json.as_bytes().chunks(cut) {
                w.write_all(part).expect("write");
            }
            w.finish().expect("finish");
            assert_eq!(
                String::from_utf8(out).expect("utf-8"),
                expected,
                "cut {cut}"
            );
        }
        let back: String = serde_json::from_str(&expected).expect("still JSON");
        assert_eq!(back, text);
    }
}

#[cfg(test)]
mod tests {
    use super::TerminalSafe;
    use std::io::Write;

    fn filtered(chunks: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut safe = TerminalSafe::new(&mut out);
        for c in chunks {
            safe.write_all(c).unwrap();
        }
        safe.finish().unwrap();
        out
    }

    /// DEL and C1 controls become `\u` escapes wherever the writes split them; every other
    /// byte (a 0xC2 leading a printable character included) goes through as it is.
    #[test]
    fn the_terminal_filter_is_exact_across_split_writes() {
        let input = "a\u{7f}b\u{9b}31m é\u{a0}x\u{85}".as_bytes();
        let want = b"a\\u007fb\\u009b31m \xc3\xa9\xc2\xa0x\\u0085".to_vec();
        assert_eq!(filtered(&[input]), want);
        for i in 0..=input.len() {
            assert_eq!(filtered(&[&input[..i], &input[i..]]), want, "split at {i}");
        }
        assert_eq!(filtered(&[b"end\xc2"]), b"end\xc2");
    }
}
