//! `cards [DECK] [--json]`: every card with its text and SM-2 schedule.

use super::{Context, resolve_decks};
use crate::error::Result;
use crate::store::Card;
use crate::text;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
pub(super) struct CardRow<'a> {
    /// The reference other commands accept: `#12`.
    id: String,
    deck: &'a str,
    key: &'a str,
    front: &'a str,
    back: &'a str,
    tags: &'a [String],
    /// EF as a number, exact to the hundredth (2.36).
    ef: f64,
    reps: u32,
    interval: u32,
    /// `YYYY-MM-DD`, null while new.
    due: Option<String>,
    lapses: u32,
    suspended: bool,
}

pub(super) fn row(card: &Card) -> CardRow<'_> {
    CardRow {
        id: super::card_reference(card),
        deck: &card.deck,
        key: &card.key,
        front: &card.front,
        back: &card.back,
        tags: &card.tags,
        ef: card.state.ease_factor.as_f64(),
        reps: card.state.repetitions,
        interval: card.state.interval_days,
        due: card.state.due_day.map(|day| day.to_string()),
        lapses: card.state.lapses,
        suspended: card.suspended,
    }
}

pub fn run(ctx: &Context<'_>, deck: Option<&str>, json: bool, out: &mut dyn Write) -> Result<()> {
    let decks = resolve_decks(ctx.store, deck)?;
    let mut cards = Vec::new();
    for deck in &decks {
        cards.extend(ctx.store.cards_in_deck(deck.id)?);
    }
    if json {
        let rows: Vec<CardRow<'_>> = cards.iter().map(row).collect();
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    if cards.is_empty() {
        writeln!(out, "No cards.")?;
        return Ok(());
    }
    let mut current_deck = None;
    for card in &cards {
        if current_deck != Some(card.deck_id) {
            current_deck = Some(card.deck_id);
            writeln!(out, "{}", ctx.style.bold(&text::one_line(&card.deck)))?;
            writeln!(
                out,
                "  {:<20}  {:<10}  {:>5}  {:>4}  {:>8}  Front",
                "Id", "Due", "EF", "Reps", "Interval"
            )?;
        }
        let due = match (card.suspended, card.state.due_day) {
            (true, _) => "suspended".to_string(),
            (false, Some(day)) => day.to_string(),
            (false, None) => "new".to_string(),
        };
        writeln!(
            out,
            "  {:<20}  {:<10}  {:>5}  {:>4}  {:>7}d  {}",
            text::truncate(&text::one_line(&card.key), 20),
            due,
            card.state.ease_factor.to_string(),
            card.state.repetitions,
            card.state.interval_days,
            text::truncate(&text::one_line(&card.front), 60)
        )?;
    }
    Ok(())
}
