//! `show CARD [--json]`: one card, its schedule and its last reviews.

use super::{Context, cards, resolve_card};
use crate::error::Result;
use crate::store::Review;
use crate::text;
use serde::Serialize;
use std::io::Write;

/// How many of the newest reviews `show` lists.
const SHOWN_REVIEWS: usize = 10;

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    card: cards::CardRow<'a>,
    reviews: Vec<super::history::ReviewRow>,
}

pub fn run(ctx: &Context<'_>, reference: &str, json: bool, out: &mut dyn Write) -> Result<()> {
    let card = resolve_card(ctx.store, reference)?;
    let reviews = ctx.store.reviews_of_card(card.id)?;
    let newest: Vec<&Review> = reviews.iter().rev().take(SHOWN_REVIEWS).collect();
    if json {
        let rows = newest
            .iter()
            .rev()
            .map(|review| super::history::ReviewRow::new(review, &card))
            .collect();
        let shown = ShowJson {
            card: cards::row(&card),
            reviews: rows,
        };
        serde_json::to_writer_pretty(&mut *out, &shown).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    let style = ctx.style;
    writeln!(
        out,
        "{} {}/{}",
        style.bold(&super::card_reference(&card)),
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
        "{due} · EF {} · {} repetitions · interval {} days · {} lapses{}{}",
        state.ease_factor,
        state.repetitions,
        state.interval_days,
        state.lapses,
        if card.suspended { " · suspended" } else { "" },
        card.buried_until
            .map(|day| format!(" · buried until {day}"))
            .unwrap_or_default()
    )?;
    if newest.is_empty() {
        writeln!(out, "No reviews yet.")?;
    } else {
        writeln!(out, "Last {} of {} reviews:", newest.len(), reviews.len())?;
        for review in newest.iter().rev() {
            super::history::write_line(out, review, &card, false)?;
        }
    }
    Ok(())
}
