//! `generate ARTICLE [--out DIR] [--import]`: an article's decks, written atomically as files.

use super::Context;
use crate::decks::{self, article};
use crate::error::Result;
use std::io::Write;
use std::path::Path;

pub fn run(
    ctx: &Context<'_>,
    article_path: &Path,
    out_dir: Option<&Path>,
    import: bool,
    out: &mut dyn Write,
) -> Result<()> {
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
        "{label}: “{}”",
        crate::text::one_line(&generated.title)
    )?;
    for found in &generated.found {
        writeln!(out, "  {}", found.describe())?;
    }
    for kind in &generated.missing {
        writeln!(out, "  missing: {}", kind.looked_for())?;
    }

    // Everything is rendered before anything is written: an error writes nothing.
    let rendered: Vec<(std::path::PathBuf, String, usize)> = generated
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
        std::fs::create_dir_all(dir).map_err(|source| crate::Error::File {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    for (path, contents, cards) in &rendered {
        decks::write_atomically(path, contents)?;
        writeln!(out, "wrote {} ({cards} cards)", path.display())?;
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
            super::import::write_report(out, path, report)?;
        }
    }
    Ok(())
}
