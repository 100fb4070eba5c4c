//! Anki packages (`.apkg`, `.colpkg`): a zip holding a SQLite collection, either the legacy
//! layout (`collection.anki21` or `collection.anki2`, note types and decks as JSON in `col`) or
//! the current one (`collection.anki21b`, zstd-compressed, note types, fields, templates and
//! decks in tables of their own, beside a placeholder `collection.anki2` that must be ignored).
//!
//! Names inside the package are only ever compared with the names above, never used as paths;
//! the collection is copied, within a size limit, into a temporary file of our own.

use super::anki::anki_sql;
use super::anki::collection::{open_collection, read_collection};
use super::{CardSink, ImportBatch};
use crate::error::{Error, Result};
use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension};
use std::io::{Read, Write};
use std::path::Path;

/// Refusals against hostile packages.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Entries in the zip (a real package has one per media file, plus a few).
    pub max_entries: usize,
    /// Bytes of the decompressed collection.
    pub max_collection_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 500_000,
            max_collection_bytes: 2 * 1024 * 1024 * 1024,
        }
    }
}

/// What converting Anki's days and timestamps needs.
#[derive(Debug, Clone, Copy)]
pub struct PackageOptions {
    /// Now, with the local offset: Anki counts days from the collection's creation, locally.
    pub now: DateTime<FixedOffset>,
    pub rollover_hour: u32,
    pub limits: Limits,
}

pub(crate) fn format_error(file: &str, message: impl Into<String>) -> Error {
    Error::Format {
        file: file.to_string(),
        message: message.into(),
    }
}

/// Which collection file a package holds, newest layout first.
const COLLECTIONS: [&str; 3] = [
    "collection.anki21b",
    "collection.anki21",
    "collection.anki2",
];

/// The review log of a package, by Anki card id, each card's rows oldest first.
pub use super::anki::collection::History;

/// Reads a package into a batch in memory: its decks and cards, the schedules of cards under
/// review and their review log, with counts of what was left out.
pub fn parse(path: &Path, file: &str, options: &PackageOptions) -> Result<ImportBatch> {
    ImportBatch::read(|sink| read_into(path, file, options, sink))
}

/// Reads a package card by card into `sink`, each card with its Anki schedule and its Anki id
/// as the source, and the review log (by Anki card id) as soon as it has been read.
pub fn read_into(
    path: &Path,
    file: &str,
    options: &PackageOptions,
    sink: &mut dyn CardSink,
) -> Result<()> {
    let mut opened = std::fs::File::open(path).map_err(|source| Error::File {
        path: path.to_path_buf(),
        source,
    })?;
    let mut magic = [0u8; 16];
    let read = opened.read(&mut magic).map_err(Error::file(path))?;
    if magic[..read] == *SQLITE_MAGIC {
        // A collection itself, not zipped into a package.
        return read_collection_file(path, file, options, sink);
    }
    let mut archive = zip::ZipArchive::new(opened).map_err(|e| {
        format_error(
            file,
            format!("not an Anki package: the zip archive cannot be read ({e})"),
        )
    })?;
    if archive.len() > options.limits.max_entries {
        return Err(format_error(
            file,
            format!(
                "refused: the package has {} entries (more than {}); it looks like a zip bomb",
                archive.len(),
                options.limits.max_entries
            ),
        ));
    }
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|name| name.ok().map(std::borrow::Cow::into_owned))
        .collect();
    let media_left_out = names
        .iter()
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_digit()))
        .count();
    let chosen = COLLECTIONS
        .iter()
        .find(|wanted| names.iter().any(|name| name == *wanted))
        .ok_or_else(|| {
            format_error(
                file,
                "not an Anki package: no collection.anki21b, collection.anki21 or collection.anki2 inside",
            )
        })?;
    // A directory of our own, removed whole when the import ends: SQLite may put -wal and -shm
    // files beside the collection, and none may be left behind.
    let scratch = scratch_dir()?;
    let copy_path = scratch.path().join("collection.anki2");
    let mut copy = std::fs::File::create(&copy_path).map_err(Error::file(&copy_path))?;
    {
        let entry = archive.by_name(chosen).map_err(|e| {
            format_error(
                file,
                format!("{chosen} cannot be read from the package ({e})"),
            )
        })?;
        let limit = options.limits.max_collection_bytes;
        // Refused before a byte is written when the archive itself declares too much (the
        // copy below still stops at the limit for archives that lie).
        if entry.size() > limit {
            return Err(format_error(
                file,
                format!(
                    "refused: {chosen} declares {} bytes, more than {limit}; it looks like a zip bomb",
                    entry.size()
                ),
            ));
        }
        let reader: Box<dyn Read> = if *chosen == "collection.anki21b" {
            Box::new(zstd::stream::read::Decoder::new(entry).map_err(|e| {
                format_error(file, format!("{chosen} is not zstd-compressed ({e})"))
            })?)
        } else {
            Box::new(entry)
        };
        let copied = std::io::copy(&mut reader.take(limit + 1), &mut copy)
            .map_err(|e| format_error(file, format!("{chosen} is damaged or truncated ({e})")))?;
        if copied > limit {
            return Err(format_error(
                file,
                format!(
                    "refused: {chosen} decompresses to more than {limit} bytes; it looks like a zip bomb"
                ),
            ));
        }
        copy.flush().map_err(Error::file(&copy_path))?;
    }
    drop(copy);
    sink.media_left_out(media_left_out);
    read_copied(&copy_path, file, chosen, options, sink)
}

/// Imports a bare collection file (`collection.anki2`, as Anki keeps it in its profile
/// folder, not zipped into a package): it is copied into a directory of recall's own first,
/// as a package's collection is, so the original is only ever read.
pub fn read_collection_file(
    path: &Path,
    file: &str,
    options: &PackageOptions,
    sink: &mut dyn CardSink,
) -> Result<()> {
    let size = std::fs::metadata(path).map_err(Error::file(path))?.len();
    if size > options.limits.max_collection_bytes {
        return Err(format_error(
            file,
            format!(
                "refused: the collection is {size} bytes, more than {}",
                options.limits.max_collection_bytes
            ),
        ));
    }
    let scratch = scratch_dir()?;
    let copy_path = scratch.path().join("collection.anki2");
    std::fs::copy(path, &copy_path).map_err(Error::file(path))?;
    read_copied(&copy_path, file, "the collection", options, sink)
}

/// Reads the collection copied to `copy_path` (`chosen` names it in messages).
fn read_copied(
    copy_path: &Path,
    file: &str,
    chosen: &str,
    options: &PackageOptions,
    sink: &mut dyn CardSink,
) -> Result<()> {
    let not_sqlite = |e: rusqlite::Error| {
        format_error(
            file,
            format!(
                "{chosen} is not a SQLite collection ({})",
                sqlite_reason(&e)
            ),
        )
    };
    let conn = open_collection(copy_path).map_err(not_sqlite)?;
    // Current collections name their decks and note types with Anki's own collation.
    conn.create_collation("unicase", |a: &str, b: &str| {
        a.to_lowercase().cmp(&b.to_lowercase())
    })?;
    refuse_views(&conn, file, chosen)?;
    read_collection(&conn, copy_path, file, options, sink).map_err(|e| match e {
        Error::Sqlite(e) => format_error(
            file,
            format!(
                "{chosen} is not a collection recall can read: {}; expected the tables Anki \
                 writes (col, notes, cards, revlog) with their columns",
                sqlite_reason(&e)
            ),
        ),
        other => other,
    })
}

/// What SQLite found wrong, without the statement recall ran (which means nothing to the
/// person whose file it is).
fn sqlite_reason(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        other => other.to_string(),
    }
}

/// The first bytes of every SQLite database (a bare Anki collection).
pub const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// A directory of recall's own in `$TMPDIR`, removed whole when dropped; what killed imports
/// left behind is removed first.
fn scratch_dir() -> Result<tempfile::TempDir> {
    remove_abandoned_scratch(&std::env::temp_dir());
    tempfile::Builder::new()
        .prefix(&format!("{SCRATCH_PREFIX}{}-", std::process::id()))
        .tempdir()
        .map_err(Error::file(std::env::temp_dir()))
}

/// Package imports unpack into `$TMPDIR/recall-import-PID-...`.
const SCRATCH_PREFIX: &str = "recall-import-";

/// Removes what imports killed by a signal or a crash left in `dir` (directories of processes
/// that no longer run): a decompressed collection can be 2 GiB. Best effort: a directory that
/// cannot be read or removed is left as it is.
fn remove_abandoned_scratch(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|name| name.strip_prefix(SCRATCH_PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_runs(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether a process with this id runs (on Linux, by its /proc entry; elsewhere assumed so, and
/// nothing is removed).
fn process_runs(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Refuses a collection whose notes, cards, review log or configuration are not plain tables.
fn refuse_views(conn: &Connection, file: &str, chosen: &str) -> Result<()> {
    let odd: Option<(String, String)> = conn
        .query_row(anki_sql!("objects_not_tables"), [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()
        .map_err(|e| {
            format_error(
                file,
                format!(
                    "{chosen}: {}; this is not an Anki collection",
                    sqlite_reason(&e)
                ),
            )
        })?;
    match odd {
        Some((name, kind)) => Err(format_error(
            file,
            format!(
                "{chosen}: '{}' is a {}, not a table; this is not an Anki collection",
                crate::text::one_line(&name),
                crate::text::one_line(&kind)
            ),
        )),
        None => Ok(()),
    }
}
