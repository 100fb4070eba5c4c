//! `deck rename OLD NEW [--yes]`: a deck and its subdecks under a new name, their cards,
//! schedules and history untouched.

use super::prompts::confirm;
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
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, dialogue: Dialogue<'_>) -> Result<()> {
        let Dialogue { out, prompter } = dialogue;
        let DeckAction::Rename { old, new, yes } = &self.action;
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
            *yes,
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
