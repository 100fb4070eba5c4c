//! `add [DECK] [--front F] [--back B] [--tags T]`: a new card, asking for what is not given.

use super::Context;
use crate::error::{Error, Result};
use crate::session::{Prompter, Reply};
use crate::store::NewCard;
use crate::text;
use std::io::Write;

/// The deck new cards go to when none is named.
pub const DEFAULT_DECK: &str = "Default";

pub struct NewCardText<'a> {
    pub deck: Option<&'a str>,
    pub front: Option<&'a str>,
    pub back: Option<&'a str>,
    pub tags: Option<&'a str>,
}

/// Asks for one field; `None` when the learner gave up (Ctrl-C or end of input).
pub(super) fn ask_field(
    prompter: &mut dyn Prompter,
    out: &mut dyn Write,
    prompt: &str,
) -> Result<Option<String>> {
    out.flush()?;
    Ok(match prompter.ask(prompt)? {
        Reply::Line(line) => Some(line.trim().to_string()),
        Reply::Interrupted | Reply::End => None,
    })
}

/// Splits a tags argument at spaces.
pub(super) fn tag_list(tags: &str) -> Vec<String> {
    tags.split_whitespace().map(str::to_string).collect()
}

pub fn run(
    ctx: &Context<'_>,
    given: NewCardText<'_>,
    out: &mut dyn Write,
    prompter: &mut dyn Prompter,
) -> Result<()> {
    let deck = given.deck.unwrap_or(DEFAULT_DECK).trim().to_string();
    if deck.is_empty() {
        return Err(Error::Usage("add: the deck name is empty".into()));
    }
    let interactive = given.front.is_none() || given.back.is_none();
    let mut field = |value: Option<&str>, prompt: &str| -> Result<Option<String>> {
        match value {
            Some(value) => Ok(Some(value.trim().to_string())),
            None => ask_field(prompter, out, prompt),
        }
    };
    let Some(front) = field(given.front, "Front: ")? else {
        writeln!(out, "Nothing added.")?;
        return Ok(());
    };
    let Some(back) = field(given.back, "Back: ")? else {
        writeln!(out, "Nothing added.")?;
        return Ok(());
    };
    let tags = match given.tags {
        Some(tags) => tag_list(tags),
        None if interactive => {
            match ask_field(prompter, out, "Tags (spaces between, Enter for none): ")? {
                Some(tags) => tag_list(&tags),
                None => {
                    writeln!(out, "Nothing added.")?;
                    return Ok(());
                }
            }
        }
        None => Vec::new(),
    };
    for (name, value) in [("front", &front), ("back", &back)] {
        if value.is_empty() {
            return Err(Error::Usage(format!(
                "add: the {name} is empty; nothing added"
            )));
        }
    }
    let card = ctx.store.write(|store| {
        let deck_id = store.upsert_deck(&deck, "")?;
        let total = store.deck_total(deck_id)?;
        let key = (total + 1..)
            .map(|n| format!("added-{n}"))
            .find(|key| store.card_by_key(deck_id, key).ok().flatten().is_none())
            .unwrap_or_else(|| "added".to_string());
        let id = store.insert_card(
            deck_id,
            &NewCard {
                key: &key,
                front: &front,
                back: &back,
                tags: &tags,
            },
        )?;
        store
            .card(id)?
            .ok_or_else(|| Error::Usage("add: the new card was not stored".into()))
    })?;
    writeln!(
        out,
        "Added {} ({}/{}) to '{}': it is new and will come with today's new cards.",
        super::card_reference(&card),
        text::one_line(&card.deck),
        text::one_line(&card.key),
        text::one_line(&card.deck)
    )?;
    Ok(())
}
