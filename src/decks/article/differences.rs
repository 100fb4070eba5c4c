//! The key-differences table.

use super::faq::faq_question;
use super::outline::{
    Line, Section, Shape, clean_inline, fold_whitespace, heading_text, is_heading,
};
use super::words::{cell_question, counted, row_prompt, slug};
use super::{Keys, SectionKind, SectionResult, card, found};
use crate::error::{Error, Result};

pub(super) fn is_table_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "difference",
        "comparison",
        "at a glance",
        "compared",
        "side by side",
    ]
    .iter()
    .any(|word| lower.contains(word))
}

/// How a table's cells are separated, decided once from its header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CellSeparator {
    /// A Markdown table, with or without the outer pipes.
    Pipe,
    Tab,
    /// Columns aligned with runs of two or more spaces.
    Spaces,
    /// No separator at all: a boundary wherever a lower-case letter or a closing bracket is
    /// directly followed by an upper-case letter.
    Glued,
}

impl CellSeparator {
    pub(super) fn of_header(raw: &str) -> CellSeparator {
        let trimmed = raw.trim();
        if trimmed.contains('|') {
            CellSeparator::Pipe
        } else if trimmed.contains('\t') {
            CellSeparator::Tab
        } else if trimmed.contains("  ") {
            CellSeparator::Spaces
        } else {
            CellSeparator::Glued
        }
    }
}

/// The cells of one table line.
pub(super) fn split_cells(raw: &str, separator: CellSeparator) -> Vec<String> {
    let trimmed = raw.trim();
    let clean = |cell: &str| fold_whitespace(&clean_inline(cell));
    match separator {
        CellSeparator::Pipe => {
            let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            inner.split('|').map(clean).collect()
        }
        CellSeparator::Tab => trimmed
            .split('\t')
            .map(clean)
            .filter(|cell| !cell.is_empty())
            .collect(),
        CellSeparator::Spaces => trimmed
            .split("  ")
            .map(clean)
            .filter(|cell| !cell.is_empty())
            .collect(),
        CellSeparator::Glued => split_glued(&clean(trimmed)),
    }
}

pub(super) fn split_glued(text: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = previous
            && c.is_uppercase()
            && (p.is_lowercase() || matches!(p, ')' | ']'))
        {
            cells.push(std::mem::take(&mut current).trim().to_string());
        }
        current.push(c);
        previous = Some(c);
    }
    if !current.trim().is_empty() {
        cells.push(current.trim().to_string());
    }
    cells
}

/// The `|---|:---|` line under a Markdown table's header.
pub(super) fn is_pipe_separator(raw: &str) -> bool {
    let t = raw.trim();
    t.contains('|')
        && t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

pub(super) fn differences(
    file: &str,
    lines: &[Line],
    sections: &[Section],
) -> Result<SectionResult> {
    let raw: Vec<&str> = lines.iter().map(|line| line.raw.as_str()).collect();
    let Some(block) = table_block(lines, sections) else {
        return Ok(None);
    };
    let (header_index, rows) = (block[0], &block[1..]);
    let separator = CellSeparator::of_header(raw[header_index]);
    let header = split_cells(raw[header_index], separator);
    let header_line = lines[header_index].number;
    if header.len() < 3 {
        return Err(Error::input(
            file,
            header_line,
            format!(
                "the table header splits into {} cells ({}); expected a feature column and at \
                 least two compared columns",
                header.len(),
                header.join(" | ")
            ),
        ));
    }
    let columns = &header[1..];
    // Ids are unique in the deck and follow the file's order: two rows or columns whose names
    // differ only in case or punctuation get `-2`, the same on every generation.
    let mut keys = Keys::default();
    let mut column_keys = Keys::default();
    let column_slugs: Vec<String> = columns
        .iter()
        .map(|column| column_keys.unique(slug(column)))
        .collect();
    let mut cards = Vec::new();
    let mut row_count = 0;
    for &index in rows {
        if is_pipe_separator(raw[index]) {
            continue;
        }
        let cells = split_cells(raw[index], separator);
        let number = lines[index].number;
        if cells.len() != header.len() || cells.iter().any(String::is_empty) {
            return Err(Error::input(
                file,
                number,
                format!(
                    "this table row splits into {} cells ({}), but the header on line {} has {}; \
                     separate the cells with tabs or write a Markdown table",
                    cells.len(),
                    cells.join(" | "),
                    header_line,
                    header.len()
                ),
            ));
        }
        row_count += 1;
        let feature = &cells[0];
        let feature_slug = slug(feature);
        let row_key = keys.unique(format!("diff-{feature_slug}"));
        let tags = ["difference", feature_slug.as_str()];
        let row_cards = cards.len();
        // One card per cell, asking what the feature is for that column...
        for ((column, column_slug), value) in columns.iter().zip(&column_slugs).zip(&cells[1..]) {
            cards.push(card(
                keys.unique(format!("{row_key}-{column_slug}")),
                cell_question(column, feature),
                value.clone(),
                &tags,
                number,
            ));
        }
        // ... and one asking for every side of the row at once (a "which one" card would be a
        // guess between the columns).
        let sides: Vec<String> = columns
            .iter()
            .zip(&cells[1..])
            .map(|(column, value)| format!("{column}: {value}"))
            .collect();
        cards.push(card(
            keys.unique(format!("{row_key}-all")),
            row_prompt(feature, columns),
            sides.join("\n"),
            &tags,
            number,
        ));
        // The cards of one row are siblings: one gives the others away.
        for made in &mut cards[row_cards..] {
            made.sibling = Some(row_key.clone());
        }
    }
    if row_count == 0 {
        return Err(Error::input(
            file,
            header_line,
            "the table has a header but no rows under it",
        ));
    }
    let last = lines[*block.last().unwrap_or(&header_index)].number;
    let detail = format!(
        "{} x {}, a card per cell and one per row -> {}",
        counted(row_count, "row"),
        counted(columns.len(), "column"),
        counted(cards.len(), "card")
    );
    Ok(Some((
        cards,
        found(SectionKind::Differences, header_line, last, detail),
    )))
}

/// The table's lines (header first): the first block of a section whose heading speaks of
/// differences or a comparison, or else the first pipe or tab-separated block anywhere.
pub(super) fn table_block(lines: &[Line], sections: &[Section]) -> Option<Vec<usize>> {
    let block_from = |start: usize, end: usize| -> Option<Vec<usize>> {
        let first = (start..end).find(|&i| lines[i].shape != Shape::Blank)?;
        let block: Vec<usize> = (first..end)
            .take_while(|&i| lines[i].shape != Shape::Blank && !is_heading(&lines[i]))
            .collect();
        let header = &lines[first];
        let looks_like_header =
            header.shape == Shape::Text && !header.text.ends_with('.') && block.len() >= 2;
        looks_like_header.then_some(block)
    };
    for section in sections {
        if is_table_heading(heading_text(lines, section))
            && let Some(block) = block_from(section.body.start, section.body.end)
        {
            return Some(block);
        }
    }
    let is_delimited = |line: &Line| {
        let raw = line.raw.trim();
        raw.starts_with('|') || raw.contains('\t')
    };
    let first = lines
        .iter()
        .position(|line| is_delimited(line) && faq_question(&line.text).is_none())?;
    let block: Vec<usize> = (first..lines.len())
        .take_while(|&i| is_delimited(&lines[i]))
        .collect();
    (block.len() >= 2).then_some(block)
}
