//! The commands, one file each, shared by the CLI and the REPL. Each command's file owns its
//! arguments (a clap `Args` struct) and its `run`; the shared pieces live in modules named for
//! what they are: `rows` (what listings print), `output` (JSON and files), `prompts`, `reports`.

pub mod add;
pub mod backup;
pub mod cards;
pub mod config;
pub mod deck;
pub mod decks;
pub mod delete;
pub mod edit;
pub mod export;
pub mod export_history;
pub mod generate;
pub mod history;
pub mod import;
pub mod review;
pub mod search;
pub mod show;
pub mod stats;
pub mod suspend;
pub mod undo;

pub mod output;
mod prompts;
mod reports;
pub mod rows;

use crate::cli::Command;
use crate::clock::{self, Clock};
use crate::error::{Error, Result};
use crate::scheduler::StudyDay;
use crate::session::Prompter;
use crate::settings::{self, Settings};
use crate::store::{Card, Deck, Store};
use crate::text::{self, Style};
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
        Ok(self.today_under(&self.settings()?))
    }

    /// The current study day under `settings`' rollover hour, for commands that hold them.
    pub fn today_under(&self, settings: &Settings) -> StudyDay {
        clock::study_day(self.clock.now(), settings.rollover_hour)
    }
}

/// The two ends of a conversation with the learner, for the commands that ask: what they see,
/// and how their answers come back.
pub struct Dialogue<'a> {
    pub out: &'a mut dyn Write,
    pub prompter: &'a mut dyn Prompter,
}

/// Runs one command, writing what the user sees to `out` and asking through `prompter`.
pub fn run(
    command: &Command,
    ctx: &Context<'_>,
    out: &mut dyn Write,
    prompter: &mut dyn Prompter,
) -> Result<()> {
    use suspend::SetAside;
    match command {
        Command::Review(args) => args.run(ctx, Dialogue { out, prompter }),
        Command::Decks(args) => args.run(ctx, out),
        Command::Cards(args) => args.run(ctx, out),
        Command::Import(args) => args.run(ctx, Dialogue { out, prompter }),
        Command::Export(args) => args.run(ctx, out),
        Command::ExportHistory(args) => args.run(ctx, out),
        Command::Generate(args) => args.run(ctx, out),
        Command::Undo(args) => args.run(ctx, out),
        Command::Suspend(args) => args.run(ctx, SetAside::Suspend, out),
        Command::Unsuspend(args) => args.run(ctx, SetAside::Unsuspend, out),
        Command::Bury(args) => args.run(ctx, SetAside::Bury, out),
        Command::Add(args) => args.run(ctx, Dialogue { out, prompter }),
        Command::Edit(args) => args.run(ctx, Dialogue { out, prompter }),
        Command::Show(args) => args.run(ctx, out),
        Command::Search(args) => args.run(ctx, out),
        Command::Stats(args) => args.run(ctx, out),
        Command::History(args) => args.run(ctx, out),
        Command::Config(args) => args.run(ctx, out),
        Command::Backup(args) => args.run(ctx, out),
        Command::Deck(args) => args.run(ctx, Dialogue { out, prompter }),
        Command::Delete(args) => args.run(ctx, Dialogue { out, prompter }),
    }
}

/// How a card is named on the command line: `@ID` (or `#ID`), `DECK/KEY`, or a KEY used in one
/// deck only.
pub fn resolve_card(store: &Store, reference: &str) -> Result<Card> {
    let reference = reference.trim();
    let not_found = || {
        Error::NotFound(format!(
            "no card '{}'; name a card as @ID, DECK/KEY or KEY (`search` prints them)",
            crate::text::one_line(reference)
        ))
    };
    if let Some(id) = reference.strip_prefix(['@', '#']) {
        let id = id.parse::<i64>().map_err(|_| not_found())?;
        return store.card(id)?.ok_or_else(not_found);
    }
    // DECK/KEY: either side may hold a `/` (Anki GUIDs do), so every split is tried.
    let mut named_a_deck = false;
    for (at, _) in reference.match_indices('/') {
        let (deck, key) = (&reference[..at], &reference[at + 1..]);
        if let Some(deck) = store.deck_by_name(deck)? {
            named_a_deck = true;
            if let Some(card) = store.card_by_key(deck.id, key)? {
                return Ok(card);
            }
        }
    }
    if named_a_deck {
        return Err(not_found());
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

/// The decks a DECK argument names: the deck itself and its subdecks (`Name::...`), or every
/// deck when there is no argument.
pub fn resolve_decks(store: &Store, filter: Option<&str>) -> Result<Vec<Deck>> {
    match filter {
        None => store.all_decks(),
        Some(name) => Ok(resolve_deck_tree(store, name)?.1),
    }
}

/// The deck (or parent) a DECK argument names, as stored, with itself and its subdecks. Case
/// does not matter when only one name matches in any case.
pub fn resolve_deck_tree(store: &Store, name: &str) -> Result<(String, Vec<Deck>)> {
    let decks = store.all_decks()?;
    // A deck and its subdecks (`Name::...`); a parent need not be a deck of its own.
    let select = |wanted: &str| -> Vec<Deck> {
        decks
            .iter()
            .filter(|deck| deck.name == wanted || ancestors(&deck.name).any(|up| up == wanted))
            .cloned()
            .collect()
    };
    let chosen = select(name);
    if !chosen.is_empty() {
        return Ok((name.to_string(), chosen));
    }
    // `spanish` finds `Spanish` when no other name differs from it only in case.
    let folded = name.to_lowercase();
    let same_but_case: std::collections::BTreeSet<&str> = decks
        .iter()
        .flat_map(|deck| std::iter::once(deck.name.as_str()).chain(ancestors(&deck.name)))
        .filter(|candidate| candidate.to_lowercase() == folded)
        .collect();
    if same_but_case.len() == 1
        && let Some(only) = same_but_case.first()
    {
        return Ok((only.to_string(), select(only)));
    }
    let names: Vec<String> = decks
        .iter()
        .map(|deck| crate::text::one_line(&deck.name))
        .collect();
    Err(Error::NotFound(format!(
        "no deck named '{}'; decks are: {}",
        crate::text::one_line(name),
        if names.is_empty() {
            "(none)".to_string()
        } else {
            names.join(", ")
        }
    )))
}

/// The decks above `name` in its hierarchy: `A::B::C` gives `A::B` and `A`.
fn ancestors(name: &str) -> impl Iterator<Item = &str> {
    name.match_indices("::").map(move |(at, _)| &name[..at])
}

/// The greeting line of the REPL: today's due and new counts. `created` is the collection's
/// path when this run created it: the greeting then says what it holds and how to start.
pub fn greeting(
    ctx: &Context<'_>,
    out: &mut dyn Write,
    created: Option<&std::path::Path>,
) -> Result<()> {
    let settings = ctx.settings()?;
    let today = ctx.today_under(&settings);
    let decks = ctx.store.all_decks()?;
    if let Some(path) = created {
        let mut tops: Vec<&str> = Vec::new();
        let mut cards = 0;
        for deck in &decks {
            let top = deck.name.split("::").next().unwrap_or(&deck.name);
            if !tops.contains(&top) {
                tops.push(top);
            }
            cards += ctx.store.deck_total(deck.id)?;
        }
        writeln!(
            out,
            "A new collection was created: {}",
            text::one_line(&path.display().to_string())
        )?;
        writeln!(
            out,
            "It holds sample decks generated from an article ({}): {}.",
            text::counted(cards, "card"),
            tops.iter()
                .map(|top| format!("\"{}\"", text::one_line(top)))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        writeln!(
            out,
            "Your own deck: `import FILE` (TOML, Markdown, CSV/TSV, Anki .apkg)."
        )?;
        for top in &tops {
            writeln!(
                out,
                "Remove the samples: `deck delete \"{}\"`.",
                text::one_line(top)
            )?;
        }
    }
    let counts = crate::session::today_counts(ctx.store, &decks, today, &settings)?;
    if counts.total() == 0 {
        // Nothing waits: say when something will.
        write!(out, "recall · {today}: nothing to review today. ")?;
        let next = crate::session::next_due_day(ctx.store, &decks, today)?;
        crate::session::write_next_due(out, next, today)?;
        return Ok(());
    }
    let drills = if counts.redrill > 0 {
        format!(", {} to drill again", counts.redrill)
    } else {
        String::new()
    };
    writeln!(
        out,
        "recall · {today}: {} due and {} new{drills} today. Type `review` to start, `help` for \
         commands.",
        counts.due, counts.new
    )?;
    Ok(())
}
