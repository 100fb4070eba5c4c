//! Definitions: "What is X?" headings (outside the FAQ), and a quotation in the introduction.

use super::faq::faq_question;
use super::outline::{Line, Section, Shape, is_heading, paragraphs};
use super::words::{counted, slug};
use super::{Keys, SectionKind, SectionResult, card, found};
use crate::decks::DeckCard;
use crate::error::{Error, Result};

/// `What is Management?` -> `Management`.
pub(super) fn defined_term(text: &str) -> Option<&str> {
    let question = text.strip_suffix('?')?;
    ["What is ", "What are ", "What Is ", "What Are "]
        .iter()
        .find_map(|prefix| question.strip_prefix(prefix))
        .map(str::trim)
        .filter(|term| !term.is_empty() && term.split_whitespace().count() <= 6)
}

pub(super) fn definitions(
    file: &str,
    lines: &[Line],
    sections: &[Section],
) -> Result<SectionResult> {
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
pub(super) fn quotation_card(lines: &[Line], intro: &Section) -> Option<DeckCard> {
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
pub(super) fn speaker(before: &str) -> Option<String> {
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
pub(super) fn cloze_of(quote: &str) -> Option<String> {
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
