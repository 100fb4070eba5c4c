//! The library's error type: what went wrong, with the file and line for a user's input.
//!
//! Each variant says what kind of failure it is, so callers can tell them apart: the REPL ends
//! only on `Output` (the terminal itself failed); everything else is reported and it carries on.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A user's file is malformed: names the file, the line and what was expected.
    #[error("{file}:{line}: {message}")]
    Input {
        file: String,
        line: usize,
        message: String,
    },

    /// A user's file is not in the format it claims (a package, an archive).
    #[error("{file}: {message}")]
    Format { file: String, message: String },

    /// Reading or writing a named file (or directory) failed.
    #[error("{}: {source}", path.display())]
    File {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{}: not a recall database (the file is not SQLite, or is damaged); it was not modified", path.display())]
    NotADatabase { path: PathBuf },

    #[error(
        "{}: the database has schema version {found}, newer than this recall understands ({supported}); \
         upgrade recall to open it (the file was not modified)",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// Another recall holds the collection's write lock longer than a writer waits.
    #[error(
        "{}: another recall is writing to this collection (waited {seconds} s); try again when \
         it has finished",
        path.display()
    )]
    Locked { path: PathBuf, seconds: u64 },

    /// The collection cannot be written: a read-only file, folder or disk.
    #[error(
        "{}: the collection cannot be written (a read-only file, folder or disk); recall saves \
         every answer, so it needs to write",
        path.display()
    )]
    ReadOnly { path: PathBuf },

    /// A command's argument is wrong: names the argument and what is allowed.
    #[error("{0}")]
    Usage(String),

    /// A card, deck, tag or setting named by the user does not exist.
    #[error("{0}")]
    NotFound(String),

    /// The collection holds something it should not: a broken invariant or a stored value that
    /// fails validation. Names what was found.
    #[error("the collection is inconsistent: {0}")]
    Corrupt(String),

    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// Building CSV failed for a reason other than writing it out.
    #[error("CSV: {0}")]
    Csv(csv::Error),

    /// Building JSON failed for a reason other than writing it out.
    #[error("JSON: {0}")]
    Json(serde_json::Error),

    /// Writing to the terminal or a pipe failed. Only writes to the output stream become this.
    #[error("output: {0}")]
    Output(#[from] std::io::Error),
}

impl From<csv::Error> for Error {
    /// A CSV writer fails either writing (output) or building a record.
    fn from(error: csv::Error) -> Error {
        if !error.is_io_error() {
            return Error::Csv(error);
        }
        match error.into_kind() {
            csv::ErrorKind::Io(io) => Error::Output(io),
            other => Error::Output(std::io::Error::other(format!("{other:?}"))),
        }
    }
}

impl From<serde_json::Error> for Error {
    /// A JSON writer fails either writing (output) or serialising a value.
    fn from(error: serde_json::Error) -> Error {
        match error.io_error_kind() {
            Some(_) => Error::Output(error.into()),
            None => Error::Json(error),
        }
    }
}

impl Error {
    pub fn input(file: impl Into<String>, line: usize, message: impl Into<String>) -> Error {
        Error::Input {
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    /// An I/O failure on `path`, for `map_err`.
    pub fn file(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::File { path, source }
    }

    /// True when the reader of our output went away (`recall cards | head`): not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// Output errors end the REPL (the terminal is gone); every other error is only reported.
    pub fn is_fatal_in_repl(&self) -> bool {
        matches!(self, Error::Output(_))
    }

    /// Re-labels a failed write as a failure on `path`, for output that went to a file.
    pub fn into_file_error(self, path: &std::path::Path) -> Error {
        match self {
            Error::Output(source) => Error::File {
                path: path.to_path_buf(),
                source,
            },
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_failures_are_labelled_by_where_they_happened() {
        let broken = || std::io::Error::new(std::io::ErrorKind::BrokenPipe, "gone");
        assert!(Error::Output(broken()).is_broken_pipe());
        assert!(Error::Output(broken()).is_fatal_in_repl());
        let on_file = Error::file("deck.toml")(broken());
        assert!(!on_file.is_fatal_in_repl());
        assert_eq!(on_file.to_string(), "deck.toml: gone");
        let relabelled = Error::Output(broken()).into_file_error(std::path::Path::new("out.tsv"));
        assert!(matches!(relabelled, Error::File { .. }));
        assert!(!Error::NotFound("no card".into()).is_fatal_in_repl());
        assert!(!Error::Corrupt("bad".into()).is_fatal_in_repl());
    }

    #[test]
    fn json_and_csv_errors_that_are_not_writes_keep_their_kind() {
        let json = serde_json::from_str::<u8>("x").unwrap_err();
        assert!(matches!(Error::from(json), Error::Json(_)));
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(["a", "b"]).expect("first record");
        let unequal = writer.write_record(["a"]).unwrap_err();
        assert!(matches!(Error::from(unequal), Error::Csv(_)));
    }

    #[test]
    fn json_write_failures_are_output_failures() {
        struct Broken;
        impl std::io::Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "gone"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let failed = serde_json::to_writer(Broken, &[1, 2, 3]).unwrap_err();
        assert!(Error::from(failed).is_broken_pipe());
    }
}
