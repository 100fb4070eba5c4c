//! The article generator: a "Difference Between X and Y" article (plain text, the shape of
//! `decks/source/leadership-vs-management.txt`, or the same content in Markdown) becomes native
//! decks: definitions, the key-differences table, the critical dimensions and the FAQ.
//!
//! The parser walks the lines once to classify them (headings, bullets, questions), keeping line
//! numbers, then reads each kind of section from that outline.

use super::{DeckCard, DeckData};
use crate::error::{Error, Result};

/// One kind of section the generator looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Definitions,
    Differences,
    Dimensions,
    Faq,
}

impl SectionKind {
    pub const ALL: [SectionKind; 4] = [
        SectionKind::Definitions,
        SectionKind::Differences,
        SectionKind::Dimensions,
        SectionKind::Faq,
    ];

    /// What the generator looked for, in words for messages.
    pub fn looked_for(self) -> &'static str {
        match self {
            SectionKind::Definitions => "definitions (\"What is X?\" headings with a paragraph)",
            SectionKind::Differences => {
                "a key-differences table (a \"Key Differences\" or \"Comparison\" section, \
                 tab-separated rows or a Markdown pipe table)"
            }
            SectionKind::Dimensions => {
                "critical dimensions (a \"Dimensions\" section with sub-headings and bullets)"
            }
            SectionKind::Faq => "an FAQ (\"Q1: question\" lines with answers)",
        }
    }

    fn name(self) -> &'static str {
        match self {
            SectionKind::Definitions => "definitions",
            SectionKind::Differences => "key differences",
            SectionKind::Dimensions => "dimensions",
            SectionKind::Faq => "faq",
        }
    }

    fn deck_suffix(self) -> &'static str {
        match self {
            SectionKind::Definitions => "Definitions",
            SectionKind::Differences => "Key Differences",
            SectionKind::Dimensions => "Dimensions",
            SectionKind::Faq => "FAQ",
        }
    }

    fn file_suffix(self) -> &'static str {
        match self {
            SectionKind::Definitions => "definitions",
            SectionKind::Differences => "differences",
            SectionKind::Dimensions => "dimensions",
            SectionKind::Faq => "faq",
        }
    }
}

/// What was found of one kind of section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: SectionKind,
    pub first_line: usize,
    pub last_line: usize,
    /// "6 rows x 2 columns", "10 questions", ...
    pub detail: String,
}

/// One generated deck and the file it goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedDeck {
    pub kind: SectionKind,
    pub file_name: String,
    pub deck: DeckData,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub title: String,
    pub decks: Vec<GeneratedDeck>,
    pub found: Vec<Found>,
    pub missing: Vec<SectionKind>,
}

impl Found {
    pub fn describe(&self) -> String {
        format!(
            "{:<16} lines {}-{}: {}",
            self.kind.name(),
            self.first_line,
            self.last_line,
            self.detail
        )
    }
}

/// Generates the decks of one article. `file` names it in errors; `stem` prefixes the deck
/// files (`stem-definitions.toml`, ...). Errors name the line; an article with none of the
/// sections is an error that says what was looked for.
pub fn generate(file: &str, stem: &str, text: &str) -> Result<Generated> {
    let lines = outline(text);
    let title = lines
        .iter()
        .find(|line| !line.text.is_empty())
        .map(|line| line.text.clone())
        .ok_or_else(|| Error::input(file, 1, "the article is empty"))?;
    let topic = topic_of(&title);
    let sections = split_sections(&lines);

    let mut decks = Vec::new();
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for kind in SectionKind::ALL {
        let result = match kind {
            SectionKind::Definitions => definitions(file, &lines, &sections)?,
            SectionKind::Differences => differences(file, &lines, &sections)?,
            SectionKind::Dimensions => dimensions(file, &lines, &sections)?,
            SectionKind::Faq => faq(file, &lines)?,
        };
        match result {
            Some((cards, report)) if !cards.is_empty() => {
                decks.push(GeneratedDeck {
                    kind,
                    file_name: format!("{stem}-{}.toml", kind.file_suffix()),
                    deck: DeckData {
                        name: format!("{topic}::{}", kind.deck_suffix()),
                        description: format!(
                            "{} from “{}”, made by `recall generate`",
                            kind.deck_suffix(),
                            title
                        ),
                        cards,
                    },
                });
                found.push(Found { kind, ..report });
            }
            _ => missing.push(kind),
        }
    }
    if decks.is_empty() {
        let wanted: Vec<&str> = SectionKind::ALL.iter().map(|k| k.looked_for()).collect();
        return Err(Error::input(
            file,
            1,
            format!(
                "no sections to make cards from; looked for {}",
                wanted.join("; ")
            ),
        ));
    }
    Ok(Generated {
        title,
        decks,
        found,
        missing,
    })
}

/// A generated deck file: a note on where it came from, then the native format.
pub fn render_file(source_name: &str, deck: &DeckData) -> String {
    format!(
        "# Generated by `recall generate` from {source_name}.\n\
         # Edit the article and generate again: card ids are stable, so schedules are kept.\n\n{}",
        super::native::to_toml(deck)
    )
}

// ---------------------------------------------------------------------------------------------
// The outline: each line classified once, with its number.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Blank,
    /// `#` in Markdown: the article's title.
    Title,
    /// `1. Defining the Roles` or `## ...`.
    Section,
    /// `I. Creating an Agenda` or `### ...`.
    Subsection,
    /// `• ...`, `- ...`, `* ...`.
    Bullet,
    Text,
}

#[derive(Debug, Clone)]
struct Line {
    number: usize,
    shape: Shape,
    /// The line as written (tables need the tabs that `text` folds away).
    raw: String,
    /// The line without Markdown markers, bullets or heading numbers' hashes, whitespace folded.
    text: String,
}

fn outline(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .map(|(index, raw)| classify(index + 1, raw))
        .collect()
}

fn classify(number: usize, raw: &str) -> Line {
    let cleaned = clean_inline(raw);
    let trimmed = cleaned.trim();
    let line = |shape, text: &str| Line {
        number,
        shape,
        raw: raw.to_string(),
        text: fold_whitespace(text),
    };
    if trimmed.is_empty() {
        return line(Shape::Blank, "");
    }
    if let Some(rest) = trimmed.strip_prefix('#') {
        let level = 1 + rest.chars().take_while(|c| *c == '#').count();
        let heading = rest.trim_start_matches('#').trim();
        let shape = match level {
            1 => Shape::Title,
            2 => Shape::Section,
            _ => Shape::Subsection,
        };
        return line(shape, heading);
    }
    for marker in ['•', '·', '–', '-', '*', '●', '▪'] {
        if let Some(rest) = trimmed.strip_prefix(marker)
            && rest.starts_with(char::is_whitespace)
        {
            return line(Shape::Bullet, rest.trim());
        }
    }
    if is_numbered_heading(trimmed) {
        return line(Shape::Section, trimmed);
    }
    if roman_heading(trimmed).is_some() {
        return line(Shape::Subsection, trimmed);
    }
    line(Shape::Text, trimmed)
}

/// `3. Leading vs. Managing: 4 Critical Dimensions`: a number, a dot, a short title without a
/// closing full stop (a numbered sentence in a paragraph ends with one).
fn is_numbered_heading(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return false;
    }
    let rest = &text[digits..];
    rest.starts_with(". ")
        && rest[2..].starts_with(|c: char| c.is_uppercase())
        && text.chars().count() <= 90
        && !text.ends_with('.')
}

/// `IV. Outcomes` -> `Outcomes`.
fn roman_heading(text: &str) -> Option<&str> {
    let numeral_len = text
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
        .count();
    if numeral_len == 0 || numeral_len > 4 {
        return None;
    }
    let rest = text[numeral_len..].strip_prefix(". ")?;
    (rest.starts_with(|c: char| c.is_uppercase()) && text.chars().count() <= 90).then_some(rest)
}

/// Removes Markdown emphasis and link syntax and every control character but tab.
fn clean_inline(raw: &str) -> String {
    let without_controls: String = crate::text::for_terminal(raw)
        .chars()
        .filter(|c| *c != '\n')
        .collect();
    let mut text = without_controls.replace("**", "").replace("__", "");
    // [text](url) -> text
    while let Some(open) = text.find('[') {
        let Some(close) = text[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(end) = text[close..].find(')').map(|i| close + i) else {
            break;
        };
        let label = text[open + 1..close].to_string();
        text.replace_range(open..=end, &label);
    }
    if let Some(quoted) = text.trim_start().strip_prefix("> ") {
        text = quoted.to_string();
    }
    text
}

/// Folds runs of spaces and tabs into one space (tabs matter only to tables, read from `raw`).
fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What an article compares, for its deck names: `Difference Between Leadership and
/// Management` and `What Is the Difference Between Leadership and Management?` give
/// `Leadership and Management`; `Leadership vs. Management: A Guide` gives
/// `Leadership vs. Management`; anything else is the title itself.
fn topic_of(title: &str) -> String {
    let trim = |text: &str| {
        text.trim()
            .trim_end_matches(['?', '.', ':', '!'])
            .trim()
            .to_string()
    };
    let lower = title.to_lowercase();
    for marker in ["differences between ", "difference between "] {
        if let Some(at) = lower.find(marker) {
            // Lower-casing may change byte lengths only outside ASCII; fall back to the title.
            if let Some(rest) = title.get(at + marker.len()..) {
                return trim(rest.split(':').next().unwrap_or(rest));
            }
        }
    }
    if let Some((before, _)) = title.split_once(':')
        && [" vs", " versus "]
            .iter()
            .any(|m| before.to_lowercase().contains(m))
    {
        return trim(before);
    }
    trim(title)
}

/// A top-level section: its heading line index and the index range of its body.
#[derive(Debug, Clone)]
struct Section {
    heading: Option<usize>,
    body: std::ops::Range<usize>,
}

/// Splits at Section headings; the lines before the first one (after the title) are the
/// introduction, a section without a heading.
fn split_sections(lines: &[Line]) -> Vec<Section> {
    let mut sections = Vec::new();
    let first_text = lines.iter().position(|l| l.shape != Shape::Blank);
    let mut start = first_text.map_or(0, |i| i + 1);
    let mut heading = None;
    for (index, line) in lines.iter().enumerate().skip(start) {
        if line.shape == Shape::Section {
            sections.push(Section {
                heading,
                body: start..index,
            });
            heading = Some(index);
            start = index + 1;
        }
    }
    sections.push(Section {
        heading,
        body: start..lines.len(),
    });
    sections
}

fn heading_text<'l>(lines: &'l [Line], section: &Section) -> &'l str {
    section.heading.map_or("", |i| lines[i].text.as_str())
}

/// Paragraphs from `lines[from..]` until `stop` says a line ends them or two blank lines do:
/// lines of a paragraph joined with spaces, paragraphs with a blank line. Returns the text and
/// the index of the last line used.
fn paragraphs(lines: &[Line], from: usize, stop: impl Fn(&Line) -> bool) -> (String, usize) {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut blanks = 0;
    let mut last = from.saturating_sub(1);
    for (index, line) in lines.iter().enumerate().skip(from) {
        if stop(line) {
            break;
        }
        if line.shape == Shape::Blank {
            blanks += 1;
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
            if blanks >= 2 && !paragraphs.is_empty() {
                break;
            }
            continue;
        }
        blanks = 0;
        current.push(&line.text);
        last = index;
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    (paragraphs.join("\n\n"), last)
}

fn is_heading(line: &Line) -> bool {
    matches!(
        line.shape,
        Shape::Title | Shape::Section | Shape::Subsection
    )
}

/// A lower-case, hyphenated id part: `Time Horizon` -> `time-horizon`.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

fn card(key: String, front: String, back: String, tags: &[&str], line: usize) -> DeckCard {
    DeckCard {
        key,
        front,
        back,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        line,
        sibling: None,
    }
}

type SectionResult = Option<(Vec<DeckCard>, Found)>;

fn found(kind: SectionKind, first_line: usize, last_line: usize, detail: String) -> Found {
    Found {
        kind,
        first_line,
        last_line,
        detail,
    }
}

// ---------------------------------------------------------------------------------------------
// Definitions: "What is X?" headings (outside the FAQ), and a quotation in the introduction.

/// `What is Management?` -> `Management`.
fn defined_term(text: &str) -> Option<&str> {
    let question = text.strip_suffix('?')?;
    ["What is ", "What are ", "What Is ", "What Are "]
        .iter()
        .find_map(|prefix| question.strip_prefix(prefix))
        .map(str::trim)
        .filter(|term| !term.is_empty() && term.split_whitespace().count() <= 6)
}

fn definitions(file: &str, lines: &[Line], sections: &[Section]) -> Result<SectionResult> {
    let mut cards: Vec<DeckCard> = Vec::new();
    let mut keys = Keys::default();
    let mut first_line = usize::MAX;
    let mut last_line = 0;
    for (index, line) in lines.iter().enumerate() {
        if line.shape == Shape::Blank || faq_question(&line.text).is_some() {
            continue;
        }
        let standalone =
            index == 0 || lines[index - 1].shape == Shape::Blank || is_heading(&lines[index - 1]);
        let Some(term) = defined_term(&line.text).filter(|_| standalone) else {
            continue;
        };
        let (back, last) = paragraphs(lines, index + 1, |l| {
            is_heading(l) || defined_term(&l.text).is_some() || faq_question(&l.text).is_some()
        });
        if back.is_empty() {
            return Err(Error::input(
                file,
                line.number,
                format!(
                    "\"{}\" has no paragraph under it; expected its definition",
                    line.text
                ),
            ));
        }
        let key = keys.unique(format!("def-{}", slug(term)));
        cards.push(card(
            key,
            line.text.clone(),
            back,
            &["definition"],
            line.number,
        ));
        first_line = first_line.min(line.number);
        last_line = last_line.max(lines[last].number);
    }
    let definitions = cards.len();
    let quotation = sections
        .iter()
        .find(|s| s.heading.is_none())
        .and_then(|intro| quotation_card(lines, intro));
    if let Some(quote) = quotation {
        first_line = first_line.min(quote.line);
        last_line = last_line.max(quote.line);
        cards.insert(0, quote);
    }
    if cards.is_empty() {
        return Ok(None);
    }
    let quotes = cards.len() - definitions;
    let detail = format!(
        "{}{} -> {}",
        counted(definitions, "definition"),
        if quotes > 0 { ", 1 quotation" } else { "" },
        counted(cards.len(), "card")
    );
    Ok(Some((
        cards,
        found(SectionKind::Definitions, first_line, last_line, detail),
    )))
}

/// `... Peter Drucker once said: “Management is doing things right; leadership is doing the
/// right things.”` gives a cloze card blanking the end of the last clause.
fn quotation_card(lines: &[Line], intro: &Section) -> Option<DeckCard> {
    for line in &lines[intro.body.clone()] {
        let Some(said) = line.text.find("said") else {
            continue;
        };
        let after = &line.text[said..];
        let open = after.find(['“', '"'])?;
        let opening_mark = after[open..].chars().next()?;
        let quoted = &after[open + opening_mark.len_utf8()..];
        let close = quoted.find(['”', '"'])?;
        let quote = quoted[..close].trim();
        if quote.split_whitespace().count() < 4 {
            continue;
        }
        let who = speaker(&line.text[..said]);
        let cloze = cloze_of(quote)?;
        let front = match &who {
            Some(who) => format!("Complete {who}’s line: “{cloze}”"),
            None => format!("Complete the quotation: “{cloze}”"),
        };
        return Some(card(
            "quote-1".to_string(),
            front,
            format!("“{quote}”"),
            &["quotation"],
            line.number,
        ));
    }
    None
}

/// The capitalised words just before "once said" / "said": `... consultant Peter Drucker once`.
fn speaker(before: &str) -> Option<String> {
    let words: Vec<&str> = before
        .split_whitespace()
        .filter(|w| !matches!(*w, "once" | "famously" | "has" | "had" | "also"))
        .collect();
    let name: Vec<&str> = words
        .iter()
        .rev()
        .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
        .copied()
        .collect();
    if name.is_empty() || name.len() > 4 || name.len() == words.len() {
        return None;
    }
    Some(name.into_iter().rev().collect::<Vec<_>>().join(" "))
}

/// Blanks what follows the verb of the quotation's last clause: `leadership is [...].`
fn cloze_of(quote: &str) -> Option<String> {
    let clause_start = quote.rfind([';', ',']).map_or(0, |i| i + 1);
    let clause = &quote[clause_start..];
    let verb_end = [" is ", " are ", " was ", " means "]
        .iter()
        .filter_map(|verb| clause.find(verb).map(|i| i + verb.len()))
        .min()?;
    let cut = clause_start + verb_end;
    let ending = if quote.ends_with(['.', '!', '?']) {
        &quote[quote.len() - 1..]
    } else {
        ""
    };
    Some(format!("{}[...]{ending}", &quote[..cut]))
}

/// The keys a deck has handed out, so that a repeated one gets `-2`, `-3`, ... in one look-up
/// each (a list of 6,000 bullets of one subject once took 40 s of rescans).
#[derive(Default)]
struct Keys {
    used: std::collections::HashSet<String>,
    /// The next suffix to try for a key already used.
    next: std::collections::HashMap<String, u32>,
}

impl Keys {
    fn unique(&mut self, key: String) -> String {
        if self.used.insert(key.clone()) {
            return key;
        }
        let suffix = self.next.entry(key.clone()).or_insert(2);
        loop {
            let candidate = format!("{key}-{suffix}");
            *suffix += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The key-differences table.

fn is_table_heading(text: &str) -> bool {
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
enum CellSeparator {
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
    fn of_header(raw: &str) -> CellSeparator {
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
fn split_cells(raw: &str, separator: CellSeparator) -> Vec<String> {
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

fn split_glued(text: &str) -> Vec<String> {
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
fn is_pipe_separator(raw: &str) -> bool {
    let t = raw.trim();
    t.contains('|')
        && t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

fn differences(file: &str, lines: &[Line], sections: &[Section]) -> Result<SectionResult> {
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
        let feature_words = feature.to_lowercase();
        let verb = if is_plural(&feature_words) {
            "are"
        } else {
            "is"
        };
        // The cards of one row are siblings: one gives the others away.
        let row_cards = cards.len();
        for (column, value) in columns.iter().zip(&cells[1..]) {
            let tags = ["difference", feature_slug.as_str()];
            cards.push(card(
                format!("diff-{feature_slug}-{}", slug(column)),
                format!("{column}: what {verb} its {feature_words}?"),
                value.clone(),
                &tags,
                number,
            ));
            let owners: Vec<&str> = columns
                .iter()
                .zip(&cells[1..])
                .filter(|(_, v)| *v == value)
                .map(|(c, _)| c.as_str())
                .collect();
            cards.push(card(
                format!("diff-{feature_slug}-{}-which", slug(column)),
                format!(
                    "Which one’s {feature_words} {verb} “{value}”: {}?",
                    or_list(columns)
                ),
                owners.join(" and "),
                &tags,
                number,
            ));
        }
        for made in &mut cards[row_cards..] {
            made.sibling = Some(format!("diff-{feature_slug}"));
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
        "{} x {} x 2 directions -> {}",
        counted(row_count, "row"),
        counted(columns.len(), "column"),
        counted(cards.len(), "card")
    );
    Ok(Some((
        cards,
        found(SectionKind::Differences, header_line, last, detail),
    )))
}

fn counted(count: usize, noun: &str) -> String {
    crate::text::counted(u64::try_from(count).unwrap_or(u64::MAX), noun)
}

/// `owners` is plural; `focus`, `process` and `analysis` are not.
fn is_plural(phrase: &str) -> bool {
    let last = phrase.split_whitespace().last().unwrap_or(phrase);
    last.ends_with('s') && !["ss", "us", "is"].iter().any(|end| last.ends_with(end))
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The table's lines (header first): the first block of a section whose heading speaks of
/// differences or a comparison, or else the first pipe or tab-separated block anywhere.
fn table_block(lines: &[Line], sections: &[Section]) -> Option<Vec<usize>> {
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

// ---------------------------------------------------------------------------------------------
// The critical dimensions: sub-headings, each with one bullet per compared side.

fn dimensions(file: &str, lines: &[Line], sections: &[Section]) -> Result<SectionResult> {
    let Some(section) = sections
        .iter()
        .find(|s| heading_text(lines, s).to_lowercase().contains("dimension"))
    else {
        return Ok(None);
    };
    // (sub-heading line index, bullets as (line index, text))
    let mut groups: Vec<(usize, Vec<(usize, String)>)> = Vec::new();
    for index in section.body.clone() {
        let line = &lines[index];
        match line.shape {
            Shape::Subsection => groups.push((index, Vec::new())),
            Shape::Bullet => {
                if let Some((_, bullets)) = groups.last_mut() {
                    bullets.push((index, line.text.clone()));
                }
            }
            Shape::Text => {
                // A wrapped bullet continues on the next line.
                if let Some((_, bullets)) = groups.last_mut()
                    && let Some((last, text)) = bullets.last_mut()
                    && *last + 1 == index
                {
                    text.push(' ');
                    text.push_str(&line.text);
                    *last = index;
                } else if is_plain_subheading(lines, index) {
                    groups.push((index, Vec::new()));
                }
            }
            _ => {}
        }
    }
    if groups.is_empty() {
        return Ok(None);
    }
    let mut cards: Vec<DeckCard> = Vec::new();
    let mut keys = Keys::default();
    for (heading_index, bullets) in &groups {
        let heading = &lines[*heading_index];
        let dimension = dimension_name(&heading.text).to_string();
        if bullets.is_empty() {
            return Err(Error::input(
                file,
                heading.number,
                format!("dimension \"{dimension}\" has no bullets under it; expected one per side"),
            ));
        }
        for (index, text) in bullets {
            let (subject, back) = bullet_subject(text);
            let verb = if subject.ends_with('s') { "do" } else { "does" };
            let front = format!("{dimension}: what {verb} {} do?", lowercase_first(&subject));
            let key = keys.unique(format!("dim-{}-{}", slug(&dimension), slug(&subject)));
            let mut made = card(key, front, back, &["dimension"], lines[*index].number);
            // The sides of one dimension are siblings.
            made.sibling = Some(format!("dim-{}", slug(&dimension)));
            cards.push(made);
        }
    }
    let first = lines[groups[0].0].number;
    let last = groups
        .iter()
        .flat_map(|(_, bullets)| bullets.iter().map(|(i, _)| lines[*i].number))
        .max()
        .unwrap_or(first);
    let detail = format!(
        "{} -> {}",
        counted(groups.len(), "dimension"),
        counted(cards.len(), "card")
    );
    Ok(Some((
        cards,
        found(SectionKind::Dimensions, first, last, detail),
    )))
}

/// A plain line that heads the bullets under it (`Dimension 1: Creating an Agenda`): short, no
/// full stop, after a blank line, with a bullet next.
fn is_plain_subheading(lines: &[Line], index: usize) -> bool {
    let line = &lines[index];
    let after_blank = index == 0 || lines[index - 1].shape == Shape::Blank;
    let next = lines[index + 1..].iter().find(|l| l.shape != Shape::Blank);
    after_blank
        && line.text.chars().count() <= 80
        && !line.text.ends_with(['.', ':'])
        && next.is_some_and(|l| l.shape == Shape::Bullet)
}

/// `IV. Outcomes`, `2) Outcomes`, `Dimension 4: Outcomes` -> `Outcomes`.
fn dimension_name(text: &str) -> &str {
    if let Some(name) = roman_heading(text) {
        return name;
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = text[digits..]
            .strip_prefix(". ")
            .or_else(|| text[digits..].strip_prefix(") "))
    {
        return rest.trim();
    }
    if let Some((label, rest)) = text.split_once(':')
        && label.to_lowercase().starts_with("dimension")
        && label.split_whitespace().count() <= 2
    {
        return rest.trim();
    }
    text
}

/// `The Leader: Sees a gap ...` -> (`The Leader`, `Sees a gap ...`); `Managers develop plans.`
/// -> (`Managers`, the whole bullet).
fn bullet_subject(text: &str) -> (String, String) {
    if let Some((subject, rest)) = text.split_once(':')
        && subject.split_whitespace().count() <= 4
        && !rest.trim().is_empty()
    {
        return (subject.trim().to_string(), rest.trim().to_string());
    }
    let subject = text.split_whitespace().next().unwrap_or(text);
    let subject = subject.trim_end_matches([',', '.', ':', ';']);
    (subject.to_string(), text.to_string())
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// The FAQ: `Q1: question` lines, each answered by the paragraphs under it.

/// `Q7: What is the first step?` -> (7, `What is the first step?`).
fn faq_question(text: &str) -> Option<(u32, &str)> {
    let rest = text.strip_prefix('Q')?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let number = rest[..digits].parse().ok()?;
    let question = rest[digits..].strip_prefix([':', '.', ')'])?.trim();
    (!question.is_empty()).then_some((number, question))
}

fn faq(file: &str, lines: &[Line]) -> Result<SectionResult> {
    let mut cards: Vec<DeckCard> = Vec::new();
    let mut numbers: Vec<(u32, usize)> = Vec::new();
    let (mut first, mut last) = (usize::MAX, 0);
    for (index, line) in lines.iter().enumerate() {
        let Some((number, question)) = faq_question(&line.text) else {
            continue;
        };
        if let Some((_, earlier)) = numbers.iter().find(|(n, _)| *n == number) {
            return Err(Error::input(
                file,
                line.number,
                format!(
                    "question Q{number} appears twice (first at line {earlier}); expected each number once"
                ),
            ));
        }
        numbers.push((number, line.number));
        let (answer, answer_end) = paragraphs(lines, index + 1, |l| {
            faq_question(&l.text).is_some() || is_heading(l)
        });
        if answer.is_empty() {
            return Err(Error::input(
                file,
                line.number,
                format!("Q{number} has no answer under it; expected a paragraph"),
            ));
        }
        cards.push(card(
            format!("faq-{number}"),
            question.to_string(),
            answer,
            &["faq"],
            line.number,
        ));
        first = first.min(line.number);
        last = last.max(lines[answer_end].number);
    }
    if cards.is_empty() {
        return Ok(None);
    }
    let detail = format!(
        "{} -> {}",
        counted(cards.len(), "question"),
        counted(cards.len(), "card")
    );
    Ok(Some((cards, found(SectionKind::Faq, first, last, detail))))
}

#[cfg(test)]
mod tests;
