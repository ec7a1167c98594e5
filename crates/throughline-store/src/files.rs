//! Writing a file the one way every command and the app write one.
//!
//! [`write_file`] is how `import`, `export`, `report`, `gen`, the app's Save a copy and its
//! exports put a file at a path the user named:
//!
//! - **Nobody's open workspace is replaced.** When the target is a workspace, its lock is
//!   taken before anything is built and held through the rename, so a writer that has it
//!   open is refused (named, with the process that holds it where the OS says), and a
//!   writer that tries to open it meanwhile waits and is refused, instead of writing into
//!   a file that is about to be replaced.
//! - **Only regular files are replaced.** A device node, a FIFO, a socket or a folder is
//!   refused. A symbolic link to an existing file writes that file (the link stays); a
//!   dangling link is refused unless `force`, which replaces the link itself.
//! - **Atomic and durable.** The bytes go to a temporary file beside the target
//!   (`.NAME.PID.N.tmp`, locked while it is written), which is fsynced, renamed into place,
//!   and the folder fsynced. A failure removes the temporary file; temporary files left by
//!   a run that was killed (their lock died with it) are removed by the next write to the
//!   same target.

use crate::error::{Result, StoreError};
use std::ffi::OsString;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The 16-byte header of every SQLite database file.
pub const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// A target path, checked and (when it is a workspace) locked until the write is done.
#[derive(Debug)]
pub struct Target {
    /// Where the bytes go: the path given, or the file an existing symlink points to.
    path: PathBuf,
    /// The lock on the workspace being replaced, held until after the rename.
    _lock: Option<File>,
}

impl Target {
    /// Check a target before any work is done for it: refuse what must not be replaced,
    /// and take the lock of a workspace being replaced (see the module docs).
    pub fn check(path: &Path, force: bool) -> Result<Target> {
        let real = resolve(path, force)?;
        let lock = match std::fs::metadata(&real) {
            Ok(_) if !force => return Err(StoreError::Exists(path.to_path_buf())),
            Ok(_) if has_sqlite_header(&real) => Some(lock_file(&real)?),
            _ => None,
        };
        if let Some(parent) = parent_dir(&real) {
            if !parent.is_dir() {
                return Err(StoreError::io(
                    path,
                    std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        format!("the folder {} does not exist", parent.display()),
                    ),
                ));
            }
        }
        Ok(Target {
            path: real,
            _lock: lock,
        })
    }

    /// The path the file will be written at.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Write the file: `fill` writes its content into the temporary path it is given (as
    /// bytes, or by building an SQLite database there); then fsync, rename, fsync the folder.
    pub fn write_with(self, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
        clean_stale_temps(&self.path);
        let (tmp, tmp_lock) = new_temp(&self.path)?;
        let result = fill(&tmp).and_then(|()| {
            File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| StoreError::io(&self.path, e))?;
            if self._lock.is_some() {
                // A WAL or journal of the workspace being replaced must never be replayed
                // into the new file. Nobody writes it: we hold its lock.
                remove_sidecars(&self.path);
            }
            std::fs::rename(&tmp, &self.path).map_err(|e| StoreError::io(&self.path, e))
        });
        drop(tmp_lock);
        match result {
            Ok(()) => {
                sync_dir(&self.path);
                Ok(())
            }
            Err(e) => {
                remove_db_files(&tmp);
                Err(e)
            }
        }
    }

    /// Write bytes (see [`Target::write_with`]).
    pub fn write(self, bytes: &[u8]) -> Result<()> {
        let dest = self.path.clone();
        self.write_with(|tmp| std::fs::write(tmp, bytes).map_err(|e| StoreError::io(&dest, e)))
    }
}

/// Check, then write bytes: the whole of [`Target`] in one call.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    Target::check(path, force)?.write(bytes)
}

/// Follow a symlink to an existing file; refuse what is not a regular file.
fn resolve(path: &Path, force: bool) -> Result<PathBuf> {
    if path.as_os_str().is_empty() || path.file_name().is_none() {
        return Err(StoreError::Refused(format!(
            "{} is not a file name",
            path.display()
        )));
    }
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    if meta.file_type().is_symlink() {
        return match std::fs::metadata(path) {
            Ok(target) => {
                refuse_special(path, &target)?;
                std::fs::canonicalize(path).map_err(|e| StoreError::io(path, e))
            }
            Err(_) if force => Ok(path.to_path_buf()),
            Err(_) => {
                let to = std::fs::read_link(path)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                Err(StoreError::Refused(format!(
                    "{} is a symbolic link to {to}, which does not exist; use --force to replace the link",
                    path.display()
                )))
            }
        };
    }
    refuse_special(path, &meta)?;
    Ok(path.to_path_buf())
}

fn refuse_special(path: &Path, meta: &std::fs::Metadata) -> Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "a folder".to_string()
    } else {
        special_kind(meta)
    };
    Err(StoreError::Refused(format!(
        "{} is {what}, not a file; Throughline only writes regular files",
        path.display()
    )))
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> String {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_char_device() {
        "a character device".into()
    } else if t.is_block_device() {
        "a block device".into()
    } else if t.is_fifo() {
        "a named pipe (FIFO)".into()
    } else if t.is_socket() {
        "a socket".into()
    } else {
        "a special file".into()
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &std::fs::Metadata) -> String {
    "a special file".into()
}

/// Does the file start with the SQLite header? Missing, short or unreadable files do not.
pub(crate) fn has_sqlite_header(path: &Path) -> bool {
    let mut header = [0u8; 16];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok_and(|_| &header == SQLITE_HEADER)
}

/// Take the exclusive OS lock (`flock`) every writer of a workspace holds. A lock released
/// a moment ago can still be held for a few milliseconds (a process that forked around the
/// release keeps a copy of the descriptor until it execs), so wait briefly before saying
/// someone else has the file open.
pub(crate) fn lock_file(path: &Path) -> Result<File> {
    let file = File::options()
        .read(true)
        .write(true)
        .open(path)
        .map_err(|e| StoreError::io(path, e))?;
    let deadline = std::time::Instant::now() + Duration::from_millis(300);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: path.to_path_buf(),
                    holder: lock_holder(&file),
                })
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(StoreError::io(path, e)),
        }
    }
}

/// Who holds the lock on this open file, where the OS says (Linux: `/proc/locks`):
/// "throughline-app (process 4242)".
#[cfg(target_os = "linux")]
fn lock_holder(file: &File) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = file.metadata().ok()?;
    let dev = meta.dev();
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    let key = format!("{major:02x}:{minor:02x}:{}", meta.ino());
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    let me = std::process::id();
    locks.lines().find_map(|line| {
        let f: Vec<&str> = line.split_whitespace().collect();
        // "1: FLOCK  ADVISORY  WRITE 4242 fd:01:123456 0 EOF"
        if f.len() < 6 || f[1] != "FLOCK" || f[5] != key {
            return None;
        }
        let pid: u32 = f[4].parse().ok()?;
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm"))
            .map(|s| throughline_core::text::one_line(s.trim()).into_owned())
            .unwrap_or_default();
        Some(match (pid == me, name.is_empty()) {
            (true, _) => "this program".to_string(),
            (false, true) => format!("process {pid}"),
            (false, false) => format!("{name} (process {pid})"),
        })
    })
}

#[cfg(not(target_os = "linux"))]
fn lock_holder(_file: &File) -> Option<String> {
    None
}

fn parent_dir(path: &Path) -> Option<&Path> {
    match path.parent() {
        Some(d) if d.as_os_str().is_empty() => Some(Path::new(".")),
        other => other,
    }
}

/// The prefix and suffix of this target's temporary files: `.NAME.` … `.tmp`.
fn temp_affixes(path: &Path) -> (OsString, &'static str) {
    let mut prefix = OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    (prefix, ".tmp")
}

static TEMP_SEQ: AtomicU64 = AtomicU64::new(0);

/// A new temporary file beside `path`, created exclusively and locked for as long as the
/// returned handle lives (so another run can tell it from a stale one).
fn new_temp(path: &Path) -> Result<(PathBuf, File)> {
    let (prefix, suffix) = temp_affixes(path);
    loop {
        let mut name = prefix.clone();
        name.push(format!(
            "{}.{}{suffix}",
            std::process::id(),
            TEMP_SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        let tmp = path.with_file_name(name);
        match File::options().write(true).create_new(true).open(&tmp) {
            Ok(f) => {
                // Best effort: a file system without locks still gets atomic writes.
                let _ = f.try_lock();
                return Ok((tmp, f));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            // The OS says best why a folder cannot be written (read-only, permissions, space).
            Err(e) => return Err(StoreError::io(path, e)),
        }
    }
}

/// Remove temporary files of this target that no live run holds (left by a run that was
/// killed: its lock died with it).
pub fn clean_stale_temps(path: &Path) {
    let (prefix, suffix) = temp_affixes(path);
    let (prefix, dir) = (prefix.to_string_lossy().into_owned(), parent_dir(path));
    let Some(dir) = dir else { return };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(middle) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(suffix))
        else {
            continue;
        };
        // Ours look like PID.N (or PID, from older versions).
        if middle.is_empty() || !middle.chars().all(|c| c.is_ascii_digit() || c == '.') {
            continue;
        }
        let p = entry.path();
        let Ok(f) = File::options().read(true).write(true).open(&p) else {
            continue;
        };
        if f.try_lock().is_ok() {
            drop(f);
            remove_db_files(&p);
        }
    }
}

/// Remove a database file and its sidecars.
pub(crate) fn remove_db_files(path: &Path) {
    let _ = std::fs::remove_file(path);
    remove_sidecars(path);
}

fn remove_sidecars(path: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = path.to_path_buf().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// fsync the folder holding `path`, so a rename into it is durable.
pub(crate) fn sync_dir(path: &Path) {
    if let Some(dir) = parent_dir(path) {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_temp_is_removed_and_a_live_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        let stale = dir.path().join(".out.json.999999.0.tmp");
        std::fs::write(&stale, "x").unwrap();
        let (live, lock) = new_temp(&target).unwrap();
        let unrelated = dir.path().join(".out.json.notes.tmp");
        std::fs::write(&unrelated, "x").unwrap();
        clean_stale_temps(&target);
        assert!(!stale.exists());
        assert!(live.exists());
        assert!(unrelated.exists());
        drop(lock);
        clean_stale_temps(&target);
        assert!(!live.exists());
    }

    #[test]
    fn a_failed_fill_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        let err = Target::check(&target, false)
            .unwrap()
            .write_with(|_| Err(StoreError::Refused("no".into())))
            .unwrap_err();
        assert_eq!(err.code(), "refused");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
