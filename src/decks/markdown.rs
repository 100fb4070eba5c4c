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
    ImportBatch::read(|sink| parse_into(file, text, default_deck, sink))
}

/// Parses a Markdown deck file card by card into `sink`; errors name the line.
pub fn parse_into(
    file: &str,
    text: &str,
    default_deck: &str,
    sink: &mut dyn CardSink,
) -> Result<()> {
    let mut top: Option<String> = None;
    let mut deck = default_deck.to_string();
    let mut pending: Option<Pending> = None;

    let finish =
        |pending: &mut Option<Pending>, deck: &str, batch: &mut dyn CardSink| -> Result<()> {
            let Some(card) = pending.take() else {
                return Ok(());
            };
            let front = joined(&card.question);
            let back = joined(&card.answer);
            if front.is_empty() {
                return Err(Error::input(
                    file,
                    card.line,
                    "the question after `Q:` is empty",
                ));
            }
            if card.answer_line.is_none() {
                return Err(Error::input(
                    file,
                    card.line,
                    "this card has no answer; expected an `A:` line after the question",
                ));
            }
            if back.is_empty() {
                return Err(Error::input(
                    file,
                    card.answer_line.unwrap_or(card.line),
                    "the answer after `A:` is empty",
                ));
            }
            let key = card.id.unwrap_or_else(|| text_key(&front));
            batch.add(
                deck,
                DeckCard {
                    key,
                    front,
                    back,
                    tags: card.tags,
                    line: card.line,
                },
            )
        };

    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if let Some(heading) = trimmed.strip_prefix("## ") {
            finish(&mut pending, &deck, sink)?;
            deck = match &top {
                Some(top) => format!("{top}::{}", heading.trim()),
                None => heading.trim().to_string(),
            };
        } else if let Some(heading) = trimmed.strip_prefix("# ") {
            finish(&mut pending, &deck, sink)?;
            top = Some(heading.trim().to_string());
            deck = heading.trim().to_string();
        } else if trimmed == "---" || trimmed == "***" {
            finish(&mut pending, &deck, sink)?;
        } else if let Some(question) = trimmed.strip_prefix("Q:") {
            finish(&mut pending, &deck, sink)?;
            pending = Some(Pending::new(number, unescaped(question.trim())));
        } else if let Some(answer) = trimmed.strip_prefix("A:") {
            match pending.as_mut() {
                Some(card) if card.part == Part::Question => {
                    card.part = Part::Answer;
                    card.answer_line = Some(number);
                    card.answer.push(unescaped(answer.trim()).to_string());
                }
                _ => {
                    return Err(Error::input(
                        file,
                        number,
                        "`A:` without a `Q:` before it; expected a question first",
                    ));
                }
            }
        } else if let (Some(card), Some(tags)) = (pending.as_mut(), trimmed.strip_prefix("Tags:")) {
            card.tags =
                super::tag_list(tags).map_err(|reason| Error::input(file, number, reason))?;
        } else if let (Some(card), Some(id)) = (pending.as_mut(), trimmed.strip_prefix("ID:")) {
            let id = id.trim();
            if id.is_empty() || id.contains(char::is_whitespace) {
                return Err(Error::input(
                    file,
                    number,
                    "`ID:` expects one word without spaces",
                ));
            }
            card.id = Some(id.to_string());
        } else if let Some(card) = pending.as_mut() {
            let text = unescaped(line).to_string();
            match card.part {
                Part::Question => card.question.push(text),
                Part::Answer => card.answer.push(text),
            }
        }
    }
    finish(&mut pending, &deck, sink)
}

/// Card text written with a leading backslash, as `write` escapes it.
fn unescaped(text: &str) -> &str {
    text.strip_prefix('\\').unwrap_or(text)
}

/// A line of card text that the parser would take for structure gets a backslash.
fn escaped(text: &str) -> String {
    text.lines()
        .map(|line| {
            let t = line.trim_start();
            let structural = ["Q:", "A:", "Tags:", "ID:", "#", "---", "***", "\\"]
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
