//! The article generator: a "Difference Between X and Y" article (plain text, the shape of
//! `decks/source/leadership-vs-management.txt`, or the same content in Markdown) becomes native
//! decks: definitions, the key-differences table, the critical dimensions and the FAQ.
//!
//! The parser walks the lines once to classify them (headings, bullets, questions), keeping line
//! numbers, then reads each kind of section from that outline.

use super::{DeckCard, DeckData};
use crate::error::{Error, Result};

mod definitions;
mod differences;
mod dimensions;
mod faq;
pub mod html;
mod outline;
mod promotion;
mod unmatched;
mod words;

use definitions::definitions;
use differences::differences;
use dimensions::dimensions;
use faq::faq;
use outline::{outline, split_sections, topic_of};
pub use words::{question_problem, slug};

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
            SectionKind::Faq => {
                "an FAQ (\"Q1: question\" lines, or questions ending in ? as headings, bold or \
                 numbered lines under an \"FAQ\" heading, each with its answer)"
            }
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
    /// What was left out and why (`faq Q10: left out: promotion`).
    pub notes: Vec<String>,
    /// Lines that look like a definition, a table row or a question with its answer but
    /// matched no rule.
    pub unmatched: Vec<String>,
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
    // A saved web page is read as the Markdown of its content (line numbers are that text's).
    let converted;
    let text = if html::looks_like_html(text) {
        converted = html::to_markdown(text);
        converted.as_str()
    } else {
        text
    };
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
    let mut notes = Vec::new();
    for kind in SectionKind::ALL {
        let result = match kind {
            SectionKind::Definitions => definitions(file, &lines, &sections, &mut notes)?,
            SectionKind::Differences => differences(file, &lines, &sections)?,
            SectionKind::Dimensions => dimensions(file, &lines, &sections)?,
            SectionKind::Faq => faq(file, &lines, &sections, &mut notes)?,
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
    let covered: Vec<(usize, usize)> = found.iter().map(|f| (f.first_line, f.last_line)).collect();
    let defined: Vec<String> = decks
        .iter()
        .filter(|deck| deck.kind == SectionKind::Definitions)
        .flat_map(|deck| deck.deck.cards.iter().map(|card| card.front.clone()))
        .collect();
    let unmatched =
        unmatched::unmatched(&lines, &covered, &unmatched::subjects_of(&topic), &defined);
    Ok(Generated {
        title,
        decks,
        found,
        missing,
        notes,
        unmatched,
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

#[cfg(test)]
mod tests;
