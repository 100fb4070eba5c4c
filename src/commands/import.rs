//! `import FILE...`: deck files into the collection, one transaction per file.

use super::Context;
use crate::decks::{self, ImportReport, native};
use crate::error::{Error, Result};
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
    let bytes = std::fs::read(file).map_err(|source| Error::File {
        path: file.to_path_buf(),
        source,
    })?;
    let label = file.display().to_string();
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        Error::input(&label, line, "the file is not valid UTF-8 text")
    })?;
    let deck = native::parse(&label, &text)?;
    ctx.store.write(|store| decks::sync_deck(store, &deck))
}

fn write_report(out: &mut dyn Write, file: &Path, report: &ImportReport) -> Result<()> {
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
