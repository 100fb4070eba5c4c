//! The FAQ: `Q1: question` lines, each answered by the paragraphs under it.

use super::outline::{Line, is_heading, paragraphs};
use super::words::counted;
use super::{Keys, SectionKind, SectionResult, card, found};
use crate::decks::DeckCard;
use crate::error::{Error, Result};

/// `Q7: What is the first step?` -> (7, `What is the first step?`).
pub(super) fn faq_question(text: &str) -> Option<(u32, &str)> {
    let rest = text.strip_prefix('Q')?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let number = rest[..digits].parse().ok()?;
    let question = rest[digits..].strip_prefix([':', '.', ')'])?.trim();
    (!question.is_empty()).then_some((number, question))
}

pub(super) fn faq(file: &str, lines: &[Line]) -> Result<SectionResult> {
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
