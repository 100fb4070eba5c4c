//! `delete CARD... [--yes]`: cards out of the collection, after showing them and asking. Their
//! answers stay in the history (`export-history`), as Anki keeps its review log.

use super::prompts::confirm_deletion;
use super::rows::list_cards_to_delete;
use super::{Context, Dialogue, resolve_card};
use crate::error::Result;
use crate::store::Card;
use crate::text;

#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// The cards: `@ID`, `DECK/KEY`, or a KEY used in one deck only
    #[arg(required = true, value_name = "CARD")]
    pub cards: Vec<String>,
    /// Delete without asking (for scripts; a terminal is asked to confirm)
    #[arg(long)]
    pub yes: bool,
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, dialogue: Dialogue<'_>) -> Result<()> {
        let Dialogue { out, prompter } = dialogue;
        let mut cards: Vec<Card> = Vec::with_capacity(self.cards.len());
        for reference in &self.cards {
            let card = resolve_card(ctx.store, reference)?;
            if !cards.iter().any(|c| c.id == card.id) {
                cards.push(card);
            }
        }
        list_cards_to_delete(out, &cards)?;
        let question = format!("Delete {}?", text::counted(cards.len(), "card"));
        if !confirm_deletion(
            self.yes,
            ctx.style.terminal,
            "delete",
            (prompter, &mut *out),
            &question,
        )? {
            return Ok(());
        }
        let ids: Vec<i64> = cards.iter().map(|card| card.id).collect();
        let at = ctx.clock.now().timestamp_millis();
        ctx.store.write(|store| store.delete_cards(&ids, at))?;
        writeln!(
            out,
            "Deleted {}; {} history stays in export-history and in stats.",
            text::counted(cards.len(), "card"),
            if cards.len() == 1 { "its" } else { "their" }
        )?;
        Ok(())
    }
}
