//! Writing a person's files safely: whole or not at all, and durable once written.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Replaces `path` with `contents` atomically.
pub fn write_atomically(path: &Path, contents: &str) -> Result<()> {
    write_atomically_with(path, |file| Ok(file.write_all(contents.as_bytes())?))
}

/// Writes what `write` produces to `path`. A regular file (or a new one) is replaced
/// atomically; a symbolic link is written through, its target replaced and the link kept; a
/// FIFO, a terminal or another device is written to directly, never replaced.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::canonicalize(path).map_err(Error::file(path))?;
            write_atomically_with(&target, write)
        }
        Ok(meta) if !meta.file_type().is_file() && !meta.is_dir() => {
            let opened = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(Error::file(path))?;
            let mut writer = std::io::BufWriter::new(opened);
            write(&mut writer).map_err(|error| error.into_file_error(path))?;
            writer.flush().map_err(Error::file(path))
        }
        _ => replace_atomically(path, write),
    }
}

/// A file written in full beside its destination and synced, not yet in place: `commit` puts
/// it there; dropped, it is removed and the destination is untouched. Several files staged
/// first and committed together are all written, or none is when a step between fails.
pub struct Staged {
    temporary: tempfile::NamedTempFile,
    path: std::path::PathBuf,
}

impl Staged {
    /// Writes `contents` for `path` (through a symbolic link, to its target) without touching
    /// `path` yet.
    pub fn new(path: &Path, contents: &str) -> Result<Staged> {
        let path = match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                std::fs::canonicalize(path).map_err(Error::file(path))?
            }
            _ => path.to_path_buf(),
        };
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        let mut temporary = tempfile::Builder::new()
            .prefix(".recall-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(Error::file(&dir))?;
        temporary
            .write_all(contents.as_bytes())
            .and_then(|()| temporary.as_file().sync_all())
            .map_err(Error::file(&path))?;
        Ok(Staged { temporary, path })
    }

    /// Renames the staged file over its destination and syncs the directory.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        self.temporary
            .persist(&path)
            .map_err(|error| Error::file(&path)(error.error))?;
        match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => sync_dir(parent),
            _ => sync_dir(Path::new(".")),
        }
    }
}

/// Replaces `path` with what `write` produces: a temporary file beside it (so the rename stays
/// on one file system), synced, renamed over `path`, and the directory synced so the rename
/// survives a power cut. On any failure the temporary file is removed and `path` is untouched.
fn replace_atomically(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let temporary = tempfile::Builder::new()
        .prefix(".recall-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(Error::file(dir))?;
    let mut writer = std::io::BufWriter::new(temporary);
    // Writes here go to a named file, not to the output stream.
    write(&mut writer).map_err(|error| error.into_file_error(path))?;
    let temporary = writer
        .into_inner()
        .map_err(|error| Error::file(path)(error.into_error()))?;
    temporary.as_file().sync_all().map_err(Error::file(path))?;
    temporary
        .persist(path)
        .map_err(|error| Error::file(path)(error.error))?;
    sync_dir(dir)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> Result<()> {
    std::fs::File::open(dir)
        .and_then(|handle| handle.sync_all())
        .map_err(Error::file(dir))
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("list")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn a_file_is_replaced_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("deck.toml");
        std::fs::write(&path, "old").expect("old");
        write_atomically(&path, "new contents").expect("written");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "new contents"
        );
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("history.csv");
        std::fs::write(&path, "old").expect("old");
        let result = write_atomically_with(&path, |out| {
            out.write_all(b"half of it")?;
            Err(Error::Usage("stopped".into()))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "old");
        assert!(
            leftovers(dir.path()).is_empty(),
            "{:?}",
            leftovers(dir.path())
        );
    }

    #[test]
    fn a_write_error_names_the_file_not_the_output() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("out.tsv");
        let error =
            write_atomically_with(&path, |_| Err(std::io::Error::other("disk full").into()))
                .expect_err("fails");
        assert!(matches!(error, Error::File { .. }), "{error:?}");
        assert!(error.to_string().contains("out.tsv"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_and_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("real.toml");
        std::fs::write(&target, "old").expect("old");
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        write_atomically(&link, "new").expect("written");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink(),
            "still a link"
        );
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "new");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_to_not_replaced() {
        use std::io::Read;
        let dir = tempfile::tempdir().expect("dir");
        let fifo = dir.path().join("pipe");
        let name = std::ffi::CString::new(fifo.to_str().expect("utf-8")).expect("c string");
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo");
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut text = String::new();
                std::fs::File::open(&fifo)
                    .expect("open for reading")
                    .read_to_string(&mut text)
                    .expect("read");
                text
            })
        };
        write_atomically(&fifo, "through the pipe").expect("written");
        assert_eq!(reader.join().expect("reader"), "through the pipe");
        let kind = std::fs::symlink_metadata(&fifo).expect("meta").file_type();
        assert!(
            std::os::unix::fs::FileTypeExt::is_fifo(&kind),
            "still a FIFO"
        );
    }

    #[test]
    fn a_missing_directory_is_named() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("no such dir").join("x.toml");
        let error = write_atomically(&path, "x").expect_err("fails");
        assert!(error.to_string().contains("no such dir"), "{error}");
    }
}
