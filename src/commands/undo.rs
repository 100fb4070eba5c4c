//! `undo`: takes back the newest answer of today, restoring the card exactly.

use super::Context;
use crate::error::Result;
use crate::session;
use crate::text;
use std::io::Write;

pub fn run(ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
    let today = ctx.today()?;
    match session::undo_last(ctx.store, today)? {
        None => writeln!(out, "Nothing to undo today.")?,
        Some((review, card)) => {
            let due = card
                .state
                .due_day
                .map_or_else(|| "new".to_string(), |day| format!("due {day}"));
            writeln!(
                out,
                "Undone: {} answer {} on {} “{}”; back to {due}, EF {}, {} repetitions, interval {} days.",
                review.kind.as_str(),
                review.grade.value(),
                super::card_reference(&card),
                text::one_line(&card.front),
                card.state.ease_factor,
                card.state.repetitions,
                card.state.interval_days
            )?;
        }
    }
    Ok(())
}
