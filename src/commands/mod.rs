//! The commands, one file each, shared by the CLI and the REPL.

mod add;
mod cards;
mod config;
mod decks;
mod edit;
mod export;
mod generate;
mod history;
mod import;
mod review;
mod search;
mod show;
mod stats;
mod suspend;
mod undo;

use crate::cli::Command;
use crate::clock::{self, Clock};
use crate::error::{Error, Result};
use crate::scheduler::StudyDay;
use crate::session::Prompter;
use crate::settings::{self, Settings};
use crate::store::{Card, Deck, Store};
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
        Command::Review {
            deck,
            tag,
            cram,
            ahead,
        } => {
            let mode = match (cram, ahead) {
                (true, _) => crate::session::Mode::Cram,
                (false, Some(days)) => crate::session::Mode::Ahead(*days),
                (false, None) => crate::session::Mode::Today,
            };
            review::run(ctx, deck.as_deref(), tag.as_deref(), mode, out, prompter)
        }
        Command::Decks { json } => decks::run(ctx, *json, out),
        Command::Cards { deck, json } => cards::run(ctx, deck.as_deref(), *json, out),
        Command::Import {
            files,
            deck,
            format,
        } => import::run(ctx, files, deck.as_deref(), *format, out),
        Command::Export {
            deck,
            format,
            output,
        } => export::deck(ctx, deck, *format, output.as_deref(), out),
        Command::ExportHistory { format, output } => {
            export::history(ctx, *format, output.as_deref(), out)
        }
        Command::Generate {
            article,
            out: out_dir,
            import,
        } => generate::run(ctx, article, out_dir.as_deref(), *import, out),
        Command::Undo => undo::run(ctx, out),
        Command::Suspend { selection } => {
            suspend::run(ctx, selection, suspend::SetAside::Suspend, out)
        }
        Command::Unsuspend { selection } => {
            suspend::run(ctx, selection, suspend::SetAside::Unsuspend, out)
        }
        Command::Bury { selection } => suspend::run(ctx, selection, suspend::SetAside::Bury, out),
        Command::Add {
            deck,
            front,
            back,
            tags,
        } => add::run(
            ctx,
            add::NewCardText {
                deck: deck.as_deref(),
                front: front.as_deref(),
                back: back.as_deref(),
                tags: tags.as_deref(),
            },
            out,
            prompter,
        ),
        Command::Edit {
            card,
            front,
            back,
            tags,
        } => edit::run(
            ctx,
            card,
            edit::Changes {
                front: front.as_deref(),
                back: back.as_deref(),
                tags: tags.as_deref(),
            },
            out,
            prompter,
        ),
        Command::Show { card, json } => show::run(ctx, card, *json, out),
        Command::Search { text, limit, json } => {
            search::run(ctx, &text.join(" "), *limit, *json, out)
        }
        Command::Stats { deck, json } => stats::run(ctx, deck.as_deref(), *json, out),
        Command::History {
            target,
            since,
            json,
        } => history::run(ctx, target.as_deref(), *since, *json, out),
        Command::Config { action, json } => config::run(ctx, action.as_ref(), *json, out),
    }
}

/// How a card is named on the command line: `#ID`, `DECK/KEY`, or a KEY used in one deck only.
pub fn resolve_card(store: &Store, reference: &str) -> Result<Card> {
    let reference = reference.trim();
    let not_found = || {
        Error::Usage(format!(
            "no card '{}'; name a card as #ID, DECK/KEY or KEY (`search` prints them)",
            crate::text::one_line(reference)
        ))
    };
    if let Some(id) = reference.strip_prefix('#') {
        let id = id.parse::<i64>().map_err(|_| not_found())?;
        return store.card(id)?.ok_or_else(not_found);
    }
    if let Some((deck, key)) = reference.rsplit_once('/')
        && let Some(deck) = store.deck_by_name(deck)?
    {
        return store.card_by_key(deck.id, key)?.ok_or_else(not_found);
    }
    let mut matches = Vec::new();
    for deck in store.all_decks()? {
        if let Some(card) = store.card_by_key(deck.id, reference)? {
            matches.push(card);
        }
    }
    match matches.len() {
        // A bare number that no deck uses as a key is a card id.
        0 => match reference.parse::<i64>() {
            Ok(id) => store.card(id)?.ok_or_else(not_found),
            Err(_) => Err(not_found()),
        },
        1 => Ok(matches.remove(0)),
        _ => Err(Error::Usage(format!(
            "'{}' names a card in several decks; say which: {}",
            crate::text::one_line(reference),
            matches
                .iter()
                .map(|card| format!("{}/{}", card.deck, card.key))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The name of a card that other commands accept back.
pub fn card_reference(card: &Card) -> String {
    format!("#{}", card.id)
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
    let counts = crate::session::today_counts(ctx.store, &decks, today, &settings)?;
    writeln!(
        out,
        "recall · {today}: {} due and {} new today. Type `review` to start, `help` for commands.",
        counts.due, counts.new
    )?;
    Ok(())
}
