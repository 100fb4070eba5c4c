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
}

impl ImportBatch {
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
}

impl CardSink for ImportBatch {
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
    /// Cards inserted and not yet added to the deck's counts.
    uncounted: i64,
}

/// Writes cards into the collection as a parser reads them (the caller owns the transaction).
/// Decks empty at the start take rows as they come; decks that already hold cards are matched
/// card by card as `sync_deck` does.
pub struct StoreSink<'s> {
    store: &'s Store,
    decks: Vec<StreamedDeck>,
    skipped: Skipped,
    media_left_out: usize,
}

impl<'s> StoreSink<'s> {
    pub fn new(store: &'s Store) -> StoreSink<'s> {
        StoreSink {
            store,
            decks: Vec::new(),
            skipped: Skipped::default(),
            media_left_out: 0,
        }
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
            uncounted: 0,
        });
        Ok(self.decks.len() - 1)
    }

    /// Counts what went in and lists what the file no longer has.
    pub fn finish(mut self) -> Result<Imported> {
        let mut reports = Vec::with_capacity(self.decks.len());
        for deck in &mut self.decks {
            self.store
                .add_to_deck_counts(deck.id, deck.uncounted, deck.uncounted, 0)?;
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
            carried: CarriedCounts::default(),
        })
    }
}

/// What a parser thread hands to the thread that writes the collection.
enum Parsed {
    Describe(String, String),
    Card(String, DeckCard),
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
pub fn import_streamed(
    store: &Store,
    parse: impl FnOnce(&mut dyn CardSink) -> Result<()> + Send,
) -> Result<Imported> {
    let (sender, receiver) = std::sync::mpsc::sync_channel(PIPELINE_DEPTH);
    std::thread::scope(|scope| {
        let parser = scope.spawn(move || parse(&mut ChannelSink(sender)));
        let mut sink = StoreSink::new(store);
        let mut stored = Ok(());
        for parsed in &receiver {
            stored = match parsed {
                Parsed::Describe(deck, description) => sink.describe(&deck, &description),
                Parsed::Card(deck, card) => sink.add(&deck, card),
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
        parsed?;
        sink.finish()
    })
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
        let index = self.deck(deck)?;
        let store = self.store;
        let streamed = &mut self.decks[index];
        let new = NewCard::new(&card.key, &card.front, &card.back, &card.tags);
        if streamed.fresh {
            if store.insert_card_if_absent(streamed.id, &new)?.is_some() {
                streamed.uncounted += 1;
                streamed.report.added += 1;
            } else {
                self.skipped.count(duplicate_reason(deck));
            }
            return Ok(());
        }
        if !streamed.listed.insert(card.key.clone()) {
            self.skipped.count(duplicate_reason(deck));
            return Ok(());
        }
        match store.card_by_key(streamed.id, &card.key)? {
            None => {
                store.insert_card(streamed.id, &new)?;
                streamed.report.added += 1;
            }
            Some(existing) => match updated_tags(&existing, &card) {
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

/// Brings a whole batch in (the caller owns the transaction): each deck as `sync_deck` does,
/// the cards this import adds arriving with the schedules they carry, and their carried
/// history written in bulk, card by card (cards already in the collection keep theirs).
/// `progress` is called once per card.
pub fn apply_batch(
    store: &Store,
    batch: &ImportBatch,
    progress: &mut dyn FnMut(),
) -> Result<Imported> {
    let mut reports = Vec::with_capacity(batch.decks.len());
    let mut counts = CarriedCounts::default();
    let mut history = store.review_batch()?;
    for deck in &batch.decks {
        let carried = batch.carried.get(&deck.name);
        let carried_for = |key: &str| carried.and_then(|by_key| by_key.get(key));
        let Synced {
            deck_id,
            report,
            added,
        } = sync(store, deck, &carried_for, progress)?;
        for (index, id) in added {
            let Some(carried) = carried_for(&deck.cards[index].key) else {
                continue;
            };
            counts.schedules += usize::from(carried.state.is_some());
            for review in &carried.history {
                history.push(
                    deck_id,
                    Review {
                        card_id: id,
                        ..review.clone()
                    },
                )?;
            }
        }
        reports.push(report);
    }
    counts.reviews = history.finish()?;
    Ok(Imported {
        reports,
        skipped: Skipped(batch.skipped.clone()),
        media_left_out: batch.media_left_out,
        carried: counts,
    })
}

/// Brings `deck` into the collection: new cards are added, cards matched by deck and id get the
/// file's text and keep their schedule and history, and nothing is deleted. The caller owns the
/// transaction, so a failure leaves the collection untouched.
pub fn sync_deck(store: &Store, deck: &DeckData) -> Result<ImportReport> {
    Ok(sync(store, deck, &|_| None, &mut || {})?.report)
}

/// What `sync` did to one deck.
struct Synced {
    deck_id: DeckId,
    report: ImportReport,
    /// The cards it added, as (index in the deck file, id).
    added: Vec<(usize, CardId)>,
}

/// A card of a deck file as the collection stores it, with what an import carries for it.
fn new_card<'a>(card: &'a DeckCard, carried: Option<&Carried>) -> NewCard<'a> {
    let mut new = NewCard::new(&card.key, &card.front, &card.back, &card.tags);
    if let Some(carried) = carried {
        new.state = carried.state.unwrap_or(CardState::NEW);
        new.suspended = carried.suspended;
    }
    new
}

/// `sync_deck`, with the schedules an import carries for new cards, calling `progress` once per
/// card.
fn sync<'c>(
    store: &Store,
    deck: &DeckData,
    carried_for: &dyn Fn(&str) -> Option<&'c Carried>,
    progress: &mut dyn FnMut(),
) -> Result<Synced> {
    let deck_id = store.upsert_deck(&deck.name, &deck.description)?;
    let mut report = ImportReport {
        deck: deck.name.clone(),
        ..ImportReport::default()
    };
    // A deck without cards has nothing to match or to miss: every card is new.
    if store.deck_total(deck_id)? == 0 {
        let cards: Vec<NewCard<'_>> = deck
            .cards
            .iter()
            .map(|card| new_card(card, carried_for(&card.key)))
            .collect();
        let ids = store.insert_cards(deck_id, &cards, progress)?;
        report.added = u32::try_from(deck.cards.len()).unwrap_or(u32::MAX);
        return Ok(Synced {
            deck_id,
            report,
            added: ids.into_iter().enumerate().collect(),
        });
    }
    let mut added = Vec::new();
    for (index, card) in deck.cards.iter().enumerate() {
        progress();
        let Some(existing) = store.card_by_key(deck_id, &card.key)? else {
            let id = store.insert_card(deck_id, &new_card(card, carried_for(&card.key)))?;
            added.push((index, id));
            report.added += 1;
            continue;
        };
        match updated_tags(&existing, card) {
            None => report.unchanged += 1,
            Some(tags) => {
                store.update_card_text(
                    existing.id,
                    &NewCard::new(&card.key, &card.front, &card.back, &tags),
                )?;
                report.updated += 1;
            }
        }
    }
    let listed: std::collections::HashSet<&str> =
        deck.cards.iter().map(|card| card.key.as_str()).collect();
    report.missing = store
        .card_keys_in_deck(deck_id)?
        .into_iter()
        .filter(|key| !listed.contains(key.as_str()))
        .collect();
    Ok(Synced {
        deck_id,
        report,
        added,
    })
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
