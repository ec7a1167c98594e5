//! Reports are typeset by the `throughline` command-line tool in a child process, never in
//! the app. A 10,000-person PDF peaks at about 500 MB and typst is most of the code: in a
//! child process that memory goes back to the system when it exits, a failure cannot take
//! the window (and the workshop) down with it, and the app stays small. The tool reads the
//! very map the app shows on standard input and runs the same engine, so the report's
//! findings are the app's (see ARCHITECTURE.md, "Reports run out of process").

use crate::error::{AppError, AppResult, ErrorCode};
use chrono::NaiveDate;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use throughline_core::report_options::{Format, Paper};

/// A report that takes longer than this is stopped (a 10,000-person PDF takes about
/// 15 s; anything near two minutes is stuck, or too large to be worth the wait).
pub const TIME_LIMIT: Duration = Duration::from_secs(120);

/// How often a running tool is checked for having finished, been cancelled or run out
/// of time.
const POLL: Duration = Duration::from_millis(50);

/// The Cancel flag of the report being written now (the app writes one at a time).
static RUNNING: Mutex<Option<Arc<AtomicBool>>> = Mutex::new(None);

/// A report run that `cancel_report` can stop: registered while it lives.
pub struct Running(Arc<AtomicBool>);

impl Running {
    pub fn start() -> Running {
        let flag = Arc::new(AtomicBool::new(false));
        *RUNNING.lock().expect("running lock") = Some(flag.clone());
        Running(flag)
    }

    pub fn flag(&self) -> &AtomicBool {
        &self.0
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let mut running = RUNNING.lock().expect("running lock");
        if running.as_ref().is_some_and(|f| Arc::ptr_eq(f, &self.0)) {
            *running = None;
        }
    }
}

/// Stop the report being written, if any: the tool is killed and leaves no file; the
/// Export report command then answers `report_cancelled`.
pub fn cancel_report() {
    if let Some(flag) = RUNNING.lock().expect("running lock").as_ref() {
        flag.store(true, Ordering::SeqCst);
    }
}

/// The tool's file name; it is installed beside the app's executable (`cargo build
/// --workspace` puts both in the same target folder).
const TOOL: &str = if cfg!(windows) {
    "throughline.exe"
} else {
    "throughline"
};

/// Where the tool is: beside the app's executable.
pub fn tool_path() -> AppResult<PathBuf> {
    let exe = std::env::current_exe().map_err(|e| {
        AppError::new(
            ErrorCode::ReportToolMissing,
            format!("cannot find the app's own folder: {e}"),
        )
    })?;
    let tool = exe.with_file_name(TOOL);
    if tool.is_file() {
        Ok(tool)
    } else {
        Err(AppError::new(
            ErrorCode::ReportToolMissing,
            format!(
                "Reports are written by Throughline's command-line tool, which should be at {} \
                 but is not there. Reinstall Throughline, or build it with `cargo build --workspace`.",
                tool.display()
            ),
        ))
    }
}

/// What a report is made from, taken from the session when it is asked for
/// ([`crate::Session::report_source`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSource {
    /// The map on screen as a map document.
    pub map_json: String,
    /// The workspace file: its decisions, and a workshop report's snapshot.
    pub workspace: PathBuf,
    pub title: Option<String>,
    pub as_of: NaiveDate,
    /// The file name the save dialog suggests, without its extension.
    pub file_stem: String,
}

impl ReportSource {
    /// The job that writes this report of `request` to `output`.
    pub fn job<'a>(&'a self, request: &'a crate::ReportRequest, output: &'a Path) -> Job<'a> {
        Job {
            map_json: &self.map_json,
            output,
            format: request.format,
            title: self.title.as_deref(),
            function: request
                .function
                .as_deref()
                .filter(|_| request.compare.is_none()),
            as_of: self.as_of,
            paper: request.paper,
            workspace: Some(&self.workspace),
            compare: request.compare,
        }
    }
}

/// One report to write.
pub struct Job<'a> {
    /// The map document (JSON) the report is made from.
    pub map_json: &'a str,
    pub output: &'a Path,
    pub format: Format,
    pub title: Option<&'a str>,
    pub function: Option<&'a str>,
    pub as_of: NaiveDate,
    pub paper: Paper,
    /// The workspace the map is of: the report lists its decisions.
    pub workspace: Option<&'a Path>,
    /// A workshop report: compared with this snapshot of `workspace`.
    pub compare: Option<i64>,
}

/// The tool's arguments for a job. Values go in `--name=value` form so that a title that
/// starts with a dash stays a title.
pub fn arguments(job: &Job) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = vec![
        "report".into(),
        "-".into(),
        "--output".into(),
        job.output.as_os_str().into(),
        format!("--format={}", job.format.extension()).into(),
        format!("--as-of={}", job.as_of).into(),
        format!("--paper={}", job.paper.name()).into(),
        // The save dialog has already asked before replacing a file.
        "--force".into(),
    ];
    if let Some(title) = job.title {
        args.push(format!("--title={title}").into());
    }
    if let Some(function) = job.function {
        args.push(format!("--function={function}").into());
    }
    if let Some(path) = job.workspace {
        let mut arg = std::ffi::OsString::from("--workspace=");
        arg.push(path);
        args.push(arg);
    }
    if let Some(id) = job.compare {
        args.push(format!("--compare={id}").into());
    }
    args
}

/// Write the report with the tool at `tool`; returns the size of the file written. The
/// tool writes atomically, so a failure leaves no partial file. The tool is killed when
/// `cancel` is set or after `limit`; then its temporary file is removed too, so nothing
/// is left, and the error says why (`report_cancelled`, `report_timeout`).
pub fn run(tool: &Path, job: &Job, limit: Duration, cancel: &AtomicBool) -> AppResult<u64> {
    let mut command = Command::new(tool);
    command
        .args(arguments(job))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    #[cfg(windows)]
    {
        // The tool is a console program; the app has no console to lend it.
        use std::os::windows::process::CommandExt;
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        command.creation_flags(CREATE_NO_WINDOW);
    }
    let started = Instant::now();
    let mut child = command.spawn().map_err(|e| {
        AppError::new(
            ErrorCode::ReportFailed,
            format!("cannot start the report tool {}: {e}", tool.display()),
        )
    })?;
    // The map goes in and the messages come out on threads of their own, so that a tool
    // that stops reading, or writes much, can still be stopped.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let map = job.map_json.to_string();
    let feeder = std::thread::spawn(move || stdin.write_all(map.as_bytes()));
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let reader = std::thread::spawn(move || {
        let mut said = Vec::new();
        let _ = stderr.read_to_end(&mut said);
        said
    });
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(AppError::new(
                    ErrorCode::ReportFailed,
                    format!("the report tool did not finish: {e}"),
                ));
            }
        }
        let why = if cancel.load(Ordering::SeqCst) {
            Some(AppError::new(
                ErrorCode::ReportCancelled,
                "The report was cancelled; no file was written.",
            ))
        } else if started.elapsed() >= limit {
            Some(AppError::new(
                ErrorCode::ReportTimeout,
                format!(
                    "The report was stopped after {} s: it was taking too long, and no file \
                     was written. Try HTML or XLSX, or one function.",
                    limit.as_secs()
                ),
            ))
        } else {
            None
        };
        if let Some(err) = why {
            let pid = child.id();
            let _ = child.kill();
            let _ = child.wait();
            let _ = std::fs::remove_file(temporary_file(job.output, pid));
            return Err(err);
        }
        std::thread::sleep(POLL);
    };
    let fed = feeder.join().unwrap_or(Ok(()));
    let said = reader.join().unwrap_or_default();
    if !status.success() {
        let _ = std::fs::remove_file(temporary_file(job.output, child.id()));
        let said = String::from_utf8_lossy(&said);
        let said = said.trim();
        let said = said.strip_prefix("throughline: ").unwrap_or(said);
        return Err(AppError::new(
            ErrorCode::ReportFailed,
            if said.is_empty() {
                stopped(&status)
            } else {
                format!("The report could not be written: {said}")
            },
        ));
    }
    if let Err(e) = fed {
        return Err(AppError::new(
            ErrorCode::ReportFailed,
            format!("cannot pass the map to the report tool: {e}"),
        ));
    }
    std::fs::metadata(job.output).map(|m| m.len()).map_err(|e| {
        AppError::new(
            ErrorCode::ReportFailed,
            format!(
                "the report tool did not write {}: {e}",
                job.output.display()
            ),
        )
    })
}

/// The file the tool writes before renaming it to `output` (crates/throughline-cli:
/// `.NAME.PID.tmp` beside the target).
pub fn temporary_file(output: &Path, pid: u32) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    output.with_file_name(format!(".{name}.{pid}.tmp"))
}

/// Why a tool that said nothing stopped, in words.
fn stopped(status: &std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if status.signal().is_some() {
            return "The report tool was stopped by the system before it finished (a very large \
                    PDF can run out of memory; try HTML or XLSX, or one function)."
                .to_string();
        }
    }
    format!("the report tool stopped ({status})")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn job<'a>(output: &'a Path, title: Option<&'a str>) -> Job<'a> {
        Job {
            map_json: "{\"the\": \"map\"}",
            output,
            format: Format::Pdf,
            title,
            function: Some("sales"),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date"),
            paper: Paper::Letter,
            workspace: None,
            compare: None,
        }
    }

    /// A stand-in for the tool: a shell script, which the test holds alone until it ends.
    /// Tests run on threads of one process: a script written while another test's tool
    /// is being started would be open for writing in that child between its fork and its
    /// exec, and starting the script would then fail with "Text file busy" (ETXTBSY).
    fn fake_tool(dir: &Path, script: &str) -> FakeTool {
        let serial = serial();
        let path = dir.join("fake-throughline");
        std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).expect("write the script");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .expect("make it executable");
        FakeTool {
            path,
            _serial: serial,
        }
    }

    struct FakeTool {
        path: PathBuf,
        _serial: std::sync::MutexGuard<'static, ()>,
    }

    impl std::ops::Deref for FakeTool {
        type Target = Path;
        fn deref(&self) -> &Path {
            &self.path
        }
    }

    /// One test at a time writes and starts tools.
    fn serial() -> std::sync::MutexGuard<'static, ()> {
        static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
        LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    #[test]
    fn arguments_keep_a_title_that_starts_with_a_dash_as_a_value() {
        let out = Path::new("/tmp/r.pdf");
        let args: Vec<String> = arguments(&job(out, Some("--force me")))
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            args,
            [
                "report",
                "-",
                "--output",
                "/tmp/r.pdf",
                "--format=pdf",
                "--as-of=2026-11-28",
                "--paper=letter",
                "--force",
                "--title=--force me",
                "--function=sales",
            ]
        );
    }

    #[test]
    fn the_map_goes_in_on_stdin_and_the_size_written_comes_back() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let out = dir.path().join("r.pdf");
        // Copies its input to the file after --output.
        let tool = fake_tool(dir.path(), "cat > \"$4\"");
        let size = run(&tool, &job(&out, None), TIME_LIMIT, &AtomicBool::new(false))
            .expect("the report is written");
        assert_eq!(
            std::fs::read_to_string(&out).expect("the file"),
            "{\"the\": \"map\"}"
        );
        assert_eq!(size, 14);
    }

    #[test]
    fn a_failing_tool_gives_its_own_message_and_no_file() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let out = dir.path().join("r.pdf");
        let tool = fake_tool(
            dir.path(),
            "echo 'throughline: no function \"sales\"; the functions are: none' >&2; exit 2",
        );
        let err = run(&tool, &job(&out, None), TIME_LIMIT, &AtomicBool::new(false))
            .expect_err("the tool failed");
        assert_eq!(err.code, ErrorCode::ReportFailed);
        assert_eq!(
            err.message,
            "The report could not be written: no function \"sales\"; the functions are: none"
        );
        assert!(!out.exists());
    }

    #[test]
    fn a_tool_killed_by_the_system_is_explained() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let out = dir.path().join("r.pdf");
        let tool = fake_tool(dir.path(), "cat > /dev/null; kill -9 $$");
        let err = run(&tool, &job(&out, None), TIME_LIMIT, &AtomicBool::new(false))
            .expect_err("the tool was killed");
        assert_eq!(err.code, ErrorCode::ReportFailed);
        assert!(
            err.message.contains("stopped by the system"),
            "{}",
            err.message
        );
        assert!(!out.exists());
    }

    #[test]
    fn a_tool_that_cannot_start_is_named() {
        let _serial = serial();
        let dir = tempfile::tempdir().expect("a temp dir");
        let out = dir.path().join("r.pdf");
        let err = run(
            &dir.path().join("missing"),
            &job(&out, None),
            TIME_LIMIT,
            &AtomicBool::new(false),
        )
        .expect_err("no tool");
        assert_eq!(err.code, ErrorCode::ReportFailed);
        assert!(
            err.message.contains("cannot start the report tool"),
            "{}",
            err.message
        );
        assert!(err.message.contains("missing"), "{}", err.message);
    }

    /// Like the real tool: reads the map, writes `.NAME.PID.tmp` beside the target, then
    /// hangs (as it did on "Zalgo" text) before it can rename it.
    const HANGING: &str = "cat > /dev/null; dir=$(dirname \"$4\"); name=$(basename \"$4\"); \
                           echo partial > \"$dir/.$name.$$.tmp\"; exec sleep 600";

    #[test]
    fn a_tool_that_takes_too_long_is_stopped_and_leaves_no_file() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let out = dir.path().join("r.pdf");
        let tool = fake_tool(dir.path(), HANGING);
        let started = Instant::now();
        let err = run(
            &tool,
            &job(&out, None),
            Duration::from_secs(1),
            &AtomicBool::new(false),
        )
        .expect_err("stopped");
        assert!(started.elapsed() < Duration::from_secs(30));
        assert_eq!(err.code, ErrorCode::ReportTimeout);
        assert!(
            err.message.starts_with("The report was stopped after 1 s"),
            "{}",
            err.message
        );
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("the dir")
            .map(|e| e.expect("an entry").file_name())
            .filter(|n| n != "fake-throughline")
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }

    #[test]
    fn cancel_stops_the_tool_and_leaves_no_file() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let out = dir.path().join("r.pdf");
        let tool = fake_tool(dir.path(), HANGING);
        let running = Running::start();
        let flag = running.0.clone();
        let canceller = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(500));
            cancel_report();
            flag
        });
        let err = run(&tool, &job(&out, None), TIME_LIMIT, running.flag()).expect_err("cancelled");
        assert!(canceller.join().expect("joined").load(Ordering::SeqCst));
        assert_eq!(err.code, ErrorCode::ReportCancelled);
        assert_eq!(
            err.message,
            "The report was cancelled; no file was written."
        );
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("the dir")
            .map(|e| e.expect("an entry").file_name())
            .filter(|n| n != "fake-throughline")
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
        drop(running);
        assert!(RUNNING.lock().expect("lock").is_none());
    }

    #[test]
    fn the_temporary_file_is_named_as_the_tool_names_it() {
        assert_eq!(
            temporary_file(Path::new("/tmp/Acme report.pdf"), 42),
            Path::new("/tmp/.Acme report.pdf.42.tmp")
        );
    }
}
