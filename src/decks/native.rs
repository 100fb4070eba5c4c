//! The native deck format: one TOML file per deck.
//!
//! ```toml
//! name = "Leadership vs management: definitions"
//! description = "What each term means"
//!
//! [[cards]]
//! id = "def-management"
//! front = "What is Management?"
//! back = "Management is a set of processes ..."
//! tags = ["definition"]
//! ```

use super::{DeckCard, DeckData};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeckFile {
    name: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    cards: Vec<CardEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CardEntry {
    id: Spanned<String>,
    front: Spanned<String>,
    back: Spanned<String>,
    tags: Option<Spanned<Vec<String>>>,
}

/// Parses a deck file; `file` names it in errors, which carry the line and what was expected.
pub fn parse(file: &str, text: &str) -> Result<DeckData> {
    let lines = LineIndex::new(text);
    let line_of = |offset: usize| lines.line_at(offset);
    let parsed: DeckFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |span| line_of(span.start));
        Error::input(file, line, e.message().trim().to_string())
    })?;
    let name = parsed.name.get_ref().trim();
    if name.is_empty() {
        return Err(Error::input(
            file,
            line_of(parsed.name.span().start),
            "the deck's `name` is empty; expected the deck's name",
        ));
    }
    let mut cards: Vec<DeckCard> = Vec::with_capacity(parsed.cards.len());
    // Where each id was first seen, so a duplicate is found in one look-up, not a scan.
    let mut first_line: HashMap<String, usize> = HashMap::with_capacity(parsed.cards.len());
    for entry in parsed.cards {
        let line = line_of(entry.id.span().start);
        let key = entry.id.get_ref().trim();
        if key.is_empty() || key.chars().any(char::is_whitespace) {
            return Err(Error::input(
                file,
                line,
                format!(
                    "card id {:?} is not usable; expected a non-empty id without spaces",
                    entry.id.get_ref()
                ),
            ));
        }
        if let Some(first) = first_line.get(key) {
            return Err(Error::input(
                file,
                line,
                format!(
                    "card id '{key}' is used twice (first at line {first}); ids must be unique in a deck"
                ),
            ));
        }
        first_line.insert(key.to_string(), line);
        for (field, value) in [("front", &entry.front), ("back", &entry.back)] {
            if value.get_ref().trim().is_empty() {
                return Err(Error::input(
                    file,
                    line_of(value.span().start),
                    format!("card '{key}' has an empty `{field}`; expected its text"),
                ));
            }
        }
        let tags = match entry.tags {
            None => Vec::new(),
            Some(tags) => {
                if let Some(tag) = tags
                    .get_ref()
                    .iter()
                    .find(|tag| tag.is_empty() || tag.chars().any(char::is_whitespace))
                {
                    return Err(Error::input(
                        file,
                        line_of(tags.span().start),
                        format!("card '{key}' has tag {tag:?}; expected tags without spaces"),
                    ));
                }
                tags.into_inner()
            }
        };
        cards.push(DeckCard {
            key: key.to_string(),
            front: normalize_newlines(entry.front.get_ref()),
            back: normalize_newlines(entry.back.get_ref()),
            tags,
            line,
        });
    }
    Ok(DeckData {
        name: name.to_string(),
        description: parsed.description.trim().to_string(),
        cards,
    })
}

#[derive(Serialize)]
struct DeckFileOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    cards: Vec<CardOut<'a>>,
}

#[derive(Serialize)]
struct CardOut<'a> {
    id: &'a str,
    front: &'a str,
    back: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
}

/// Writes a deck in the native format (the inverse of `parse`).
pub fn to_toml(deck: &DeckData) -> String {
    let out = DeckFileOut {
        name: &deck.name,
        description: &deck.description,
        cards: deck
            .cards
            .iter()
            .map(|card| CardOut {
                id: &card.key,
                front: &card.front,
                back: &card.back,
                tags: &card.tags,
            })
            .collect(),
    };
    // Serializing plain strings and string lists cannot fail.
    toml::to_string_pretty(&out).unwrap_or_default()
}

/// The byte offset at which each line starts: a line number is one binary search away, so
/// naming the line of every card costs O(log n), not a rescan of the file.
pub(crate) struct LineIndex(Vec<usize>);

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        LineIndex(
            std::iter::once(0)
                .chain(memchr_newlines(text).map(|at| at + 1))
                .collect(),
        )
    }

    /// The 1-based line holding byte `offset`.
    pub(crate) fn line_at(&self, offset: usize) -> usize {
        self.0.partition_point(|start| *start <= offset).max(1)
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|(_, byte)| *byte == b'\n')
        .map(|(at, _)| at)
}

fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_index_agrees_with_counting_newlines() {
        let text = "a\n\nbc\r\nd\n";
        let lines = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            let counted = text.as_bytes()[..offset.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            assert_eq!(lines.line_at(offset), counted, "offset {offset}");
        }
    }

    const GOOD: &str = r#"name = "Capitals"
description = "Countries and their capitals"

[[cards]]
id = "fr"
front = "Capital of France?"
back = "Paris"
tags = ["europe", "geo"]

[[cards]]
id = "jp"
front = "Capital of Japan?"
back = """
Tokyo
(since 1869)"""
"#;

    #[test]
    fn a_well_formed_deck_parses_with_lines() {
        let deck = parse("capitals.toml", GOOD).expect("parses");
        assert_eq!(deck.name, "Capitals");
        assert_eq!(deck.description, "Countries and their capitals");
        assert_eq!(deck.cards.len(), 2);
        assert_eq!(deck.cards[0].key, "fr");
        assert_eq!(deck.cards[0].tags, vec!["europe", "geo"]);
        assert_eq!(deck.cards[0].line, 5);
        assert_eq!(deck.cards[1].back, "Tokyo\n(since 1869)");
        assert_eq!(deck.cards[1].line, 11);
    }

    #[test]
    fn writing_then_parsing_gives_the_same_deck() {
        let deck = parse("capitals.toml", GOOD).expect("parses");
        let again = parse("again.toml", &to_toml(&deck)).expect("round trip parses");
        let strip = |d: &DeckData| {
            d.cards
                .iter()
                .map(|c| {
                    (
                        c.key.clone(),
                        c.front.clone(),
                        c.back.clone(),
                        c.tags.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(&deck), strip(&again));
        assert_eq!(
            (deck.name, deck.description),
            (again.name, again.description)
        );
    }

    #[test]
    fn malformed_decks_name_the_line_and_what_was_expected() {
        let cases: &[(&str, &str, usize, &str)] = &[
            (
                "missing back",
                "name = \"D\"\n[[cards]]\nid = \"a\"\nfront = \"q\"\n",
                2,
                "back",
            ),
            (
                "duplicate id",
                "name = \"D\"\n[[cards]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\n[[cards]]\nid = \"a\"\nfront = \"q2\"\nback = \"b2\"\n",
                7,
                "used twice (first at line 3)",
            ),
            (
                "empty front",
                "name = \"D\"\n[[cards]]\nid = \"a\"\nfront = \"  \"\nback = \"b\"\n",
                4,
                "empty `front`",
            ),
            (
                "typo in a field",
                "name = \"D\"\n[[cards]]\nid = \"a\"\nfrnt = \"q\"\nback = \"b\"\n",
                4,
                "frnt",
            ),
            ("not TOML", "name = \"D\"\n[[cards]\n", 2, ""),
            (
                "no name",
                "[[cards]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\n",
                1,
                "name",
            ),
            ("empty name", "name = \"\"\n", 1, "name"),
            (
                "id with a space",
                "name = \"D\"\n[[cards]]\nid = \"a b\"\nfront = \"q\"\nback = \"b\"\n",
                3,
                "without spaces",
            ),
            (
                "tag with a space",
                "name = \"D\"\n[[cards]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\ntags = [\"x y\"]\n",
                6,
                "tags without spaces",
            ),
            (
                "number for text",
                "name = \"D\"\n[[cards]]\nid = \"a\"\nfront = 5\nback = \"b\"\n",
                4,
                "string",
            ),
        ];
        for (name, text, line, expected) in cases {
            let error = parse("deck.toml", text).expect_err(name);
            let message = error.to_string();
            assert!(
                message.starts_with(&format!("deck.toml:{line}: ")),
                "{name}: {message}"
            );
            assert!(message.contains(expected), "{name}: {message}");
        }
    }
}
