//! `recall`: spaced-repetition flashcards in the terminal, scheduled with SM-2 over SQLite.

pub mod charts;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod decks;
pub mod error;
pub mod files;
pub mod repl;
pub mod scheduler;
pub mod session;
pub mod settings;
pub mod store;
pub mod terminal;
pub mod text;

pub use error::{Error, Result};
