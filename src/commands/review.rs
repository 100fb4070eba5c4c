//! `review [DECK] [--tag TAG] [--cram | --ahead N]`: a session over the chosen cards, then its
//! summary.

use super::{Context, Dialogue, resolve_decks};
use crate::error::Result;
use crate::session::{self, Mode, SessionContext};

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// Only this deck (and its subdecks, `Parent::Child`)
    pub deck: Option<String>,
    /// Only cards with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Drill cards whether due or not; the schedule does not move
    #[arg(long)]
    pub cram: bool,
    /// Also review cards due in the next DAYS days (scheduled from today)
    #[arg(long, value_name = "DAYS", conflicts_with = "cram")]
    pub ahead: Option<u32>,
}

impl Args {
    fn mode(&self) -> Mode {
        match (self.cram, self.ahead) {
            (true, _) => Mode::Cram,
            (false, Some(days)) => Mode::Ahead(days),
            (false, None) => Mode::Today,
        }
    }

    pub fn run(&self, ctx: &Context<'_>, dialogue: Dialogue<'_>) -> Result<()> {
        let Dialogue { out, prompter } = dialogue;
        let mode = self.mode();
        let settings = ctx.settings()?;
        let today = ctx.today_under(&settings);
        let decks = resolve_decks(ctx.store, self.deck.as_deref())?;
        let queue = session::build_queue(
            ctx.store,
            &decks,
            self.tag.as_deref(),
            today,
            &settings,
            mode,
        )?;
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
            session::write_next_due(out, next, today)?;
            return Ok(());
        }
        ctx.store.check_writable()?;
        let session_ctx = SessionContext {
            store: ctx.store,
            clock: ctx.clock,
            today,
            style: ctx.style,
            settings,
        };
        let summary = session::run(&session_ctx, queue, out, prompter)?;
        // A plain session's "still waiting" is the greeting's count, taken again now; a drill
        // by tag, a cram or a review ahead counts what was left of its own queue.
        let waiting = if mode == Mode::Today && self.tag.is_none() {
            session::today_counts(ctx.store, &decks, today, &settings)?.total()
        } else {
            summary.left
        };
        let next = session::next_due_day(ctx.store, &decks, today)?;
        session::write_summary(out, &summary, waiting, next, today)?;
        out.flush()?;
        Ok(())
    }
}
