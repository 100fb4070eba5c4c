//! `suspend`, `unsuspend` and `bury`: setting cards aside (one card, a tag, or a deck) without
//! touching their schedules.

use super::{Context, resolve_card, resolve_decks};
use crate::error::{Error, Result};
use crate::store::CardId;
use crate::text;
use std::io::Write;

/// Which cards a command acts on: exactly one of a card, a tag or a deck.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
#[group(required = true, multiple = false)]
pub struct Args {
    /// The card: `@ID`, `DECK/KEY`, or a KEY used in one deck only
    pub card: Option<String>,
    /// Every card with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Every card of this deck (and its subdecks)
    #[arg(long)]
    pub deck: Option<String>,
}

/// What the three commands of this file do to the selected cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetAside {
    Suspend,
    Unsuspend,
    Bury,
}

fn selected_cards(ctx: &Context<'_>, selection: &Args) -> Result<Vec<CardId>> {
    if let Some(card) = &selection.card {
        return Ok(vec![resolve_card(ctx.store, card)?.id]);
    }
    if let Some(tag) = &selection.tag {
        let cards = ctx.store.cards_with_tag(tag)?;
        if cards.is_empty() {
            return Err(Error::NotFound(format!(
                "no card has the tag '{}'",
                text::one_line(tag)
            )));
        }
        return Ok(cards);
    }
    let mut cards = Vec::new();
    for deck in resolve_decks(ctx.store, selection.deck.as_deref())? {
        cards.extend(ctx.store.cards_in_deck(deck.id)?.into_iter().map(|c| c.id));
    }
    Ok(cards)
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, action: SetAside, out: &mut dyn Write) -> Result<()> {
        let cards = selected_cards(ctx, self)?;
        let tomorrow = ctx.today()?.plus_days(1);
        ctx.store.write(|store| {
            for card in &cards {
                match action {
                    SetAside::Suspend => store.set_suspended(*card, true)?,
                    SetAside::Unsuspend => {
                        store.set_suspended(*card, false)?;
                        store.set_buried_until(*card, None)?;
                    }
                    SetAside::Bury => store.set_buried_until(*card, Some(tomorrow))?,
                }
            }
            Ok(())
        })?;
        let verb = match action {
            SetAside::Suspend => "Suspended".to_string(),
            SetAside::Unsuspend => "Unsuspended".to_string(),
            SetAside::Bury => format!("Buried until {tomorrow}:"),
        };
        writeln!(out, "{verb} {}.", text::counted(cards.len(), "card"))?;
        Ok(())
    }
}
