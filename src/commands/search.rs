//! `search TEXT [--limit N] [--json]`: cards whose front, back or tags contain the text.

use super::Context;
use super::output::write_json;
use super::rows::{CardRow, card_reference};
use crate::error::Result;
use crate::text;
use std::io::Write;

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    #[arg(required = true, num_args = 1.., value_name = "TEXT")]
    pub text: Vec<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    #[arg(long)]
    pub json: bool,
}

/// The card's `DECK/KEY` reference takes at most this many columns...
const NAME_COLUMNS: usize = 30;
/// ... after its `@id` (7) and before two spaces and the front, which takes the rest.
const FIXED_COLUMNS: usize = 7 + 1 + NAME_COLUMNS + 2;

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
        let query = self.text.join(" ");
        let found = ctx.store.search_cards(query.trim(), self.limit)?;
        if self.json {
            let rows: Vec<CardRow<'_>> = found.iter().map(CardRow::new).collect();
            return write_json(out, &rows);
        }
        if found.is_empty() {
            writeln!(out, "No card contains '{}'.", text::one_line(&query))?;
            return Ok(());
        }
        let front_columns = ctx.style.columns().saturating_sub(FIXED_COLUMNS);
        for card in &found {
            let name = format!(
                "{}/{}",
                text::one_line(&card.deck),
                text::one_line(&card.key)
            );
            writeln!(
                out,
                "{:<7} {}  {}",
                card_reference(card.id),
                text::cell(&text::truncate_middle(&name, NAME_COLUMNS), NAME_COLUMNS),
                text::truncate(&text::one_line(&card.front), front_columns)
            )?;
        }
        if found.len() == usize::try_from(self.limit).unwrap_or(usize::MAX) {
            writeln!(
                out,
                "(showing the first {}; --limit shows more)",
                self.limit
            )?;
        }
        Ok(())
    }
}
