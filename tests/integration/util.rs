use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The repository's `tests/` folder.
pub fn tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests")
}

pub fn repo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixture(name: &str) -> PathBuf {
    tests_dir().join("fixtures").join(name)
}

/// Run the real binary with these arguments.
pub fn throughline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_throughline"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the throughline binary runs")
}

/// Run the real binary with these arguments and this on its standard input.
pub fn throughline_with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_throughline"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the throughline binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("it finishes")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

/// Findings without their message, as the shared fixture lists them.
pub fn strip_messages(findings: &serde_json::Value) -> serde_json::Value {
    serde_json::Value::Array(
        findings
            .as_array()
            .expect("findings array")
            .iter()
            .map(|f| {
                serde_json::json!({
                    "rule": f["rule"],
                    "severity": f["severity"],
                    "subject": f["subject"],
                    "related": f["related"],
                })
            })
            .collect(),
    )
}
