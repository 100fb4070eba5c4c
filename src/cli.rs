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
    /// Import deck files (native TOML); importing again updates text and keeps schedules
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
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
    /// Show the settings, or change one with `config set KEY VALUE`
    Config {
        #[command(subcommand)]
        action: Option<ConfigAction>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum ConfigAction {
    /// Change a setting (the allowed range is checked)
    Set { key: String, value: String },
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
