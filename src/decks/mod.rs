//! Deck formats and bringing a deck into the collection.

pub mod article;
pub mod builtin;
pub mod native;

use crate::error::{Error, Result};
use crate::store::{NewCard, Store};
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

/// Brings `deck` into the collection: new cards are added, cards matched by deck and id get the
/// file's text and keep their schedule and history, and nothing is deleted. The caller owns the
/// transaction, so a failure leaves the collection untouched.
pub fn sync_deck(store: &Store, deck: &DeckData) -> Result<ImportReport> {
    let deck_id = store.upsert_deck(&deck.name, &deck.description)?;
    let mut report = ImportReport {
        deck: deck.name.clone(),
        ..ImportReport::default()
    };
    for card in &deck.cards {
        let incoming = NewCard {
            key: &card.key,
            front: &card.front,
            back: &card.back,
            tags: &card.tags,
        };
        match store.card_by_key(deck_id, &card.key)? {
            None => {
                store.insert_card(deck_id, &incoming)?;
                report.added += 1;
            }
            Some(existing)
                if existing.front == card.front
                    && existing.back == card.back
                    && existing.tags == card.tags =>
            {
                report.unchanged += 1;
            }
            Some(existing) => {
                store.update_card_text(existing.id, &incoming)?;
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
