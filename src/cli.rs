//! The command line, shared by the shell and the REPL: global options and the commands.

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

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Review today's cards: due ones first, then new ones
    Review {
        /// Only this deck (and its subdecks, `Parent::Child`)
        deck: Option<String>,
        /// Only cards with this tag
        #[arg(long)]
        tag: Option<String>,
        /// Drill cards whether due or not; the schedule does not move
        #[arg(long)]
        cram: bool,
        /// Also review cards due in the next DAYS days (scheduled from today)
        #[arg(long, value_name = "DAYS", conflicts_with = "cram")]
        ahead: Option<u32>,
    },
    /// List decks with their total, new, due and suspended counts
    Decks {
        #[arg(long)]
        json: bool,
    },
    /// List cards with their schedule
    Cards {
        /// Only this deck (and its subdecks)
        deck: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Import decks: TOML, Anki or spreadsheet text, Markdown, Anki packages
    ///
    /// The format follows the extension (.toml, .txt/.tsv/.csv, .md, .apkg/.colpkg). Importing
    /// again updates the text of known cards and keeps their schedules.
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The deck for cards whose file names none (default: the file's name)
        #[arg(long)]
        deck: Option<String>,
        /// The format, when the file's extension does not say it
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
    },
    /// Write a deck (and its subdecks) as native TOML, Anki-compatible text, or Markdown
    Export {
        deck: String,
        #[arg(long, value_enum, default_value_t = ExportFormat::Toml)]
        format: ExportFormat,
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write every review with its card, deck, time, grade, kind and state before and after
    ExportHistory {
        #[arg(long, value_enum, default_value_t = HistoryFormat::Csv)]
        format: HistoryFormat,
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Turn a "Difference Between X and Y" article (text or Markdown) into decks
    Generate {
        #[arg(value_name = "ARTICLE")]
        article: PathBuf,
        /// Where to write the deck files (default: the current directory)
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Import the generated decks straight away
        #[arg(long)]
        import: bool,
    },
    /// Take back the last answer of today (repeat to go further back)
    Undo,
    /// Stop scheduling cards: one card, every card with a tag, or a whole deck
    Suspend {
        #[command(flatten)]
        selection: Selection,
    },
    /// Schedule suspended cards again; their schedule is kept
    Unsuspend {
        #[command(flatten)]
        selection: Selection,
    },
    /// Hide cards until the next study day without changing their schedule
    Bury {
        #[command(flatten)]
        selection: Selection,
    },
    /// Add a card (asks for what is not given)
    Add {
        /// The deck (created if new; default "Default")
        deck: Option<String>,
        #[arg(long)]
        front: Option<String>,
        #[arg(long)]
        back: Option<String>,
        /// Tags separated by spaces
        #[arg(long)]
        tags: Option<String>,
    },
    /// Change a card's text; its schedule is kept (asks for what is not given)
    Edit {
        /// The card: `#ID`, `DECK/KEY`, or a KEY used in one deck only
        card: String,
        #[arg(long)]
        front: Option<String>,
        #[arg(long)]
        back: Option<String>,
        /// Tags separated by spaces
        #[arg(long)]
        tags: Option<String>,
    },
    /// Print one card with its schedule and its last reviews
    Show {
        /// The card: `#ID`, `DECK/KEY`, or a KEY used in one deck only
        card: String,
        #[arg(long)]
        json: bool,
    },
    /// Find cards by front, back or tag
    Search {
        #[arg(required = true, num_args = 1.., value_name = "TEXT")]
        text: Vec<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Today's work, streaks, retention, a year of reviews, the next 30 days, EF and intervals
    Stats {
        /// Only this deck (and its subdecks)
        deck: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The review log of a card, a deck, or everything
    History {
        /// A deck name, or a card (`#ID`, `DECK/KEY`, KEY)
        target: Option<String>,
        /// Only reviews from this study day on (YYYY-MM-DD)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Option<chrono::NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// Show the settings, or change one with `config set KEY VALUE [--deck DECK]`
    Config {
        #[command(subcommand)]
        action: Option<ConfigAction>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// recall's own TOML decks
    Toml,
    /// Anki's plain text and spreadsheet text (tab, comma, semicolon ... separated)
    #[value(alias = "txt", alias = "tsv", alias = "csv")]
    Text,
    /// Q:/A: cards in Markdown
    #[value(alias = "markdown")]
    Md,
    /// Anki packages
    #[value(alias = "colpkg")]
    Apkg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Toml,
    Tsv,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HistoryFormat {
    Csv,
    Json,
}

/// Which cards a command acts on: exactly one of a card, a tag or a deck.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
#[group(required = true, multiple = false)]
pub struct Selection {
    /// The card: `#ID`, `DECK/KEY`, or a KEY used in one deck only
    pub card: Option<String>,
    /// Every card with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Every card of this deck (and its subdecks)
    #[arg(long)]
    pub deck: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum ConfigAction {
    /// Change a setting (the allowed values are checked)
    Set {
        key: String,
        value: String,
        /// Set it for one deck only (new_per_day; `none` removes the deck's own limit)
        #[arg(long)]
        deck: Option<String>,
    },
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date: expected YYYY-MM-DD"))
}

/// One line typed at the REPL prompt: the same commands, plus leaving.
#[derive(Debug, Parser)]
#[command(multicall = true, name = "recall")]
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
}
