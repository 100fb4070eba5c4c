//! Anki packages (`.apkg`, `.colpkg`): a zip holding a SQLite collection, either the legacy
//! layout (`collection.anki21` or `collection.anki2`, note types and decks as JSON in `col`) or
//! the current one (`collection.anki21b`, zstd-compressed, note types, fields, templates and
//! decks in tables of their own, beside a placeholder `collection.anki2` that must be ignored).
//!
//! Names inside the package are only ever compared with the names above, never used as paths;
//! the collection is copied, within a size limit, into a temporary file of our own.

use super::anki::timing::{self, Timing};
use super::anki::{NoteKind, NoteType, Placement, Template, note_cards, note_key};
use super::{CardSink, DeckCard, ImportBatch, Schedule};
use crate::clock;
use crate::error::{Error, Result};
use crate::scheduler::{CardState, EaseFactor, Grade, MAX_INTERVAL_DAYS, StudyDay};
use crate::store::{LeechAction, Review, ReviewKind};
use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

/// The text of one query against an Anki collection, from `anki_sql/`.
macro_rules! anki_sql {
    ($name:literal) => {
        include_str!(concat!("anki_sql/", $name, ".sql"))
    };
}

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

fn format_error(file: &str, message: impl Into<String>) -> Error {
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
pub type History = HashMap<i64, Vec<Review>>;

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
    remove_abandoned_scratch(&std::env::temp_dir());
    let scratch = tempfile::Builder::new()
        .prefix(&format!("{SCRATCH_PREFIX}{}-", std::process::id()))
        .tempdir()
        .map_err(Error::file(std::env::temp_dir()))?;
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
    remove_abandoned_scratch(&std::env::temp_dir());
    let scratch = tempfile::Builder::new()
        .prefix(&format!("{SCRATCH_PREFIX}{}-", std::process::id()))
        .tempdir()
        .map_err(Error::file(std::env::temp_dir()))?;
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
    let conn = open_collection(copy_path).map_err(|e| {
        format_error(
            file,
            format!(
                "{chosen} is not a SQLite collection ({})",
                sqlite_reason(&e)
            ),
        )
    })?;
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
                    "{chosen} is not a SQLite collection ({})",
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

/// Opens the copied collection read-only (in the import's own directory, removed whole with
/// any -wal or -shm file SQLite puts beside it).
fn open_collection(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

/// A card row of the collection.
struct AnkiCard {
    id: i64,
    note: i64,
    deck: i64,
    ord: u32,
    kind: i64,
    queue: i64,
    due: i64,
    interval: i64,
    factor: i64,
    reps: i64,
    lapses: i64,
    /// FSRS's difficulty (1 to 10), for a card FSRS schedules.
    difficulty: Option<f64>,
}

/// Reads the collection at `path` (open as `conn`). The review log, usually ten times the size
/// of everything else, is read on a second thread over its own connection while this one reads
/// the notes and cards.
fn read_collection(
    conn: &Connection,
    path: &Path,
    file: &str,
    options: &PackageOptions,
    sink: &mut dyn CardSink,
) -> Result<()> {
    let v1 = left_by_v1_scheduler(conn)?;
    std::thread::scope(|scope| {
        let mut reader = Some(scope.spawn(|| read_history(path, options, v1)));
        // Between cards: once the review log is read, hand it on, so that the history of the
        // cards stored so far is written while the rest are rendered.
        let mut hand_on = |sink: &mut dyn CardSink, wait: bool| -> Result<()> {
            if reader
                .as_ref()
                .is_some_and(|handle| wait || handle.is_finished())
                && let Some(handle) = reader.take()
            {
                let history = handle.join().map_err(|_| {
                    format_error(file, "reading the review log failed unexpectedly")
                })??;
                sink.history(history)?;
            }
            Ok(())
        };
        read_cards(conn, file, options, v1, sink, &mut |sink| {
            hand_on(sink, false)
        })?;
        hand_on(sink, true)
    })
}

/// One setting of the collection (`col.conf` in older files, the `config` table in current
/// ones), as JSON.
fn collection_setting(conn: &Connection, key: &str) -> Result<Option<serde_json::Value>> {
    let modern = conn.query_row(anki_sql!("has_notetypes_table"), [], |row| {
        row.get::<_, i64>(0)
    })? > 0;
    Ok(if modern {
        conn.query_row(anki_sql!("modern_config"), [key], |row| {
            row.get::<_, Option<String>>(0)
        })
        .optional()?
        .flatten()
        .and_then(|text| serde_json::from_str(&text).ok())
    } else {
        let conf: Option<String> =
            conn.query_row(anki_sql!("legacy_configuration"), [], |row| row.get(0))?;
        conf.and_then(|json| serde_json::from_str::<serde_json::Value>(&json).ok())
            .and_then(|mut conf| conf.get_mut(key).map(serde_json::Value::take))
    })
}

/// Whether Anki would upgrade this collection from its old (v1) scheduler on import: it
/// carries scheduling, and its scheduler version is 1 or not recorded.
fn left_by_v1_scheduler(conn: &Connection) -> Result<bool> {
    if !conn.query_row(anki_sql!("has_scheduling"), [], |row| row.get::<_, bool>(0))? {
        return Ok(false);
    }
    let version = collection_setting(conn, "schedVer")?.and_then(|v| v.as_i64());
    Ok(version.unwrap_or(1) == 1)
}

/// What the collection counts its days from. A collection Anki upgrades from v1 gets its
/// creation offset then; the importer's current offset stands for it.
fn collection_timing(conn: &Connection, v1: bool, now: DateTime<FixedOffset>) -> Result<Timing> {
    let created: i64 = conn.query_row(anki_sql!("collection_created"), [], |row| row.get(0))?;
    let creation_offset = collection_setting(conn, "creationOffset")?
        .and_then(|v| v.as_i64())
        .map(timing::offset_from_minutes_west)
        .or_else(|| v1.then(|| *now.offset()));
    let rollover_hour = collection_setting(conn, "rollover")?
        .and_then(|v| v.as_u64())
        .and_then(|hour| u32::try_from(hour).ok())
        .unwrap_or(4);
    Ok(Timing {
        created,
        creation_offset,
        rollover_hour,
    })
}

/// Anki's revlog types that are learning steps: learning (0) and relearning (2).
const LEARNING_REVIEWS: [i64; 2] = [0, 2];

/// The review log of every card, oldest first per card, as imported history rows. In a log
/// left by the v1 scheduler, buttons 2 and 3 on learning steps meant Good and Easy; they are
/// read as Anki's upgrade rewrites them (3 and 4).
fn read_history(path: &Path, options: &PackageOptions, v1: bool) -> Result<History> {
    let conn = open_collection(path)?;
    let offset = *options.now.offset();
    let mut history = History::new();
    let mut stmt = conn.prepare(anki_sql!("revlog"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let at_ms: i64 = row.get(0)?;
        let card: i64 = row.get(1)?;
        let button: i64 = row.get(2)?;
        let interval: i64 = row.get(3)?;
        let last_interval: i64 = row.get(4)?;
        let factor: i64 = row.get(5)?;
        let time: i64 = row.get(6)?;
        let kind: i64 = row.get(7)?;
        let button = if v1 && matches!(button, 2 | 3) && LEARNING_REVIEWS.contains(&kind) {
            button + 1
        } else {
            button
        };
        let log = history.entry(card).or_default();
        let study_day = clock::study_day_at(at_ms.div_euclid(1000), offset, options.rollover_hour);
        let ease_after = ease_from_factor(factor);
        let ease_before = log.last().map_or(ease_after, |r| r.after.ease_factor);
        let repetitions = u32::try_from(log.len()).unwrap_or(u32::MAX);
        log.push(Review {
            id: 0,
            card_id: 0,
            reviewed_at_ms: at_ms,
            study_day,
            grade: grade_from_button(button),
            kind: ReviewKind::Imported,
            response_ms: time.max(0),
            before: CardState {
                ease_factor: ease_before,
                repetitions,
                interval_days: days(last_interval),
                due_day: log.last().and_then(|r| r.after.due_day),
                lapses: 0,
            },
            after: CardState {
                ease_factor: ease_after,
                repetitions: repetitions + 1,
                interval_days: days(interval),
                due_day: Some(study_day.plus_days(days(interval))),
                lapses: 0,
            },
            leech_action: LeechAction::None,
        });
    }
    Ok(history)
}

/// The decks, notes and cards, handed to `sink` with their schedules as they are rendered.
fn read_cards(
    conn: &Connection,
    file: &str,
    options: &PackageOptions,
    v1: bool,
    sink: &mut dyn CardSink,
    between_cards: &mut dyn FnMut(&mut dyn CardSink) -> Result<()>,
) -> Result<()> {
    // Notes are known by their GUIDs, wherever their cards are.
    sink.keys_are_global();
    let today = clock::study_day(options.now, options.rollover_hour);
    let anki_today = collection_timing(conn, v1, options.now)?
        .days_elapsed(options.now)
        .ok_or_else(|| format_error(file, "the collection's creation time is out of range"))?;
    let modern = conn.query_row(anki_sql!("has_notetypes_table"), [], |row| {
        row.get::<_, i64>(0)
    })? > 0;
    let note_types = if modern {
        modern_note_types(conn)?
    } else {
        legacy_note_types(conn, file)?
    };
    let decks = if modern {
        let mut stmt = conn.prepare(anki_sql!("modern_decks"))?;
        let rows = stmt.query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?;
        rows.map(|row| row.map(|(id, name)| (id, name.replace('\u{1f}', "::"))))
            .collect::<rusqlite::Result<HashMap<_, _>>>()?
    } else {
        let json: String = conn.query_row(anki_sql!("legacy_decks"), [], |row| row.get(0))?;
        let value: serde_json::Value = serde_json::from_str(&json)
            .map_err(|e| format_error(file, format!("the deck list is not JSON ({e})")))?;
        value
            .as_object()
            .map(|decks| {
                decks
                    .iter()
                    .filter_map(|(id, deck)| {
                        Some((id.parse::<i64>().ok()?, deck["name"].as_str()?.to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut notes: HashMap<i64, (String, i64, Vec<String>, Vec<String>)> = HashMap::new();
    {
        let mut stmt = conn.prepare(anki_sql!("notes"))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let tags: String = row.get(3)?;
            let tags = super::tag_list(&tags)
                .map_err(|reason| format_error(file, format!("note {id} has {reason}")))?;
            let fields: String = row.get(4)?;
            notes.insert(
                id,
                (
                    row.get(1)?,
                    row.get(2)?,
                    tags,
                    fields.split('\u{1f}').map(str::to_string).collect(),
                ),
            );
        }
    }
    let mut media_left_out = 0;
    let mut rendered: HashMap<i64, std::result::Result<Vec<super::anki::NoteCard>, String>> =
        HashMap::new();
    let mut stmt = conn.prepare(anki_sql!("cards"))?;
    let cards = stmt.query_map([], |row| {
        let mut card = AnkiCard {
            id: row.get(0)?,
            note: row.get(1)?,
            deck: row.get(2)?,
            ord: row.get(3)?,
            kind: row.get(4)?,
            queue: row.get(5)?,
            due: row.get(6)?,
            interval: row.get(7)?,
            factor: row.get(8)?,
            reps: row.get(9)?,
            lapses: row.get(10)?,
            difficulty: row
                .get::<_, Option<String>>(11)?
                .and_then(|data| serde_json::from_str::<serde_json::Value>(&data).ok())
                .and_then(|data| data.get("d").and_then(serde_json::Value::as_f64)),
        };
        // The v1 scheduler kept lapsed review cards in the learning queues as review cards,
        // their due a timestamp; Anki's upgrade makes them relearning cards.
        if v1 && card.kind == 2 && matches!(card.queue, 1 | 3) {
            card.kind = 3;
        }
        Ok(card)
    })?;
    for card in cards {
        let card = card?;
        between_cards(sink)?;
        let Some((guid, note_type_id, tags, fields)) = notes.get(&card.note) else {
            sink.skip("a card whose note is missing".to_string());
            continue;
        };
        let Some(note_type) = note_types.get(note_type_id) else {
            sink.skip(format!("note {}: its note type is missing", card.note));
            continue;
        };
        let first_card_of_note = !rendered.contains_key(&card.note);
        let note_cards_result = rendered.entry(card.note).or_insert_with(|| {
            let placement = Placement {
                deck: decks.get(&card.deck).map_or("Default", String::as_str),
                tags,
            };
            note_cards(
                &note_key(guid),
                note_type,
                fields,
                placement,
                &mut media_left_out,
            )
        });
        let made = match note_cards_result {
            Ok(made) => made,
            Err(reason) => {
                if first_card_of_note {
                    sink.skip(reason.clone());
                }
                continue;
            }
        };
        let Some(made) = made.iter().find(|c| c.ord == card.ord).cloned() else {
            sink.skip(format!(
                "note type '{}': a card whose question or answer is empty",
                note_type.name
            ));
            continue;
        };
        let deck = decks
            .get(&card.deck)
            .cloned()
            .unwrap_or_else(|| "Default".to_string());
        sink.add_scheduled(
            &deck,
            DeckCard {
                key: made.key,
                front: made.front,
                back: made.back,
                tags: tags.clone(),
                line: usize::try_from(card.note).unwrap_or(0),
            },
            Schedule {
                state: carried_state(&card, anki_today, today),
                suspended: card.queue == -1,
                source: card.id,
            },
        )?;
    }
    // Media are counted as the package's files (in `read_into`), not per card side.
    let _ = media_left_out;
    Ok(())
}

/// Anki's ease (factor, in thousandths: 2500 is 250%) as an EF, floored at 1.30; a new card's
/// factor of 0 means the default 2.50. Under FSRS the same column holds the difficulty, shifted
/// to 0.1-1.1 and in thousandths (100 to 1,100, below any SM-2 factor, which is at least
/// 1,300): read as `ease_from_difficulty`.
fn ease_from_factor(factor: i64) -> EaseFactor {
    if factor <= 0 {
        return EaseFactor::INITIAL;
    }
    if factor <= 1_100 {
        // Anki's difficulty_shifted() * 1000 = ((D - 1) / 9 + 0.1) * 1000.
        #[allow(clippy::cast_precision_loss)]
        let shifted = factor as f64 / 1000.0;
        return ease_from_difficulty((shifted - 0.1) * 9.0 + 1.0);
    }
    let ceiling = i64::from(EaseFactor::MAXIMUM_IMPORTED.hundredths());
    EaseFactor::from_hundredths(u32::try_from((factor / 10).min(ceiling)).unwrap_or(0))
}

/// FSRS's difficulty (1 easiest, 10 hardest) as an EF on SM-2's scale: 1 is 3.00, 10 is 1.30,
/// linearly between (difficulty 4 reads 2.43).
fn ease_from_difficulty(difficulty: f64) -> EaseFactor {
    let difficulty = if difficulty.is_finite() {
        difficulty.clamp(1.0, 10.0)
    } else {
        5.0
    };
    let hundredths = 300.0 - (difficulty - 1.0) * 170.0 / 9.0;
    // Between 130 and 300 by the clamp above.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    EaseFactor::from_hundredths(hundredths.round() as u32)
}

/// Days from a package (an interval), within what the scheduler itself allows.
fn days(anki: i64) -> u32 {
    u32::try_from(anki.clamp(0, i64::from(MAX_INTERVAL_DAYS))).unwrap_or(0)
}

/// Anki's answer buttons as SuperMemo grades: Again 1, Hard 3, Good 4, Easy 5.
fn grade_from_button(button: i64) -> Grade {
    let grade = match button {
        1 => 1,
        2 => 3,
        3 => 4,
        _ => 5,
    };
    Grade::new(grade).unwrap_or(Grade::PERFECT)
}

/// The SM-2 state of a card Anki has under review: its interval, its due day (as many days
/// from today as Anki has it from its own today, `anki_today`), reviews and lapses, and its
/// ease as EF. Cards in relearning are due today, starting over (n = 0); new and learning
/// cards stay new.
fn carried_state(card: &AnkiCard, anki_today: i64, today: StudyDay) -> Option<CardState> {
    let count = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
    match card.kind {
        2 => Some(CardState {
            ease_factor: card
                .difficulty
                .map_or_else(|| ease_from_factor(card.factor), ease_from_difficulty),
            // A card under review has been recalled at least twice in SM-2 terms, so its next
            // success multiplies the interval.
            repetitions: count(card.reps).max(2),
            interval_days: days(card.interval).max(1),
            due_day: Some(StudyDay::from_days_since_epoch(
                i32::try_from(
                    i64::from(today.days_since_epoch())
                        .saturating_add(card.due.saturating_sub(anki_today)),
                )
                .unwrap_or(i32::MAX),
            )),
            lapses: count(card.lapses),
        }),
        3 => Some(CardState {
            ease_factor: card
                .difficulty
                .map_or_else(|| ease_from_factor(card.factor), ease_from_difficulty),
            repetitions: 0,
            interval_days: 1,
            due_day: Some(today),
            lapses: count(card.lapses),
        }),
        _ => None,
    }
}

fn unsupported_kind(name: &str, fields: &[String]) -> Option<String> {
    let occlusion = name.to_lowercase().contains("image occlusion")
        || fields.first().is_some_and(|f| f == "Occlusion");
    occlusion.then(|| format!("note type '{name}': image occlusion is not supported"))
}

fn legacy_note_types(conn: &Connection, file: &str) -> Result<HashMap<i64, NoteType>> {
    let json: String = conn.query_row(anki_sql!("legacy_note_types"), [], |row| row.get(0))?;
    let models: serde_json::Value = serde_json::from_str(&json)
        .map_err(|e| format_error(file, format!("the note types are not JSON ({e})")))?;
    let mut types = HashMap::new();
    for (id, model) in models.as_object().into_iter().flatten() {
        let Ok(id) = id.parse::<i64>() else { continue };
        let name = model["name"].as_str().unwrap_or("?").to_string();
        let mut fields: Vec<(i64, String)> = model["flds"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                (
                    f["ord"].as_i64().unwrap_or(0),
                    f["name"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        fields.sort();
        let fields: Vec<String> = fields.into_iter().map(|(_, name)| name).collect();
        let templates: Vec<Template> = model["tmpls"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| Template {
                ord: u32::try_from(t["ord"].as_i64().unwrap_or(0)).unwrap_or(0),
                name: t["name"].as_str().unwrap_or("").to_string(),
                question: t["qfmt"].as_str().unwrap_or("").to_string(),
                answer: t["afmt"].as_str().unwrap_or("").to_string(),
            })
            .collect();
        let kind = match unsupported_kind(&name, &fields) {
            Some(reason) => NoteKind::Unsupported(reason),
            None if model["type"].as_i64() == Some(1) => {
                NoteKind::Cloze(templates.into_iter().next().unwrap_or(Template {
                    ord: 0,
                    name: String::new(),
                    question: String::new(),
                    answer: String::new(),
                }))
            }
            None => NoteKind::Standard(templates),
        };
        types.insert(id, NoteType { name, fields, kind });
    }
    Ok(types)
}

fn modern_note_types(conn: &Connection) -> Result<HashMap<i64, NoteType>> {
    let mut fields: HashMap<i64, Vec<(u32, String)>> = HashMap::new();
    {
        let mut stmt = conn.prepare(anki_sql!("modern_fields"))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            fields
                .entry(row.get(0)?)
                .or_default()
                .push((row.get(1)?, row.get(2)?));
        }
    }
    let mut templates: HashMap<i64, Vec<Template>> = HashMap::new();
    {
        let mut stmt = conn.prepare(anki_sql!("modern_templates"))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let config: Vec<u8> = row.get(2)?;
            let mut question = String::new();
            let mut answer = String::new();
            for (field, value) in protobuf_fields(&config) {
                if let Protobuf::Bytes(bytes) = value {
                    match field {
                        1 => question = String::from_utf8_lossy(bytes).into_owned(),
                        2 => answer = String::from_utf8_lossy(bytes).into_owned(),
                        _ => {}
                    }
                }
            }
            templates.entry(row.get(0)?).or_default().push(Template {
                ord: row.get(1)?,
                name: row.get(3)?,
                question,
                answer,
            });
        }
    }
    let mut types = HashMap::new();
    let mut stmt = conn.prepare(anki_sql!("modern_note_types"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let name: String = row.get(1)?;
        let config: Vec<u8> = row.get(2)?;
        let mut names = fields.remove(&id).unwrap_or_default();
        names.sort();
        let names: Vec<String> = names.into_iter().map(|(_, n)| n).collect();
        let mut own_templates = templates.remove(&id).unwrap_or_default();
        own_templates.sort_by_key(|t| t.ord);
        // NotetypeConfig.kind (field 1): 0 normal, 1 cloze.
        let cloze = protobuf_fields(&config)
            .iter()
            .any(|(field, value)| *field == 1 && *value == Protobuf::Varint(1));
        let kind = match unsupported_kind(&name, &names) {
            Some(reason) => NoteKind::Unsupported(reason),
            None if cloze => match own_templates.into_iter().next() {
                Some(template) => NoteKind::Cloze(template),
                None => NoteKind::Unsupported(format!("note type '{name}' has no template")),
            },
            None => NoteKind::Standard(own_templates),
        };
        types.insert(
            id,
            NoteType {
                name,
                fields: names,
                kind,
            },
        );
    }
    Ok(types)
}

#[derive(Debug, PartialEq, Eq)]
enum Protobuf<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    Fixed,
}

fn varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// The top-level fields of a protobuf message (enough to read Anki's note type and template
/// configs without their schema); stops at anything malformed.
fn protobuf_fields(bytes: &[u8]) -> Vec<(u64, Protobuf<'_>)> {
    let mut fields = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let Some(key) = varint(bytes, &mut at) else {
            break;
        };
        let field = key >> 3;
        let value = match key & 7 {
            0 => match varint(bytes, &mut at) {
                Some(v) => Protobuf::Varint(v),
                None => break,
            },
            1 => {
                at += 8;
                Protobuf::Fixed
            }
            2 => {
                let Some(length) = varint(bytes, &mut at) else {
                    break;
                };
                let Ok(length) = usize::try_from(length) else {
                    break;
                };
                let Some(slice) = bytes.get(at..at.saturating_add(length)) else {
                    break;
                };
                at += length;
                Protobuf::Bytes(slice)
            }
            5 => {
                at += 4;
                Protobuf::Fixed
            }
            _ => break,
        };
        fields.push((field, value));
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_schedules_are_clamped_to_what_the_scheduler_allows() {
        let absurd = AnkiCard {
            id: 1,
            note: 1,
            deck: 1,
            ord: 0,
            kind: 2,
            queue: 2,
            due: i64::MAX,
            interval: 4_294_967_295,
            factor: 429_496_729_500,
            reps: 4_294_967_295,
            lapses: -5,
            difficulty: None,
        };
        let day = StudyDay::from_days_since_epoch(20_000);
        let state = carried_state(&absurd, 0, day).expect("a review card");
        assert_eq!(state.ease_factor, EaseFactor::MAXIMUM_IMPORTED);
        assert_eq!(state.interval_days, MAX_INTERVAL_DAYS);
        assert_eq!(state.lapses, 0);
        assert_eq!(ease_from_factor(-1), EaseFactor::INITIAL);
        assert_eq!(ease_from_factor(1_300), EaseFactor::MINIMUM);
        // FSRS difficulties: 100 is the easiest, 1,100 the hardest.
        assert_eq!(ease_from_factor(100).hundredths(), 300);
        assert_eq!(ease_from_factor(1_100).hundredths(), 130);
        assert_eq!(ease_from_difficulty(4.0).hundredths(), 243);
        assert_eq!(ease_from_difficulty(f64::NAN).hundredths(), 224);
        assert_eq!(days(-3), 0);
        assert_eq!(days(i64::MAX), MAX_INTERVAL_DAYS);
    }

    #[test]
    fn protobuf_top_level_fields() {
        // field 1 varint 1; field 2 bytes "ab"; field 3 fixed32.
        let bytes = [0x08, 0x01, 0x12, 0x02, b'a', b'b', 0x1d, 0, 0, 0, 0];
        assert_eq!(
            protobuf_fields(&bytes),
            vec![
                (1, Protobuf::Varint(1)),
                (2, Protobuf::Bytes(b"ab")),
                (3, Protobuf::Fixed)
            ]
        );
        // Truncated input stops cleanly.
        assert_eq!(protobuf_fields(&[0x12, 0x05, b'a']), vec![]);
    }

    #[test]
    fn buttons_and_factors() {
        let grades: Vec<u8> = (1..=4).map(|b| grade_from_button(b).value()).collect();
        assert_eq!(grades, vec![1, 3, 4, 5]);
        assert_eq!(ease_from_factor(2360).hundredths(), 236);
        assert_eq!(ease_from_factor(1100).hundredths(), 130);
        assert_eq!(ease_from_factor(0), EaseFactor::INITIAL);
    }
}
