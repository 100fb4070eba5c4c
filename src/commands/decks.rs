//! `decks [--json]`: every deck with its total, new, due-today and suspended counts.

use super::Context;
use super::output::write_json;
use crate::error::Result;
use crate::text;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct DeckRow<'a> {
    name: &'a str,
    total: u32,
    new: u32,
    due: u32,
    suspended: u32,
}

/// The width of the four count columns and their gaps.
const COUNT_COLUMNS: usize = 35;

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
        let today = ctx.today()?;
        let decks = ctx.store.deck_counts(today)?;
        let rows: Vec<DeckRow<'_>> = decks
            .iter()
            .map(|deck| DeckRow {
                name: &deck.name,
                total: deck.total,
                new: deck.new,
                due: deck.due,
                suspended: deck.suspended,
            })
            .collect();
        if self.json {
            return write_json(out, &rows);
        }
        if rows.is_empty() {
            writeln!(out, "No decks yet: `import FILE` brings one in.")?;
            return Ok(());
        }
        // The counts take 35 columns; a name longer than the rest loses its middle.
        let room = ctx
            .style
            .columns()
            .saturating_sub(COUNT_COLUMNS)
            .max("Deck".len());
        let names: Vec<String> = rows
            .iter()
            .map(|row| text::truncate_middle(&text::one_line(row.name), room).into_owned())
            .collect();
        let width = names
            .iter()
            .map(|name| text::width(name))
            .max()
            .unwrap_or(0)
            .max("Deck".len());
        writeln!(
            out,
            "{:<width$}  {:>6}  {:>6}  {:>6}  {:>9}",
            "Deck", "Total", "New", "Due", "Suspended"
        )?;
        for (row, name) in rows.iter().zip(&names) {
            writeln!(
                out,
                "{}  {:>6}  {:>6}  {:>6}  {:>9}",
                text::cell(name, width),
                row.total,
                row.new,
                row.due,
                row.suspended
            )?;
        }
        Ok(())
    }
}
