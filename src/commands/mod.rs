//! The commands, one file each, shared by the CLI and the REPL.

mod cards;
mod config;
mod decks;
mod generate;
mod import;
mod review;

use crate::cli::Command;
use crate::clock::{self, Clock};
use crate::error::{Error, Result};
use crate::scheduler::StudyDay;
use crate::session::Prompter;
use crate::settings::{self, Settings};
use crate::store::{Deck, Store};
use crate::text::Style;
use std::io::Write;

/// What every command runs against: the collection, the injected clock, the output style.
pub struct Context<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
    pub style: Style,
}

impl Context<'_> {
    pub fn settings(&self) -> Result<Settings> {
        settings::load(self.store)
    }

    /// The current study day under the collection's rollover hour.
    pub fn today(&self) -> Result<StudyDay> {
        Ok(clock::study_day(
            self.clock.now(),
            self.settings()?.rollover_hour,
        ))
    }
}

/// Runs one command, writing what the user sees to `out` and asking through `prompter`.
pub fn run(
    command: &Command,
    ctx: &Context<'_>,
    out: &mut dyn Write,
    prompter: &mut dyn Prompter,
) -> Result<()> {
    match command {
        Command::Review { deck } => review::run(ctx, deck.as_deref(), out, prompter),
        Command::Decks { json } => decks::run(ctx, *json, out),
        Command::Cards { deck, json } => cards::run(ctx, deck.as_deref(), *json, out),
        Command::Import { files } => import::run(ctx, files, out),
        Command::Generate {
            article,
            out: out_dir,
            import,
        } => generate::run(ctx, article, out_dir.as_deref(), *import, out),
        Command::Config { action, json } => config::run(ctx, action.as_ref(), *json, out),
    }
}

/// The decks a DECK argument names: the deck itself and its subdecks (`Name::...`), or every
/// deck when there is no argument.
pub fn resolve_decks(store: &Store, filter: Option<&str>) -> Result<Vec<Deck>> {
    let decks = store.all_decks()?;
    let Some(name) = filter else {
        return Ok(decks);
    };
    let prefix = format!("{name}::");
    let chosen: Vec<Deck> = decks
        .iter()
        .filter(|deck| deck.name == name || deck.name.starts_with(&prefix))
        .cloned()
        .collect();
    if chosen.is_empty() {
        let names: Vec<&str> = decks.iter().map(|deck| deck.name.as_str()).collect();
        return Err(Error::Usage(format!(
            "no deck named '{}'; decks are: {}",
            crate::text::one_line(name),
            if names.is_empty() {
                "(none)".to_string()
            } else {
                names.join(", ")
            }
        )));
    }
    Ok(chosen)
}

/// The greeting line of the REPL: today's due and new counts.
pub fn greeting(ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
    let settings = ctx.settings()?;
    let today = clock::study_day(ctx.clock.now(), settings.rollover_hour);
    let decks = ctx.store.all_decks()?;
    let counts = crate::session::today_counts(ctx.store, &decks, today, settings.new_per_day)?;
    writeln!(
        out,
        "recall · {today}: {} due and {} new today. Type `review` to start, `help` for commands.",
        counts.due, counts.new
    )?;
    Ok(())
}
