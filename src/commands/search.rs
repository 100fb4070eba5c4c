//! `search TEXT [--limit N] [--json]`: cards whose front, back or tags contain the text.

use super::{Context, cards};
use crate::error::Result;
use crate::text;
use std::io::Write;

pub fn run(
    ctx: &Context<'_>,
    query: &str,
    limit: u32,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let found = ctx.store.search_cards(query.trim(), limit)?;
    if json {
        let rows: Vec<_> = found.iter().map(cards::row).collect();
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    if found.is_empty() {
        writeln!(out, "No card contains '{}'.", text::one_line(query))?;
        return Ok(());
    }
    for card in &found {
        writeln!(
            out,
            "{:<7} {}/{}  {}",
            super::card_reference(card),
            text::truncate(&text::one_line(&card.deck), 40),
            text::one_line(&card.key),
            text::truncate(&text::one_line(&card.front), 60)
        )?;
    }
    if found.len() == usize::try_from(limit).unwrap_or(usize::MAX) {
        writeln!(out, "(showing the first {limit}; --limit shows more)")?;
    }
    Ok(())
}
