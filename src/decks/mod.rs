//! Deck formats and bringing a deck into the collection.

pub mod anki;
pub mod anki_text;
pub mod apkg;
pub mod article;
pub mod builtin;
pub mod html;
pub mod markdown;
pub mod native;

use crate::error::{Error, Result};
use crate::scheduler::{CardState, LEECH_TAG};
use crate::store::{CardId, DeckId, NewCard, Review, Store};
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

/// Everything one file brings: its decks, carried schedules, and what was left out and why.
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    pub decks: Vec<DeckData>,
    /// By deck name, then card key.
    pub carried: HashMap<String, HashMap<String, Carried>>,
    /// Reasons, with how many notes or rows each left out, in the order first met.
    pub skipped: Vec<(String, usize)>,
    /// Pictures and sounds referred to but not extracted.
    pub media_left_out: usize,
    /// Per deck (by its index in `decks`), where each key was first seen, to report duplicates.
    seen: Vec<HashMap<String, usize, FnvBuild>>,
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
            let reason =
                format!("the same card appears twice in deck '{deck}' (first at line {first})");
            self.skip(reason);
            return false;
        }
        self.seen[index].insert(card.key.clone(), card.line);
        self.decks[index].cards.push(card);
        true
    }

    pub fn skip(&mut self, reason: String) {
        match self.skipped.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, count)) => *count += 1,
            None => self.skipped.push((reason, 1)),
        }
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

/// A card an import added with a schedule: its source id, its deck and its id here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AddedCard {
    source: i64,
    deck: DeckId,
    card: CardId,
}

impl CardSink for ImportBatch {
    fn history(&mut self, mut history: apkg::History) -> Result<()> {
        // Each card's history goes with the card it was added as (cards left out lose theirs);
        // cards added later take theirs as they come.
        for (source, (deck, key)) in &self.sources {
            if let Some(reviews) = history.remove(source) {
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
        let carried = Carried {
            state: schedule.state,
            suspended: schedule.suspended,
            history: Vec::new(),
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

/// Reasons for rows left out, each with how many, in the order first met.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped(pub Vec<(String, usize)>);

impl Skipped {
    fn count(&mut self, reason: String) {
        match self.0.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, count)) => *count += 1,
            None => self.0.push((reason, 1)),
        }
    }
}

/// What an import did: per deck, what was left out, media not extracted, and what it carried
/// over from another program.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub reports: Vec<ImportReport>,
    pub skipped: Skipped,
    pub media_left_out: usize,
    pub carried: CarriedCounts,
}

impl Imported {
    pub fn card_count(&self) -> usize {
        self.reports
            .iter()
            .map(|r| usize::try_from(r.added + r.updated + r.unchanged).unwrap_or(usize::MAX))
            .sum()
    }
}

/// One deck as a streamed import meets it.
struct StreamedDeck {
    id: DeckId,
    /// Empty when the import began: every card goes straight in, duplicates refused by the
    /// table's own unique key, and nothing is held in memory.
    fresh: bool,
    report: ImportReport,
    /// Keys the file listed, for a deck that already had cards (to match and to report missing).
    listed: std::collections::HashSet<String>,
    /// Cards inserted and not yet added to the deck's counts: (total, new, suspended).
    uncounted: (i64, i64, i64),
}

/// Writes cards into the collection as a parser reads them (the caller owns the transaction).
/// Decks empty at the start take rows as they come; decks that already hold cards are matched
/// card by card as `sync_deck` does.
pub struct StoreSink<'s> {
    store: &'s Store,
    decks: Vec<StreamedDeck>,
    skipped: Skipped,
    media_left_out: usize,
    /// Cards added with a schedule so far.
    scheduled: usize,
    /// The review log by source id, once it has arrived.
    history: Option<apkg::History>,
    /// Cards added with a schedule before the review log arrived, in the order added.
    waiting: Vec<AddedCard>,
    /// Imported history, written card by card in the order the cards were stored.
    reviews: crate::store::ReviewBatch<'s>,
}

impl<'s> StoreSink<'s> {
    pub fn new(store: &'s Store) -> StoreSink<'s> {
        StoreSink {
            store,
            decks: Vec::new(),
            skipped: Skipped::default(),
            media_left_out: 0,
            scheduled: 0,
            history: None,
            waiting: Vec::new(),
            reviews: store.review_batch(),
        }
    }

    /// Writes the history of one card this import added.
    fn write_history(&mut self, card: AddedCard) -> Result<()> {
        let Some(history) = self.history.as_mut() else {
            self.waiting.push(card);
            return Ok(());
        };
        for review in history.remove(&card.source).unwrap_or_default() {
            self.reviews.push(
                card.deck,
                Review {
                    card_id: card.card,
                    ..review
                },
            )?;
        }
        Ok(())
    }

    fn deck(&mut self, name: &str) -> Result<usize> {
        // Rows of one deck usually come together: look at the last deck first.
        if let Some(index) = self.decks.iter().rposition(|d| d.report.deck == name) {
            return Ok(index);
        }
        let id = self.store.upsert_deck(name, "")?;
        let fresh = self.store.deck_total(id)? == 0;
        self.decks.push(StreamedDeck {
            id,
            fresh,
            report: ImportReport {
                deck: name.to_string(),
                ..ImportReport::default()
            },
            listed: std::collections::HashSet::new(),
            uncounted: (0, 0, 0),
        });
        Ok(self.decks.len() - 1)
    }

    /// Writes the last history rows, counts what went in and lists what the file no longer has.
    pub fn finish(mut self) -> Result<Imported> {
        if self.history.is_none() && !self.waiting.is_empty() {
            // No review log came: the waiting cards have none.
            self.waiting.clear();
        }
        let reviews = self.reviews.finish()?;
        let mut reports = Vec::with_capacity(self.decks.len());
        for deck in &mut self.decks {
            let (total, new, suspended) = deck.uncounted;
            self.store
                .add_to_deck_counts(deck.id, total, new, suspended)?;
            if !deck.fresh {
                deck.report.missing = self
                    .store
                    .card_keys_in_deck(deck.id)?
                    .into_iter()
                    .filter(|key| !deck.listed.contains(key))
                    .collect();
            }
            reports.push(std::mem::take(&mut deck.report));
        }
        Ok(Imported {
            reports,
            skipped: self.skipped,
            media_left_out: self.media_left_out,
            carried: CarriedCounts {
                schedules: self.scheduled,
                reviews,
            },
        })
    }
}

/// What a parser thread hands to the thread that writes the collection.
enum Parsed {
    Describe(String, String),
    Card(String, DeckCard),
    Scheduled(String, DeckCard, Schedule),
    History(apkg::History),
    Skip(String),
    Media(usize),
}

/// Parsed cards on their way to the store: one line of a file is a few hundred bytes, so this
/// many in flight keep both threads busy in little memory.
const PIPELINE_DEPTH: usize = 1024;

/// A parser's sink that sends what it reads to the writing thread.
struct ChannelSink(std::sync::mpsc::SyncSender<Parsed>);

impl ChannelSink {
    fn send(&self, parsed: Parsed) -> Result<()> {
        // The receiver only goes away when writing failed; that error is the one reported.
        self.0
            .send(parsed)
            .map_err(|_| Error::Corrupt("the import stopped while the file was read".into()))
    }
}

impl CardSink for ChannelSink {
    fn add(&mut self, deck: &str, card: DeckCard) -> Result<()> {
        self.send(Parsed::Card(deck.to_string(), card))
    }

    fn add_scheduled(&mut self, deck: &str, card: DeckCard, schedule: Schedule) -> Result<()> {
        self.send(Parsed::Scheduled(deck.to_string(), card, schedule))
    }

    fn history(&mut self, history: apkg::History) -> Result<()> {
        self.send(Parsed::History(history))
    }

    fn skip(&mut self, reason: String) {
        let _ = self.send(Parsed::Skip(reason));
    }

    fn media_left_out(&mut self, count: usize) {
        let _ = self.send(Parsed::Media(count));
    }

    fn describe(&mut self, deck: &str, description: &str) -> Result<()> {
        self.send(Parsed::Describe(deck.to_string(), description.to_string()))
    }
}

/// Imports what `parse` reads into the collection as it reads it (the caller owns the
/// transaction): the parser runs on a thread of its own, so reading the file and writing the
/// collection overlap, and only a bounded queue of cards is ever held.
pub fn import_streamed<R: Send>(
    store: &Store,
    progress: &mut dyn FnMut(),
    parse: impl FnOnce(&mut dyn CardSink) -> Result<R> + Send,
) -> Result<Streamed<R>> {
    let (sender, receiver) = std::sync::mpsc::sync_channel(PIPELINE_DEPTH);
    std::thread::scope(|scope| {
        let parser = scope.spawn(move || parse(&mut ChannelSink(sender)));
        let mut sink = StoreSink::new(store);
        let mut stored = Ok(());
        for parsed in &receiver {
            stored = match parsed {
                Parsed::Describe(deck, description) => sink.describe(&deck, &description),
                Parsed::Card(deck, card) => {
                    progress();
                    sink.add(&deck, card)
                }
                Parsed::Scheduled(deck, card, schedule) => {
                    progress();
                    sink.add_scheduled(&deck, card, schedule)
                }
                Parsed::History(history) => sink.history(history),
                Parsed::Skip(reason) => {
                    sink.skip(reason);
                    Ok(())
                }
                Parsed::Media(count) => {
                    sink.media_left_out(count);
                    Ok(())
                }
            };
            if stored.is_err() {
                break;
            }
        }
        drop(receiver);
        let parsed = parser
            .join()
            .map_err(|_| Error::Corrupt("the file reader stopped unexpectedly".into()))?;
        stored?;
        let parsed = parsed?;
        Ok(Streamed {
            imported: sink.finish()?,
            parsed,
        })
    })
}

/// Imports an Anki package as it is read (the caller owns the transaction): cards go in with
/// their schedules while the package is rendered, and each added card's review log is written
/// in bulk as soon as the log has been read.
pub fn import_package(
    store: &Store,
    path: &std::path::Path,
    file: &str,
    options: &apkg::PackageOptions,
    progress: &mut dyn FnMut(),
) -> Result<Imported> {
    Ok(import_streamed(store, progress, |sink| {
        apkg::read_into(path, file, options, sink)
    })?
    .imported)
}

/// What `import_streamed` did, and what the parser returned.
#[derive(Debug)]
pub struct Streamed<R> {
    pub imported: Imported,
    pub parsed: R,
}

impl StoreSink<'_> {
    /// Stores one card: added (with its schedule, if it brings one) when its deck has no card
    /// with its key, else matched as a re-import. Returns (deck, id) when it was added.
    fn store_card(
        &mut self,
        deck: &str,
        card: &DeckCard,
        schedule: Option<&Schedule>,
    ) -> Result<Option<(DeckId, CardId)>> {
        let index = self.deck(deck)?;
        let store = self.store;
        let streamed = &mut self.decks[index];
        let mut new = NewCard::new(&card.key, &card.front, &card.back, &card.tags);
        if let Some(schedule) = schedule {
            new.state = schedule.state.unwrap_or(CardState::NEW);
            new.suspended = schedule.suspended;
        }
        if streamed.fresh {
            let Some(id) = store.insert_card_if_absent(streamed.id, &new)? else {
                self.skipped.count(duplicate_reason(deck));
                return Ok(None);
            };
            let (total, fresh, suspended) = &mut streamed.uncounted;
            *total += 1;
            *fresh += i64::from(new.state.is_new() && !new.suspended);
            *suspended += i64::from(new.suspended);
            streamed.report.added += 1;
            return Ok(Some((streamed.id, id)));
        }
        if !streamed.listed.insert(card.key.clone()) {
            self.skipped.count(duplicate_reason(deck));
            return Ok(None);
        }
        match store.card_by_key(streamed.id, &card.key)? {
            None => {
                let id = store.insert_card(streamed.id, &new)?;
                streamed.report.added += 1;
                return Ok(Some((streamed.id, id)));
            }
            Some(existing) => match updated_tags(&existing, card) {
                None => streamed.report.unchanged += 1,
                Some(tags) => {
                    store.update_card_text(
                        existing.id,
                        &NewCard::new(&card.key, &card.front, &card.back, &tags),
                    )?;
                    streamed.report.updated += 1;
                }
            },
        }
        Ok(None)
    }
}

/// Why a card is left out when its deck already has one with the same key.
fn duplicate_reason(deck: &str) -> String {
    format!("the same card appears twice in deck '{deck}' (the first one is kept)")
}

impl CardSink for StoreSink<'_> {
    fn describe(&mut self, deck: &str, description: &str) -> Result<()> {
        self.store.upsert_deck(deck, description)?;
        self.deck(deck).map(|_| ())
    }

    fn add(&mut self, deck: &str, card: DeckCard) -> Result<()> {
        self.store_card(deck, &card, None).map(|_| ())
    }

    fn add_scheduled(&mut self, deck: &str, card: DeckCard, schedule: Schedule) -> Result<()> {
        let Some((deck_id, id)) = self.store_card(deck, &card, Some(&schedule))? else {
            return Ok(());
        };
        self.scheduled += usize::from(schedule.state.is_some());
        self.write_history(AddedCard {
            source: schedule.source,
            deck: deck_id,
            card: id,
        })
    }

    fn history(&mut self, history: apkg::History) -> Result<()> {
        self.history = Some(history);
        for card in std::mem::take(&mut self.waiting) {
            self.write_history(card)?;
        }
        Ok(())
    }

    fn skip(&mut self, reason: String) {
        self.skipped.count(reason);
    }

    fn media_left_out(&mut self, count: usize) {
        self.media_left_out += count;
    }
}

/// The tags a re-imported card gets, or `None` when its text and tags are unchanged. The leech
/// tag belongs to the collection, not to the file: a re-import keeps it.
fn updated_tags(existing: &crate::store::Card, card: &DeckCard) -> Option<Vec<String>> {
    let mut tags = card.tags.clone();
    if existing.has_tag(LEECH_TAG) && !tags.iter().any(|t| t == LEECH_TAG) {
        tags.push(LEECH_TAG.to_string());
    }
    let unchanged =
        existing.front == card.front && existing.back == card.back && existing.tags == tags;
    (!unchanged).then_some(tags)
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

/// A stable key for a card known only by its deck and front: `t-` and a hash of the front.
pub fn text_key(front: &str) -> String {
    let mut hasher = Fnv::default();
    std::hash::Hasher::write(&mut hasher, front.trim().as_bytes());
    format!("t-{:016x}", std::hash::Hasher::finish(&hasher))
}

/// Brings `deck` into the collection: new cards are added, cards matched by deck and id get the
/// file's text and keep their schedule and history, and nothing is deleted. The caller owns the
/// transaction, so a failure leaves the collection untouched.
pub fn sync_deck(store: &Store, deck: &DeckData) -> Result<ImportReport> {
    let mut sink = StoreSink::new(store);
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

/// Reads a user's text file; invalid UTF-8 is an error naming the line where it starts.
pub fn read_text_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::File {
        path: path.to_path_buf(),
        source,
    })?;
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
