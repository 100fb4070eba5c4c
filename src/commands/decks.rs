//! `decks [--json]`: every deck with its total, new, due-today and suspended counts.

use super::Context;
use crate::error::Result;
use crate::text;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct DeckRow<'a> {
    name: &'a str,
    total: u32,
    new: u32,
    due: u32,
    suspended: u32,
}

pub fn run(ctx: &Context<'_>, json: bool, out: &mut dyn Write) -> Result<()> {
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
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    if rows.is_empty() {
        writeln!(out, "No decks yet: `import FILE` brings one in.")?;
        return Ok(());
    }
    let names: Vec<String> = rows.iter().map(|row| text::one_line(row.name)).collect();
    let width = names
        .iter()
        .map(|name| name.chars().count())
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
            "{:<width$}  {:>6}  {:>6}  {:>6}  {:>9}",
            name, row.total, row.new, row.due, row.suspended
        )?;
    }
    Ok(())
}
