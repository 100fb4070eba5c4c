//! Deck formats and bringing a deck into the collection.

pub mod anki;
pub mod anki_text;
pub mod apkg;
pub mod article;
pub mod builtin;
pub mod html;
pub mod markdown;
pub mod native;
mod store_sink;

pub use store_sink::{Imported, StoreSink, import_package, import_streamed};

use crate::error::{Error, Result};
use crate::scheduler::CardState;
use crate::store::{Review, Store};
use std::collections::HashMap;
use std::path::Path;

/// A deck as a file describes it, before it meets the collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeckData {
    pub name: String,
    pub description: String,
    pub cards: Vec<DeckCard>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeckCard {
    /// Stable id inside the deck: re-imports match on it.
    pub key: String,
    pub front: String,
    pub back: String,
    pub tags: Vec<String>,
    /// Where the card starts in its file, for messages.
    pub line: usize,
    /// The source item it shares with its siblings (an Anki note, a table row), named so that
    /// it is unique in the collection; `None` for a card of its own.
    pub sibling: Option<String>,
}

/// What an import did to one deck.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub deck: String,
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Keys of cards the collection has in this deck but the file no longer lists: kept.
    pub missing: Vec<String>,
    /// Cards edited here whose file text has not changed since: the edit was kept.
    pub kept_edits: u32,
    /// Keys of cards changed both here and in the file since the last import: recall's
    /// version was kept, or the file's with `overwrite`.
    pub conflicts: Vec<String>,
    /// Whether the file's text won those conflicts (`import --overwrite`).
    pub overwritten: bool,
    /// Cards without an id in their file whose question was corrected there: (old question,
    /// new question), matched by their place in the file and updated with their schedule.
    pub matched: Vec<(String, String)>,
}

/// How an import treats the cards the collection already has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// When a card was edited here and its file's text changed too, take the file's text.
    pub overwrite: bool,
}

/// What an import carried over from another program onto the cards it added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CarriedCounts {
    pub schedules: usize,
    pub reviews: usize,
}

/// What an import brings besides card text: a schedule and a review log carried over from
/// another program, applied to the cards the import adds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carried {
    pub state: Option<CardState>,
    pub suspended: bool,
    /// History rows without their card (filled in when the card exists).
    pub history: Vec<Review>,
}

/// Reasons for rows left out, each with how many, in the order first met.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped(pub Vec<(String, usize)>);

impl Skipped {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn count(&mut self, reason: String) {
        match self.0.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, count)) => *count += 1,
            None => self.0.push((reason, 1)),
        }
    }
}

/// Everything one file brings: its decks, carried schedules, and what was left out and why.
#[derive(Debug, Default)]
pub struct ImportBatch {
    pub decks: Vec<DeckData>,
    /// By deck name, then card key.
    pub carried: HashMap<String, HashMap<String, Carried>>,
    /// Reasons, with how many notes or rows each left out.
    pub skipped: Skipped,
    /// Pictures and sounds referred to but not extracted.
    pub media_left_out: usize,
    /// Per deck (by its index in `decks`), where each key was first seen, to report duplicates.
    seen: Vec<HashMap<String, usize, FnvBuild>>,
    /// Cards' `line`s are note ids (a package), not lines.
    lines_are_notes: bool,
    /// (deck, key) of each card added with a schedule, by its source id.
    sources: HashMap<i64, (String, String)>,
    /// The review log not yet attached to a card, once it has arrived.
    history: Option<apkg::History>,
}

impl ImportBatch {
    /// Everything `parse` reads, held in memory (for tests, and the built-in decks).
    pub fn read(parse: impl FnOnce(&mut dyn CardSink) -> Result<()>) -> Result<ImportBatch> {
        let mut batch = ImportBatch::default();
        parse(&mut batch)?;
        Ok(batch)
    }

    /// Adds a card to its deck (created on first use); a second card with the same key in the
    /// same deck is skipped and counted.
    pub fn add(&mut self, deck: &str, card: DeckCard) -> bool {
        // Rows of one deck usually come together: look at the last deck first.
        let index = match self.decks.iter().rposition(|d| d.name == deck) {
            Some(index) => index,
            None => {
                self.decks.push(DeckData {
                    name: deck.to_string(),
                    description: String::new(),
                    cards: Vec::new(),
                });
                self.seen.push(HashMap::default());
                self.decks.len() - 1
            }
        };
        if let Some(first) = self.seen[index].get(&card.key) {
            let first = if self.lines_are_notes {
                format!("first as note {first}")
            } else {
                format!("first at line {first}")
            };
            let reason = format!("the same card appears twice in deck '{deck}' ({first})");
            self.skip(reason);
            return false;
        }
        self.seen[index].insert(card.key.clone(), card.line);
        self.decks[index].cards.push(card);
        true
    }

    pub fn skip(&mut self, reason: String) {
        self.skipped.count(reason);
    }

    pub fn card_count(&self) -> usize {
        self.decks.iter().map(|deck| deck.cards.len()).sum()
    }
}

/// Where a parser puts the cards it reads: a batch in memory (`ImportBatch`), or the collection
/// itself as the rows stream past (`StoreSink`), so a file of any size is read in flat memory.
pub trait CardSink {
    /// A card of `deck`; a second card with the same key in the same deck is skipped, counted.
    fn add(&mut self, deck: &str, card: DeckCard) -> Result<()>;
    /// A row or note left out, with the reason (counted per reason).
    fn skip(&mut self, reason: String);
    /// Pictures and sounds referred to but not extracted.
    fn media_left_out(&mut self, count: usize);
    /// The file's keys are note GUIDs, unique across decks (an Anki package, a text file with
    /// a GUID column): a card is matched wherever it is, as Anki matches a note, not only in
    /// the deck the file names. Said before the first card.
    fn keys_are_global(&mut self) {}
    /// The `line` of each card is its note's id (an Anki package), for messages.
    fn lines_are_notes(&mut self) {}
    /// A deck the file names, with its description (before its cards).
    fn describe(&mut self, deck: &str, description: &str) -> Result<()>;
    /// A card that arrives with another program's schedule; `source` is that program's id for
    /// it, by which its history is attached.
    fn add_scheduled(&mut self, deck: &str, card: DeckCard, schedule: Schedule) -> Result<()>;
    /// Another program's review log, by source id: for the cards added with a schedule, those
    /// before and those after it arrives.
    fn history(&mut self, history: apkg::History) -> Result<()>;
}

/// What a card brings from another program besides its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub state: Option<CardState>,
    pub suspended: bool,
    pub source: i64,
}

impl CardSink for ImportBatch {
    fn lines_are_notes(&mut self) {
        self.lines_are_notes = true;
    }

    fn history(&mut self, mut history: apkg::History) -> Result<()> {
        // Each card's history goes with the card it was added as (cards left out lose theirs);
        // cards added later take theirs as they come.
        for (source, (deck, key)) in &self.sources {
            if let Some(reviews) = history.remove(source)? {
                self.carried
                    .entry(deck.clone())
                    .or_default()
                    .entry(key.clone())
                    .or_default()
                    .history = reviews;
            }
        }
        self.history = Some(history);
        Ok(())
    }

    fn add_scheduled(&mut self, deck: &str, card: DeckCard, schedule: Schedule) -> Result<()> {
        let key = card.key.clone();
        if !ImportBatch::add(self, deck, card) {
            return Ok(());
        }
        let history = match self.history.as_mut() {
            Some(history) => history.remove(&schedule.source)?.unwrap_or_default(),
            None => Vec::new(),
        };
        let carried = Carried {
            state: schedule.state,
            suspended: schedule.suspended,
            history,
        };
        if carried != Carried::default() {
            self.carried
                .entry(deck.to_string())
                .or_default()
                .insert(key.clone(), carried);
        }
        self.sources
            .insert(schedule.source, (deck.to_string(), key));
        Ok(())
    }

    fn describe(&mut self, deck: &str, description: &str) -> Result<()> {
        match self.decks.iter_mut().find(|d| d.name == deck) {
            Some(found) => found.description = description.to_string(),
            None => {
                self.decks.push(DeckData {
                    name: deck.to_string(),
                    description: description.to_string(),
                    cards: Vec::new(),
                });
                self.seen.push(HashMap::default());
            }
        }
        Ok(())
    }

    fn add(&mut self, deck: &str, card: DeckCard) -> Result<()> {
        ImportBatch::add(self, deck, card);
        Ok(())
    }

    fn skip(&mut self, reason: String) {
        ImportBatch::skip(self, reason);
    }

    fn media_left_out(&mut self, count: usize) {
        self.media_left_out += count;
    }
}

/// FNV-1a, 64 bits: stable across versions and platforms (unlike std's hasher), and quick for
/// the short keys an import checks by the hundred thousand.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// A deck name as a file brings it, made safe and selectable: escape sequences, control and
/// invisible format characters removed, runs of white space made one space, each `::` part
/// trimmed and empty parts dropped; nothing left means `Default`. What is stored is exactly
/// what listings show, so the shown name always selects the deck.
pub fn deck_name(raw: &str) -> String {
    let parts: Vec<String> = raw
        .split("::")
        .map(crate::text::one_line)
        .filter(|part| !part.is_empty())
        .collect();
    if parts.is_empty() {
        "Default".to_string()
    } else {
        parts.join("::")
    }
}

/// Tags a card may carry: real decks use a handful, and a file with thousands per card is an
/// attack on memory (a 19 KB package once asked for 2.5 million).
pub const MAX_TAGS_PER_CARD: usize = 100;
/// Characters one tag may have.
pub const MAX_TAG_CHARS: usize = 100;

/// Splits tags at white space, refusing more than `MAX_TAGS_PER_CARD` or a tag longer than
/// `MAX_TAG_CHARS` (the reason names the limit). Counts before it allocates.
pub fn tag_list(text: &str) -> std::result::Result<Vec<String>, String> {
    if text.split_whitespace().nth(MAX_TAGS_PER_CARD).is_some() {
        return Err(format!(
            "more than {MAX_TAGS_PER_CARD} tags; at most {MAX_TAGS_PER_CARD} per card"
        ));
    }
    let tags = distinct_tags(text.split_whitespace().map(str::to_string));
    check_tags(&tags)?;
    Ok(tags)
}

/// Tags in the order given, each once (a card carries a tag or it does not, as in Anki).
pub fn distinct_tags(tags: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    tags.into_iter()
        .filter(|tag| seen.insert(tag.clone()))
        .collect()
}

/// `tag_list`'s limits, for tags that arrive as a list.
pub fn check_tags(tags: &[String]) -> std::result::Result<(), String> {
    if tags.len() > MAX_TAGS_PER_CARD {
        return Err(format!(
            "{} tags; at most {MAX_TAGS_PER_CARD} per card",
            tags.len()
        ));
    }
    match tags
        .iter()
        .find(|tag| tag.chars().nth(MAX_TAG_CHARS).is_some())
    {
        Some(long) => Err(format!(
            "a tag of {} characters; at most {MAX_TAG_CHARS}",
            long.chars().count()
        )),
        None => Ok(()),
    }
}

/// A stable key for a card known only by its deck and front: `t-` and a hash of the front.
pub fn text_key(front: &str) -> String {
    let mut hasher = Fnv::default();
    std::hash::Hasher::write(&mut hasher, front.trim().as_bytes());
    format!("t-{:016x}", std::hash::Hasher::finish(&hasher))
}

/// A hash of a card's text as a file gives it (the leech tag is the collection's, not the
/// file's), to tell on a re-import whether the file or the card changed since.
pub fn source_hash(front: &str, back: &str, tags: &[String]) -> i64 {
    let mut hasher = Fnv::default();
    for part in [front, back] {
        std::hash::Hasher::write(&mut hasher, part.as_bytes());
        std::hash::Hasher::write_u8(&mut hasher, 0x1f);
    }
    for tag in tags
        .iter()
        .filter(|tag| *tag != crate::scheduler::LEECH_TAG)
    {
        std::hash::Hasher::write(&mut hasher, tag.as_bytes());
        std::hash::Hasher::write_u8(&mut hasher, b' ');
    }
    i64::from_ne_bytes(std::hash::Hasher::finish(&hasher).to_ne_bytes())
}

/// Brings `deck` into the collection: new cards are added, cards matched by deck and id get the
/// file's text and keep their schedule and history, and nothing is deleted. The caller owns the
/// transaction, so a failure leaves the collection untouched.
pub fn sync_deck(store: &Store, deck: &DeckData) -> Result<ImportReport> {
    let mut sink = StoreSink::new(store, ImportOptions::default());
    sink.describe(&deck.name, &deck.description)?;
    for card in &deck.cards {
        sink.add(&deck.name, card.clone())?;
    }
    let mut imported = sink.finish()?;
    imported
        .reports
        .pop()
        .ok_or_else(|| Error::Corrupt(format!("deck '{}' was not stored", deck.name)))
}

/// A deck file's text: already in memory, or a file read a line at a time (and whole only when
/// a parser falls back to reading it as one document), so that a file of any size is imported
/// in the memory of a few lines.
#[derive(Debug, Clone, Copy)]
pub enum Text<'a> {
    Memory(&'a str),
    File(&'a Path),
}

impl<'a> Text<'a> {
    /// The text's lines, one at a time; `label` names the file in errors.
    pub(crate) fn lines(&self, label: &'a str) -> Result<LineReader<'a>> {
        let reader: Box<dyn std::io::BufRead + Send + 'a> = match self {
            Text::Memory(text) => Box::new(text.as_bytes()),
            Text::File(path) => Box::new(std::io::BufReader::with_capacity(
                64 * 1024,
                std::fs::File::open(path).map_err(Error::file(*path))?,
            )),
        };
        Ok(LineReader {
            label,
            path: match self {
                Text::Memory(_) => None,
                Text::File(path) => Some(path),
            },
            reader,
            buffer: Vec::new(),
            number: 0,
            finished: false,
            windows: false,
        })
    }

    /// The whole text.
    pub(crate) fn whole(&self) -> Result<std::borrow::Cow<'a, str>> {
        Ok(match self {
            Text::Memory(text) => std::borrow::Cow::Borrowed(*text),
            Text::File(path) => std::borrow::Cow::Owned(read_text_file(path)?),
        })
    }
}

/// One line of a text as `LineReader` gives it.
pub(crate) struct Line<'l> {
    /// 1-based.
    pub(crate) number: usize,
    /// Without its `\n` (a `\r` before it is kept).
    pub(crate) text: &'l str,
    /// A `\n` ended it (every line but the last).
    pub(crate) ended: bool,
    /// The file was saved with Windows line ends: its first line ends in CR LF.
    pub(crate) windows: bool,
}

/// The lines of a text read one at a time, exactly as `split('\n')` gives them from the whole
/// text (so an empty last line follows a final line end), each checked to be UTF-8: invalid
/// UTF-8 is an error naming its line.
pub(crate) struct LineReader<'a> {
    label: &'a str,
    path: Option<&'a Path>,
    reader: Box<dyn std::io::BufRead + Send + 'a>,
    buffer: Vec<u8>,
    number: usize,
    finished: bool,
    windows: bool,
}

impl LineReader<'_> {
    pub(crate) fn next_line(&mut self) -> Result<Option<Line<'_>>> {
        if self.finished {
            return Ok(None);
        }
        self.buffer.clear();
        std::io::BufRead::read_until(&mut self.reader, b'\n', &mut self.buffer).map_err(
            |source| match self.path {
                Some(path) => Error::File {
                    path: path.to_path_buf(),
                    source,
                },
                // Text in memory cannot fail to be read.
                None => Error::Corrupt(source.to_string()),
            },
        )?;
        self.number += 1;
        scanned(self.buffer.len());
        let ended = self.buffer.last() == Some(&b'\n');
        if ended {
            self.buffer.pop();
        } else {
            self.finished = true;
        }
        let text = std::str::from_utf8(&self.buffer).map_err(|_| {
            Error::input(self.label, self.number, "the file is not valid UTF-8 text")
        })?;
        if self.number == 1 {
            self.windows = ended && text.ends_with('\r');
        }
        Ok(Some(Line {
            number: self.number,
            text,
            ended,
            windows: self.windows,
        }))
    }
}

#[cfg(test)]
thread_local! {
    /// Bytes of deck text the parsers on this thread have scanned (read, indexed for line
    /// numbers, or handed to the TOML parser): a test shows it grows with the file, so that no
    /// parser goes back over what it read for each card.
    pub(crate) static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts `bytes` of deck text scanned (in tests; nothing otherwise).
#[inline]
pub(crate) fn scanned(bytes: usize) {
    #[cfg(test)]
    SCANNED.with(|total| total.set(total.get() + bytes));
    #[cfg(not(test))]
    let _ = bytes;
}

/// Reads a user's text file; invalid UTF-8 is an error naming the line where it starts.
pub fn read_text_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::File {
        path: path.to_path_buf(),
        source,
    })?;
    scanned(bytes.len());
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        Error::input(
            path.display().to_string(),
            line,
            "the file is not valid UTF-8 text",
        )
    })
}

#[cfg(test)]
mod tests;
