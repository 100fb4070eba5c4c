//! `import FILE...`: deck files into the collection, one transaction per file.

use super::Context;
use crate::decks::{self, ImportReport, native};
use crate::error::Result;
use crate::text;
use std::io::Write;
use std::path::Path;

pub fn run(ctx: &Context<'_>, files: &[std::path::PathBuf], out: &mut dyn Write) -> Result<()> {
    for file in files {
        let report = import_file(ctx, file)?;
        write_report(out, file, &report)?;
    }
    Ok(())
}

/// Reads, parses and imports one file; on any error nothing of it is written.
fn import_file(ctx: &Context<'_>, file: &Path) -> Result<ImportReport> {
    let text = decks::read_text_file(file)?;
    let deck = native::parse(&file.display().to_string(), &text)?;
    ctx.store.write(|store| decks::sync_deck(store, &deck))
}

pub(super) fn write_report(out: &mut dyn Write, file: &Path, report: &ImportReport) -> Result<()> {
    writeln!(
        out,
        "{}: deck '{}': {} added, {} updated, {} unchanged",
        file.display(),
        text::one_line(&report.deck),
        report.added,
        report.updated,
        report.unchanged
    )?;
    if !report.missing.is_empty() {
        let shown: Vec<String> = report
            .missing
            .iter()
            .take(10)
            .map(|k| text::one_line(k))
            .collect();
        writeln!(
            out,
            "  {} cards in the collection are not in this file and were kept: {}{}",
            report.missing.len(),
            shown.join(", "),
            if report.missing.len() > shown.len() {
                ", ..."
            } else {
                ""
            }
        )?;
    }
    Ok(())
}
