//! Cards written by hand in Markdown:
//!
//! ```markdown
//! # Capitals            <- the deck (`## Europe` below it makes `Capitals::Europe`)
//!
//! Q: Capital of France?
//! A: Paris
//! Tags: geo europe      <- optional
//! ID: fr                <- optional stable id; otherwise cards match by deck and question
//!
//! ---                   <- optional; a new `Q:` also starts a new card
//!
//! Q: Capital of Japan?
//! A: Tokyo
//! (answers and questions may run over several lines and paragraphs)
//! ```
//!
//! Text outside a card is ignored; a line that must start with `Q:`, `A:`, `#`, `---` inside a
//! card's text is written with a backslash in front.

use super::{CardSink, DeckCard, DeckData, ImportBatch, text_key};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Question,
    Answer,
}

struct Pending {
    line: usize,
    question: Vec<String>,
    answer: Vec<String>,
    answer_line: Option<usize>,
    tags: Vec<String>,
    id: Option<String>,
    part: Part,
}

impl Pending {
    fn new(line: usize, first: &str) -> Pending {
        Pending {
            line,
            question: vec![first.to_string()],
            answer: Vec::new(),
            answer_line: None,
            tags: Vec::new(),
            id: None,
            part: Part::Question,
        }
    }
}

fn joined(lines: &[String]) -> String {
    lines.join("\n").trim().to_string()
}

/// Parses a Markdown deck file into a batch in memory; errors name the line.
pub fn parse(file: &str, text: &str, default_deck: &str) -> Result<ImportBatch> {
    ImportBatch::read(|sink| parse_into(file, &super::Text::Memory(text), default_deck, sink))
}

/// What one line of a Markdown deck says, before the parser's state decides what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line<'a> {
    /// `# Name`: a deck.
    Deck(&'a str),
    /// `## Name`: a subdeck of the last deck.
    Subdeck(&'a str),
    /// `---` or `***`: the end of a card.
    Separator,
    Question(&'a str),
    Answer(&'a str),
    Tags(&'a str),
    Id(&'a str),
    /// A code fence (three or more backticks or tildes): the lines up to the closing fence are
    /// card text, whatever they look like.
    Fence(Fence),
    Text(&'a str),
}

/// A code fence: its character and length (a closing fence is the same character, at least as
/// long, and nothing else on the line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fence {
    marker: char,
    length: usize,
}

impl Fence {
    fn of(line: &str) -> Option<Fence> {
        let marker = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let length = line.chars().take_while(|c| *c == marker).count();
        (length >= 3).then_some(Fence { marker, length })
    }

    fn closes(self, line: &str) -> bool {
        Fence::of(line).is_some_and(|fence| {
            fence.marker == self.marker
                && fence.length >= self.length
                && line.trim_start_matches(self.marker).is_empty()
        })
    }
}

/// Classifies one line, leading and trailing white space aside; card text keeps both.
fn classify(line: &str) -> Line<'_> {
    let trimmed = line.trim_start();
    if let Some(fence) = Fence::of(trimmed.trim_end()) {
        return Line::Fence(fence);
    }
    if let Some(name) = trimmed.strip_prefix("## ") {
        Line::Subdeck(name.trim())
    } else if let Some(name) = trimmed.strip_prefix("# ") {
        Line::Deck(name.trim())
    } else if matches!(trimmed.trim_end(), "---" | "***") {
        Line::Separator
    } else if let Some(question) = trimmed.strip_prefix("Q:") {
        Line::Question(question.trim_start())
    } else if let Some(answer) = trimmed.strip_prefix("A:") {
        Line::Answer(answer.trim_start())
    } else if let Some(tags) = trimmed.strip_prefix("Tags:") {
        Line::Tags(tags)
    } else if let Some(id) = trimmed.strip_prefix("ID:") {
        Line::Id(id.trim())
    } else {
        Line::Text(line)
    }
}

/// The parser's state: the deck cards go to, the card being read, and an open code fence.
struct Reader<'a> {
    file: &'a str,
    top: Option<String>,
    deck: String,
    pending: Option<Pending>,
    fence: Option<Fence>,
}

impl Reader<'_> {
    /// Hands the card being read to `sink`, checking it is whole.
    fn finish(&mut self, sink: &mut dyn CardSink) -> Result<()> {
        let Some(card) = self.pending.take() else {
            return Ok(());
        };
        let front = joined(&card.question);
        let back = joined(&card.answer);
        if front.is_empty() {
            return Err(Error::input(
                self.file,
                card.line,
                "the question after `Q:` is empty",
            ));
        }
        let Some(answer_line) = card.answer_line else {
            return Err(Error::input(
                self.file,
                card.line,
                "this card has no answer; expected an `A:` line after the question",
            ));
        };
        if back.is_empty() {
            return Err(Error::input(
                self.file,
                answer_line,
                "the answer after `A:` is empty",
            ));
        }
        let key = card.id.unwrap_or_else(|| text_key(&front));
        sink.add(
            &self.deck,
            DeckCard {
                key,
                front,
                back,
                tags: card.tags,
                line: card.line,
                sibling: None,
            },
        )
    }

    /// A line of card text (kept only inside a card; text outside cards is ignored).
    fn text(&mut self, line: &str) {
        if let Some(card) = self.pending.as_mut() {
            let text = unescaped(line).to_string();
            match card.part {
                Part::Question => card.question.push(text),
                Part::Answer => card.answer.push(text),
            }
        }
    }

    fn line(&mut self, number: usize, line: &str, sink: &mut dyn CardSink) -> Result<()> {
        if let Some(open) = self.fence {
            // Inside fenced code everything is text, up to and with the closing fence.
            if open.closes(line.trim()) {
                self.fence = None;
            }
            self.text(line);
            return Ok(());
        }
        match classify(line) {
            Line::Fence(fence) => {
                self.fence = Some(fence);
                self.text(line);
            }
            Line::Subdeck(name) => {
                self.finish(sink)?;
                self.deck = match &self.top {
                    Some(top) => format!("{top}::{name}"),
                    None => name.to_string(),
                };
            }
            Line::Deck(name) => {
                self.finish(sink)?;
                self.top = Some(name.to_string());
                self.deck = name.to_string();
            }
            Line::Separator => self.finish(sink)?,
            Line::Question(question) => {
                self.finish(sink)?;
                self.pending = Some(Pending::new(number, unescaped(question)));
            }
            Line::Answer(answer) => match self.pending.as_mut() {
                Some(card) if card.part == Part::Question => {
                    card.part = Part::Answer;
                    card.answer_line = Some(number);
                    card.answer.push(unescaped(answer).to_string());
                }
                _ => {
                    return Err(Error::input(
                        self.file,
                        number,
                        "`A:` without a `Q:` before it; expected a question first",
                    ));
                }
            },
            Line::Tags(tags) if self.pending.is_some() => {
                let tags = super::tag_list(tags)
                    .map_err(|reason| Error::input(self.file, number, reason))?;
                if let Some(card) = self.pending.as_mut() {
                    card.tags = tags;
                }
            }
            Line::Id(id) if self.pending.is_some() => {
                if id.is_empty() || id.contains(char::is_whitespace) {
                    return Err(Error::input(
                        self.file,
                        number,
                        "`ID:` expects one word without spaces",
                    ));
                }
                if let Some(card) = self.pending.as_mut() {
                    card.id = Some(id.to_string());
                }
            }
            Line::Tags(_) | Line::Id(_) | Line::Text(_) => self.text(line),
        }
        Ok(())
    }
}

/// Parses a Markdown deck file card by card into `sink`, a line at a time; errors name the
/// line.
pub fn parse_into(
    file: &str,
    text: &super::Text<'_>,
    default_deck: &str,
    sink: &mut dyn CardSink,
) -> Result<()> {
    let mut reader = Reader {
        file,
        top: None,
        deck: default_deck.to_string(),
        pending: None,
        fence: None,
    };
    let mut lines = text.lines(file)?;
    while let Some(raw) = lines.next_line()? {
        // A file saved with Windows line ends has CR LF after every line; elsewhere a CR is
        // the card's own (an exported card keeps it) and only LF ends a line.
        let line = match raw.text.strip_suffix('\r') {
            Some(line) if raw.windows => line,
            _ => raw.text,
        };
        reader.line(raw.number, line, sink)?;
    }
    reader.finish(sink)
}

/// Card text written with a leading backslash, as `write` escapes it.
fn unescaped(text: &str) -> &str {
    text.strip_prefix('\\').unwrap_or(text)
}

/// A line of card text that the parser would take for structure gets a backslash.
fn escaped(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let t = line.trim_start();
            let structural = [
                "Q:", "A:", "Tags:", "ID:", "#", "---", "***", "```", "~~~", "\\",
            ]
            .iter()
            .any(|p| t.starts_with(p));
            if structural {
                format!("\\{line}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes one deck in this format (the inverse of `parse`).
pub fn write(deck: &DeckData) -> String {
    let mut out = format!("# {}\n", deck.name);
    for card in &deck.cards {
        out.push_str(&format!(
            "\nQ: {}\nA: {}\n",
            escaped(&card.front),
            escaped(&card.back)
        ));
        if !card.tags.is_empty() {
            out.push_str(&format!("Tags: {}\n", card.tags.join(" ")));
        }
        out.push_str(&format!("ID: {}\n\n---\n", card.key));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fenced_code_in_a_card_is_card_text_whatever_it_looks_like() {
        let text = "# Shell\n\nQ: How do you comment a line?\nA: Start it with a hash:\n\n```sh\n# not a deck\nQ: not a question\n---\n```\nthat is all.\n\n~~~~\n```\n## still code\n~~~~\n\nQ: Second?\nA: Yes.\n";
        let batch = parse("shell.md", text, "Default").expect("parses");
        assert_eq!(batch.decks.len(), 1, "a # inside code starts no deck");
        let cards = &batch.decks[0].cards;
        assert_eq!(cards.len(), 2, "nothing inside code ends or starts a card");
        assert_eq!(
            cards[0].back,
            "Start it with a hash:\n\n```sh\n# not a deck\nQ: not a question\n---\n```\nthat is all.\n\n~~~~\n```\n## still code\n~~~~"
        );
        assert_eq!(cards[1].front, "Second?");
        // Written back and read again, the card is the same.
        let again = parse("again.md", &write(&batch.decks[0]), "Default").expect("round trip");
        assert_eq!(again.decks[0].cards[0].back, cards[0].back);
        assert_eq!(again.decks[0].cards.len(), 2);
    }

    const DECK: &str = "# Capitals\n\nSome notes that are not cards.\n\nQ: Capital of France?\nA: Paris\nTags: geo europe\nID: fr\n\n---\n\nQ: Capital\nof Japan?\nA: Tokyo\n\nSince 1869.\n\n## Americas\n\nQ: Capital of Peru?\nA: Lima\n";

    #[test]
    fn cards_decks_tags_and_ids() {
        let batch = parse("c.md", DECK, "fallback").expect("parses");
        let decks: Vec<(&str, usize)> = batch
            .decks
            .iter()
            .map(|d| (d.name.as_str(), d.cards.len()))
            .collect();
        assert_eq!(decks, vec![("Capitals", 2), ("Capitals::Americas", 1)]);
        let fr = &batch.decks[0].cards[0];
        assert_eq!((fr.key.as_str(), fr.line), ("fr", 5));
        assert_eq!(fr.tags, vec!["geo", "europe"]);
        let jp = &batch.decks[0].cards[1];
        assert_eq!(jp.front, "Capital\nof Japan?");
        assert_eq!(jp.back, "Tokyo\n\nSince 1869.");
        assert_eq!(jp.key, text_key("Capital\nof Japan?"));
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("# D\nA: orphan\n", "m.md:2: `A:` without a `Q:`"),
            (
                "# D\nQ: no answer\n\nQ: next\nA: x\n",
                "m.md:2: this card has no answer",
            ),
            (
                "# D\nQ: q\nA:\n\n---\n",
                "m.md:3: the answer after `A:` is empty",
            ),
            ("Q:   \nA: a\n", "m.md:1: the question after `Q:` is empty"),
            (
                "Q: q\nA: a\nID: two words\n",
                "m.md:3: `ID:` expects one word",
            ),
        ];
        for (text, expected) in cases {
            let message = parse("m.md", text, "D").expect_err(text).to_string();
            assert!(message.starts_with(expected), "{message}");
        }
    }

    #[test]
    fn written_decks_read_back_even_with_tricky_lines() {
        let deck = DeckData {
            name: "Deck".to_string(),
            description: String::new(),
            cards: vec![DeckCard {
                key: "k".to_string(),
                front: "Q: a question about Q:".to_string(),
                back: "# not a heading\n---\nplain".to_string(),
                tags: vec!["t".to_string()],
                line: 1,
                sibling: None,
            }],
        };
        let text = write(&deck);
        let batch = parse("w.md", &text, "x").expect("reads back");
        let card = &batch.decks[0].cards[0];
        assert_eq!(batch.decks[0].name, "Deck");
        assert_eq!(
            (card.key.as_str(), card.front.as_str(), card.back.as_str()),
            ("k", "Q: a question about Q:", "# not a heading\n---\nplain")
        );
    }
}
