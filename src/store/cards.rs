//! Cards: their text and their SM-2 state.

use super::{DeckId, Store};
use crate::error::Result;
use crate::scheduler::{CardState, StudyDay};
use rusqlite::{OptionalExtension, Row, params};

pub type CardId = i64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: CardId,
    pub deck_id: DeckId,
    pub deck: String,
    /// The stable id inside its deck.
    pub key: String,
    pub front: String,
    pub back: String,
    pub tags: Vec<String>,
    pub state: CardState,
    pub suspended: bool,
}

/// A card's text as a deck file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCard<'a> {
    pub key: &'a str,
    pub front: &'a str,
    pub back: &'a str,
    pub tags: &'a [String],
}

pub(super) fn card_from_row(row: &Row<'_>) -> rusqlite::Result<Card> {
    let tags: String = row.get(6)?;
    Ok(Card {
        id: row.get(0)?,
        deck_id: row.get(1)?,
        deck: row.get(2)?,
        key: row.get(3)?,
        front: row.get(4)?,
        back: row.get(5)?,
        tags: tags.split_whitespace().map(str::to_owned).collect(),
        state: CardState {
            ease_factor: row.get(7)?,
            repetitions: row.get(8)?,
            interval_days: row.get(9)?,
            due_day: row.get(10)?,
            lapses: row.get(11)?,
        },
        suspended: row.get(12)?,
    })
}

fn joined_tags(tags: &[String]) -> String {
    tags.join(" ")
}

impl Store {
    pub fn card(&self, id: CardId) -> Result<Option<Card>> {
        let mut stmt = self.conn.prepare_cached(sql!("card_by_id"))?;
        Ok(stmt.query_row([id], card_from_row).optional()?)
    }

    pub fn card_by_key(&self, deck: DeckId, key: &str) -> Result<Option<Card>> {
        let mut stmt = self.conn.prepare_cached(sql!("card_by_key"))?;
        Ok(stmt
            .query_row(params![deck, key], card_from_row)
            .optional()?)
    }

    pub fn cards_in_deck(&self, deck: DeckId) -> Result<Vec<Card>> {
        let mut stmt = self.conn.prepare_cached(sql!("cards_in_deck"))?;
        let cards = stmt.query_map([deck], card_from_row)?;
        Ok(cards.collect::<rusqlite::Result<_>>()?)
    }

    pub fn card_keys_in_deck(&self, deck: DeckId) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql!("card_keys_in_deck"))?;
        let keys = stmt.query_map([deck], |row| row.get(0))?;
        Ok(keys.collect::<rusqlite::Result<_>>()?)
    }

    pub fn insert_card(&self, deck: DeckId, card: &NewCard<'_>) -> Result<CardId> {
        let mut stmt = self.conn.prepare_cached(sql!("insert_card"))?;
        stmt.execute(params![
            deck,
            card.key,
            card.front,
            card.back,
            joined_tags(card.tags)
        ])?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_card_text(&self, id: CardId, card: &NewCard<'_>) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql!("update_card_text"))?;
        stmt.execute(params![id, card.front, card.back, joined_tags(card.tags)])?;
        Ok(())
    }

    /// Cards of `deck` due on or before `today`, most overdue first, as (card, due day).
    pub fn due_cards(&self, deck: DeckId, today: StudyDay) -> Result<Vec<(CardId, StudyDay)>> {
        let mut stmt = self.conn.prepare_cached(sql!("due_cards"))?;
        let due = stmt.query_map(params![deck, today], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(due.collect::<rusqlite::Result<_>>()?)
    }

    /// Up to `limit` new cards of `deck`, in the order they were added.
    pub fn new_cards(&self, deck: DeckId, limit: u32) -> Result<Vec<CardId>> {
        let mut stmt = self.conn.prepare_cached(sql!("new_cards"))?;
        let ids = stmt.query_map(params![deck, limit], |row| row.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// The first study day after `today` on which a card of `deck` is due.
    pub fn next_due_day(&self, deck: DeckId, today: StudyDay) -> Result<Option<StudyDay>> {
        let mut stmt = self.conn.prepare_cached(sql!("next_due_day"))?;
        Ok(stmt.query_row(params![deck, today], |row| row.get(0))?)
    }

    pub fn save_schedule(&self, id: CardId, state: &CardState) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql!("save_schedule"))?;
        stmt.execute(params![
            id,
            state.ease_factor,
            state.repetitions,
            state.interval_days,
            state.due_day,
            state.lapses
        ])?;
        Ok(())
    }
}
