//! `import FILE... [--deck NAME] [--format F]`: decks in any supported format, one transaction
//! per file; a file that fails leaves the collection as it was.

use super::Context;
use super::reports::write_import_report;
use crate::decks::{
    self, CarriedCounts, ImportBatch, ImportReport, anki_text, apkg, markdown, native,
};
use crate::error::{Error, Result};
use crate::text;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The deck for cards whose file names none (default: the file's name)
    #[arg(long)]
    pub deck: Option<String>,
    /// The format, when the file's extension does not say it
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// recall's own TOML decks
    Toml,
    /// Anki's plain text and spreadsheet text (tab, comma, semicolon ... separated)
    #[value(alias = "txt", alias = "tsv", alias = "csv")]
    Text,
    /// Q:/A: cards in Markdown
    #[value(alias = "markdown")]
    Md,
    /// Anki packages
    #[value(alias = "colpkg")]
    Apkg,
}

/// Files with more cards than this get a progress bar on a terminal.
const PROGRESS_FROM_CARDS: usize = 5_000;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Text files stream through a buffer this size (the separator is guessed from its first row).
const TEXT_BUFFER_BYTES: usize = 64 * 1024;

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
        for file in &self.files {
            let (batch, format) = read_file(ctx, file, self.deck.as_deref(), self.format)?;
            let (reports, carried) = apply(ctx, &batch)?;
            for report in &reports {
                write_import_report(out, file, report)?;
            }
            write_batch_notes(out, &batch, format, carried)?;
        }
        Ok(())
    }
}

/// The format a file is in: `--format`, else its extension, confirmed by its first bytes.
fn detect(file: &Path, head: &[u8], asked: Option<ImportFormat>) -> Result<ImportFormat> {
    let label = text::one_line(&file.display().to_string());
    let is_zip = head.starts_with(ZIP_MAGIC);
    let extension = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let by_name = match extension.as_str() {
        "toml" => Some(ImportFormat::Toml),
        "txt" | "tsv" | "csv" => Some(ImportFormat::Text),
        "md" | "markdown" => Some(ImportFormat::Md),
        "apkg" | "colpkg" => Some(ImportFormat::Apkg),
        _ => None,
    };
    let format = match asked.or(by_name) {
        Some(format) => format,
        None if is_zip => ImportFormat::Apkg,
        None => {
            let start = String::from_utf8_lossy(head);
            let first = start.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            if first.starts_with("name") || first.starts_with("[[cards]]") {
                ImportFormat::Toml
            } else if first.starts_with("Q:") || first.starts_with("# ") {
                ImportFormat::Md
            } else if first.starts_with("#separator") || first.contains('\t') {
                ImportFormat::Text
            } else {
                return Err(Error::Format {
                    file: label,
                    message: "cannot tell the format from the name or the contents; \
                              use --format toml, text, md or apkg"
                        .into(),
                });
            }
        }
    };
    if is_zip && format != ImportFormat::Apkg {
        return Err(Error::Format {
            file: label,
            message: "this is a zip archive, not text; if it is an Anki package, name it .apkg \
                      or use --format apkg"
                .into(),
        });
    }
    Ok(format)
}

fn read_file(
    ctx: &Context<'_>,
    file: &Path,
    deck: Option<&str>,
    asked: Option<ImportFormat>,
) -> Result<(ImportBatch, ImportFormat)> {
    let file_error = |source| Error::File {
        path: file.to_path_buf(),
        source,
    };
    let mut head = Vec::with_capacity(512);
    std::fs::File::open(file)
        .map_err(file_error)?
        .take(512)
        .read_to_end(&mut head)
        .map_err(file_error)?;
    let format = detect(file, &head, asked)?;
    let label = file.display().to_string();
    let default_deck = deck.map(str::to_string).unwrap_or_else(|| {
        file.file_stem().map_or_else(
            || "Imported".to_string(),
            |s| s.to_string_lossy().into_owned(),
        )
    });
    let batch = match format {
        ImportFormat::Toml => {
            let text = decks::read_text_file(file)?;
            let mut batch = ImportBatch::default();
            batch.decks.push(native::parse(&label, &text)?);
            batch
        }
        ImportFormat::Md => {
            let text = decks::read_text_file(file)?;
            markdown::parse(&label, &text, &default_deck)?
        }
        ImportFormat::Text => {
            let reader = std::io::BufReader::with_capacity(
                TEXT_BUFFER_BYTES,
                std::fs::File::open(file).map_err(file_error)?,
            );
            let extension = file
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            let options = anki_text::TextOptions {
                default_deck,
                separator: match extension.as_str() {
                    "tsv" => Some(b'\t'),
                    "csv" => Some(b','),
                    _ => None,
                },
            };
            anki_text::parse(&label, reader, &options)?
        }
        ImportFormat::Apkg => {
            let settings = ctx.settings()?;
            let options = apkg::PackageOptions {
                now: ctx.clock.now(),
                rollover_hour: settings.rollover_hour,
                limits: apkg::Limits::default(),
            };
            apkg::parse(file, &label, &options)?
        }
    };
    if batch.card_count() == 0 && batch.skipped.is_empty() {
        return Err(Error::Format {
            file: label,
            message: "no cards found in this file".into(),
        });
    }
    Ok((batch, format))
}

/// Applies a batch in one transaction, with a progress bar on a terminal for large files.
fn apply(ctx: &Context<'_>, batch: &ImportBatch) -> Result<(Vec<ImportReport>, CarriedCounts)> {
    let total = batch.card_count();
    let bar = (ctx.style.progress && total >= PROGRESS_FROM_CARDS).then(|| {
        let bar = indicatif::ProgressBar::new(u64::try_from(total).unwrap_or(u64::MAX));
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "importing {bar:40} {pos}/{len} cards ({eta} left)",
        ) {
            bar.set_style(style);
        }
        bar
    });
    let mut tick = || {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    };
    let reports = ctx
        .store
        .write(|store| decks::apply_batch(store, batch, &mut tick));
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    reports
}

fn write_batch_notes(
    out: &mut dyn Write,
    batch: &ImportBatch,
    format: ImportFormat,
    carried: CarriedCounts,
) -> Result<()> {
    for (reason, count) in &batch.skipped {
        writeln!(out, "  skipped {count}: {}", text::one_line(reason))?;
    }
    if batch.media_left_out > 0 {
        writeln!(
            out,
            "  {} (pictures, sounds) left out: recall shows text only",
            text::counted(batch.media_left_out, "media file")
        )?;
    }
    if format == ImportFormat::Apkg && carried.schedules + carried.reviews > 0 {
        writeln!(
            out,
            "  from Anki: schedules of {} carried over, {} kept as imported history",
            text::counted(carried.schedules, "card"),
            text::counted(carried.reviews, "review")
        )?;
    }
    Ok(())
}
