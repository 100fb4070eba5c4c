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
use crate::scheduler::CardState;
use crate::session::LEECH_TAG;
use crate::store::{NewCard, Review, Store};
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
    /// Keys of the cards this import added.
    pub added_keys: Vec<String>,
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
    /// By (deck name, card key).
    pub carried: HashMap<(String, String), Carried>,
    /// Reasons, with how many notes or rows each left out, in the order first met.
    pub skipped: Vec<(String, usize)>,
    /// Pictures and sounds referred to but not extracted.
    pub media_left_out: usize,
    /// Where each (deck, key) was first seen, to report duplicates.
    seen: HashMap<(String, String), usize>,
}

impl ImportBatch {
    /// Adds a card to its deck (created on first use); a second card with the same key in the
    /// same deck is skipped and counted.
    pub fn add(&mut self, deck: &str, card: DeckCard) -> bool {
        let id = (deck.to_string(), card.key.clone());
        if let Some(first) = self.seen.get(&id) {
            self.skip(format!(
                "the same card appears twice in deck '{deck}' (first at line {first})"
            ));
            return false;
        }
        self.seen.insert(id, card.line);
        match self.decks.iter_mut().find(|d| d.name == deck) {
            Some(existing) => existing.cards.push(card),
            None => self.decks.push(DeckData {
                name: deck.to_string(),
                description: String::new(),
                cards: vec![card],
            }),
        }
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

/// A stable key for a card known only by its deck and front: `t-` and a hash of the front.
pub fn text_key(front: &str) -> String {
    // FNV-1a, 64 bits: stable across versions and platforms, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in front.trim().as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("t-{hash:016x}")
}

/// Brings a whole batch in (the caller owns the transaction): each deck as `sync_deck` does,
/// then the carried schedules and history for the cards this import added. `progress` is
/// called once per card.
pub fn apply_batch(
    store: &Store,
    batch: &ImportBatch,
    progress: &mut dyn FnMut(),
) -> Result<Vec<ImportReport>> {
    let mut reports = Vec::new();
    for deck in &batch.decks {
        let report = sync_deck_with_progress(store, deck, progress)?;
        if !batch.carried.is_empty() {
            let deck_id = store.deck_id_or_create(&deck.name)?;
            for key in &report.added_keys {
                let Some(carried) = batch.carried.get(&(deck.name.clone(), key.clone())) else {
                    continue;
                };
                let Some(card) = store.card_by_key(deck_id, key)? else {
                    continue;
                };
                for review in &carried.history {
                    store.insert_review(&Review {
                        card_id: card.id,
                        ..review.clone()
                    })?;
                }
                if let Some(state) = &carried.state {
                    store.save_schedule(card.id, state)?;
                }
                if carried.suspended {
                    store.set_suspended(card.id, true)?;
                }
            }
        }
        reports.push(report);
    }
    Ok(reports)
}

/// Brings `deck` into the collection: new cards are added, cards matched by deck and id get the
/// file's text and keep their schedule and history, and nothing is deleted. The caller owns the
/// transaction, so a failure leaves the collection untouched.
pub fn sync_deck(store: &Store, deck: &DeckData) -> Result<ImportReport> {
    sync_deck_with_progress(store, deck, &mut || {})
}

/// `sync_deck`, calling `progress` once per card.
pub fn sync_deck_with_progress(
    store: &Store,
    deck: &DeckData,
    progress: &mut dyn FnMut(),
) -> Result<ImportReport> {
    let deck_id = store.upsert_deck(&deck.name, &deck.description)?;
    let mut report = ImportReport {
        deck: deck.name.clone(),
        ..ImportReport::default()
    };
    for card in &deck.cards {
        progress();
        let Some(existing) = store.card_by_key(deck_id, &card.key)? else {
            store.insert_card(
                deck_id,
                &NewCard {
                    key: &card.key,
                    front: &card.front,
                    back: &card.back,
                    tags: &card.tags,
                },
            )?;
            report.added += 1;
            report.added_keys.push(card.key.clone());
            continue;
        };
        // The leech tag belongs to the collection, not to the file: a re-import keeps it.
        let mut tags = card.tags.clone();
        if existing.has_tag(LEECH_TAG) && !tags.iter().any(|t| t == LEECH_TAG) {
            tags.push(LEECH_TAG.to_string());
        }
        if existing.front == card.front && existing.back == card.back && existing.tags == tags {
            report.unchanged += 1;
        } else {
            store.update_card_text(
                existing.id,
                &NewCard {
                    key: &card.key,
                    front: &card.front,
                    back: &card.back,
                    tags: &tags,
                },
            )?;
            report.updated += 1;
        }
    }
    let listed: std::collections::HashSet<&str> =
        deck.cards.iter().map(|card| card.key.as_str()).collect();
    report.missing = store
        .card_keys_in_deck(deck_id)?
        .into_iter()
        .filter(|key| !listed.contains(key.as_str()))
        .collect();
    Ok(report)
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

/// Replaces `path` with `contents` atomically: a temporary file beside it, then a rename.
pub fn write_atomically(path: &Path, contents: &str) -> Result<()> {
    let file_error = |source| Error::File {
        path: path.to_path_buf(),
        source,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, contents).map_err(file_error)?;
    std::fs::rename(&temporary, path).map_err(|source| {
        let _ = std::fs::remove_file(&temporary);
        file_error(source)
    })
}

#[cfg(test)]
mod tests;
