//! Reading an Anki collection: a struct per card row, Anki's card types and queues by name,
//! the settings Anki keeps (scheduler version, creation offset, rollover), the notes and cards
//! handed on as they are rendered (one note held at a time), and the review log streamed card
//! by card from a second thread.

use super::notetypes::{legacy_note_types, modern_note_types};
use super::schedule::{carried_state, days, ease_from_factor, grade_from_button};
use super::timing::{self, Timing};
use super::{Placement, note_cards, note_key};
use crate::clock;
use crate::decks::apkg::{PackageOptions, format_error};
use crate::decks::{CardSink, DeckCard, Schedule};
use crate::error::Result;
use crate::scheduler::CardState;
use crate::store::{LeechAction, Review, ReviewKind};
use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::collections::HashMap;
use std::path::Path;

/// Opens the copied collection read-only (in the import's own directory, removed whole with
/// any -wal or -shm file SQLite puts beside it).
pub(crate) fn open_collection(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "query_only", true)?;
    #[cfg(test)]
    let mut conn = conn;
    #[cfg(test)]
    COUNT_STEPS.with_borrow(|steps| {
        if let Some(steps) = steps.clone() {
            let handler = move || {
                steps.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                false
            };
            let _ = conn.progress_handler(1000, Some(handler));
        }
    });
    Ok(conn)
}

#[cfg(test)]
thread_local! {
    /// Set by a test: every collection this thread opens from now on counts SQLite's
    /// virtual-machine steps (in thousands) into it, the review log's connection included.
    pub(crate) static COUNT_STEPS: std::cell::RefCell<
        Option<std::sync::Arc<std::sync::atomic::AtomicU64>>,
    > = const { std::cell::RefCell::new(None) };
}

/// Anki's card types (`cards.type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CardType {
    New,
    Learning,
    Review,
    Relearning,
}

impl CardType {
    fn from_code(code: i64) -> CardType {
        match code {
            1 => CardType::Learning,
            2 => CardType::Review,
            3 => CardType::Relearning,
            _ => CardType::New,
        }
    }
}

/// Anki's queues (`cards.queue`): where a card waits, which a card's type does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Queue {
    Suspended,
    /// Buried as a sibling (-2) or by hand (-3).
    Buried,
    New,
    /// Learning steps within a day (1), its due a timestamp.
    Learning,
    Review,
    /// Learning steps of a day or more (3), its due a day number.
    DayLearning,
    /// Previewing in a filtered deck (4).
    Preview,
}

impl Queue {
    fn from_code(code: i64) -> Queue {
        match code {
            -1 => Queue::Suspended,
            -3 | -2 => Queue::Buried,
            1 => Queue::Learning,
            2 => Queue::Review,
            3 => Queue::DayLearning,
            4 => Queue::Preview,
            _ => Queue::New,
        }
    }
}

/// Anki's review log kinds (`revlog.type`); manual (4) and rescheduled (5) rows are left out
/// by the query that reads the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RevlogKind {
    Learning,
    Review,
    Relearning,
    Filtered,
}

impl RevlogKind {
    fn from_code(code: i64) -> RevlogKind {
        match code {
            0 => RevlogKind::Learning,
            2 => RevlogKind::Relearning,
            3 => RevlogKind::Filtered,
            _ => RevlogKind::Review,
        }
    }
}

/// A card row of the collection.
pub(crate) struct AnkiCard {
    pub(crate) id: i64,
    pub(crate) note: i64,
    pub(crate) deck: i64,
    pub(crate) ord: u32,
    pub(crate) kind: CardType,
    pub(crate) queue: Queue,
    /// A day number (review cards), a timestamp (learning), or a position (new cards).
    pub(crate) due: i64,
    pub(crate) interval: i64,
    pub(crate) factor: i64,
    pub(crate) reps: i64,
    pub(crate) lapses: i64,
    /// FSRS's difficulty (1 to 10), for a card FSRS schedules.
    pub(crate) difficulty: Option<f64>,
}

/// Reads the collection at `path` (open as `conn`). The review log, usually ten times the size
/// of everything else, is read on a second thread over its own connection while this one reads
/// the notes and cards.
pub(crate) fn read_collection(
    conn: &Connection,
    path: &Path,
    file: &str,
    options: &PackageOptions,
    sink: &mut dyn CardSink,
) -> Result<()> {
    let v1 = left_by_v1_scheduler(conn)?;
    // The log streams from a thread of its own while the cards are rendered: the history of
    // each card is written as the card is.
    sink.history(read_history(path, options, v1)?)?;
    read_cards(conn, file, options, v1, sink)
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

/// One row of Anki's review log as it is held until its card is written: 32 bytes, where the
/// history row it becomes holds ten states' worth (the log of a large collection is millions
/// of rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LogRow {
    pub(crate) at_ms: i64,
    /// Anki's button (1-4), as Anki's v1 upgrade leaves it.
    pub(crate) button: u8,
    pub(crate) interval: i32,
    pub(crate) last_interval: i32,
    pub(crate) factor: i32,
    pub(crate) time_ms: i32,
}

/// One card's review log: its Anki id and its answers, oldest first.
type CardLog = (i64, Vec<LogRow>);

/// Cards' logs travel in batches of this many (one hand-over per batch, not per card)...
const LOGS_PER_BATCH: usize = 256;
/// ... and this many batches may wait: the reader is never far ahead of the writer.
const BATCHES_AHEAD: usize = 4;

/// The review log, card by card, as a reader thread streams it in the order the cards are read,
/// and the day arithmetic its rows are read with; `remove` gives a card's rows as imported
/// history. Asked in the order of the stream, it holds a few hundred cards' rows at most,
/// whatever the size of the log; a card asked out of order is found among the rows read past
/// (kept until asked).
pub struct History {
    /// Rows read past while looking for another card, by card.
    pub(crate) read_past: HashMap<i64, Vec<LogRow>>,
    /// The rest of the log, from the reader; `None` once it has all been read.
    pub(crate) stream: Option<std::sync::mpsc::Receiver<Result<Vec<CardLog>>>>,
    /// The batch being read from.
    pub(crate) batch: std::vec::IntoIter<CardLog>,
    /// Answers in the whole log.
    pub(crate) rows: usize,
    /// Cards in the whole collection.
    pub(crate) cards: usize,
    pub(crate) offset: Option<FixedOffset>,
    pub(crate) rollover_hour: u32,
}

impl std::fmt::Debug for History {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("History")
            .field("rows", &self.rows)
            .field("cards", &self.cards)
            .field("read_past", &self.read_past.len())
            .finish_non_exhaustive()
    }
}

impl History {
    /// A log held whole (tests, and logs read another way).
    #[cfg(test)]
    pub(crate) fn from_logs(
        logs: HashMap<i64, Vec<LogRow>>,
        offset: Option<FixedOffset>,
        rollover_hour: u32,
    ) -> History {
        History {
            rows: logs.values().map(Vec::len).sum(),
            cards: logs.len(),
            read_past: logs,
            stream: None,
            batch: Vec::new().into_iter(),
            offset,
            rollover_hour,
        }
    }

    /// How many answers the log holds.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// How many cards the collection holds (those the log's rows belong to, and any others).
    pub fn cards(&self) -> usize {
        self.cards
    }

    /// The rows of the card Anki knows as `source`: read past already, or next in the stream.
    fn take_rows(&mut self, source: i64) -> Result<Option<Vec<LogRow>>> {
        if let Some(rows) = self.read_past.remove(&source) {
            return Ok(Some(rows));
        }
        loop {
            for (card, rows) in self.batch.by_ref() {
                if card == source {
                    return Ok(Some(rows));
                }
                self.read_past.insert(card, rows);
            }
            let Some(stream) = &self.stream else {
                return Ok(None);
            };
            match stream.recv() {
                Ok(Ok(batch)) => self.batch = batch.into_iter(),
                Ok(Err(error)) => {
                    self.stream = None;
                    return Err(error);
                }
                Err(_) => self.stream = None,
            }
        }
    }

    /// The history rows of the card Anki knows as `source`, taken out of the log (none for a
    /// card never answered).
    pub fn remove(&mut self, source: &i64) -> Result<Option<Vec<Review>>> {
        let Some(rows) = self.take_rows(*source)? else {
            return Ok(None);
        };
        if rows.is_empty() {
            return Ok(None);
        }
        let offset = self
            .offset
            .unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC"));
        let mut reviews: Vec<Review> = Vec::with_capacity(rows.len());
        for row in rows {
            let study_day =
                clock::study_day_at(row.at_ms.div_euclid(1000), offset, self.rollover_hour);
            let ease_after = ease_from_factor(i64::from(row.factor));
            let previous = reviews.last().map(|review| review.after);
            let repetitions = u32::try_from(reviews.len()).unwrap_or(u32::MAX);
            let interval = days(i64::from(row.interval));
            reviews.push(Review {
                id: 0,
                card_id: 0,
                reviewed_at_ms: row.at_ms,
                study_day,
                grade: grade_from_button(i64::from(row.button)),
                kind: ReviewKind::Imported,
                response_ms: i64::from(row.time_ms.max(0)),
                before: CardState {
                    ease_factor: previous.map_or(ease_after, |state| state.ease_factor),
                    repetitions,
                    interval_days: days(i64::from(row.last_interval)),
                    due_day: previous.and_then(|state| state.due_day),
                    lapses: 0,
                },
                after: CardState {
                    ease_factor: ease_after,
                    repetitions: repetitions.saturating_add(1),
                    interval_days: interval,
                    due_day: Some(study_day.plus_days(interval)),
                    lapses: 0,
                },
                leech_action: LeechAction::None,
            });
        }
        Ok(Some(reviews))
    }
}

/// A number from the log, within `i32` (intervals and times are far smaller in any real log).
fn narrow(value: i64) -> i32 {
    i32::try_from(value.clamp(i64::from(i32::MIN), i64::from(i32::MAX))).unwrap_or(0)
}

/// The review log, streamed card by card by a thread of its own, in the order the cards are
/// read. In a log left by the v1 scheduler, buttons 2 and 3 on learning steps meant Good and
/// Easy; they are read as Anki's upgrade rewrites them (3 and 4). The thread ends when the log
/// has been read or when the `History` is dropped.
fn read_history(path: &Path, options: &PackageOptions, v1: bool) -> Result<History> {
    let conn = open_collection(path)?;
    let (cards, rows): (i64, i64) = conn.query_row(anki_sql!("collection_size"), [], |row| {
        Ok((row.get(0)?, row.get(1)?))
    })?;
    let (sender, receiver) = std::sync::mpsc::sync_channel(BATCHES_AHEAD);
    std::thread::spawn(move || {
        if let Err(error) = stream_history(&conn, v1, &sender) {
            // The receiver may be gone (the import stopped); then nobody needs the error.
            let _ = sender.send(Err(error));
        }
    });
    Ok(History {
        read_past: HashMap::new(),
        stream: Some(receiver),
        batch: Vec::new().into_iter(),
        rows: usize::try_from(rows).unwrap_or(0),
        cards: usize::try_from(cards).unwrap_or(0),
        offset: Some(*options.now.offset()),
        rollover_hour: options.rollover_hour,
    })
}

fn stream_history(
    conn: &Connection,
    v1: bool,
    sender: &std::sync::mpsc::SyncSender<Result<Vec<CardLog>>>,
) -> Result<()> {
    let mut stmt = conn.prepare(anki_sql!("revlog"))?;
    let mut rows = stmt.query([])?;
    let mut current: Option<CardLog> = None;
    let mut batch: Vec<CardLog> = Vec::with_capacity(LOGS_PER_BATCH);
    while let Some(row) = rows.next()? {
        let card: i64 = row.get(0)?;
        if current.as_ref().is_some_and(|(id, _)| *id != card)
            && let Some(done) = current.take()
        {
            batch.push(done);
            if batch.len() == LOGS_PER_BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(LOGS_PER_BATCH));
                if sender.send(Ok(full)).is_err() {
                    return Ok(());
                }
            }
        }
        let log = current.get_or_insert_with(|| (card, Vec::new()));
        // A card never answered: one row of NULLs.
        let Some(at_ms) = row.get::<_, Option<i64>>(1)? else {
            continue;
        };
        let button: i64 = row.get(2)?;
        let kind = RevlogKind::from_code(row.get(7)?);
        let learning = matches!(kind, RevlogKind::Learning | RevlogKind::Relearning);
        let button = if v1 && matches!(button, 2 | 3) && learning {
            button + 1
        } else {
            button
        };
        log.1.push(LogRow {
            at_ms,
            button: u8::try_from(button.clamp(1, 4)).unwrap_or(4),
            interval: narrow(row.get(3)?),
            last_interval: narrow(row.get(4)?),
            factor: narrow(row.get(5)?),
            time_ms: narrow(row.get(6)?),
        });
    }
    batch.extend(current);
    let _ = sender.send(Ok(batch));
    Ok(())
}

/// The decks, notes and cards, handed to `sink` with their schedules as they are rendered.
fn read_cards(
    conn: &Connection,
    file: &str,
    options: &PackageOptions,
    v1: bool,
    sink: &mut dyn CardSink,
) -> Result<()> {
    // Notes are known by their GUIDs, wherever their cards are; messages name note ids.
    sink.keys_are_global();
    sink.lines_are_notes();
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
    let mut media_left_out = 0;
    // The note of the cards being read, and what it renders to.
    let mut current: Option<(i64, std::result::Result<Vec<super::NoteCard>, String>)> = None;
    let mut stmt = conn.prepare(anki_sql!("cards"))?;
    let cards = stmt.query_map([], |row| {
        let mut card = AnkiCard {
            id: row.get(0)?,
            note: row.get(1)?,
            deck: row.get(2)?,
            ord: row.get(3)?,
            kind: CardType::from_code(row.get(4)?),
            queue: Queue::from_code(row.get(5)?),
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
        let note: Option<(String, i64, String, String)> = match row.get::<_, Option<String>>(12)? {
            Some(guid) => Some((guid, row.get(13)?, row.get(14)?, row.get(15)?)),
            None => None,
        };
        // The v1 scheduler kept lapsed review cards in the learning queues as review cards,
        // their due a timestamp; Anki's upgrade makes them relearning cards.
        if v1
            && card.kind == CardType::Review
            && matches!(card.queue, Queue::Learning | Queue::DayLearning)
        {
            card.kind = CardType::Relearning;
        }
        Ok((card, note))
    })?;
    for row in cards {
        let (card, note) = row?;
        let Some((guid, note_type_id, tags, fields)) = note else {
            sink.skip("a card whose note is missing".to_string());
            continue;
        };
        let Some(note_type) = note_types.get(&note_type_id) else {
            sink.skip(format!("note {}: its note type is missing", card.note));
            continue;
        };
        let tags = crate::decks::tag_list(&tags)
            .map_err(|reason| format_error(file, format!("note {} has {reason}", card.note)))?;
        let first_card_of_note = current.as_ref().is_none_or(|(note, _)| *note != card.note);
        if first_card_of_note {
            let fields: Vec<String> = fields.split('\u{1f}').map(str::to_string).collect();
            let placement = Placement {
                deck: decks.get(&card.deck).map_or("Default", String::as_str),
                tags: &tags,
            };
            let made = note_cards(
                &note_key(&guid),
                note_type,
                &fields,
                placement,
                &mut media_left_out,
            );
            current = Some((card.note, made));
        }
        let Some((_, note_cards_result)) = current.as_ref() else {
            continue;
        };
        let made = match note_cards_result {
            Ok(made) => made,
            Err(reason) => {
                if first_card_of_note {
                    sink.skip(reason.clone());
                }
                continue;
            }
        };
        // A note of one card has no siblings: no group to keep.
        let siblings = made.len() > 1;
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
                sibling: siblings.then(|| note_key(&guid)),
            },
            Schedule {
                state: carried_state(&card, anki_today, today),
                suspended: card.queue == Queue::Suspended,
                source: card.id,
            },
        )?;
    }
    // Media are counted as the package's files (in `read_into`), not per card side.
    let _ = media_left_out;
    Ok(())
}
