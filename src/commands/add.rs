//! `add [DECK] [--front F] [--back B] [--tags T]`: a new card, asking for what is not self.

use super::prompts::{CardText, ask_field, tag_list};
use super::rows::card_reference;
use super::{Context, Dialogue};
use crate::error::{Error, Result};
use crate::store::NewCard;
use crate::text;

/// The deck new cards go to when none is named.
pub const DEFAULT_DECK: &str = "Default";

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// The deck (created if new; default "Default")
    pub deck: Option<String>,
    #[command(flatten)]
    pub text: CardText,
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, dialogue: Dialogue<'_>) -> Result<()> {
        let Dialogue { out, prompter } = dialogue;
        let given = self.deck.as_deref().unwrap_or(DEFAULT_DECK);
        let deck = crate::decks::deck_name(given);
        if given.trim().is_empty() {
            return Err(Error::Usage("add: the deck name is empty".into()));
        }
        let interactive = self.text.front.is_none() || self.text.back.is_none();
        let mut field = |value: Option<&str>, prompt: &str| -> Result<Option<String>> {
            match value {
                Some(value) => Ok(Some(value.trim().to_string())),
                None => ask_field(prompter, out, prompt),
            }
        };
        let Some(front) = field(self.text.front.as_deref(), "Front: ")? else {
            writeln!(out, "Nothing added.")?;
            return Ok(());
        };
        let Some(back) = field(self.text.back.as_deref(), "Back: ")? else {
            writeln!(out, "Nothing added.")?;
            return Ok(());
        };
        let tags = match self.text.tags.as_deref() {
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
            let id = store.insert_card(deck_id, &NewCard::new(&key, &front, &back, &tags))?;
            store
                .card(id)?
                .ok_or_else(|| Error::Corrupt(format!("the new card #{id} was not stored")))
        })?;
        writeln!(
            out,
            "Added {} ({}/{}) to '{}': it is new and will come with today's new cards.",
            card_reference(card.id),
            text::one_line(&card.deck),
            text::one_line(&card.key),
            text::one_line(&card.deck)
        )?;
        Ok(())
    }
}
