//! Trust in the workspace file (issue "a workspace is a document"): no writer replaces a
//! file another process holds; a hostile workspace opens nowhere (clear refusal, exit 2,
//! the file byte-for-byte unchanged, never a panic); SQL stored in a file never runs; and
//! the input and output edges of the CLI.

use crate::util::*;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;
use throughline_core::format::read_map;
use throughline_core::model::*;
use throughline_store::{Edit, Options, Workspace};

fn acme() -> Map {
    read_map(&std::fs::read_to_string(fixture("acme.json")).unwrap()).unwrap()
}

fn acme_ws(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    Workspace::create_file(&path, &acme(), false).unwrap();
    path
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A child process (this test binary) that opens the workspace for writing, makes `n`
/// edits (each acknowledged on stdout as "committed i"), then prints "open" and holds it.
struct Holder {
    child: std::process::Child,
    committed: Vec<usize>,
}

impl Holder {
    fn start(file: &Path, edits: usize) -> Holder {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "trust::holder_process",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("THROUGHLINE_HOLD_FILE", file)
            .env("THROUGHLINE_HOLD_EDITS", edits.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut committed = Vec::new();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        loop {
            let line = lines.next().expect("holder output").unwrap();
            if line == "open" {
                break;
            }
            if let Some(i) = line.strip_prefix("committed ") {
                committed.push(i.parse().unwrap());
            }
        }
        Holder { child, committed }
    }

    fn stop(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

#[test]
#[ignore = "run as a child process by other tests"]
fn holder_process() {
    let Ok(file) = std::env::var("THROUGHLINE_HOLD_FILE") else {
        return;
    };
    let edits: usize = std::env::var("THROUGHLINE_HOLD_EDITS")
        .unwrap()
        .parse()
        .unwrap();
    let mut ws = Workspace::open(&file, Options::default()).expect("holder opens");
    let mut out = std::io::stdout();
    writeln!(out).unwrap();
    for i in 0..edits {
        let mut goal = ws.map().goals[0].clone();
        goal.title = format!("Edited {i}");
        ws.apply(&Edit::PutGoal { goal }).expect("edit");
        writeln!(out, "committed {i}").unwrap();
    }
    writeln!(out, "open").unwrap();
    out.flush().unwrap();
    std::thread::sleep(Duration::from_secs(120));
}

#[test]
fn no_command_replaces_a_workspace_another_process_holds() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let held = acme_ws(d, "held.throughline");
    let other = acme_ws(d, "other.throughline");
    let json = fixture("acme.json");
    let holder = Holder::start(&held, 38);
    assert_eq!(holder.committed.len(), 38);
    let before = std::fs::read(&held).unwrap();
    let cases: Vec<Vec<&str>> = vec![
        vec!["export", s(&other), "-o", s(&held), "--force"],
        vec![
            "report",
            s(&json),
            "-o",
            s(&held),
            "--format",
            "json",
            "--force",
        ],
        vec!["gen", "--people", "5", "-o", s(&held), "--force"],
        vec!["gen", "--people", "5", "-o", s(&held)],
        vec!["import", s(&json), "-o", s(&held), "--force"],
    ];
    for args in &cases {
        let out = throughline(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        if args.contains(&"--force") {
            assert!(
                err.contains("held.throughline is open in"),
                "{args:?}: {err}"
            );
            assert!(err.contains("process"), "names who holds it: {err}");
        } else {
            assert!(err.contains("already exists"), "{args:?}: {err}");
        }
        assert_eq!(std::fs::read(&held).unwrap(), before, "{args:?} changed it");
    }
    // The app's Save a copy goes through the same check.
    let ws = Workspace::open(&other, Options::default()).unwrap();
    let err = ws.save_copy(&held, true).unwrap_err();
    assert_eq!(err.code(), "locked", "{err}");
    drop(ws);
    holder.stop();
    let ws = Workspace::open(&held, Options::read_only()).unwrap();
    assert_eq!(
        ws.map().goals[0].title,
        "Edited 37",
        "every acknowledged edit kept"
    );
}

#[test]
fn import_force_holds_the_lock_from_its_first_check_to_the_rename() {
    let dir = tempfile::tempdir().unwrap();
    let target = acme_ws(dir.path(), "target.throughline");
    // The import has checked its target and waits for its input on stdin.
    let mut child = Command::new(env!("CARGO_BIN_EXE_throughline"))
        .args(["import", "-", "-o", s(&target), "--force"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        match Workspace::open(&target, Options::default()) {
            Err(e) if e.code() == "locked" => break,
            Ok(ws) => {
                drop(ws);
                assert!(
                    std::time::Instant::now() < deadline,
                    "import never took the lock"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => panic!("{e}"),
        }
    }
    let mut map = acme();
    map.organisation.name = "Replaced".into();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(throughline_core::format::write_map(&map).as_bytes())
        .unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ws = Workspace::open(&target, Options::default()).unwrap();
    assert_eq!(ws.map().organisation.name, "Replaced");
}

/// A hostile or damaged workspace: made from a valid one by SQL.
fn hostile(dir: &Path, name: &str, sql: &str) -> PathBuf {
    let path = acme_ws(dir, &format!("{name}.throughline"));
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(sql)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    conn.close().unwrap();
    path
}

fn file_state(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&*path.file_name().unwrap().to_string_lossy())
        })
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Every way in refuses it — `check`, `report`, `export`, `snapshots` (exit 2, never a
/// panic), opening for editing and read-only — with `code` and a message containing each
/// of `expect`; the file and its folder are byte-for-byte unchanged.
fn assert_refused(path: &Path, code: &str, expect: &[&str]) {
    let before = file_state(path);
    let dir = path.parent().unwrap();
    let out_json = dir.join("out.json");
    for args in [
        vec!["check", s(path)],
        vec!["check", s(path), "--format", "json"],
        vec!["report", s(path), "-o", s(&out_json)],
        vec!["export", s(path), "-o", s(&out_json)],
        vec!["snapshots", s(path)],
    ] {
        let out = throughline(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(stdout(&out).is_empty(), "{args:?}");
        for e in expect {
            assert!(err.contains(e), "{args:?}: expected {e:?} in: {err}");
        }
        assert!(!out_json.exists());
    }
    for opts in [Options::default(), Options::read_only()] {
        let err = Workspace::open(path, opts).unwrap_err();
        assert_eq!(err.code(), code, "{}: {err}", path.display());
    }
    let after = file_state(path);
    assert!(
        after == before,
        "{} was modified: {:?} -> {:?}",
        path.display(),
        before.iter().map(|(n, b)| (n, b.len())).collect::<Vec<_>>(),
        after.iter().map(|(n, b)| (n, b.len())).collect::<Vec<_>>()
    );
}

#[test]
fn a_workspace_is_validated_on_open_like_a_map_document() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "owner-is-measure",
            "UPDATE goals SET owner = 'calls' WHERE id = 'rep1-calls';",
            &["goal “100 calls a week” (rep1-calls): owner:", "measure"],
        ),
        (
            "goal-in-values",
            "UPDATE goals SET values_present = 1 WHERE id = 'rep1-calls';
             INSERT INTO goal_values (goal, pos, value_ref) VALUES ('rep1-calls', 9, 'grow');",
            &["(rep1-calls): values[", "goal"],
        ),
        (
            "setter-is-value",
            "UPDATE goals SET set_by = 'integrity' WHERE id = 'rep1-calls';",
            &["(rep1-calls): set_by:"],
        ),
        (
            "unit-cycle",
            "UPDATE units SET parent = 'sales-north' WHERE id = 'sales';",
            &["cycle"],
        ),
        (
            "manager-cycle",
            "UPDATE people SET manager = 'rep1' WHERE id = 'cso';",
            &["cycle"],
        ),
        (
            "unit-and-goal-share-an-id",
            "INSERT INTO goals (id, pos, title, owner, supports_present, values_present)
               VALUES ('sales', 99, 'Shadow', 'rep1', 0, 0);",
            &["duplicate id \"sales\""],
        ),
        (
            "unknown-rule",
            "UPDATE organisation SET settings_present = 1, rules_present = 1;
             INSERT INTO rule_settings VALUES ('no-such-rule', 'off');",
            &["no-such-rule"],
        ),
        (
            "format-9",
            "UPDATE organisation SET format = 'throughline/9';",
            &["throughline/9"],
        ),
        (
            "second-organisation",
            "PRAGMA ignore_check_constraints = ON;
             INSERT INTO organisation (singleton, format, name) VALUES (2, 'throughline/1', 'Twin');",
            &["organisation table has 2 rows"],
        ),
        (
            "negative-setting",
            "PRAGMA ignore_check_constraints = ON;
             UPDATE organisation SET settings_present = 1, stale_feedback_days = -5;",
            &["settings.stale_feedback_days", "negative"],
        ),
        (
            "bad-enum",
            "PRAGMA ignore_check_constraints = ON;
             UPDATE units SET kind = 'galaxy' WHERE id = 'sales';",
            &["unit “Sales” (sales): kind:", "galaxy"],
        ),
        (
            "bad-date",
            "UPDATE goals SET due = '2026-13-45' WHERE id = 'rep1-calls';",
            &["(rep1-calls): due:", "2026-13-45"],
        ),
        (
            "title-of-the-wrong-type",
            "UPDATE goals SET title = X'00FF' WHERE id = 'rep1-calls';",
            &["goal rep1-calls: title:"],
        ),
        (
            "ghost-in-the-entity-index",
            "INSERT INTO entities VALUES ('ghost', 'goal');",
            &["entity index lists ghost as a goal, but there is no such goal"],
        ),
    ];
    for (name, sql, expect) in cases {
        let path = hostile(d, name, sql);
        let mut expect = expect.to_vec();
        expect.push("contents are not a valid map");
        assert_refused(&path, "invalid_workspace", &expect);
    }
}

#[test]
fn sql_stored_in_a_workspace_never_runs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let trigger = hostile(
        d,
        "trigger",
        "CREATE TRIGGER evil AFTER INSERT ON history BEGIN UPDATE goals SET title = 'pwned'; END;",
    );
    assert_refused(
        &trigger,
        "foreign_schema",
        &["contains database objects Throughline did not write: trigger evil"],
    );
    // A recursive view in place of a table: refused from sqlite_master alone, at once.
    let view = hostile(
        d,
        "view",
        "DROP TABLE check_ins;
         CREATE VIEW check_ins AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)
           SELECT x AS pos, 'ceo' AS person, NULL AS with_person, '2026-01-01' AS date,
                  NULL AS kind, NULL AS notes FROM n;",
    );
    let started = std::time::Instant::now();
    assert_refused(
        &view,
        "foreign_schema",
        &["view check_ins", "lacks table check_ins"],
    );
    assert!(started.elapsed() < Duration::from_secs(60));
    let index = hostile(
        d,
        "index",
        "DROP INDEX goals_owner; CREATE INDEX goals_owner ON goals(title);",
    );
    assert_refused(&index, "foreign_schema", &["index goals_owner (changed)"]);
    let table = hostile(d, "table", "CREATE TABLE extra (x);");
    assert_refused(&table, "foreign_schema", &["table extra"]);
}

#[test]
fn a_damaged_history_or_snapshot_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = acme_ws(dir.path(), "h.throughline");
    {
        let mut ws = Workspace::open(&path, Options::default()).unwrap();
        let mut goal = ws.map().goals[5].clone();
        goal.title = "Renamed".into();
        ws.apply(&Edit::PutGoal { goal }).unwrap();
        ws.save_snapshot("named").unwrap();
    }
    // Undo would put back a goal owned by a measure; the snapshot holds a unit cycle.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let backward: String = conn
        .query_row("SELECT backward FROM history", [], |r| r.get(0))
        .unwrap();
    let bad = backward.replace("\"owner\":\"rep1\"", "\"owner\":\"calls\"");
    assert_ne!(bad, backward);
    conn.execute("UPDATE history SET backward = ?1", [&bad])
        .unwrap();
    let snap = throughline_store::rows::snapshot_map(&conn, 1)
        .unwrap()
        .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&snap).unwrap();
    v["units"][0]["parent"] = "sales".into();
    conn.execute("UPDATE snapshots SET map = ?1", [v.to_string()])
        .unwrap();
    conn.close().unwrap();

    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    let before = ws.map().clone();
    let err = ws.undo().unwrap_err();
    assert!(err.to_string().contains("undo history"), "{err}");
    assert_eq!(ws.map(), &before);
    let id = ws.snapshots().unwrap()[0].id;
    let err = ws.restore_snapshot(id).unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(ws.map(), &before);
    drop(ws);
    let ws = Workspace::open(&path, Options::read_only()).unwrap();
    assert_eq!(ws.map(), &before, "the file holds what it held");
    assert!(
        ws.history().unwrap().undo.is_some(),
        "the entry is still there"
    );
}

#[test]
fn messages_name_the_real_cause() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let empty_ws = d.join("empty.throughline");
    std::fs::write(&empty_ws, "").unwrap();
    let empty_json = d.join("empty.json");
    std::fs::write(&empty_json, "").unwrap();
    let bom = d.join("bom.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(fixture("acme.json")).unwrap());
    std::fs::write(&bom, &bytes).unwrap();
    let utf16 = d.join("utf16.json");
    std::fs::write(&utf16, b"\xFF\xFE{\x00}\x00").unwrap();
    let latin1 = d.join("latin1.json");
    std::fs::write(&latin1, b"{\"format\": \"caf\xE9\"}").unwrap();
    let surrogate = d.join("surrogate.json");
    std::fs::write(
        &surrogate,
        r#"{"format": "throughline/1", "organisation": {"name": "\ud800"}}"#,
    )
    .unwrap();
    let cases: Vec<(&Path, &str)> = vec![
        (&empty_ws, "is empty (0 bytes)"),
        (&empty_json, "is empty (0 bytes)"),
        (&utf16, "UTF-16"),
        (&latin1, "not UTF-8 text: byte 0xE9 at line 1"),
        (&surrogate, "surrogate"),
        (Path::new("/nonexistent/x.json"), "does not exist"),
    ];
    for (path, expect) in cases {
        let out = throughline(&["check", s(path)]);
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        assert!(
            stderr(&out).contains(expect),
            "{}: {}",
            path.display(),
            stderr(&out)
        );
    }
    // A UTF-8 byte-order mark is skipped (editors on Windows write one).
    assert_eq!(throughline(&["check", s(&bom)]).status.code(), Some(1));
    #[cfg(unix)]
    if !is_root() {
        use std::os::unix::fs::PermissionsExt;
        let locked = acme_ws(d, "noread.throughline");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let out = throughline(&["check", s(&locked)]);
        assert!(
            stderr(&out).contains("ermission denied"),
            "{}",
            stderr(&out)
        );
    }
}

#[cfg(unix)]
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

#[test]
#[cfg(unix)]
fn pipes_fifos_and_process_substitution_are_read_whole() {
    let acme = fixture("acme.json");
    let expected = stdout(&throughline(&["check", s(&acme), "--format", "json"]));
    let bin = env!("CARGO_BIN_EXE_throughline");
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("'{bin}' check <(cat '{}') --format json", s(&acme)))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("map.fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let writer = {
        let (fifo, acme) = (fifo.clone(), acme.clone());
        std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
            f.write_all(&std::fs::read(acme).unwrap()).unwrap();
        })
    };
    let out = throughline(&["check", s(&fifo), "--format", "json"]);
    writer.join().unwrap();
    assert_eq!(stdout(&out), expected);
    // A workspace through a pipe is named as such.
    let ws = acme_ws(dir.path(), "p.throughline");
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("'{bin}' check <(cat '{}')", s(&ws)))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("through a pipe"));
}

#[test]
#[cfg(unix)]
fn outputs_never_replace_devices_follow_dangling_links_or_leave_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let json = fixture("acme.json");
    for dev in ["/dev/null", "/dev/full"] {
        let out = throughline(&["report", s(&json), "-o", dev, "--format", "csv", "--force"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("is a character device, not a file"),
            "{}",
            stderr(&out)
        );
    }
    assert!(Path::new("/dev/null")
        .metadata()
        .is_ok_and(|m| !m.is_file()));
    let link = d.join("link.json");
    std::os::unix::fs::symlink(d.join("nowhere/target.json"), &link).unwrap();
    let out = throughline(&["gen", "--people", "3", "-o", s(&link)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    // A link to an existing file writes that file; the link stays.
    let real = d.join("real.json");
    std::fs::write(&real, "old").unwrap();
    let link2 = d.join("link2.json");
    std::os::unix::fs::symlink(&real, &link2).unwrap();
    let out = throughline(&["gen", "--people", "3", "-o", s(&link2), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link2)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .contains("throughline/1"));
    // A temporary file left by a killed run is cleaned by the next write to that target.
    let stale = d.join(".out.throughline.424242.0.tmp");
    std::fs::write(&stale, "half").unwrap();
    let out = throughline(&["import", s(&json), "-o", s(&d.join("out.throughline"))]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stale.exists());
    let leftovers: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
#[cfg(target_os = "linux")]
fn a_failed_write_to_standard_output_exits_2() {
    for args in ["rules", "rules --format json", "library", "gen --people 3"] {
        let out = Command::new(env!("CARGO_BIN_EXE_throughline"))
            .args(args.split(' '))
            .stdout(
                std::fs::File::options()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("standard output"));
    }
}

#[test]
fn control_characters_in_user_text_never_reach_a_terminal() {
    let mut map = acme();
    map.organisation.name = "Acme\u{1b}]0;pwned\u{7}\u{1b}[2J".into();
    map.people[3].name = "Ana\u{9b}31m Red\rLee".into();
    map.goals[5].title = "Calls\u{1b}[31m".into();
    let text = throughline_core::format::write_map(&map);
    for args in [vec!["check", "-"], vec!["check", "-", "--format", "json"]] {
        let out = throughline_with_stdin(&args, text.as_bytes());
        let all = [out.stdout.clone(), out.stderr.clone()].concat();
        let all = String::from_utf8(all).unwrap();
        assert!(
            !all.contains('\u{1b}')
                && !all.contains('\u{9b}')
                && !all.contains('\r')
                && !all.contains('\u{7}'),
            "{args:?}: {all:?}"
        );
        assert!(all.contains("Ana"), "{all}");
    }
    // JSON output still carries the exact text.
    let out = throughline_with_stdin(&["check", "-", "--format", "json"], text.as_bytes());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["findings"].to_string().contains("Calls\\u001b[31m"));
    // And in error messages.
    let bad = r#"{"format": "throughline/1", "organisation": {"name": "x"}, "units": [], "people": [{"id": "p\u001b[2J", "name": "n", "unit": "u\u001b]0;x\u0007"}]}"#;
    let out = throughline_with_stdin(&["check", "-"], bad.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("\\x1B"), "{err}");
}

#[test]
fn integers_out_of_range_are_refused_at_their_location() {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("acme.json")).unwrap()).unwrap();
    v["settings"]["stale_feedback_days"] = serde_json::json!(9_223_372_036_854_775_808u64);
    let out = throughline_with_stdin(&["check", "-"], v.to_string().as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("settings.stale_feedback_days: 9223372036854775808 is out of range"),
        "{}",
        stderr(&out)
    );
    v["settings"]["stale_feedback_days"] = serde_json::json!(9_223_372_036_854_775_807u64);
    let out = throughline_with_stdin(&["check", "-"], v.to_string().as_bytes());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

/// Sizes of a workspace file and its sidecars.
fn size_on_disk(path: &Path) -> u64 {
    ["", "-wal", "-shm"]
        .iter()
        .map(|s| {
            let mut p = path.as_os_str().to_owned();
            p.push(s);
            std::fs::metadata(p).map_or(0, |m| m.len())
        })
        .sum()
}

#[test]
fn imports_and_restores_do_not_grow_the_file_forever() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("grow.throughline");
    let map = throughline_core::gen::generate(&throughline_core::gen::GenOptions::new(400, 3));
    Workspace::create_file(&path, &map, false).unwrap();
    let one_map = std::fs::metadata(&path).unwrap().len();
    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    let named = ws.save_snapshot("Kept by name").unwrap();
    for i in 0..100 {
        let mut m = map.clone();
        m.organisation.name = format!("Import {i}");
        ws.replace_map(&m, &format!("Import {i}")).unwrap();
    }
    assert!(
        ws.last_backup_error().is_none(),
        "{:?}",
        ws.last_backup_error()
    );
    let snaps = ws.snapshots().unwrap();
    assert_eq!(
        snaps.iter().filter(|s| s.auto).count(),
        10,
        "automatic snapshots are capped"
    );
    assert!(
        snaps.iter().any(|s| s.id == named),
        "named snapshots are kept"
    );
    // The last five imports can still be undone, in order.
    for i in (95..100).rev() {
        assert_eq!(ws.map().organisation.name, format!("Import {i}"));
        ws.undo().unwrap();
    }
    assert_eq!(ws.map().organisation.name, "Import 94");
    assert_eq!(ws.undo().unwrap_err().code(), "nothing_to_do");
    ws.close().unwrap();
    let size = size_on_disk(&path);
    assert!(
        size < 3 * one_map,
        "{size} bytes after 100 imports, one map is {one_map}"
    );
}

#[test]
fn a_copy_and_a_closed_workspace_are_whole_rollback_journal_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = acme_ws(dir.path(), "w.throughline");
    let copy = dir.path().join("copy.throughline");
    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    let mut goal = ws.map().goals[0].clone();
    goal.title = "After the copy".into();
    ws.apply(&Edit::PutGoal { goal }).unwrap();
    ws.save_copy(&copy, false).unwrap();
    // Header bytes 18 and 19 are 2 in WAL mode, 1 in rollback-journal mode.
    let header = std::fs::read(&copy).unwrap();
    assert_eq!(
        (header[18], header[19]),
        (1, 1),
        "the copy is not in WAL mode"
    );
    assert!(!dir.path().join("copy.throughline-wal").exists());
    assert_eq!(
        ws.save_copy(&path, true).unwrap_err().code(),
        "refused",
        "its own file"
    );
    assert_eq!(ws.save_copy(&copy, false).unwrap_err().code(), "exists");
    // A reader that keeps the file open at close: closing says so.
    let reader = rusqlite::Connection::open(&path).unwrap();
    reader
        .query_row("SELECT count(*) FROM goals", [], |r| r.get::<_, i64>(0))
        .unwrap();
    let tx_reader = reader.unchecked_transaction().unwrap();
    tx_reader
        .query_row("SELECT count(*) FROM goals", [], |r| r.get::<_, i64>(0))
        .unwrap();
    let err = ws.close().unwrap_err();
    assert!(
        err.to_string()
            .contains("another program is still reading it"),
        "{err}"
    );
    drop(tx_reader);
    drop(reader);
    let ws = Workspace::open(&copy, Options::read_only()).unwrap();
    assert_eq!(ws.map().goals[0].title, "After the copy");
    let ws2 = Workspace::open(&path, Options::default()).unwrap();
    ws2.close().unwrap();
    let header = std::fs::read(&path).unwrap();
    assert_eq!((header[18], header[19]), (1, 1));
}
