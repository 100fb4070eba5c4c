//! The library's error type: what went wrong, with the file and line for a user's input.

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

    /// A command's argument is wrong: names the argument and what is allowed.
    #[error("{0}")]
    Usage(String),

    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// Writing to the terminal or a pipe failed.
    #[error("output: {0}")]
    Output(#[from] std::io::Error),
}

impl Error {
    pub fn input(file: impl Into<String>, line: usize, message: impl Into<String>) -> Error {
        Error::Input {
            file: file.into(),
            line,
            message: message.into(),
        }
    }

    /// True when the reader of our output went away (`recall cards | head`): not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}
