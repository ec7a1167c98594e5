//! `throughline import`: spreadsheets (or one map document) into a new workspace or into
//! an existing one, as the spreadsheet-import contract says. The files are read here; the
//! import crate plans; the store writes.

use crate::{
    check_target, input_name, load_map_json, read_input, store_fail, write_stdout, Fail, STDIN,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use throughline_core::text::{one_line, printable};
use throughline_core::Map;
use throughline_import::{ChangeSet, ImportOptions};
use throughline_store::{Options, Workspace};

/// Where an import goes.
pub(crate) enum Dest {
    /// A new workspace (`-o`), replaced with `--force`.
    New(PathBuf, bool),
    /// An existing workspace (`--into`).
    Into(PathBuf),
}

/// How many entries of each list the text change set shows.
const TEXT_LIMIT: usize = 50;

fn is_map_document(path: &Path) -> bool {
    path == Path::new(STDIN)
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The file's name without its folder (the snapshot's NAME).
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| input_name(path))
}

fn note(msg: &str) {
    let _ = writeln!(anstream::stderr(), "{}", printable(msg));
}

pub(crate) fn run(
    files: &[PathBuf],
    dest: Dest,
    opts: &ImportOptions,
    dry_run: bool,
    json: bool,
) -> Result<ExitCode, Fail> {
    if files.iter().any(|f| is_map_document(f)) && files.len() > 1 {
        return Err(Fail(
            "a map document (.json or -) is imported on its own, not with other files".into(),
        ));
    }
    if let [single] = files {
        if is_map_document(single) {
            return map_document(single, dest, dry_run, json);
        }
    }
    // Checked (and a workspace being replaced locked) before the input is read.
    let target = match &dest {
        Dest::New(o, force) if !dry_run => Some(check_target(o, *force)?),
        _ => None,
    };
    let mut tables = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        let bytes = read_input(f)?;
        match throughline_import::read_tables(&f.display().to_string(), &bytes) {
            Ok(t) => tables.extend(t),
            Err(p) => problems.push(p),
        }
    }
    // Read-only until there is something to write: an import that changes nothing (or
    // has problems) leaves the file byte for byte as it was.
    let ws = match &dest {
        Dest::Into(path) => Some(Workspace::open(path, Options::read_only()).map_err(store_fail)?),
        Dest::New(..) => None,
    };
    let base = ws
        .as_ref()
        .map(|w| w.map().clone())
        .unwrap_or_else(|| Map::new(""));
    let analysis = throughline_import::analyse(&tables, &base, opts);
    problems.extend(analysis.problems);
    let plan = match analysis.plan {
        Some(p) if problems.is_empty() => p,
        _ => return Err(problems_fail(&problems)),
    };
    print_changes(&plan.changes, opts.remove_missing, json)?;
    if dry_run {
        note("dry run: nothing was written");
        return Ok(ExitCode::SUCCESS);
    }
    let map = &plan.map;
    match (dest, ws, target) {
        (Dest::New(o, _), _, Some(t)) => {
            Workspace::write_new_file(t, map).map_err(store_fail)?;
            note(&format!(
                "created {} ({} people, {} goals)",
                o.display(),
                map.people.len(),
                map.goals.len()
            ));
        }
        (Dest::Into(path), Some(read), _) => {
            if plan.changes.changes_nothing(opts.remove_missing) && read.map() == map {
                note(&format!(
                    "{} already holds what the files say: nothing to import",
                    path.display()
                ));
            } else {
                drop(read);
                let mut ws = Workspace::open(&path, Options::default()).map_err(store_fail)?;
                if ws.map() != &base {
                    return Err(Fail(format!(
                        "{} changed while the files were read; run the import again",
                        path.display()
                    )));
                }
                let name = file_name(&files[0]);
                let label = ws.import_map(map, &name).map_err(store_fail)?;
                ws.close().map_err(store_fail)?;
                note(&format!(
                    "{label} into {}: one undo step; the map as it was is the snapshot “Before import of {name}”",
                    path.display()
                ));
            }
        }
        _ => unreachable!("a new workspace has a checked target"),
    }
    Ok(ExitCode::SUCCESS)
}

/// A map document: `-o` creates a workspace from it (as before); `--into` replaces the
/// workspace's map with it, one edit with a snapshot first.
fn map_document(file: &Path, dest: Dest, dry_run: bool, json: bool) -> Result<ExitCode, Fail> {
    match dest {
        Dest::New(output, force) => {
            let target = if dry_run {
                None
            } else {
                Some(check_target(&output, force)?)
            };
            let m = load_map_json(file)?;
            if let Some(t) = target {
                Workspace::write_new_file(t, &m).map_err(store_fail)?;
                note(&format!(
                    "created {} ({} people, {} goals)",
                    output.display(),
                    m.people.len(),
                    m.goals.len()
                ));
            } else {
                print_changes(&throughline_import::diff(&Map::new(""), &m), false, json)?;
            }
        }
        Dest::Into(path) => {
            let m = load_map_json(file)?;
            let o = if dry_run {
                Options::read_only()
            } else {
                Options::default()
            };
            let mut ws = Workspace::open(&path, o).map_err(store_fail)?;
            print_changes(&throughline_import::diff(ws.map(), &m), true, json)?;
            if !dry_run {
                let name = file_name(file);
                let label = ws.import_map(&m, &name).map_err(store_fail)?;
                ws.close().map_err(store_fail)?;
                note(&format!("{label} into {}: one undo step, snapshot “Before import of {name}” saved first", path.display()));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_changes(c: &ChangeSet, removes: bool, json: bool) -> Result<(), Fail> {
    if json {
        let text = serde_json::to_string_pretty(c).expect("a change set serialises");
        write_stdout(format!("{text}\n").as_bytes())
    } else {
        write_stdout(printable(&c.to_text(removes, TEXT_LIMIT)).as_bytes())
    }
}

/// Every problem, one per line, then how many (the caller exits 2; nothing was written).
fn problems_fail(problems: &[throughline_import::Problem]) -> Fail {
    let mut s = String::new();
    for p in problems {
        s.push_str(&one_line(&p.to_string()));
        s.push('\n');
    }
    let _ = anstream::stderr().write_all(s.as_bytes());
    Fail(format!(
        "{} problem{}; nothing was written",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    ))
}
