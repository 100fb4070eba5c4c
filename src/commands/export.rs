//! `export DECK [--format toml|tsv|md] [-o FILE]` and `export-history [--format csv|json]`:
//! a person's decks and history back in open formats.

use super::history::CardCache;
use super::{Context, resolve_decks};
use crate::cli::{ExportFormat, HistoryFormat};
use crate::decks::{self, DeckCard, DeckData, anki_text, markdown, native};
use crate::error::{Error, Result};
use crate::store::{Card, Review};
use std::io::Write;
use std::path::Path;

/// Writes `contents` to the file (atomically) or to standard output.
fn emit(contents: &str, output: Option<&Path>, out: &mut dyn Write) -> Result<()> {
    match output {
        Some(path) => decks::write_atomically(path, contents),
        None => {
            out.write_all(contents.as_bytes())?;
            Ok(())
        }
    }
}

pub fn deck(
    ctx: &Context<'_>,
    name: &str,
    format: ExportFormat,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    let chosen = resolve_decks(ctx.store, Some(name))?;
    let mut decks: Vec<DeckData> = Vec::new();
    for deck in &chosen {
        let cards = ctx
            .store
            .cards_in_deck(deck.id)?
            .into_iter()
            .enumerate()
            .map(|(index, card)| DeckCard {
                key: card.key,
                front: card.front,
                back: card.back,
                tags: card.tags,
                line: index + 1,
            })
            .collect();
        decks.push(DeckData {
            name: deck.name.clone(),
            description: deck.description.clone(),
            cards,
        });
    }
    let contents = match format {
        ExportFormat::Tsv => anki_text::write(&decks)?,
        ExportFormat::Md => decks
            .iter()
            .map(markdown::write)
            .collect::<Vec<_>>()
            .join("\n"),
        ExportFormat::Toml => match decks.as_slice() {
            [deck] => native::to_toml(deck),
            _ => {
                return Err(Error::Usage(format!(
                    "'{name}' has subdecks and a TOML file holds one deck: export each subdeck, \
                     or use --format tsv or md"
                )));
            }
        },
    };
    emit(&contents, output, out)
}

fn state_columns(prefix: &str) -> Vec<String> {
    ["ef", "reps", "interval", "due", "lapses"]
        .iter()
        .map(|field| format!("{prefix}_{field}"))
        .collect()
}

fn state_values(state: &crate::scheduler::CardState) -> Vec<String> {
    vec![
        state.ease_factor.to_string(),
        state.repetitions.to_string(),
        state.interval_days.to_string(),
        state.due_day.map(|d| d.to_string()).unwrap_or_default(),
        state.lapses.to_string(),
    ]
}

pub fn history(
    ctx: &Context<'_>,
    format: HistoryFormat,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    let mut cards = CardCache::default();
    let mut rows: Vec<(Review, Card)> = Vec::new();
    ctx.store
        .for_each_review(None, super::history::BEGINNING, |review| {
            if let Some(card) = cards.get(ctx.store, review.card_id)? {
                rows.push((review, card.clone()));
            }
            Ok(())
        })?;
    let contents = match format {
        HistoryFormat::Json => {
            let rows: Vec<super::history::ReviewRow> = rows
                .iter()
                .map(|(review, card)| super::history::ReviewRow::new(review, card))
                .collect();
            let mut text = serde_json::to_string_pretty(&rows).map_err(std::io::Error::from)?;
            text.push('\n');
            text
        }
        HistoryFormat::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let mut header: Vec<String> = [
                "card",
                "deck",
                "key",
                "time",
                "study_day",
                "grade",
                "kind",
                "response_ms",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            header.extend(state_columns("before"));
            header.extend(state_columns("after"));
            let csv_error = |e: csv::Error| Error::Usage(format!("export-history: {e}"));
            writer.write_record(&header).map_err(csv_error)?;
            for (review, card) in &rows {
                let mut record = vec![
                    super::card_reference(card),
                    card.deck.clone(),
                    card.key.clone(),
                    super::history::utc_time(review.reviewed_at_ms),
                    review.study_day.to_string(),
                    review.grade.value().to_string(),
                    review.kind.as_str().to_string(),
                    review.response_ms.to_string(),
                ];
                record.extend(state_values(&review.before));
                record.extend(state_values(&review.after));
                writer.write_record(&record).map_err(csv_error)?;
            }
            let bytes = writer
                .into_inner()
                .map_err(|e| Error::Usage(format!("export-history: {e}")))?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    emit(&contents, output, out)
}
