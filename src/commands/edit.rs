//! `edit CARD [--front F] [--back B] [--tags T]`: new text for a card; its schedule is kept.

use super::prompts::{CardText, ask_field, tag_list};
use super::rows::card_reference;
use super::{Context, Dialogue, resolve_card};
use crate::decks::source_hash;
use crate::error::{Error, Result};
use crate::store::NewCard;
use crate::text;

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// The card: `@ID`, `DECK/KEY`, or a KEY used in one deck only
    pub card: String,
    #[command(flatten)]
    pub text: CardText,
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, dialogue: Dialogue<'_>) -> Result<()> {
        let Dialogue { out, prompter } = dialogue;
        let card = resolve_card(ctx.store, &self.card)?;
        let (mut front, mut back, mut tags) =
            (card.front.clone(), card.back.clone(), card.tags.clone());
        if self.text.front.is_none() && self.text.back.is_none() && self.text.tags.is_none() {
            // Ask for each field, showing the current text; Enter keeps it.
            writeln!(out, "Front: {}", text::for_terminal(&card.front))?;
            let Some(new_front) = ask_field(prompter, out, "New front (Enter keeps it): ")? else {
                writeln!(out, "Nothing changed.")?;
                return Ok(());
            };
            writeln!(out, "Back: {}", text::for_terminal(&card.back))?;
            let Some(new_back) = ask_field(prompter, out, "New back (Enter keeps it): ")? else {
                writeln!(out, "Nothing changed.")?;
                return Ok(());
            };
            writeln!(out, "Tags: {}", text::one_line(&card.tags.join(" ")))?;
            let Some(new_tags) =
                ask_field(prompter, out, "New tags (Enter keeps them, - for none): ")?
            else {
                writeln!(out, "Nothing changed.")?;
                return Ok(());
            };
            if !new_front.is_empty() {
                front = new_front;
            }
            if !new_back.is_empty() {
                back = new_back;
            }
            match new_tags.as_str() {
                "" => {}
                "-" => tags.clear(),
                given => tags = tag_list(given),
            }
        } else {
            if let Some(new_front) = &self.text.front {
                front = new_front.trim().to_string();
            }
            if let Some(new_back) = &self.text.back {
                back = new_back.trim().to_string();
            }
            if let Some(new_tags) = &self.text.tags {
                tags = tag_list(new_tags);
            }
        }
        if front.is_empty() || back.is_empty() {
            return Err(Error::Usage(
                "edit: a card needs a front and a back; nothing changed".into(),
            ));
        }
        // The text its file gave it is remembered, so a re-import keeps this edit.
        let source = card
            .source_hash
            .unwrap_or_else(|| source_hash(&card.front, &card.back, &card.tags));
        ctx.store.write(|store| {
            store.update_card_text(
                card.id,
                &NewCard::new(&card.key, &front, &back, &tags),
                Some(source),
            )
        })?;
        writeln!(
            out,
            "Edited {} ({}/{}); its schedule is unchanged.",
            card_reference(card.id),
            text::one_line(&card.deck),
            text::one_line(&card.key)
        )?;
        Ok(())
    }
}
