//! `cards [DECK] [--json]`: every card with its text and SM-2 schedule, streamed deck by deck.

use super::output::JsonArray;
use super::rows::{CardRow, card_reference};
use super::{Context, resolve_decks};
use crate::error::Result;
use crate::store::Card;
use crate::text;
use std::io::Write;

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// Only this deck (and its subdecks)
    pub deck: Option<String>,
    #[arg(long)]
    pub json: bool,
}

const ID_COLUMNS: usize = 6;
const KEY_COLUMNS: usize = 14;
/// Id, key, due day, EF and interval with their gaps; the front takes the rest of the line.
const FIXED_COLUMNS: usize = 45;

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
        let decks = resolve_decks(ctx.store, self.deck.as_deref())?;
        if self.json {
            let mut array = JsonArray::start(out)?;
            for deck in &decks {
                ctx.store
                    .for_each_card_in_deck(deck.id, |card| array.push(&CardRow::new(&card)))?;
            }
            array.finish()?;
            return Ok(());
        }
        let mut listed = 0usize;
        let front_columns = ctx.style.columns().saturating_sub(FIXED_COLUMNS);
        for deck in &decks {
            let mut first_of_deck = true;
            ctx.store.for_each_card_in_deck(deck.id, |card| {
                if std::mem::take(&mut first_of_deck) {
                    let deck = text::one_line(&card.deck);
                    let deck = text::truncate_middle(&deck, ctx.style.columns());
                    writeln!(out, "{}", ctx.style.bold(&deck))?;
                    writeln!(
                        out,
                        "{} {} {:<10} {:>4} {:>5}  Front",
                        text::cell("Id", ID_COLUMNS),
                        text::cell("Key", KEY_COLUMNS),
                        "Due",
                        "EF",
                        "Ivl"
                    )?;
                }
                listed += 1;
                write_card_line(out, &card, front_columns)
            })?;
        }
        if listed == 0 {
            writeln!(out, "No cards.")?;
        }
        Ok(())
    }
}

/// One card on one line of at most `FIXED_COLUMNS + front_columns` columns.
fn write_card_line(out: &mut dyn Write, card: &Card, front_columns: usize) -> Result<()> {
    let due = match (card.suspended, card.state.due_day) {
        (true, _) => "suspended".to_string(),
        (false, Some(day)) => day.to_string(),
        (false, None) => "new".to_string(),
    };
    let key = text::one_line(&card.key);
    writeln!(
        out,
        "{} {} {:<10} {:>4} {:>4}d  {}",
        text::cell(&card_reference(card.id), ID_COLUMNS),
        text::cell(&text::truncate_middle(&key, KEY_COLUMNS), KEY_COLUMNS),
        due,
        card.state.ease_factor.to_string(),
        card.state.interval_days,
        text::truncate(&text::one_line(&card.front), front_columns)
    )?;
    Ok(())
}
