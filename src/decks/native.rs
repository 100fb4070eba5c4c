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
//! group = "management"   # optional: cards of the deck with the same group are siblings
//! ```

use super::{DeckCard, DeckData};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
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
    /// Cards of one deck with the same group are siblings (one row, one note).
    group: Option<String>,
}

/// The part of a deck file before its first card.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeckHead {
    name: Spanned<String>,
    #[serde(default)]
    description: String,
}

/// A run of `[[cards]]` tables cut out of a deck file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CardBlock {
    cards: Vec<CardEntry>,
}

/// A deck file read whole as one TOML document.
struct ReadDeck {
    name: Spanned<String>,
    description: String,
    cards: Vec<CardEntry>,
}

fn read_whole(file: &str, text: &str, lines: &Piece) -> Result<ReadDeck> {
    super::scanned(text.len());
    let parsed: DeckFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |span| lines.line_at(span.start));
        Error::input(file, line, e.message().trim().to_string())
    })?;
    Ok(ReadDeck {
        name: parsed.name,
        description: parsed.description,
        cards: parsed.cards,
    })
}

/// Parses a deck file; `file` names it in errors, which carry the line and what was expected.
pub fn parse(file: &str, text: &str) -> Result<DeckData> {
    super::ImportBatch::read(|sink| parse_into(file, &super::Text::Memory(text), sink))?
        .decks
        .pop()
        .ok_or_else(|| Error::input(file, 1, "expected a deck's `name`"))
}

/// A piece of a deck file (the part before the first card, one card table, or the whole
/// file) and the line it starts on: a span in it is a line of the file.
struct Piece {
    lines: LineIndex,
    first_line: usize,
    /// The file's lines end in CR LF, and so do the line breaks inside its multi-line strings.
    windows: bool,
}

impl Piece {
    fn new(text: &str, first_line: usize, windows: bool) -> Piece {
        Piece {
            lines: LineIndex::new(text),
            first_line,
            windows,
        }
    }

    fn line_at(&self, offset: usize) -> usize {
        self.first_line + self.lines.line_at(offset) - 1
    }
}

/// Card tables parsed together: one parser call per card cost a third more than the cards.
const TABLES_PER_PIECE: usize = 64;

/// What a deck file holds, in its order: the head, then each card table, with the piece it
/// was read from (its spans are lines there).
enum Table<'p> {
    Head(DeckHead, &'p Piece),
    Card(CardEntry, &'p Piece),
}

/// What `read_tables` does next.
#[derive(PartialEq, Eq)]
enum Next {
    Go,
    Stop,
}

/// Parses a deck file card by card into `sink` (the deck first, with its description).
pub fn parse_into(
    file: &str,
    text: &super::Text<'_>,
    sink: &mut dyn super::CardSink,
) -> Result<()> {
    let mut deck = DeckReader {
        file,
        text,
        name: String::new(),
        ids: HashSet::new(),
        sink,
    };
    read_tables(file, text, &mut |table| {
        match table {
            Table::Head(head, piece) => deck.head(&head.name, &head.description, piece)?,
            Table::Card(entry, piece) => deck.card(entry, piece)?,
        }
        Ok(Next::Go)
    })
}

/// Reads a deck file's head and card tables in order, handing each to `each` until it says
/// stop.
///
/// The file is read a line at a time and cut before lines that are exactly `[[cards]]`, every
/// `TABLES_PER_PIECE` card tables; each piece is parsed on its own and handed on at once, so
/// neither the file nor the TOML parser's tokens of a whole large deck are ever held (a
/// 100,000-card file once took 300 MiB), and the cards reach the collection while the rest is
/// read. A cut inside a multi-line string leaves that piece unterminated: from the first piece
/// that does not parse, the whole file goes through the one-document parser (which gives the
/// exact error), and its cards after those already handed on follow.
fn read_tables(
    file: &str,
    text: &super::Text<'_>,
    each: &mut dyn FnMut(Table<'_>) -> Result<Next>,
) -> Result<()> {
    let mut lines = text.lines(file)?;
    // The piece being read, the line it starts on, and whether it is the part before the
    // first card table.
    let mut piece = String::new();
    let mut piece_line = 1;
    let mut tables = 0;
    let mut head = true;
    let mut handed_on = 0;
    let mut windows = false;
    let mut parsed = Parsed::Whole;
    while let Some(line) = lines.next_line()? {
        windows = line.windows;
        if line.text.trim() == "[[cards]]" {
            if head || tables == TABLES_PER_PIECE {
                parsed = hand_on(&piece, piece_line, windows, head, &mut handed_on, each)?;
                if parsed != Parsed::Piece {
                    break;
                }
                head = false;
                piece.clear();
                piece_line = line.number;
                tables = 0;
            }
            tables += 1;
        }
        piece.push_str(line.text);
        if line.ended {
            piece.push('\n');
        }
    }
    // A file without card tables (or whose head is not a plain head) is read as one document.
    if !head && parsed == Parsed::Piece {
        parsed = hand_on(&piece, piece_line, windows, head, &mut handed_on, each)?;
    }
    if parsed != Parsed::Whole {
        return Ok(());
    }
    drop(piece);
    let whole = text.whole()?;
    let lines = Piece::new(&whole, 1, windows);
    let read = read_whole(file, &whole, &lines)?;
    if head {
        // The head was not handed on yet (the file has no card table, or its head is not a
        // plain head).
        let head = DeckHead {
            name: read.name,
            description: read.description,
        };
        if each(Table::Head(head, &lines))? == Next::Stop {
            return Ok(());
        }
    }
    for card in read.cards.into_iter().skip(handed_on) {
        if each(Table::Card(card, &lines))? == Next::Stop {
            break;
        }
    }
    Ok(())
}

/// What became of a piece of a deck file.
#[derive(PartialEq, Eq)]
enum Parsed {
    /// It parsed on its own and was handed on.
    Piece,
    /// It did not parse on its own: the whole file is needed.
    Whole,
    /// The reader said stop.
    Stopped,
}

/// Parses one piece read from the file and hands on what it holds: the deck's head, or the
/// cards of a run of card tables (counted in `handed_on`).
fn hand_on(
    text: &str,
    first_line: usize,
    windows: bool,
    head: bool,
    handed_on: &mut usize,
    each: &mut dyn FnMut(Table<'_>) -> Result<Next>,
) -> Result<Parsed> {
    let lines = Piece::new(text, first_line, windows);
    super::scanned(text.len());
    if head {
        let Ok(head) = toml::from_str::<DeckHead>(text) else {
            return Ok(Parsed::Whole);
        };
        return Ok(match each(Table::Head(head, &lines))? {
            Next::Go => Parsed::Piece,
            Next::Stop => Parsed::Stopped,
        });
    }
    let Ok(block) = toml::from_str::<CardBlock>(text) else {
        return Ok(Parsed::Whole);
    };
    for card in block.cards {
        *handed_on += 1;
        if each(Table::Card(card, &lines))? == Next::Stop {
            return Ok(Parsed::Stopped);
        }
    }
    Ok(Parsed::Piece)
}

/// The line of the first card table whose id is `key`, if it comes before line `before`: the
/// file read again, to name where a repeated id was first used.
fn first_line_of(
    file: &str,
    text: &super::Text<'_>,
    key: &str,
    before: usize,
) -> Result<Option<usize>> {
    let mut found = None;
    read_tables(file, text, &mut |table| {
        let Table::Card(entry, lines) = table else {
            return Ok(Next::Go);
        };
        let line = lines.line_at(entry.id.span().start);
        if line >= before {
            return Ok(Next::Stop);
        }
        if entry.id.get_ref().trim() == key {
            found = Some(line);
            return Ok(Next::Stop);
        }
        Ok(Next::Go)
    })?;
    Ok(found)
}

/// Checks each card table of a deck file as it is read and hands it on.
struct DeckReader<'a> {
    file: &'a str,
    text: &'a super::Text<'a>,
    name: String,
    /// A 64-bit hash of each id seen, so that a repeat is noticed in one look-up rather than a
    /// scan, in 9 bytes a card rather than the id itself (for a million cards, about 19 of the
    /// 46 MiB the import peaks at, where the other formats take 20). Only when a hash comes
    /// again is the file read again, for the id itself: a repeated id is an error naming both
    /// lines, two ids that merely share a hash (about one file in 10^8 of a million cards) are
    /// two cards.
    ids: HashSet<u64>,
    sink: &'a mut dyn super::CardSink,
}

impl DeckReader<'_> {
    fn head(&mut self, name: &Spanned<String>, description: &str, lines: &Piece) -> Result<()> {
        let trimmed = name.get_ref().trim();
        if trimmed.is_empty() {
            return Err(Error::input(
                self.file,
                lines.line_at(name.span().start),
                "the deck's `name` is empty; expected the deck's name",
            ));
        }
        self.name = trimmed.to_string();
        self.sink.describe(trimmed, description.trim())
    }

    /// One card table, its spans counted in `lines`.
    fn card(&mut self, entry: CardEntry, lines: &Piece) -> Result<()> {
        let file = self.file;
        let line_of = |offset: usize| lines.line_at(offset);
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
        if !self.ids.insert(id_hash(key))
            && let Some(first) = first_line_of(file, self.text, key, line)?
        {
            return Err(Error::input(
                file,
                line,
                format!(
                    "card id '{key}' is used twice (first at line {first}); ids must be unique in a deck"
                ),
            ));
        }
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
                super::check_tags(tags.get_ref()).map_err(|reason| {
                    Error::input(
                        file,
                        line_of(tags.span().start),
                        format!("card '{key}' has {reason}"),
                    )
                })?;
                super::distinct_tags(tags.into_inner())
            }
        };
        self.sink.add(
            &self.name,
            DeckCard {
                key: key.to_string(),
                front: card_text(entry.front.get_ref(), lines.windows),
                back: card_text(entry.back.get_ref(), lines.windows),
                tags,
                line,
                sibling: entry.group.filter(|group| !group.trim().is_empty()),
            },
        )
    }
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
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
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
                group: card.sibling.as_deref(),
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
        super::scanned(text.len());
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

/// A fixed 64-bit hash of a card id (the same in every run).
fn id_hash(key: &str) -> u64 {
    let hash = std::hash::BuildHasher::hash_one(
        &std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default(),
        key,
    );
    #[cfg(test)]
    let hash = hash & ID_HASH_MASK.get();
    hash
}

#[cfg(test)]
thread_local! {
    /// The bits of an id's hash kept, so that a test can make different ids share a hash.
    static ID_HASH_MASK: std::cell::Cell<u64> = const { std::cell::Cell::new(u64::MAX) };
}

/// A card's text as the file holds it, trimmed. In a file saved with Windows line ends the
/// editor's CR LF inside a multi-line string is a line break; anywhere else a CR (written `\r`
/// by `to_toml`) is the card's own and is kept.
fn card_text(text: &str, windows_lines: bool) -> String {
    if windows_lines {
        text.replace("\r\n", "\n").trim().to_string()
    } else {
        text.trim().to_string()
    }
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
    fn a_deck_read_in_pieces_equals_the_deck_read_whole() {
        // The second card's back holds a line that looks like a card header: cutting there
        // leaves a piece with an unterminated string, and the whole-file parser takes over.
        let tricky = "name = \"D\"\n\n[[cards]]\nid = \"a\"\nfront = \"A?\"\nback = \"A\"\n\n\
                      [[cards]]\nid = \"b\"\nfront = \"B?\"\nback = \"\"\"\nfirst\n[[cards]]\nlast\"\"\"\n\n\
                      [[cards]]\nid = \"c\"\nfront = \"C?\"\nback = \"C\"\n";
        // The cut inside the string is noticed: that piece does not parse on its own.
        let starts: Vec<usize> = tricky
            .match_indices("[[cards]]\n")
            .map(|(at, _)| at)
            .collect();
        assert_eq!(starts.len(), 4);
        assert!(toml::from_str::<CardBlock>(&tricky[starts[1]..starts[2]]).is_err());
        for text in [GOOD, tricky] {
            let lines = Piece::new(text, 1, false);
            let whole = read_whole("x.toml", text, &lines).expect("whole");
            let deck = parse("x.toml", text).expect("parses");
            assert_eq!(deck.cards.len(), whole.cards.len());
            for (card, entry) in deck.cards.iter().zip(&whole.cards) {
                assert_eq!(card.key, *entry.id.get_ref());
                assert_eq!(
                    card.line,
                    lines.line_at(entry.id.span().start),
                    "{}",
                    card.key
                );
            }
        }
        let deck = parse("x.toml", tricky).expect("parses");
        // Read from a file a line at a time, the fallback reads the file whole: same deck.
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("x.toml");
        std::fs::write(&path, tricky).expect("write");
        let from_file = super::super::ImportBatch::read(|sink| {
            parse_into("x.toml", &super::super::Text::File(&path), sink)
        })
        .expect("parses from the file");
        assert_eq!(from_file.decks, vec![deck.clone()]);
        assert_eq!(deck.cards[1].back, "first\n[[cards]]\nlast");
        assert_eq!(
            deck.cards.iter().map(|c| c.line).collect::<Vec<_>>(),
            vec![4, 9, 17]
        );
        // Errors inside a piece still name the file's own line.
        let empty_front = GOOD.replacen("front = \"Capital of Japan?\"", "front = \"\"", 1);
        let error = parse("capitals.toml", &empty_front).expect_err("refused");
        assert!(error.to_string().starts_with("capitals.toml:"), "{error}");
    }

    #[test]
    fn a_card_header_line_inside_a_string_where_a_piece_is_cut_falls_back_to_the_whole_file() {
        // Pieces are cut every TABLES_PER_PIECE card tables: put a `[[cards]]` line inside the
        // string of the last card of the first piece, exactly where the cut falls.
        let mut text = String::from("name = \"D\"\n");
        let count = TABLES_PER_PIECE + 6;
        for n in 1..=count {
            let back = if n == TABLES_PER_PIECE {
                "\"\"\"\nfirst\n[[cards]]\nlast\"\"\"".to_string()
            } else {
                format!("\"{n}\"")
            };
            text.push_str(&format!(
                "\n[[cards]]\nid = \"c{n}\"\nfront = \"Q{n}?\"\nback = {back}\n"
            ));
        }
        let deck = parse("x.toml", &text).expect("parses");
        assert_eq!(deck.cards.len(), count);
        assert_eq!(
            deck.cards[TABLES_PER_PIECE - 1].back,
            "first\n[[cards]]\nlast"
        );
        assert_eq!(
            deck.cards[TABLES_PER_PIECE].key,
            format!("c{}", TABLES_PER_PIECE + 1)
        );
        // Every card still names its own line.
        let lines = Piece::new(&text, 1, false);
        let whole = read_whole("x.toml", &text, &lines).expect("whole");
        for (card, entry) in deck.cards.iter().zip(&whole.cards) {
            assert_eq!(
                card.line,
                lines.line_at(entry.id.span().start),
                "{}",
                card.key
            );
        }
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
    fn ids_that_share_a_hash_are_two_cards_and_a_repeated_id_names_its_first_line() {
        // Every id shares a hash when only 2 of its bits are kept: each repeat of a hash reads
        // the file again for the id itself, in memory and from a file, across pieces and in
        // a file read whole.
        let count = TABLES_PER_PIECE + 5;
        let deck_text = |repeat: Option<usize>, tricky: bool| {
            let mut text = String::from("name = \"D\"\n");
            for n in 1..=count {
                let id = match repeat {
                    Some(first) if n == count => format!("c{first}"),
                    _ => format!("c{n}"),
                };
                // A `[[cards]]` line inside a string makes the file go through the whole-file
                // parser from that piece on.
                let back = if tricky && n == 3 {
                    "\"\"\"\nfirst\n[[cards]]\nlast\"\"\"".to_string()
                } else {
                    format!("\"{n}\"")
                };
                text.push_str(&format!(
                    "\n[[cards]]\nid = \"{id}\"\nfront = \"Q{n}?\"\nback = {back}\n"
                ));
            }
            text
        };
        // Card n's id is on line 5n - 1 (a head line, then five lines a card; the tricky back
        // spans four lines, so later cards move down three).
        let id_line = |n: usize, tricky: bool| 5 * n - 1 + if tricky && n > 3 { 3 } else { 0 };
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("d.toml");
        ID_HASH_MASK.set(0b11);
        let mut checked = 0;
        for tricky in [false, true] {
            let distinct = deck_text(None, tricky);
            std::fs::write(&path, &distinct).expect("write");
            let from_file = crate::decks::ImportBatch::read(|sink| {
                parse_into("d.toml", &crate::decks::Text::File(&path), sink)
            });
            let deck = parse("d.toml", &distinct);
            for read in [deck.map(|d| vec![d]), from_file.map(|b| b.decks)] {
                let decks = read.expect("distinct ids parse");
                assert_eq!(decks[0].cards.len(), count, "tricky {tricky}");
                checked += 1;
            }
            for first in [1, 2, TABLES_PER_PIECE + 1, count - 1] {
                let repeated = deck_text(Some(first), tricky);
                let error = parse("d.toml", &repeated).expect_err("a repeated id");
                let expected = format!(
                    "d.toml:{}: card id 'c{first}' is used twice (first at line {})",
                    id_line(count, tricky),
                    id_line(first, tricky)
                );
                assert!(error.to_string().starts_with(&expected), "{error}");
                checked += 1;
            }
        }
        ID_HASH_MASK.set(u64::MAX);
        assert_eq!(checked, 12);
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
