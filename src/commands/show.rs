//! `show CARD [--json]`: one card, its schedule and its last reviews.

use super::output::write_json;
use super::rows::{CardRow, ReviewRow, card_reference, write_review_line};
use super::{Context, resolve_card};
use crate::error::Result;
use crate::store::Review;
use crate::text;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// The card: `@ID`, `DECK/KEY`, or a KEY used in one deck only
    pub card: String,
    #[arg(long)]
    pub json: bool,
}

/// How many of the newest reviews `show` lists.
const SHOWN_REVIEWS: usize = 10;

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    card: CardRow<'a>,
    reviews: Vec<ReviewRow<'a>>,
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
        let card = resolve_card(ctx.store, &self.card)?;
        let reviews = ctx.store.reviews_of_card(card.id)?;
        let newest: Vec<&Review> = reviews.iter().rev().take(SHOWN_REVIEWS).collect();
        if self.json {
            let shown = ShowJson {
                card: CardRow::new(&card),
                reviews: newest
                    .iter()
                    .rev()
                    .map(|review| ReviewRow::new(review, &card.deck, &card.key))
                    .collect(),
            };
            return write_json(out, &shown);
        }
        let style = ctx.style;
        writeln!(
            out,
            "{} {}/{}",
            style.bold(&card_reference(card.id)),
            text::one_line(&card.deck),
            text::one_line(&card.key)
        )?;
        writeln!(out, "Front: {}", text::for_terminal(&card.front))?;
        writeln!(out, "Back:  {}", text::for_terminal(&card.back))?;
        if !card.tags.is_empty() {
            writeln!(out, "Tags:  {}", text::one_line(&card.tags.join(" ")))?;
        }
        let state = &card.state;
        let due = state.due_day.map_or_else(
            || "New (not yet reviewed)".to_string(),
            |day| format!("Due {day}"),
        );
        writeln!(
            out,
            "{due} · EF {} · {} · interval {} · {}{}{}",
            state.ease_factor,
            text::counted(state.repetitions, "repetition"),
            text::counted(state.interval_days, "day"),
            text::counted(state.lapses, "lapse"),
            if card.suspended { " · suspended" } else { "" },
            card.buried_until
                .map(|day| format!(" · buried until {day}"))
                .unwrap_or_default()
        )?;
        if newest.is_empty() {
            writeln!(out, "No reviews yet.")?;
        } else {
            writeln!(
                out,
                "Last {} of {}:",
                newest.len(),
                text::counted(reviews.len(), "review")
            )?;
            for review in newest.iter().rev() {
                write_review_line(out, review, None, ctx.style.columns())?;
            }
        }
        Ok(())
    }
}
