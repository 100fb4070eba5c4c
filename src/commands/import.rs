//! `import FILE... [--deck NAME] [--format F]`: decks in any supported format, one transaction
//! per file; a file that fails leaves the collection as it was.

use super::prompts::confirm_deletion;
use super::reports::write_import_report;
use super::{Context, Dialogue};
use crate::decks::{self, CardSink, ImportOptions, Imported, anki_text, apkg, markdown, native};
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
    /// Cards edited here and changed in the file too take the file's text (without it,
    /// recall's version is kept and the conflict reported)
    #[arg(long)]
    pub overwrite: bool,
    /// Delete the cards of the file's decks that the file no longer has (their history stays
    /// in export-history); a terminal is asked to confirm
    #[arg(long)]
    pub prune: bool,
    /// With --prune: delete without asking (for scripts)
    #[arg(long, requires = "prune")]
    pub yes: bool,
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

/// Files larger than this get a progress bar on a terminal: bytes read for text, cards stored
/// for packages (whose card count is only known at the end).
const PROGRESS_FROM_BYTES: u64 = 512 * 1024;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Text files stream through a buffer this size (the separator is guessed from its first row).
const TEXT_BUFFER_BYTES: usize = 64 * 1024;

impl Args {
    pub fn run(&self, ctx: &Context<'_>, dialogue: Dialogue<'_>) -> Result<()> {
        let Dialogue { out, prompter } = dialogue;
        if self.prune && !self.yes && !ctx.style.terminal {
            // Refused before anything is imported: a script never gets half of what it asked.
            return Err(Error::Usage(
                "import --prune: nothing imported; add --yes to delete without being asked".into(),
            ));
        }
        let options = ImportOptions {
            overwrite: self.overwrite,
        };
        for file in &self.files {
            let (imported, format) =
                import_file(ctx, file, self.deck.as_deref(), self.format, options)?;
            for report in &imported.reports {
                write_import_report(out, file, report)?;
            }
            write_notes(out, &imported, format)?;
            if self.prune {
                prune(ctx, &imported, self.yes, (prompter, &mut *out))?;
            }
        }
        Ok(())
    }
}

/// Deletes, once confirmed, the cards of the imported decks that the file no longer has.
fn prune(
    ctx: &Context<'_>,
    imported: &Imported,
    yes: bool,
    dialogue: (&mut dyn crate::session::Prompter, &mut dyn Write),
) -> Result<()> {
    let (prompter, out) = dialogue;
    let mut doomed = Vec::new();
    for report in &imported.reports {
        let Some(deck) = ctx.store.deck_by_name(&report.deck)? else {
            continue;
        };
        for key in &report.missing {
            if let Some(card) = ctx.store.card_by_key(deck.id, key)? {
                doomed.push(card);
            }
        }
    }
    if doomed.is_empty() {
        return Ok(());
    }
    super::rows::list_cards_to_delete(out, &doomed)?;
    let question = format!(
        "Delete {} no longer in the file?",
        text::counted(doomed.len(), "card")
    );
    if !confirm_deletion(
        yes,
        ctx.style.terminal,
        "import --prune",
        (prompter, &mut *out),
        &question,
    )? {
        return Ok(());
    }
    let ids: Vec<i64> = doomed.iter().map(|card| card.id).collect();
    let at = ctx.clock.now().timestamp_millis();
    ctx.store.write(|store| store.delete_cards(&ids, at))?;
    writeln!(
        out,
        "Deleted {}; {} history stays in export-history.",
        text::counted(doomed.len(), "card"),
        if doomed.len() == 1 { "its" } else { "their" }
    )?;
    Ok(())
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
        "apkg" | "colpkg" | "anki2" | "anki21" => Some(ImportFormat::Apkg),
        _ => None,
    };
    let format = match asked.or(by_name) {
        Some(format) => format,
        None if is_zip || head.starts_with(apkg::SQLITE_MAGIC) => ImportFormat::Apkg,
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

/// Imports one file in one transaction, its cards going into the collection as they are read
/// (every format is read a line or a card at a time). A file that fails changes nothing.
fn import_file(
    ctx: &Context<'_>,
    file: &Path,
    deck: Option<&str>,
    asked: Option<ImportFormat>,
    import: ImportOptions,
) -> Result<(Imported, ImportFormat)> {
    let mut head = Vec::with_capacity(512);
    std::fs::File::open(file)
        .and_then(|opened| opened.take(512).read_to_end(&mut head))
        .map_err(Error::file(file))?;
    let format = detect(file, &head, asked)?;
    let label = file.display().to_string();
    let default_deck = deck.map(str::to_string).unwrap_or_else(|| {
        file.file_stem().map_or_else(
            || "Imported".to_string(),
            |s| s.to_string_lossy().into_owned(),
        )
    });
    let imported = match format {
        ImportFormat::Toml => streamed(ctx, &label, import, |sink| {
            native::parse_into(&label, &decks::Text::File(file), sink)
        })?,
        ImportFormat::Md => streamed(ctx, &label, import, |sink| {
            markdown::parse_into(&label, &decks::Text::File(file), &default_deck, sink)
        })?,
        ImportFormat::Text => import_text(ctx, file, &label, default_deck, import)?,
        ImportFormat::Apkg => {
            let settings = ctx.settings()?;
            let options = apkg::PackageOptions {
                now: ctx.clock.now(),
                rollover_hour: settings.rollover_hour,
                limits: apkg::Limits::default(),
            };
            let size = std::fs::metadata(file).map_or(0, |meta| meta.len());
            let bar = (ctx.style.progress && size >= PROGRESS_FROM_BYTES).then(|| {
                let bar = indicatif::ProgressBar::new_spinner();
                if let Ok(style) =
                    indicatif::ProgressStyle::with_template("importing {spinner} {pos} cards")
                {
                    bar.set_style(style);
                }
                bar
            });
            let mut tick = || {
                if let Some(bar) = &bar {
                    bar.inc(1);
                }
            };
            let imported = ctx.store.write(|store| {
                let imported =
                    decks::import_package(store, file, &label, &options, import, &mut tick)?;
                if imported.card_count() == 0 && imported.skipped.is_empty() {
                    return Err(no_cards(&label));
                }
                Ok(imported)
            });
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            imported?
        }
    };
    Ok((imported, format))
}

/// Reads a file with `parse` on a thread of its own while its cards go into the collection,
/// in one transaction; a file without a card leaves nothing behind.
fn streamed(
    ctx: &Context<'_>,
    label: &str,
    import: ImportOptions,
    parse: impl FnOnce(&mut dyn CardSink) -> Result<()> + Send,
) -> Result<Imported> {
    ctx.store.write(|store| {
        let imported = decks::import_streamed(store, import, &mut || {}, parse)?;
        if imported.card_count() == 0 && imported.skipped.is_empty() {
            return Err(no_cards(label));
        }
        Ok(imported)
    })
}

fn no_cards(label: &str) -> Error {
    Error::Format {
        file: label.to_string(),
        message: "no cards found in this file".into(),
    }
}

/// Streams a text file into the collection row by row, with a progress bar in bytes.
fn import_text(
    ctx: &Context<'_>,
    file: &Path,
    label: &str,
    default_deck: String,
    import: ImportOptions,
) -> Result<Imported> {
    let opened = std::fs::File::open(file).map_err(Error::file(file))?;
    let size = opened.metadata().map_or(0, |meta| meta.len());
    let bar = progress_bar(ctx, size, PROGRESS_FROM_BYTES, "{bytes}/{total_bytes}");
    let reader: Box<dyn Read + Send> = match &bar {
        Some(bar) => Box::new(bar.wrap_read(opened)),
        None => Box::new(opened),
    };
    let reader = std::io::BufReader::with_capacity(TEXT_BUFFER_BYTES, reader);
    let extension = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let options = anki_text::TextOptions {
        default_deck,
        // A .csv may be comma- or semicolon-separated (European spreadsheets): guessed from
        // its first row, as Anki guesses.
        separator: match extension.as_str() {
            "tsv" => Some(b'\t'),
            _ => None,
        },
    };
    let imported = streamed(ctx, label, import, |sink| {
        anki_text::parse_into(label, reader, &options, sink)
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    imported
}

/// A progress bar on standard error for work of `total` units, when it is a terminal and the
/// work is at least `from` units.
fn progress_bar(
    ctx: &Context<'_>,
    total: u64,
    from: u64,
    counts: &str,
) -> Option<indicatif::ProgressBar> {
    (ctx.style.progress && total >= from).then(|| {
        let bar = indicatif::ProgressBar::new(total);
        if let Ok(style) = indicatif::ProgressStyle::with_template(&format!(
            "importing {{bar:40}} {counts} ({{eta}} left)"
        )) {
            bar.set_style(style);
        }
        bar
    })
}

fn write_notes(out: &mut dyn Write, imported: &Imported, format: ImportFormat) -> Result<()> {
    for (reason, count) in &imported.skipped.0 {
        writeln!(out, "  skipped {count}: {}", text::one_line(reason))?;
    }
    if imported.media_left_out > 0 {
        writeln!(
            out,
            "  {} (pictures, sounds) left out: recall shows text only",
            text::counted(imported.media_left_out, "media file")
        )?;
    }
    let carried = imported.carried;
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
