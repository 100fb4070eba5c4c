//! `generate ARTICLE [--out DIR] [--import]`: an article's decks, written atomically as files.

use super::Context;
use super::reports::write_import_report;
use crate::decks::{self, article};
use crate::error::Result;
use crate::files::write_atomically;
use crate::text;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,
    /// Where to write the deck files (default: the current directory)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Import the generated decks straight away
    #[arg(long)]
    pub import: bool,
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
        let (article_path, out_dir, import) =
            (self.article.as_path(), self.out.as_deref(), self.import);
        let text = decks::read_text_file(article_path)?;
        let label = article_path.display().to_string();
        let stem = article_path.file_stem().map_or_else(
            || "article".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let source_name = article_path
            .file_name()
            .map_or_else(|| label.clone(), |s| s.to_string_lossy().into_owned());
        let generated = article::generate(&label, &article::slug(&stem), &text)?;

        writeln!(
            out,
            "{}: “{}”",
            text::one_line(&label),
            text::one_line(&generated.title)
        )?;
        for found in &generated.found {
            writeln!(out, "  {}", found.describe())?;
        }
        for kind in &generated.missing {
            writeln!(out, "  missing: {}", kind.looked_for())?;
        }

        // Everything is rendered before anything is written: an error writes nothing.
        let rendered: Vec<(PathBuf, String, usize)> = generated
            .decks
            .iter()
            .map(|deck| {
                let dir = out_dir.unwrap_or(Path::new("."));
                (
                    dir.join(&deck.file_name),
                    article::render_file(&source_name, &deck.deck),
                    deck.deck.cards.len(),
                )
            })
            .collect();
        if let Some(dir) = out_dir {
            std::fs::create_dir_all(dir).map_err(crate::Error::file(dir))?;
        }
        for (path, contents, cards) in &rendered {
            write_atomically(path, contents)?;
            writeln!(
                out,
                "wrote {} ({})",
                text::one_line(&path.display().to_string()),
                text::counted(*cards, "card")
            )?;
        }
        if import {
            let reports = ctx.store.write(|store| {
                generated
                    .decks
                    .iter()
                    .map(|deck| decks::sync_deck(store, &deck.deck))
                    .collect::<Result<Vec<_>>>()
            })?;
            for ((path, _, _), report) in rendered.iter().zip(&reports) {
                write_import_report(out, path, report)?;
            }
        }
        Ok(())
    }
}
