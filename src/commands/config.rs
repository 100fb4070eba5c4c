//! `config [--json]` and `config set KEY VALUE [--deck DECK]`: the collection's settings and the
//! decks' own new-card limits.

use super::Context;
use super::output::write_json;
use crate::error::{Error, Result};
use crate::settings;
use crate::text;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<ConfigAction>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, clap::Subcommand)]
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

#[derive(Serialize)]
struct SettingRow {
    key: &'static str,
    value: String,
    default: &'static str,
    allowed: String,
    description: &'static str,
}

#[derive(Serialize)]
struct DeckLimitRow {
    deck: String,
    new_per_day: u32,
}

#[derive(Serialize)]
struct ConfigJson {
    settings: Vec<SettingRow>,
    decks: Vec<DeckLimitRow>,
}

fn set(
    ctx: &Context<'_>,
    key: &str,
    value: &str,
    deck: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    let Some(deck_name) = deck else {
        let stored = ctx.store.write(|store| settings::set(store, key, value))?;
        writeln!(out, "{key} = {stored}")?;
        return Ok(());
    };
    let spec = settings::spec(key)?;
    if !spec.per_deck {
        return Err(Error::Usage(format!(
            "{key} is a collection-wide setting; only new_per_day can be set per deck"
        )));
    }
    let deck = ctx
        .store
        .deck_by_name(deck_name)?
        .ok_or_else(|| Error::NotFound(format!("no deck named '{}'", text::one_line(deck_name))))?;
    let limit = match value.trim() {
        "none" | "default" => None,
        given => Some(
            spec.validate(given)?
                .parse::<u32>()
                .map_err(|_| Error::Usage(format!("{key}: expected {}", spec.allowed_text())))?,
        ),
    };
    ctx.store
        .write(|store| store.set_deck_new_per_day(deck.id, limit))?;
    match limit {
        Some(limit) => writeln!(
            out,
            "{key} = {limit} for deck '{}'",
            text::one_line(&deck.name)
        )?,
        None => writeln!(
            out,
            "deck '{}' follows the collection's {key} again",
            text::one_line(&deck.name)
        )?,
    }
    Ok(())
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
        if let Some(ConfigAction::Set { key, value, deck }) = &self.action {
            return set(ctx, key, value, deck.as_deref(), out);
        }
        let rows = settings::ALL
            .iter()
            .map(|spec| {
                Ok(SettingRow {
                    key: spec.key,
                    value: settings::value(ctx.store, spec)?,
                    default: spec.default,
                    allowed: spec.allowed_text(),
                    description: spec.description,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let decks: Vec<DeckLimitRow> = ctx
            .store
            .all_decks()?
            .into_iter()
            .filter_map(|deck| {
                deck.new_per_day.map(|limit| DeckLimitRow {
                    deck: deck.name,
                    new_per_day: limit,
                })
            })
            .collect();
        if self.json {
            let config = ConfigJson {
                settings: rows,
                decks,
            };
            return write_json(out, &config);
        }
        for row in rows {
            writeln!(
                out,
                "{:<20} {:>6}   {} ({}; default {})",
                row.key, row.value, row.description, row.allowed, row.default
            )?;
        }
        for deck in decks {
            writeln!(
                out,
                "{:<20} {:>6}   for deck '{}'",
                "new_per_day",
                deck.new_per_day,
                text::one_line(&deck.deck)
            )?;
        }
        Ok(())
    }
}
