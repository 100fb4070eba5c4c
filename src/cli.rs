//! The command line, shared by the shell and the REPL: global options and the commands.

use crate::commands;
use chrono::{DateTime, FixedOffset};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "recall",
    version,
    about = "Spaced-repetition flashcards in the terminal, scheduled with SM-2",
    long_about = "Spaced-repetition flashcards in the terminal, scheduled with SuperMemo's SM-2.\n\
                  With no command, opens the review prompt (REPL)."
)]
pub struct Cli {
    /// The collection file (default: the data directory's recall/recall.db)
    #[arg(long, global = true, env = "RECALL_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Run as if it were this time: 2026-12-01 (midday), 2026-12-01T08:30 (local) or RFC 3339
    #[arg(long, global = true, env = "RECALL_NOW", value_name = "TIME", value_parser = parse_now)]
    pub now: Option<DateTime<FixedOffset>>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_now(text: &str) -> Result<DateTime<FixedOffset>, String> {
    crate::clock::parse_now(text)
}

/// Every command, each with the arguments its own file in `commands/` defines.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Review today's cards: due ones first, then new ones
    Review(commands::review::Args),
    /// List decks with their total, new, due and suspended counts
    Decks(commands::decks::Args),
    /// List cards with their schedule
    Cards(commands::cards::Args),
    /// Import decks: TOML, Anki or spreadsheet text, Markdown, Anki packages
    ///
    /// The format follows the extension (.toml, .txt/.tsv/.csv, .md, .apkg/.colpkg). Importing
    /// again updates the text of known cards and keeps their schedules.
    Import(commands::import::Args),
    /// Write a deck (and its subdecks) as native TOML, Anki-compatible text, or Markdown
    Export(commands::export::Args),
    /// Write every review with its card, deck, time, grade, kind and state before and after
    ExportHistory(commands::export_history::Args),
    /// Turn a "Difference Between X and Y" article (text or Markdown) into decks
    Generate(commands::generate::Args),
    /// Take back the last answer of today (repeat to go further back)
    Undo(commands::undo::Args),
    /// Stop scheduling cards: one card, every card with a tag, or a whole deck
    Suspend(commands::suspend::Args),
    /// Schedule suspended cards again; their schedule is kept
    Unsuspend(commands::suspend::Args),
    /// Hide cards until the next study day without changing their schedule
    Bury(commands::suspend::Args),
    /// Add a card (asks for what is not given)
    Add(commands::add::Args),
    /// Change a card's text; its schedule is kept (asks for what is not given)
    Edit(commands::edit::Args),
    /// Print one card with its schedule and its last reviews
    Show(commands::show::Args),
    /// Find cards by front, back or tag
    Search(commands::search::Args),
    /// Today's work, streaks, retention, a year of reviews, the next 30 days, EF and intervals
    Stats(commands::stats::Args),
    /// The review log of a card, a deck, or everything
    History(commands::history::Args),
    /// Show the settings, or change one with `config set KEY VALUE [--deck DECK]`
    Config(commands::config::Args),
    /// Copy the whole collection to a new file, safely, even while another recall runs
    Backup(commands::backup::Args),
    /// Manage decks: `deck rename OLD NEW` (subdecks follow), `deck delete DECK`
    Deck(commands::deck::Args),
    /// Delete cards (after asking); their history stays in export-history
    Delete(commands::delete::Args),
}

/// One line typed at the REPL prompt: the same commands, plus leaving.
#[derive(Debug, Parser)]
#[command(
    multicall = true,
    name = "recall",
    about = "Type a command at the prompt; Tab completes commands and deck names.",
    override_usage = "COMMAND [ARGS]    e.g. `review`, `review Spanish`, `show @14`, `stats`",
    after_help = "`help COMMAND` (or `COMMAND --help`) tells more about one command."
)]
pub struct ReplLine {
    #[command(subcommand)]
    pub command: ReplCommand,
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum ReplCommand {
    #[command(flatten)]
    Run(Command),
    /// Leave recall (also `exit` or Ctrl-D)
    #[command(alias = "exit")]
    Quit,
    /// Clear the screen
    Clear,
}

impl Command {
    /// Whether what the command prints is data for a file or a program (an export, JSON), which
    /// stays exact whatever the terminal's locale.
    pub fn prints_data(&self) -> bool {
        match self {
            Command::Export(_) | Command::ExportHistory(_) => true,
            Command::Stats(args) => args.json,
            Command::Decks(args) => args.json,
            Command::History(args) => args.json,
            Command::Search(args) => args.json,
            Command::Cards(args) => args.json,
            Command::Config(args) => args.json,
            Command::Show(args) => args.json,
            _ => false,
        }
    }
}
