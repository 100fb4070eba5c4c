//! `review [DECK] [--tag TAG] [--cram | --ahead N]`: a session over the chosen cards, then its
//! summary.

use super::{Context, resolve_decks};
use crate::clock;
use crate::error::Result;
use crate::session::{self, Mode, Prompter, SessionContext};
use std::io::Write;

pub fn run(
    ctx: &Context<'_>,
    deck: Option<&str>,
    tag: Option<&str>,
    mode: Mode,
    out: &mut dyn Write,
    prompter: &mut dyn Prompter,
) -> Result<()> {
    let settings = ctx.settings()?;
    let today = clock::study_day(ctx.clock.now(), settings.rollover_hour);
    let decks = resolve_decks(ctx.store, deck)?;
    let queue = session::build_queue(ctx.store, &decks, tag, today, &settings, mode)?;
    if queue.is_empty() {
        writeln!(
            out,
            "{}",
            if mode == Mode::Cram {
                "No cards to cram."
            } else {
                "Nothing to review today."
            }
        )?;
        let next = session::next_due_day(ctx.store, &decks, today)?;
        session::write_summary(out, &session::Summary::default(), next, today)?;
        return Ok(());
    }
    let session_ctx = SessionContext {
        store: ctx.store,
        clock: ctx.clock,
        today,
        style: ctx.style,
        settings,
    };
    let summary = session::run(&session_ctx, queue, out, prompter)?;
    let next = session::next_due_day(ctx.store, &decks, today)?;
    session::write_summary(out, &summary, next, today)?;
    out.flush()?;
    Ok(())
}
