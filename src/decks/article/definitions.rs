//! Definitions: "What is X?" headings (outside the FAQ) and the headings Markdown versions use
//! ("Understanding X", "X defined", "What X means"), and a quotation in the introduction.

use super::faq::{faq_question, faq_ranges};
use super::outline::{Line, Section, Shape, heading_text, is_heading, paragraphs};
use super::promotion::{Cleaned, without_promotion};
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

/// A heading that names what its paragraph defines: `Understanding Leadership`, `Leadership
/// Defined`, `What Leadership Means`, `What Is Meant by Leadership` -> `Leadership`.
pub(super) fn defining_heading(text: &str) -> Option<&str> {
    let text = text.trim_end_matches([':', '.']).trim();
    let lower = text.to_lowercase();
    let term = if let Some(rest) = lower.strip_prefix("understanding ") {
        &text[text.len() - rest.len()..]
    } else if let Some(rest) = lower.strip_prefix("what is meant by ") {
        &text[text.len() - rest.len()..]
    } else if lower.ends_with(" defined") {
        &text[..text.len() - " defined".len()]
    } else if lower.starts_with("what ") && lower.ends_with(" means") {
        &text["what ".len()..text.len() - " means".len()]
    } else {
        return None;
    };
    let term = term.trim();
    let words = term.split_whitespace().count();
    let vague = ["the ", "these ", "both ", "each "]
        .iter()
        .any(|start| term.to_lowercase().starts_with(start));
    (words > 0 && words <= 4 && !vague && !term.to_lowercase().contains("difference"))
        .then_some(term)
}

pub(super) fn definitions(
    file: &str,
    lines: &[Line],
    sections: &[Section],
    notes: &mut Vec<String>,
) -> Result<SectionResult> {
    let mut cards: Vec<DeckCard> = Vec::new();
    let mut keys = Keys::default();
    let mut first_line = usize::MAX;
    let mut last_line = 0;
    let faq = faq_ranges(lines, sections);
    let starts_definition = |l: &Line| {
        defined_term(&l.text).is_some() || (is_heading(l) && defining_heading(&l.text).is_some())
    };
    for (index, line) in lines.iter().enumerate() {
        if line.shape == Shape::Blank
            || faq_question(&line.text).is_some()
            || faq.iter().any(|range| range.contains(&index))
        {
            continue;
        }
        let standalone =
            index == 0 || lines[index - 1].shape == Shape::Blank || is_heading(&lines[index - 1]);
        let asked = defined_term(&line.text).filter(|_| standalone);
        let named = is_heading(line)
            .then(|| defining_heading(&line.text))
            .flatten();
        let Some(term) = asked.or(named) else {
            continue;
        };
        let (back, last) = paragraphs(lines, index + 1, |l| {
            is_heading(l) || starts_definition(l) || faq_question(&l.text).is_some()
        });
        if back.is_empty() {
            if asked.is_none() {
                // A heading such as "Understanding the Roles" over sub-sections: not a definition.
                continue;
            }
            return Err(Error::input(
                file,
                line.number,
                format!(
                    "\"{}\" has no paragraph under it; expected its definition",
                    line.text
                ),
            ));
        }
        let back = match without_promotion(&back) {
            Cleaned::Kept(back) => back,
            Cleaned::Trimmed(back, left_out) => {
                notes.push(format!(
                    "definition of {term}: left out {} of promotion",
                    counted(left_out, "sentence")
                ));
                back
            }
            Cleaned::Promotion => {
                notes.push(format!("definition of {term}: left out: promotion"));
                continue;
            }
        };
        let front = if asked.is_some() {
            line.text.clone()
        } else {
            format!("What is {term}?")
        };
        let key = keys.unique(format!("def-{}", slug(term)));
        cards.push(card(key, front, back, &["definition"], line.number));
        first_line = first_line.min(line.number);
        last_line = last_line.max(lines[last].number);
    }
    let definitions = cards.len();
    // The introduction: the text before the first section, or a section headed as one (a web
    // page's "Introduction" is a heading).
    let quotation = sections
        .iter()
        .filter(|s| {
            let heading = heading_text(lines, s).to_lowercase();
            s.heading.is_none()
                || ["introduction", "overview", "background"]
                    .iter()
                    .any(|name| heading.contains(name))
        })
        .find_map(|intro| quotation_card(lines, intro));
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
    let body = &lines[intro.body.clone()];
    for (at, line) in body.iter().enumerate() {
        let Some((said, marker)) = QUOTE_MARKERS
            .iter()
            .filter_map(|marker| line.text.find(marker).map(|i| (i, *marker)))
            .min()
        else {
            continue;
        };
        let after = &line.text[said + marker.len()..];
        // The quotation follows on the line, or on the next one (a block quote).
        let quote = quoted(after).or_else(|| {
            body[at + 1..]
                .iter()
                .find(|next| next.shape != Shape::Blank)
                .and_then(|next| {
                    quoted(&next.text).or_else(|| next.quote.then_some(next.text.as_str()))
                })
        });
        let Some(quote) = quote.map(str::trim) else {
            continue;
        };
        if quote.split_whitespace().count() < 4 {
            continue;
        }
        let who = speaker(&line.text[..said]);
        let Some(cloze) = cloze_of(quote) else {
            continue;
        };
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

/// What introduces a quotation: `X once said: “...”`, `as X said, “...”`, `X once put it this
/// way:` (the quotation on the next line).
const QUOTE_MARKERS: &[&str] = &["said", "put it", "wrote", "observed", "remarked", "noted"];

/// The text between the first pair of quotation marks in `text`.
fn quoted(text: &str) -> Option<&str> {
    let open = text.find(['“', '"'])?;
    let opening_mark = text[open..].chars().next()?;
    let inner = &text[open + opening_mark.len_utf8()..];
    let close = inner.find(['”', '"'])?;
    Some(&inner[..close])
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
        .take_while(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && !matches!(
                    **w,
                    "As" | "The" | "In" | "When" | "Once" | "And" | "But" | "So"
                )
        })
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
