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
        /// Set it for one deck only (new_per_day, bury_siblings; `none` removes the deck's own
        /// value)
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

/// A deck's own settings (those it does not take from the collection).
#[derive(Serialize)]
struct DeckLimitRow {
    deck: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_per_day: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bury_siblings: Option<&'static str>,
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
            "{key} is a collection-wide setting; only new_per_day and bury_siblings can be set \
             per deck"
        )));
    }
    let deck = ctx
        .store
        .deck_by_name(deck_name)?
        .ok_or_else(|| Error::NotFound(format!("no deck named '{}'", text::one_line(deck_name))))?;
    let own = match value.trim() {
        "none" | "default" => None,
        given => Some(spec.validate(given)?),
    };
    ctx.store.write(|store| match spec.key {
        "bury_siblings" => {
            store.set_deck_bury_siblings(deck.id, own.as_deref().map(|value| value == "on"))
        }
        _ => {
            let limit = own
                .as_deref()
                .map(|value| {
                    value.parse::<u32>().map_err(|_| {
                        Error::Usage(format!("{key}: expected {}", spec.allowed_text()))
                    })
                })
                .transpose()?;
            store.set_deck_new_per_day(deck.id, limit)
        }
    })?;
    match own {
        Some(value) => writeln!(
            out,
            "{key} = {value} for deck '{}'",
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

/// Where a setting's description starts: after its key (20), a space and its value (11), and
/// two spaces.
const SETTING_INDENT: usize = 34;

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
            .filter(|deck| deck.new_per_day.is_some() || deck.bury_siblings.is_some())
            .map(|deck| DeckLimitRow {
                deck: deck.name,
                new_per_day: deck.new_per_day,
                bury_siblings: deck.bury_siblings.map(|on| if on { "on" } else { "off" }),
            })
            .collect();
        if self.json {
            let config = ConfigJson {
                settings: rows,
                decks,
            };
            return write_json(out, &config);
        }
        // Key and value, then the description and what is allowed wrapped beside them: every
        // line fits the terminal (80 columns off one).
        let room = ctx.style.columns().saturating_sub(SETTING_INDENT).max(20);
        for row in rows {
            let about = format!(
                "{} ({}; default {})",
                row.description, row.allowed, row.default
            );
            for (i, line) in text::wrap(&about, room).iter().enumerate() {
                if i == 0 {
                    let value = text::truncate_middle(&row.value, 11);
                    writeln!(out, "{:<20} {value:>11}  {line}", row.key)?;
                } else {
                    writeln!(out, "{:SETTING_INDENT$}{line}", "")?;
                }
            }
        }
        for deck in decks {
            let own = [
                (
                    settings::NEW_PER_DAY.key,
                    deck.new_per_day.map(|limit| limit.to_string()),
                ),
                (
                    settings::BURY_SIBLINGS.key,
                    deck.bury_siblings.map(str::to_string),
                ),
            ];
            for (key, value) in own {
                if let Some(value) = value {
                    writeln!(
                        out,
                        "{key:<20} {value:>11}  for deck '{}'",
                        text::truncate_middle(&text::one_line(&deck.deck), 40)
                    )?;
                }
            }
        }
        Ok(())
    }
}
