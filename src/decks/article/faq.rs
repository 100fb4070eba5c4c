//! The FAQ: questions, each answered by the paragraphs under it. A question is a `Q1:` / `Q:`
//! line anywhere, or, in a section headed as an FAQ ("FAQ", "Frequently Asked Questions",
//! "Common questions"), a sub-heading, a bold line or a numbered line that ends with `?`.
//!
//! A card is known by its question (`text_key`): a question corrected in the article keeps its
//! schedule on re-import (the import matches a small edit at the same place), a question
//! replaced by another is a new card. Answers that are promotion (a course, a provider, a
//! newsletter) are left out, and the report says so.

use super::outline::{Line, Section, Shape, heading_text, is_heading, paragraphs};
use super::promotion::{Cleaned, without_promotion};
use super::words::counted;
use super::{SectionKind, SectionResult, card, found};
use crate::decks::{DeckCard, text_key};
use crate::error::{Error, Result};

/// `Q7: What is the first step?` -> (Some(7), `What is the first step?`); `Q: Why?` -> (None,
/// `Why?`).
pub(super) fn faq_question(text: &str) -> Option<(Option<u32>, &str)> {
    let rest = text
        .strip_prefix("Question ")
        .or_else(|| text.strip_prefix('Q'))?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let number = rest[..digits].parse().ok();
    let question = rest[digits..].strip_prefix([':', '.', ')'])?.trim();
    (!question.is_empty()).then_some((number, question))
}

/// Whether a section heading names an FAQ.
pub(super) fn is_faq_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "faq",
        "frequently asked",
        "common questions",
        "questions and answers",
        "q&a",
    ]
    .iter()
    .any(|name| lower.contains(name))
}

/// A question as an FAQ section writes one without a `Q` label: a sub-heading, a bold line or a
/// numbered line (`3. Can it be learned?`) ending with `?`.
fn unlabelled_question(line: &Line) -> Option<&str> {
    if !line.text.ends_with('?') {
        return None;
    }
    if matches!(line.shape, Shape::Subsection | Shape::Section) || line.bold {
        return Some(&line.text);
    }
    let digits = line.text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        return line.text[digits..]
            .strip_prefix(['.', ')'])
            .map(str::trim)
            .filter(|question| !question.is_empty());
    }
    None
}

/// The index ranges of the FAQ sections, for the other readers to leave alone.
pub(super) fn faq_ranges(lines: &[Line], sections: &[Section]) -> Vec<std::ops::Range<usize>> {
    sections
        .iter()
        .filter(|section| is_faq_heading(heading_text(lines, section)))
        .map(|section| section.body.clone())
        .collect()
}

/// The question a line asks, with its number when it has one.
fn question_at<'l>(
    lines: &'l [Line],
    index: usize,
    in_faq: &impl Fn(usize) -> bool,
) -> Option<(Option<u32>, &'l str)> {
    let line = &lines[index];
    faq_question(&line.text).or_else(|| {
        in_faq(index)
            .then(|| unlabelled_question(line))
            .flatten()
            .map(|question| (None, question))
    })
}

pub(super) fn faq(
    file: &str,
    lines: &[Line],
    sections: &[Section],
    notes: &mut Vec<String>,
) -> Result<SectionResult> {
    let ranges = faq_ranges(lines, sections);
    let in_faq = |index: usize| ranges.iter().any(|range| range.contains(&index));
    let mut cards: Vec<DeckCard> = Vec::new();
    let mut numbers: Vec<(u32, usize)> = Vec::new();
    let mut seen_questions: Vec<(String, usize)> = Vec::new();
    let (mut first, mut last) = (usize::MAX, 0);
    let mut asked = 0u32;
    for index in 0..lines.len() {
        let line = &lines[index];
        let Some((number, question)) = question_at(lines, index, &in_faq) else {
            continue;
        };
        asked += 1;
        let label = format!("Q{}", number.unwrap_or(asked));
        if let Some(number) = number {
            if let Some((_, earlier)) = numbers.iter().find(|(n, _)| *n == number) {
                return Err(Error::input(
                    file,
                    line.number,
                    format!(
                        "question Q{number} appears twice (first at line {earlier}); expected \
                         each number once"
                    ),
                ));
            }
            numbers.push((number, line.number));
        }
        let (answer, answer_end) = paragraphs(lines, index + 1, |l| {
            faq_question(&l.text).is_some() || is_heading(l) || (l.bold && l.text.ends_with('?'))
        });
        if answer.is_empty() {
            return Err(Error::input(
                file,
                line.number,
                format!("{label} has no answer under it; expected a paragraph"),
            ));
        }
        first = first.min(line.number);
        last = last.max(lines[answer_end].number);
        let answer = match without_promotion(&answer) {
            Cleaned::Kept(answer) => answer,
            Cleaned::Trimmed(answer, left_out) => {
                notes.push(format!(
                    "faq {label}: left out {} of promotion",
                    counted(left_out, "sentence")
                ));
                answer
            }
            Cleaned::Promotion => {
                notes.push(format!("faq {label}: left out: promotion"));
                continue;
            }
        };
        let key = text_key(question);
        if let Some((_, earlier)) = seen_questions.iter().find(|(q, _)| q == question) {
            return Err(Error::input(
                file,
                line.number,
                format!("the question \"{question}\" is asked twice (first at line {earlier})"),
            ));
        }
        seen_questions.push((question.to_string(), line.number));
        cards.push(card(
            key,
            question.to_string(),
            answer,
            &["faq"],
            line.number,
        ));
    }
    if cards.is_empty() {
        return Ok(None);
    }
    let detail = format!(
        "{} -> {}",
        counted(usize::try_from(asked).unwrap_or(usize::MAX), "question"),
        counted(cards.len(), "card")
    );
    Ok(Some((cards, found(SectionKind::Faq, first, last, detail))))
}
