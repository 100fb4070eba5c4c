//! `deck rename OLD NEW [--yes]`: a deck and its subdecks under a new name, their cards,
//! schedules and history untouched. `deck delete DECK [--yes]`: a deck, its subdecks and their
//! cards gone; their answers stay in the history.

use super::prompts::{confirm, confirm_deletion};
use super::{Context, Dialogue, resolve_deck_tree};
use crate::decks::deck_name;
use crate::error::{Error, Result};
use crate::text;

#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: DeckAction,
}

#[derive(Debug, Clone, PartialEq, Eq, clap::Subcommand)]
pub enum DeckAction {
    /// Rename a deck; its subdecks (`OLD::...`) follow
    Rename {
        old: String,
        new: String,
        /// Do it without asking (for scripts; a terminal is asked to confirm)
        #[arg(long)]
        yes: bool,
    },
    /// Delete a deck, its subdecks and their cards; their history stays in export-history
    Delete {
        deck: String,
        /// Do it without asking (for scripts; a terminal is asked to confirm)
        #[arg(long)]
        yes: bool,
    },
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, dialogue: Dialogue<'_>) -> Result<()> {
        match &self.action {
            DeckAction::Rename { old, new, yes } => rename(ctx, dialogue, old, new, *yes),
            DeckAction::Delete { deck, yes } => delete(ctx, dialogue, deck, *yes),
        }
    }
}

/// Deletes the decks of `name`'s tree and their cards, once confirmed.
fn delete(ctx: &Context<'_>, dialogue: Dialogue<'_>, name: &str, yes: bool) -> Result<()> {
    let Dialogue { out, prompter } = dialogue;
    let (_, chosen) = resolve_deck_tree(ctx.store, name)?;
    let mut cards = Vec::new();
    for deck in &chosen {
        cards.extend(ctx.store.cards_in_deck(deck.id)?);
    }
    for deck in &chosen {
        writeln!(
            out,
            "  deck {} ({})",
            text::one_line(&deck.name),
            text::counted(ctx.store.deck_total(deck.id)?, "card")
        )?;
    }
    let question = format!(
        "Delete {} and {}?",
        text::counted(chosen.len(), "deck"),
        text::counted(cards.len(), "card")
    );
    if !confirm_deletion(
        yes,
        ctx.style.terminal,
        "deck delete",
        (prompter, &mut *out),
        &question,
    )? {
        return Ok(());
    }
    let ids: Vec<i64> = cards.iter().map(|card| card.id).collect();
    let at = ctx.clock.now().timestamp_millis();
    ctx.store.write(|store| {
        store.delete_cards(&ids, at)?;
        for deck in &chosen {
            store.delete_deck(deck.id)?;
        }
        Ok(())
    })?;
    writeln!(
        out,
        "Deleted {} and {}; their history stays in export-history and in the collection's stats.",
        text::counted(chosen.len(), "deck"),
        text::counted(cards.len(), "card")
    )?;
    Ok(())
}

fn rename(
    ctx: &Context<'_>,
    dialogue: Dialogue<'_>,
    old: &str,
    new: &str,
    yes: bool,
) -> Result<()> {
    {
        let Dialogue { out, prompter } = dialogue;
        // The name as stored (it may differ in case, or be a parent that is no deck itself).
        let (base, chosen) = resolve_deck_tree(ctx.store, old)?;
        let target = deck_name(new);
        if new.trim().is_empty() {
            return Err(Error::Usage("deck rename: the new name is empty".into()));
        }
        let renames: Vec<(i64, String, String)> = chosen
            .iter()
            .map(|deck| {
                let rest = deck.name.get(base.len()..).unwrap_or_default();
                (deck.id, deck.name.clone(), format!("{target}{rest}"))
            })
            .collect();
        let moving: Vec<i64> = renames.iter().map(|(id, _, _)| *id).collect();
        for (_, _, name) in &renames {
            if let Some(existing) = ctx.store.deck_by_name(name)?
                && !moving.contains(&existing.id)
            {
                return Err(Error::Usage(format!(
                    "deck rename: a deck named '{}' already exists; choose another name",
                    text::one_line(name)
                )));
            }
        }
        for (_, from, to) in &renames {
            writeln!(out, "  {} -> {}", text::one_line(from), text::one_line(to))?;
        }
        let question = format!("Rename {}?", text::counted(renames.len(), "deck"));
        if !confirm(
            yes,
            ctx.style.terminal,
            "deck rename",
            (prompter, &mut *out),
            &question,
        )? {
            writeln!(out, "Nothing renamed.")?;
            return Ok(());
        }
        ctx.store.write(|store| {
            for (id, _, to) in &renames {
                store.rename_deck(*id, to)?;
            }
            Ok(())
        })?;
        writeln!(out, "Renamed {}.", text::counted(renames.len(), "deck"))?;
        Ok(())
    }
}
