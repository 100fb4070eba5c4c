//! `undo`: takes back the newest answer of today, restoring the card exactly.

use super::Context;
use super::rows::card_reference;
use crate::error::Result;
use crate::session;
use crate::text;
use std::io::Write;

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
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
                    "Undone: {} answer {} on {} “{}”; back to {due}, EF {}, {}, interval {}.",
                    review.kind.as_str(),
                    review.grade.value(),
                    card_reference(card.id),
                    text::one_line(&card.front),
                    card.state.ease_factor,
                    text::counted(card.state.repetitions, "repetition"),
                    text::counted(card.state.interval_days, "day")
                )?;
            }
        }
        Ok(())
    }
}
