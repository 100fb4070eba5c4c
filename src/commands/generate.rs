//! `generate ARTICLE [--out DIR] [--import]`: an article's decks, written atomically as files.

use super::Context;
use super::reports::write_import_report;
use crate::decks::{self, article};
use crate::error::Result;
use crate::files::Staged;
use crate::text;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,
    /// Where to write the deck files (default: `decks/` beside the collection)
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
        for note in &generated.notes {
            writeln!(out, "  {}", text::one_line(note))?;
        }
        for line in &generated.unmatched {
            writeln!(out, "  unmatched: {}", text::one_line(line))?;
        }

        // Without --out, the decks go beside the collection, never silently into the current
        // directory.
        let dir: PathBuf = match out_dir {
            Some(dir) => dir.to_path_buf(),
            None => ctx
                .store
                .path()
                .parent()
                .map_or_else(|| PathBuf::from("decks"), |parent| parent.join("decks")),
        };
        std::fs::create_dir_all(&dir).map_err(crate::Error::file(&dir))?;
        // Every file is staged in full, then the import runs, then the files take their place:
        // a failure at any step writes nothing.
        let mut staged = Vec::with_capacity(generated.decks.len());
        for deck in &generated.decks {
            let path = dir.join(&deck.file_name);
            let contents = article::render_file(&source_name, &deck.deck);
            staged.push((Staged::new(&path, &contents)?, path, deck.deck.cards.len()));
        }
        let reports = if import {
            ctx.store.write(|store| {
                generated
                    .decks
                    .iter()
                    .map(|deck| decks::sync_deck(store, &deck.deck))
                    .collect::<Result<Vec<_>>>()
            })?
        } else {
            Vec::new()
        };
        let mut written = Vec::with_capacity(staged.len());
        for (file, path, cards) in staged {
            file.commit()?;
            writeln!(
                out,
                "wrote {} ({})",
                text::one_line(&path.display().to_string()),
                text::counted(cards, "card")
            )?;
            written.push(path);
        }
        for (path, report) in written.iter().zip(&reports) {
            write_import_report(out, path, report)?;
        }
        if out_dir.is_none() {
            writeln!(
                out,
                "The deck files are in {} (`--out DIR` puts them elsewhere).",
                text::one_line(&dir.display().to_string())
            )?;
        }
        Ok(())
    }
}
