//! Decks and their counts.

use super::Store;
use crate::error::Result;
use crate::scheduler::StudyDay;
use rusqlite::{Row, params};

pub type DeckId = i64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    pub id: DeckId,
    pub name: String,
    pub description: String,
    /// The deck's own new-cards-per-day limit, if it has one.
    pub new_per_day: Option<u32>,
    /// The deck's own choice to bury siblings, if it has one.
    pub bury_siblings: Option<bool>,
}

/// What `decks` shows for one deck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeckCounts {
    pub id: DeckId,
    pub name: String,
    pub total: u32,
    /// Never reviewed and not suspended.
    pub new: u32,
    /// Due on or before the study day asked about, not suspended.
    pub due: u32,
    pub suspended: u32,
}

fn deck_from_row(row: &Row<'_>) -> rusqlite::Result<Deck> {
    Ok(Deck {
        id: row.get(0)?,
        name: row.get(1)?,
        description: row.get(2)?,
        new_per_day: row.get(3)?,
        bury_siblings: row.get(4)?,
    })
}

impl Store {
    pub fn deck_by_name(&self, name: &str) -> Result<Option<Deck>> {
        self.optional(sql!("deck_by_name"), [name], deck_from_row)
    }

    pub fn all_decks(&self) -> Result<Vec<Deck>> {
        self.all(sql!("all_decks"), [], deck_from_row)
    }

    /// The deck called `name`, created if absent; a non-empty description replaces the old one.
    pub fn upsert_deck(&self, name: &str, description: &str) -> Result<DeckId> {
        if let Some(deck) = self.deck_by_name(name)? {
            if description.is_empty() {
                return Ok(deck.id);
            }
            self.execute(sql!("upsert_deck_update"), params![deck.id, description])?;
            return Ok(deck.id);
        }
        self.execute(sql!("upsert_deck_insert"), params![name, description])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every deck with its counts; totals come from the trigger-kept table, due counts from an
    /// index range, so the cost follows the number of due cards, not the collection.
    pub fn deck_counts(&self, today: StudyDay) -> Result<Vec<DeckCounts>> {
        let rows = self.all(sql!("deck_counts"), [], |row| {
            Ok(DeckCounts {
                id: row.get(0)?,
                name: row.get(1)?,
                total: row.get(2)?,
                new: row.get(3)?,
                due: 0,
                suspended: row.get(4)?,
            })
        })?;
        rows.into_iter()
            .map(|mut counts| {
                counts.due = self.due_count(counts.id, today)?;
                Ok(counts)
            })
            .collect()
    }

    /// How many cards `deck` holds (kept by triggers).
    pub fn deck_total(&self, deck: DeckId) -> Result<u32> {
        Ok(self
            .optional(sql!("deck_total"), [deck], super::first_column)?
            .unwrap_or(0))
    }

    pub fn rename_deck(&self, deck: DeckId, name: &str) -> Result<()> {
        self.execute(sql!("rename_deck"), params![deck, name])
    }

    /// Deletes an empty deck (its cards deleted first): its history's per-day summary and its
    /// deleted cards move to deck 0, counted only in the whole collection's statistics.
    pub fn delete_deck(&self, deck: DeckId) -> Result<()> {
        self.execute(sql!("retire_deck_summary"), [deck])?;
        self.execute(sql!("delete_deck_summary"), [deck])?;
        self.execute(sql!("retire_deleted_cards"), [deck])?;
        self.execute(sql!("delete_deck_counts"), [deck])?;
        self.execute(sql!("delete_deck"), [deck])
    }

    pub fn set_deck_bury_siblings(&self, deck: DeckId, bury: Option<bool>) -> Result<()> {
        self.execute(sql!("set_deck_bury_siblings"), params![deck, bury])
    }

    pub fn set_deck_new_per_day(&self, deck: DeckId, limit: Option<u32>) -> Result<()> {
        self.execute(sql!("set_deck_new_per_day"), params![deck, limit])
    }

    pub fn due_count(&self, deck: DeckId, today: StudyDay) -> Result<u32> {
        self.one(sql!("due_count"), params![deck, today], super::first_column)
    }
}
