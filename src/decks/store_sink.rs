//! Writing what a parser reads straight into the collection: the sink that stores cards as
//! they come (matching them on a re-import), and the streamed import that runs the parser on
//! a thread of its own so that reading the file and writing the collection overlap.

use super::{
    CardSink, CarriedCounts, DeckCard, ImportOptions, ImportReport, Schedule, Skipped, apkg,
    source_hash, text_key,
};
use crate::error::{Error, Result};
use crate::scheduler::{CardState, LEECH_TAG};
use crate::store::{CardId, DeckId, NewCard, Review, Store, Upkeep};
use std::sync::Arc;

/// A card an import added with a schedule: its source id, its deck and its id here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AddedCard {
    source: i64,
    deck: DeckId,
    card: CardId,
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
            .map(|r| {
                // Overwritten conflicts are counted as updated; the others kept recall's text.
                let kept_conflicts = if r.overwritten { 0 } else { r.conflicts.len() };
                let counted = r.added + r.updated + r.unchanged + r.kept_edits;
                usize::try_from(counted).unwrap_or(usize::MAX) + kept_conflicts
            })
            .sum()
    }
}

/// One deck as a streamed import meets it.
struct StreamedDeck {
    /// The name as the file gave it; the deck itself is stored under `deck_name` of it.
    raw_name: String,
    id: DeckId,
    /// Empty when the import began: every card goes straight in, duplicates refused by the
    /// table's own unique key, and nothing is held in memory.
    fresh: bool,
    report: ImportReport,
    /// Keys the file listed, for a deck that already had cards (to match and to report missing).
    listed: std::collections::HashSet<String>,
    /// For a deck that already had cards: the keys in the file's order, and the cards added
    /// that have no id in their file (their key is their question's hash), by place in it.
    order: Vec<String>,
    added_without_id: Vec<(usize, CardId)>,
    /// Cards inserted and not yet added to the deck's counts: (total, new, suspended).
    uncounted: (i64, i64, i64),
    /// The import made this deck (it did not exist before).
    made: bool,
}

/// Writes cards into the collection as a parser reads them (the caller owns the transaction).
/// Decks empty at the start take rows as they come; decks that already hold cards are matched
/// card by card as `sync_deck` does.
pub struct StoreSink<'s> {
    store: &'s Store,
    options: ImportOptions,
    /// Scheduled cards inserted and not yet added to the kept EF/interval histogram.
    histogram: crate::store::Histogram,
    /// Keys are GUIDs, matched in every deck: then, the keys every deck held when the import
    /// began (read once, when first needed), so a card is looked for elsewhere only when
    /// another deck has its key.
    global_keys: bool,
    keys_elsewhere: Option<std::collections::HashMap<String, DeckId>>,
    decks: Vec<StreamedDeck>,
    skipped: Skipped,
    media_left_out: usize,
    /// Cards added with a schedule so far.
    scheduled: usize,
    /// The review log by source id, once it has arrived.
    history: Option<apkg::History>,
    /// Cards added with a schedule before the review log arrived, in the order added.
    waiting: Vec<AddedCard>,
    /// New cards of decks empty at the start, written with one statement.
    inserter: crate::store::CardInserter<'s>,
    /// New cards without a schedule for one deck empty at the start, not yet written: they go
    /// in `CARDS_PER_INSERT` to a statement (deck index, card, sibling group).
    new_cards: Vec<(usize, DeckCard, Option<String>)>,
    /// Where written cards go to be freed by the thread that read them, if it is another.
    give_back: Option<std::sync::mpsc::Sender<Spent>>,
    /// Cards written one at a time, gathered to be given back `CARDS_PER_INSERT` at a time.
    spent: Vec<DeckCard>,
    /// Imported history, written card by card in the order the cards were stored.
    reviews: crate::store::ReviewBatch<'s>,
    /// Indexes and triggers dropped for a bulk import (`Store::suspend_upkeep`); `finish`
    /// makes them again.
    suspended_upkeep: Vec<String>,
}

impl<'s> StoreSink<'s> {
    pub fn new(store: &'s Store, options: ImportOptions) -> StoreSink<'s> {
        StoreSink {
            store,
            options,
            histogram: crate::store::Histogram::default(),
            global_keys: false,
            keys_elsewhere: None,
            decks: Vec::new(),
            skipped: Skipped::default(),
            media_left_out: 0,
            scheduled: 0,
            history: None,
            waiting: Vec::new(),
            inserter: store.card_inserter(),
            new_cards: Vec::with_capacity(crate::store::CARDS_PER_INSERT),
            give_back: None,
            spent: Vec::new(),
            reviews: store.review_batch(),
            suspended_upkeep: Vec::new(),
        }
    }

    /// Writes the history of one card this import added.
    fn write_history(&mut self, card: AddedCard) -> Result<()> {
        let Some(history) = self.history.as_mut() else {
            self.waiting.push(card);
            return Ok(());
        };
        for review in history.remove(&card.source)?.unwrap_or_default() {
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

    fn deck(&mut self, raw_name: &str) -> Result<usize> {
        // Rows of one deck usually come together: look at the last deck first.
        if let Some(index) = self.decks.iter().rposition(|d| d.raw_name == raw_name) {
            return Ok(index);
        }
        let name = super::deck_name(raw_name);
        let made = self.store.deck_by_name(&name)?.is_none();
        if self.global_keys {
            // Read before this import adds a deck or a card.
            self.read_keys_elsewhere()?;
        }
        let id = self.store.upsert_deck(&name, "")?;
        let fresh = self.store.deck_total(id)? == 0;
        self.decks.push(StreamedDeck {
            raw_name: raw_name.to_string(),
            id,
            fresh,
            report: ImportReport {
                deck: name,
                ..ImportReport::default()
            },
            listed: std::collections::HashSet::new(),
            order: Vec::new(),
            added_without_id: Vec::new(),
            uncounted: (0, 0, 0),
            made,
        });
        Ok(self.decks.len() - 1)
    }

    /// Writes the last history rows, counts what went in and lists what the file no longer has.
    pub fn finish(mut self) -> Result<Imported> {
        self.flush_new_cards()?;
        if self.history.is_none() && !self.waiting.is_empty() {
            // No review log came: the waiting cards have none.
            self.waiting.clear();
        }
        let reviews = self.reviews.finish()?;
        self.store.restore_upkeep(&self.suspended_upkeep)?;
        self.store.add_to_histogram(&self.histogram)?;
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
                if !deck.report.missing.is_empty() && !deck.added_without_id.is_empty() {
                    match_corrected_questions(self.store, deck)?;
                }
            }
            if self.global_keys
                && deck.made
                && deck.report.added == 0
                && self.store.deck_total(deck.id)? == 0
            {
                // Every card was found in another deck (moved there): the deck the file
                // names is not made again.
                self.store.delete_deck(deck.id)?;
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
    Card(Arc<str>, DeckCard),
    Scheduled(Arc<str>, DeckCard, Schedule),
    History(apkg::History),
    Skip(String),
    Media(usize),
    GlobalKeys,
}

/// Parsed cards travel to the store in batches of this many (one hand-over per batch, not per
/// card, or the two threads spend their time waking each other)...
const BATCH: usize = 512;
/// ... and this many batches may wait: a few thousand cards of a few hundred bytes each.
const PIPELINE_DEPTH: usize = 8;

/// A parser's sink that sends what it reads to the writing thread, a batch at a time.
struct ChannelSink {
    sender: std::sync::mpsc::SyncSender<Vec<Parsed>>,
    batch: Vec<Parsed>,
    /// The deck of the last card, shared by the cards that follow it (a file's cards mostly
    /// come deck by deck): no copy of its name per card.
    deck: Option<Arc<str>>,
    /// What the writer is done with, to be freed here: the writer's thread is the import's
    /// bottleneck, and memory is freed fastest by the thread that allocated it.
    spent: std::sync::mpsc::Receiver<Spent>,
}

/// Anything the writer has finished with, sent back to the parser's thread to be freed.
type Spent = Box<dyn Send>;

impl ChannelSink {
    fn deck(&mut self, deck: &str) -> Arc<str> {
        match &self.deck {
            Some(last) if **last == *deck => last.clone(),
            _ => self.deck.insert(Arc::from(deck)).clone(),
        }
    }

    fn send(&mut self, parsed: Parsed) -> Result<()> {
        self.batch.push(parsed);
        if self.batch.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        while let Ok(spent) = self.spent.try_recv() {
            drop(spent);
        }
        // The receiver only goes away when writing failed; that error is the one reported.
        self.sender
            .send(batch)
            .map_err(|_| Error::Corrupt("the import stopped while the file was read".into()))
    }
}

impl CardSink for ChannelSink {
    fn add(&mut self, deck: &str, card: DeckCard) -> Result<()> {
        let deck = self.deck(deck);
        self.send(Parsed::Card(deck, card))
    }

    fn add_scheduled(&mut self, deck: &str, card: DeckCard, schedule: Schedule) -> Result<()> {
        let deck = self.deck(deck);
        self.send(Parsed::Scheduled(deck, card, schedule))
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

    fn keys_are_global(&mut self) {
        let _ = self.send(Parsed::GlobalKeys);
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
    options: ImportOptions,
    progress: &mut dyn FnMut(),
    parse: impl FnOnce(&mut dyn CardSink) -> Result<()> + Send,
) -> Result<Imported> {
    let (sender, receiver) = std::sync::mpsc::sync_channel(PIPELINE_DEPTH);
    let (give_back, spent) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let parser = scope.spawn(move || -> Result<()> {
            let mut channel = ChannelSink {
                sender,
                batch: Vec::with_capacity(BATCH),
                deck: None,
                spent,
            };
            parse(&mut channel)?;
            channel.flush()
        });
        let mut sink = StoreSink::new(store, options);
        sink.give_back = Some(give_back);
        let mut stored = Ok(());
        for parsed in receiver.iter().flatten() {
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
                Parsed::GlobalKeys => {
                    sink.keys_are_global();
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

/// Imports an Anki package as it is read (the caller owns the transaction): cards go in with
/// their schedules while the package is rendered, and each added card's review log, streamed
/// card by card alongside, is written right after the card, many rows per statement.
pub fn import_package(
    store: &Store,
    path: &std::path::Path,
    file: &str,
    options: &apkg::PackageOptions,
    import: ImportOptions,
    progress: &mut dyn FnMut(),
) -> Result<Imported> {
    import_streamed(store, import, progress, |sink| {
        apkg::read_into(path, file, options, sink)
    })
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
        let group = self.sibling_group(index, card);
        let group = group.as_deref();
        if self.global_keys
            && let Some(elsewhere) = self.elsewhere(self.decks[index].id, &card.key)?
            && let Some(existing) = store.card_by_key(elsewhere, &card.key)?
        {
            // A note whose cards were moved to another deck: matched there, left there.
            let options = self.options;
            reimport(
                store,
                options,
                &mut self.decks[index].report,
                &existing,
                (card, group),
            )?;
            return Ok(None);
        }
        let streamed = &mut self.decks[index];
        let mut new = NewCard::new(&card.key, &card.front, &card.back, &card.tags);
        new.sibling = group;
        if let Some(schedule) = schedule {
            new.state = schedule.state.unwrap_or(CardState::NEW);
            new.suspended = schedule.suspended;
        }
        if streamed.fresh {
            let Some(id) = self.inserter.insert_if_absent(streamed.id, &new)? else {
                self.skipped.count(duplicate_reason(deck));
                return Ok(None);
            };
            let (total, fresh, suspended) = &mut streamed.uncounted;
            *total += 1;
            *fresh += i64::from(new.state.is_new() && !new.suspended);
            *suspended += i64::from(new.suspended);
            self.histogram.count(streamed.id, &new.state, new.suspended);
            streamed.report.added += 1;
            return Ok(Some((streamed.id, id)));
        }
        if !streamed.listed.insert(card.key.clone()) {
            self.skipped.count(duplicate_reason(deck));
            return Ok(None);
        }
        streamed.order.push(card.key.clone());
        let Some(existing) = store.card_by_key(streamed.id, &card.key)? else {
            let id = store.insert_card(streamed.id, &new)?;
            streamed.report.added += 1;
            if card.key == text_key(&card.front) {
                streamed
                    .added_without_id
                    .push((streamed.order.len() - 1, id));
            }
            return Ok(Some((streamed.id, id)));
        };
        reimport(
            store,
            self.options,
            &mut streamed.report,
            &existing,
            (card, group),
        )
    }

    /// A card's sibling group as stored: GUID-keyed notes are siblings wherever their cards
    /// are; other items within a deck.
    fn sibling_group(&self, index: usize, card: &DeckCard) -> Option<String> {
        card.sibling.as_deref().map(|item| {
            if self.global_keys {
                item.to_string()
            } else {
                format!("{}\u{1f}{item}", self.decks[index].report.deck)
            }
        })
    }

    /// A new card without a schedule for a deck empty at the start: nothing refers to it, so
    /// it waits to go in with others like it, many to a statement.
    fn add_new_card(&mut self, index: usize, card: DeckCard) -> Result<()> {
        if self
            .new_cards
            .first()
            .is_some_and(|(deck, ..)| *deck != index)
        {
            self.flush_new_cards()?;
        }
        let group = self.sibling_group(index, &card);
        self.new_cards.push((index, card, group));
        if self.new_cards.len() == crate::store::CARDS_PER_INSERT {
            self.flush_new_cards()?;
        }
        Ok(())
    }

    /// A card written one at a time, done with: freed by the reader's thread, if there is one.
    fn spend(&mut self, card: DeckCard) {
        if self.give_back.is_none() {
            return;
        }
        self.spent.push(card);
        if self.spent.len() == crate::store::CARDS_PER_INSERT {
            let spent = std::mem::replace(
                &mut self.spent,
                Vec::with_capacity(crate::store::CARDS_PER_INSERT),
            );
            self.give_back(Box::new(spent));
        }
    }

    /// Hands what the writer is done with to the reader's thread to free. Once the reader has
    /// finished there is nobody to give it to: it is freed here.
    fn give_back(&self, spent: Spent) {
        if let Some(give_back) = &self.give_back {
            let _ = give_back.send(spent);
        }
    }

    /// Writes the waiting new cards and counts them (a card whose key the deck already had,
    /// from this file, is a duplicate).
    fn flush_new_cards(&mut self) -> Result<()> {
        let Some(&(index, ..)) = self.new_cards.first() else {
            return Ok(());
        };
        let cards: Vec<NewCard<'_>> = self
            .new_cards
            .iter()
            .map(|(_, card, group)| {
                let mut new = NewCard::new(&card.key, &card.front, &card.back, &card.tags);
                new.sibling = group.as_deref();
                new
            })
            .collect();
        let streamed = &mut self.decks[index];
        let added = self.inserter.insert_many_if_absent(streamed.id, &cards)?;
        let duplicates = cards.len() - added;
        drop(cards);
        let counted = i64::try_from(added).unwrap_or(i64::MAX);
        streamed.uncounted.0 += counted;
        streamed.uncounted.1 += counted;
        streamed.report.added += u32::try_from(added).unwrap_or(u32::MAX);
        for _ in 0..duplicates {
            self.skipped.count(duplicate_reason(&streamed.raw_name));
        }
        if self.give_back.is_some() {
            let written = std::mem::replace(
                &mut self.new_cards,
                Vec::with_capacity(crate::store::CARDS_PER_INSERT),
            );
            self.give_back(Box::new(written));
        } else {
            self.new_cards.clear();
        }
        Ok(())
    }

    /// The keys every deck holds, by deck, read once: before this import adds anything.
    fn read_keys_elsewhere(&mut self) -> Result<()> {
        if self.keys_elsewhere.is_none() {
            let mut keys = std::collections::HashMap::new();
            for other in self.store.all_decks()? {
                for held in self.store.card_keys_in_deck(other.id)? {
                    keys.entry(held).or_insert(other.id);
                }
            }
            self.keys_elsewhere = Some(keys);
        }
        Ok(())
    }

    /// Another deck that held a card with `key` when the import began (global keys only).
    fn elsewhere(&mut self, deck: DeckId, key: &str) -> Result<Option<DeckId>> {
        self.read_keys_elsewhere()?;
        Ok(self
            .keys_elsewhere
            .as_ref()
            .and_then(|keys| keys.get(key))
            .copied()
            .filter(|other| *other != deck))
    }
}

/// A card the collection already has, met again in a file (with its sibling group): its text
/// follows the file unless it was edited here (kept, or a conflict), its schedule stays, and it
/// joins the siblings the file now gives it.
fn reimport(
    store: &Store,
    options: ImportOptions,
    report: &mut ImportReport,
    existing: &crate::store::Card,
    (card, group): (&DeckCard, Option<&str>),
) -> Result<Option<(DeckId, CardId)>> {
    if existing.sibling_group.as_deref() != group {
        store.set_sibling_group(existing.id, group)?;
    }
    let tags = tags_with_leech(existing, card);
    if existing.front == card.front && existing.back == card.back && existing.tags == tags {
        report.unchanged += 1;
        if existing.source_hash.is_some() {
            // The file now says what was edited here: the card is its file's again.
            store.update_card_text(existing.id, &new_text(card, &tags), None)?;
        }
        return Ok(None);
    }
    let here = source_hash(&existing.front, &existing.back, &existing.tags);
    let last_import = existing.source_hash.unwrap_or(here);
    let file = source_hash(&card.front, &card.back, &card.tags);
    if file == last_import {
        // Only the card changed (edited here): the edit stays.
        report.kept_edits += 1;
    } else if here == last_import || options.overwrite {
        if here != last_import {
            report.conflicts.push(card.key.clone());
            report.overwritten = true;
        }
        store.update_card_text(existing.id, &new_text(card, &tags), None)?;
        report.updated += 1;
    } else {
        report.conflicts.push(card.key.clone());
    }
    Ok(None)
}

/// Why a card is left out when its deck already has one with the same key.
fn duplicate_reason(deck: &str) -> String {
    format!("the same card appears twice in deck '{deck}' (the first one is kept)")
}

impl CardSink for StoreSink<'_> {
    fn describe(&mut self, deck: &str, description: &str) -> Result<()> {
        self.store
            .upsert_deck(&super::deck_name(deck), description)?;
        self.deck(deck).map(|_| ())
    }

    fn add(&mut self, deck: &str, card: DeckCard) -> Result<()> {
        let index = self.deck(deck)?;
        if self.decks[index].fresh && !self.global_keys {
            return self.add_new_card(index, card);
        }
        // Written in the file's order: the waiting cards first.
        self.flush_new_cards()?;
        self.store_card(deck, &card, None)?;
        self.spend(card);
        Ok(())
    }

    fn add_scheduled(&mut self, deck: &str, card: DeckCard, schedule: Schedule) -> Result<()> {
        self.flush_new_cards()?;
        let stored = self.store_card(deck, &card, Some(&schedule))?;
        self.spend(card);
        let Some((deck_id, id)) = stored else {
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
        // The log comes first, with the collection's size: a bulk import knows it is one
        // before its first card.
        if self.history.is_none() {
            if self.store.bulk_history(history.rows())? {
                let definitions = self.store.suspend_upkeep(Upkeep::History)?;
                self.suspended_upkeep.extend(definitions);
            }
            if self.store.bulk_cards(history.cards())? {
                let definitions = self.store.suspend_upkeep(Upkeep::Cards)?;
                self.suspended_upkeep.extend(definitions);
            }
        }
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

    fn keys_are_global(&mut self) {
        self.global_keys = true;
    }
}

/// The tags a re-imported card gets: the file's, and the leech tag, which belongs to the
/// collection, not to the file.
fn tags_with_leech(existing: &crate::store::Card, card: &DeckCard) -> Vec<String> {
    let mut tags = card.tags.clone();
    if existing.has_tag(LEECH_TAG) && !tags.iter().any(|t| t == LEECH_TAG) {
        tags.push(LEECH_TAG.to_string());
    }
    tags
}

fn new_text<'c>(card: &'c DeckCard, tags: &'c [String]) -> NewCard<'c> {
    NewCard::new(&card.key, &card.front, &card.back, tags)
}

/// Cards without an id in their file are known by their question: correcting a typo there
/// makes a new key. A card added by this import whose question is a small edit of a card the
/// file no longer lists, at the same place in the file (after the same card), is that card:
/// it takes the new text and key and keeps its schedule and history, and the card just added
/// is dropped. Cards are placed in the collection in the order they were added.
fn match_corrected_questions(store: &Store, deck: &mut StreamedDeck) -> Result<()> {
    let added: std::collections::HashSet<CardId> =
        deck.added_without_id.iter().map(|(_, id)| *id).collect();
    // Missing cards without an id, by the card before them in the order added.
    let mut missing = std::collections::HashMap::new();
    let mut previous: Option<String> = None;
    let missing_keys: std::collections::HashSet<&String> = deck.report.missing.iter().collect();
    store.for_each_card_in_deck(deck.id, |card| {
        if added.contains(&card.id) {
            return Ok(());
        }
        if missing_keys.contains(&card.key) && card.key == text_key(&card.front) {
            missing.insert(previous.clone(), card.clone());
        }
        previous = Some(card.key);
        Ok(())
    })?;
    // Keys of the file's cards as the collection knew them before this import.
    let mut known_as: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut matched_old = std::collections::HashSet::new();
    for (place, id) in std::mem::take(&mut deck.added_without_id) {
        let file_before = place
            .checked_sub(1)
            .and_then(|at| deck.order.get(at))
            .map(|key| known_as.get(key).cloned().unwrap_or_else(|| key.clone()));
        let Some(old) = missing.get(&file_before) else {
            continue;
        };
        let Some(new) = store.card(id)? else {
            continue;
        };
        if !small_edit(&old.front, &new.front) || !matched_old.insert(old.id) {
            continue;
        }
        store.delete_new_card(new.id)?;
        store.update_card_text(
            old.id,
            &NewCard::new(&new.key, &new.front, &new.back, &new.tags),
            None,
        )?;
        known_as.insert(new.key.clone(), old.key.clone());
        deck.report.added -= 1;
        deck.report.updated += 1;
        deck.report.missing.retain(|key| *key != old.key);
        deck.report
            .matched
            .push((old.front.clone(), new.front.clone()));
    }
    Ok(())
}

/// Whether `new` reads as `old` corrected: at most a third of the longer one's characters
/// differ (edit distance), counted only for questions of a sensible length.
fn small_edit(old: &str, new: &str) -> bool {
    const LONGEST: usize = 2000;
    let old: Vec<char> = old.chars().collect();
    let new: Vec<char> = new.chars().collect();
    let longer = old.len().max(new.len());
    if longer > LONGEST || old.len().abs_diff(new.len()) * 3 > longer {
        return false;
    }
    let mut row: Vec<usize> = (0..=new.len()).collect();
    for (i, a) in old.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, b) in new.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(a != b));
            diagonal = above;
        }
    }
    row[new.len()] * 3 <= longer
}
