//! What an import did to each deck, as lines: shared by `import` and `generate --import`.

use crate::decks::ImportReport;
use crate::error::Result;
use crate::text;
use std::io::Write;
use std::path::Path;

/// Keys listed by name when a file no longer has cards the collection has.
const MISSING_KEYS_SHOWN: usize = 10;

/// The first `MISSING_KEYS_SHOWN` keys, joined, with `, ...` when there are more.
fn listed_keys(keys: &[String]) -> String {
    let shown: Vec<String> = keys
        .iter()
        .take(MISSING_KEYS_SHOWN)
        .map(|k| text::one_line(k))
        .collect();
    let more = if keys.len() > shown.len() {
        ", ..."
    } else {
        ""
    };
    format!("{}{more}", shown.join(", "))
}

pub fn write_import_report(out: &mut dyn Write, file: &Path, report: &ImportReport) -> Result<()> {
    writeln!(
        out,
        "{}: deck '{}': {} added, {} updated, {} unchanged",
        text::one_line(&file.display().to_string()),
        text::one_line(&report.deck),
        report.added,
        report.updated,
        report.unchanged
    )?;
    if !report.missing.is_empty() {
        writeln!(
            out,
            "  {} in the collection but not in this file; kept: {}",
            text::counted_are(report.missing.len(), "card"),
            listed_keys(&report.missing)
        )?;
    }
    if report.kept_edits > 0 {
        writeln!(
            out,
            "  kept your edits of {}: the file has not changed them since the last import",
            text::counted(report.kept_edits, "card")
        )?;
    }
    if !report.conflicts.is_empty() {
        let outcome = if report.overwritten {
            "took the file's text (--overwrite)"
        } else {
            "kept recall's version; --overwrite takes the file's"
        };
        writeln!(
            out,
            "  {} changed both here and in the file: {outcome}: {}",
            text::counted(report.conflicts.len(), "card"),
            listed_keys(&report.conflicts)
        )?;
    }
    for (old, new) in report.matched.iter().take(MISSING_KEYS_SHOWN) {
        writeln!(
            out,
            "  matched by place, question corrected: \"{}\" -> \"{}\"",
            text::truncate(&text::one_line(old), 30),
            text::truncate(&text::one_line(new), 30)
        )?;
    }
    if report.matched.len() > MISSING_KEYS_SHOWN {
        writeln!(
            out,
            "  ... and {} more matched by place",
            report.matched.len() - MISSING_KEYS_SHOWN
        )?;
    }
    Ok(())
}
