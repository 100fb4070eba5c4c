//! Writing a person's files safely: whole or not at all, and durable once written.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Replaces `path` with `contents` atomically.
pub fn write_atomically(path: &Path, contents: &str) -> Result<()> {
    write_atomically_with(path, |file| Ok(file.write_all(contents.as_bytes())?))
}

/// Replaces `path` with what `write` produces: a temporary file beside it (so the rename stays
/// on one file system), synced, renamed over `path`, and the directory synced so the rename
/// survives a power cut. On any failure the temporary file is removed and `path` is untouched.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
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

    #[test]
    fn a_missing_directory_is_named() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("no such dir").join("x.toml");
        let error = write_atomically(&path, "x").expect_err("fails");
        assert!(error.to_string().contains("no such dir"), "{error}");
    }
}
