//! The critical dimensions: sub-headings, each with one bullet per compared side.

use super::outline::{Line, Section, Shape, heading_text, roman_heading};
use super::words::{common_noun, counted, slug};
use super::{Keys, SectionKind, SectionResult, card, found};
use crate::decks::DeckCard;
use crate::error::{Error, Result};

pub(super) fn dimensions(
    file: &str,
    lines: &[Line],
    sections: &[Section],
) -> Result<SectionResult> {
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
            let front = format!("{dimension}: what {verb} {} do?", common_noun(&subject));
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
pub(super) fn is_plain_subheading(lines: &[Line], index: usize) -> bool {
    let line = &lines[index];
    let after_blank = index == 0 || lines[index - 1].shape == Shape::Blank;
    let next = lines[index + 1..].iter().find(|l| l.shape != Shape::Blank);
    after_blank
        && line.text.chars().count() <= 80
        && !line.text.ends_with(['.', ':'])
        && next.is_some_and(|l| l.shape == Shape::Bullet)
}

/// `IV. Outcomes`, `2) Outcomes`, `Dimension 4: Outcomes` -> `Outcomes`.
pub(super) fn dimension_name(text: &str) -> &str {
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
pub(super) fn bullet_subject(text: &str) -> (String, String) {
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
