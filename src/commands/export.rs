//! `export DECK [--format toml|tsv|md] [-o FILE]`: a deck (and its subdecks) back in an open
//! format that `import` reads again.

use super::output::to_file_or;
use super::{Context, resolve_decks};
use crate::decks::{DeckCard, DeckData, anki_text, markdown, native};
use crate::error::{Error, Result};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Args {
    pub deck: String,
    #[arg(long, value_enum, default_value_t = ExportFormat::Toml)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Toml,
    Tsv,
    Md,
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
        let chosen = resolve_decks(ctx.store, Some(&self.deck))?;
        let mut decks: Vec<DeckData> = Vec::new();
        for deck in &chosen {
            let cards = ctx
                .store
                .cards_in_deck(deck.id)?
                .into_iter()
                .enumerate()
                .map(|(index, card)| DeckCard {
                    sibling: card.sibling_item().map(str::to_string),
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
        let contents = match self.format {
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
                        "'{}' has subdecks and a TOML file holds one deck: export each \
                         subdeck, or use --format tsv or md",
                        crate::text::one_line(&self.deck)
                    )));
                }
            },
        };
        to_file_or(self.output.as_deref(), out, ctx.style.terminal, |sink| {
            Ok(sink.write_all(contents.as_bytes())?)
        })
    }
}
