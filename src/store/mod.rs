//! The collection in SQLite: opening, migrating, transactions; one file per table family, and the
//! SQL text in `sql/`, one file per statement, named after the method that runs it.

use crate::error::{Error, Result};
use rusqlite::config::DbConfig;
use rusqlite::types::FromSql;
use rusqlite::{
    Connection, ErrorCode, OpenFlags, OptionalExtension, Params, Row, Transaction,
    TransactionBehavior,
};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The text of one statement in `sql/`.
macro_rules! sql {
    ($name:literal) => {
        include_str!(concat!("sql/", $name, ".sql"))
    };
}

mod cards;
mod decks;
mod reviews;
mod settings;
mod types;

pub use cards::{
    CARDS_PER_INSERT, Card, CardId, CardInserter, Histogram, INTERVAL_BUCKET_ENDS, NewCard,
    ease_bucket, interval_bucket,
};
pub use decks::{Deck, DeckCounts, DeckId};
pub use reviews::{
    DaySummary, LeechAction, LoggedReview, Review, ReviewBatch, ReviewKind, Unfinished,
};

/// One step of the schema's history.
pub(crate) enum Migration {
    /// A script run as one batch.
    Sql(&'static str),
    /// A step that needs code (reshaping data SQL cannot), run inside the same transaction.
    #[allow(dead_code, reason = "kept for the first migration that needs Rust")]
    Rust(fn(&Connection) -> rusqlite::Result<()>),
    /// A script that edits stored table definitions in a way no row can notice (a constraint
    /// said another way), run by SQLite's in-place procedure: `edit_schema`.
    SchemaEdit(&'static str),
}

/// Runs `script` against `sqlite_schema` made writable, then moves the schema version on so
/// every other connection reads the definitions again ("Making Other Kinds Of Table Schema
/// Changes" in SQLite's ALTER TABLE documentation); `writable_schema = RESET` turns writing
/// off again, whatever happened, and makes this connection read them again too.
fn edit_schema(conn: &Connection, script: &str) -> rusqlite::Result<()> {
    let version: i64 = conn.pragma_query_value(None, "schema_version", |row| row.get(0))?;
    conn.pragma_update(None, "writable_schema", true)?;
    let edited = conn
        .execute_batch(script)
        .and_then(|()| conn.pragma_update(None, "schema_version", version + 1));
    let restored = conn.execute_batch("PRAGMA writable_schema = RESET");
    edited.and(restored)
}

/// A single-row `INSERT ... VALUES (?1, ..., ?n) [tail]` made to insert `rows` rows: the
/// values' tuple (plain parameters: it ends at its first `)`) repeated, every row with
/// parameters of its own (numbered on), the tail (an `ON CONFLICT` clause) kept once at the
/// end. One statement for many rows saves each row the
/// statement's start and end.
pub(crate) fn multi_row_sql(single: &str, rows: usize) -> String {
    let (columns, values) = single.split_once("VALUES").unwrap_or((single, ""));
    let values = values.trim_start();
    let tuple_end = values.find(')').map_or(values.len(), |at| at + 1);
    let (one_row, tail) = values.split_at(tuple_end);
    let mut text = format!("{columns}VALUES {one_row}");
    for _ in 1..rows {
        text.push_str(",\n");
        text.push_str(one_row);
    }
    text.push_str(tail);
    // Each row repeats ?1..?n: renumber them so that every row has its own parameters.
    let mut numbered = String::with_capacity(text.len() + rows * 40);
    let mut next = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' {
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
            next += 1;
            numbered.push_str(&format!("?{next}"));
        } else {
            numbered.push(c);
        }
    }
    numbered
}

/// What a bulk import may suspend while it writes (`Store::suspend_upkeep`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upkeep {
    /// The history's per-day index and insert triggers.
    History,
    /// The cards' indexes by due day, by ease and interval, and by sibling group.
    Cards,
}

/// From this many rows (and at least as many as the table held), an import is a bulk import:
/// indexes its rows enter out of order are built after them instead of row by row.
const BULK_ROWS: usize = 50_000;

#[cfg(test)]
thread_local! {
    /// A smaller bulk threshold for tests on this thread, so small fixtures take the bulk path.
    pub(crate) static BULK_ROWS_IN_TESTS: std::cell::Cell<Option<usize>> =
        const { std::cell::Cell::new(None) };
}

/// Whether `rows` new rows make a bulk import into a table whose ids reach `held`.
fn is_bulk(rows: usize, held: i64) -> bool {
    #[cfg(test)]
    let threshold = BULK_ROWS_IN_TESTS.get().unwrap_or(BULK_ROWS);
    #[cfg(not(test))]
    let threshold = BULK_ROWS;
    rows >= threshold && i64::try_from(rows).unwrap_or(i64::MAX) >= held
}

/// The numbered migrations, in order; the schema version is how many have run. Append only:
/// a test holds a checksum of every shipped step and fails when one is edited.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration::Sql(include_str!("migrations/001_initial.sql")),
    Migration::Sql(include_str!("migrations/002_daily_habits.sql")),
    Migration::Sql(include_str!("migrations/003_bulk_imports.sql")),
    Migration::Sql(include_str!("migrations/004_own_decks.sql")),
    Migration::Sql(include_str!("migrations/005_card_histogram.sql")),
    Migration::Sql(include_str!("migrations/006_siblings.sql")),
    Migration::SchemaEdit(include_str!(
        "migrations/007_history_check_by_comparison.sql"
    )),
    Migration::Sql(include_str!("migrations/008_covering_counts.sql")),
    Migration::Sql(include_str!("migrations/009_day_totals.sql")),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The page cache, in KiB (negative: a size, not a page count, for SQLite). Each command is a
/// process of its own, so the cache only ever holds one command's pages: 8 MiB keeps a session
/// in memory and lets an import of any size spill its dirty pages to the WAL instead of
/// growing (a larger cache made a 1,000,000-line import hold hundreds of MiB).
const CACHE_KIB: i64 = -8 * 1024;

/// How long a writer waits for another recall's write to finish.
const BUSY_WAIT_SECONDS: u64 = 5;

/// Pages the WAL may hold before SQLite checkpoints it during a write.
const WAL_AUTOCHECKPOINT_PAGES: i64 = 10_000;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// A store just opened, and whether it was created by this open (so it needs its first decks).
pub struct Opened {
    pub store: Store,
    pub created: bool,
}

impl Store {
    /// Opens (creating with mode 0600 if absent) and migrates the collection at `path`.
    /// A file that is not SQLite, or has a newer schema, is refused without being modified.
    pub fn open(path: &Path) -> Result<Opened> {
        create_private_file_if_missing(path)?;
        check_header(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(e, path))?;
        conn.busy_timeout(std::time::Duration::from_secs(BUSY_WAIT_SECONDS))
            .map_err(|e| open_error(e, path))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        let created = store.migrate()?;
        Ok(Opened { store, created })
    }

    /// A private in-memory collection, for tests.
    pub fn open_in_memory() -> Result<Opened> {
        let store = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
        };
        let created = store.migrate()?;
        Ok(Opened { store, created })
    }

    /// Refuses newer schemas, turns on durability, then runs the missing migrations, each in its
    /// own transaction with its version bump. Returns whether the database was empty.
    fn migrate(&self) -> Result<bool> {
        let version: i64 = self
            .conn
            .query_row(sql!("schema_version"), [], |row| row.get(0))
            .map_err(|e| open_error(e, &self.path))?;
        if version > SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                path: self.path.clone(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        // WAL with synchronous=FULL: a committed answer survives a crash or a power cut.
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| open_error(e, &self.path))?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        // Checkpoints copy the WAL into the database file; letting the WAL grow to ~40 MB
        // before one keeps them out of the middle of a review session (SQLite checkpoints
        // when the collection is closed at the end of each command anyway).
        self.conn
            .pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES)?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // Plans stay fixed once prepared: rusqlite clears a cached statement's bindings when it
        // is returned, and without this SQLite re-prepares every statement whose plan looked at
        // a bound value (a quarter of an Anki import's CPU, and part of every session).
        self.conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        // Statement journals stay in memory whatever their size (the build sets
        // SQLITE_STMTJRNL_SPILL=-1: spilled, they cost an import millions of writes to $TMPDIR),
        // while a sort larger than the page cache (an index built at the end of a bulk import)
        // goes to a temporary file instead of growing memory with the import.
        self.conn.pragma_update(None, "temp_store", "FILE")?;
        self.conn.pragma_update(None, "cache_size", CACHE_KIB)?;
        let first_pending = usize::try_from(version).unwrap_or(0);
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(first_pending) {
            let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
            match migration {
                Migration::Sql(script) => tx.execute_batch(script)?,
                Migration::Rust(step) => step(&tx)?,
                Migration::SchemaEdit(script) => edit_schema(&tx, script)?,
            }
            tx.pragma_update(
                None,
                "user_version",
                i64::try_from(index + 1).unwrap_or(i64::MAX),
            )?;
            tx.commit()?;
        }
        Ok(version == 0)
    }

    /// The collection's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every row of every table and the schema, for tests that compare two collections.
    #[cfg(test)]
    pub(crate) fn dump(&self) -> Vec<(String, Vec<Vec<rusqlite::types::Value>>)> {
        let tables: Vec<String> = self
            .all(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                [],
                |row| row.get(0),
            )
            .expect("tables");
        let rows = |sql: &str| -> Vec<Vec<rusqlite::types::Value>> {
            let mut stmt = self.conn.prepare(sql).expect("prepare");
            let columns = stmt.column_count();
            stmt.query_map([], |row| (0..columns).map(|i| row.get(i)).collect())
                .expect("query")
                .map(|row| row.expect("row"))
                .collect()
        };
        let mut dump = vec![(
            "sqlite_master".to_string(),
            rows("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"),
        )];
        for table in tables {
            let contents = rows(&format!("SELECT * FROM \"{table}\" ORDER BY 1, 2"));
            dump.push((table, contents));
        }
        dump
    }

    /// Runs a script of statements (tests replay a migration's step with it).
    #[cfg(test)]
    pub(crate) fn execute_script(&self, script: &str) -> Result<()> {
        self.conn.execute_batch(script)?;
        Ok(())
    }

    /// Runs `work` in one immediate transaction: all of it is committed, or none of it.
    pub fn write<T>(&self, work: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| self.write_error(e))?;
        let value = work(self)?;
        tx.commit().map_err(|e| self.write_error(e))?;
        Ok(value)
    }

    /// Drops, inside the caller's transaction, the upkeep a bulk import suspends (the indexes
    /// its rows would enter out of order, and for the history the insert triggers, which never
    /// act on imported rows), and returns their definitions for `restore_upkeep`: each index
    /// is then built once, in order, instead of row by row at random places.
    pub fn suspend_upkeep(&self, upkeep: Upkeep) -> Result<Vec<String>> {
        let query = match upkeep {
            Upkeep::History => sql!("history_upkeep"),
            Upkeep::Cards => sql!("card_upkeep"),
        };
        let found: Vec<(String, String, String)> =
            self.all(query, [], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        let mut definitions = Vec::with_capacity(found.len());
        for (kind, name, definition) in found {
            let drop = match kind.as_str() {
                "index" => format!("DROP INDEX \"{name}\""),
                _ => format!("DROP TRIGGER \"{name}\""),
            };
            self.conn.execute_batch(&drop)?;
            definitions.push(definition);
        }
        Ok(definitions)
    }

    /// Runs again the definitions `suspend_upkeep` returned.
    pub fn restore_upkeep(&self, definitions: &[String]) -> Result<()> {
        for definition in definitions {
            self.conn.execute_batch(definition)?;
        }
        Ok(())
    }

    /// Fails now, with the reason, when the collection cannot take a write: a session checks
    /// before its first card rather than after the first answer.
    pub fn check_writable(&self) -> Result<()> {
        self.write(|_| Ok(()))
    }

    /// A failure to start or commit a write, said in the user's terms.
    fn write_error(&self, error: rusqlite::Error) -> Error {
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Locked {
                path: self.path.clone(),
                seconds: BUSY_WAIT_SECONDS,
            },
            Some(ErrorCode::ReadOnly) => Error::ReadOnly {
                path: self.path.clone(),
            },
            _ => Error::Sqlite(error),
        }
    }

    /// Writes a complete copy of the collection to `path` (new or empty), answers still in the
    /// WAL included, as one consistent snapshot: safe while another recall is running. The copy
    /// is private (0600) like the collection.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        let existed = path.exists();
        create_private_file_if_missing(path)?;
        let written = self.vacuum_into(path);
        if written.is_err() && !existed {
            // Nothing half-written is left behind under the name the user gave.
            let _ = std::fs::remove_file(path);
        }
        written
    }

    fn vacuum_into(&self, path: &Path) -> Result<()> {
        let target = path.to_str().ok_or_else(|| {
            Error::Usage(format!(
                "backup: {} is not a name SQLite can open (it is not UTF-8)",
                path.display()
            ))
        })?;
        self.execute(sql!("backup_to"), [target])
            .map_err(|error| match error {
                Error::Sqlite(source) => Error::File {
                    path: path.to_path_buf(),
                    source: std::io::Error::other(source.to_string()),
                },
                other => other,
            })
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row(sql!("schema_version"), [], |row| row.get(0))?)
    }

    /// `PRAGMA integrity_check`'s verdict: "ok" for a sound file.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row(sql!("integrity_check"), [], |row| row.get(0))?)
    }

    /// Counts SQLite's virtual-machine steps (in thousands) into `steps` from now on: the work
    /// a test can compare between inputs of different sizes without timing anything.
    #[cfg(test)]
    pub(crate) fn count_steps(&mut self, steps: std::sync::Arc<std::sync::atomic::AtomicU64>) {
        let handler = move || {
            steps.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            false
        };
        let _ = self.conn.progress_handler(1000, Some(handler));
    }

    /// Makes every later write fail, as a read-only file would (for tests of failure paths).
    #[cfg(test)]
    pub(crate) fn refuse_writes(&self) {
        let _ = self.conn.pragma_update(None, "query_only", true);
    }

    /// How many times SQLite had to prepare a cached statement again (for tests of the QPSG).
    #[cfg(test)]
    pub(crate) fn reprepares(&self, statement: &str) -> Result<i32> {
        let stmt = self.conn.prepare_cached(statement)?;
        Ok(stmt.get_status(rusqlite::StatementStatus::RePrepare))
    }

    /// The query plan SQLite would use, one detail per line (for tests of the indexes).
    pub fn query_plan(&self, statement: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {statement}"))?;
        let unbound = vec![rusqlite::types::Null; stmt.parameter_count()];
        let details = stmt
            .query_map(rusqlite::params_from_iter(unbound), |row| {
                row.get::<_, String>(3)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(details)
    }
}

/// Running the cached statements: every method of the store goes through one of these.
impl Store {
    /// Every row of a statement, each through `map`.
    fn all<T>(
        &self,
        sql: &str,
        params: impl Params,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params, map)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The first row of a statement, if it returns any.
    fn optional<T>(
        &self,
        sql: &str,
        params: impl Params,
        map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        Ok(stmt.query_row(params, map).optional()?)
    }

    /// The row a statement always returns (an aggregate).
    fn one<T>(
        &self,
        sql: &str,
        params: impl Params,
        map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<T> {
        self.optional(sql, params, map)?
            .ok_or(Error::Sqlite(rusqlite::Error::QueryReturnedNoRows))
    }

    /// Runs a statement that writes.
    fn execute(&self, sql: &str, params: impl Params) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        stmt.execute(params)?;
        Ok(())
    }
}

/// A row's first column, for statements that return one value per row.
fn first_column<T: FromSql>(row: &Row<'_>) -> rusqlite::Result<T> {
    row.get(0)
}

/// A row's first two columns.
fn first_two_columns<A: FromSql, B: FromSql>(row: &Row<'_>) -> rusqlite::Result<(A, B)> {
    Ok((row.get(0)?, row.get(1)?))
}

/// The statements on the paths a review session and the greeting take, for plan tests.
pub const HOT_STATEMENTS: &[(&str, &str)] = &[
    ("due_count", sql!("due_count")),
    ("due_cards", sql!("due_cards")),
    ("new_cards", sql!("new_cards")),
    ("next_due_day", sql!("next_due_day")),
    ("deck_counts", sql!("deck_counts")),
    ("unfinished_today", sql!("unfinished_today")),
    ("card", cards::CARD),
    ("card_by_key", cards::CARD_BY_KEY),
    ("save_schedule", sql!("save_schedule")),
    ("last_answer", reviews::LAST_ANSWER),
    ("last_review_of_card", reviews::LAST_REVIEW_OF_CARD),
    ("work_done_by_deck", sql!("work_done_by_deck")),
    ("day_summaries", sql!("day_summaries")),
    ("active_days", sql!("active_days")),
    ("day_totals", sql!("day_totals")),
    ("active_days_total", sql!("active_days_total")),
    ("forecast", sql!("forecast")),
    ("for_each_review", reviews::FOR_EACH_REVIEW),
    ("ease_interval_histogram", sql!("ease_interval_histogram")),
];

fn create_private_file_if_missing(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(source) => Err(Error::File {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// An empty file is a new database; anything else must start with SQLite's magic header.
fn check_header(path: &Path) -> Result<()> {
    let file_error = |source| Error::File {
        path: path.to_path_buf(),
        source,
    };
    let mut header = Vec::with_capacity(SQLITE_HEADER.len());
    std::fs::File::open(path)
        .map_err(file_error)?
        .take(SQLITE_HEADER.len() as u64)
        .read_to_end(&mut header)
        .map_err(file_error)?;
    if header.is_empty() || header == SQLITE_HEADER {
        Ok(())
    } else {
        Err(Error::NotADatabase {
            path: path.to_path_buf(),
        })
    }
}

fn open_error(error: rusqlite::Error, path: &Path) -> Error {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => Error::NotADatabase {
            path: path.to_path_buf(),
        },
        _ => Error::Sqlite(error),
    }
}

#[cfg(test)]
mod tests;
