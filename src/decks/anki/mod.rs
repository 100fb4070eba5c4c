//! Anki notes to cards, shared by the text and package importers: one card per template of a
//! standard note type (a reversed template swaps the sides), one per cloze number of a cloze
//! note, and a reason for everything else. Templates are rendered as Anki renders them
//! (`template`), clozes as Anki reads them (`cloze`).

/// The text of one query against an Anki collection, from `sql/`.
macro_rules! anki_sql {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/decks/anki/sql/",
            $name,
            ".sql"
        ))
    };
}
pub(crate) use anki_sql;

pub mod cloze;
pub mod collection;
pub mod notetypes;
pub mod schedule;
pub mod template;
pub mod timing;

use super::html;
use cloze::Side;
use std::collections::HashMap;

/// A card template: its name (the `{{Card}}` special field), what the question and the answer
/// show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub ord: u32,
    pub name: String,
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteKind {
    Standard(Vec<Template>),
    Cloze(Template),
    /// Skipped, with the reason shown in the import summary.
    Unsupported(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteType {
    pub name: String,
    pub fields: Vec<String>,
    pub kind: NoteKind,
}

impl NoteType {
    /// A note type known only by name, as in a text export's notetype column: two fields,
    /// reversed or cloze as the name says.
    pub fn from_name(name: &str, field_count: usize) -> NoteType {
        let fields: Vec<String> = (1..=field_count.max(2))
            .map(|i| format!("Field {i}"))
            .collect();
        let field = |i: usize| format!("{{{{{}}}}}", fields[i]);
        let lower = name.to_lowercase();
        let template = |ord: u32, question: String, answer: String| Template {
            ord,
            name: format!("Card {}", ord + 1),
            question,
            answer,
        };
        let kind = if lower.contains("image occlusion") {
            NoteKind::Unsupported(format!(
                "note type '{name}': image occlusion is not supported"
            ))
        } else if lower.contains("cloze") {
            NoteKind::Cloze(Template {
                name: "Cloze".to_string(),
                ..template(
                    0,
                    format!("{{{{cloze:{}}}}}", fields[0]),
                    format!("{{{{cloze:{}}}}}<br>{}", fields[0], field(1)),
                )
            })
        } else {
            let mut templates = vec![template(0, field(0), field(1))];
            if lower.contains("optional reversed") && fields.len() > 2 {
                templates.push(template(
                    1,
                    format!("{{{{#{0}}}}}{1}{{{{/{0}}}}}", fields[2], field(1)),
                    field(0),
                ));
            } else if lower.contains("reverse") {
                templates.push(template(1, field(1), field(0)));
            }
            NoteKind::Standard(templates)
        };
        NoteType {
            name: name.to_string(),
            fields,
            kind,
        }
    }
}

/// One card a note gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteCard {
    /// The template's ord, or the cloze number minus one (as Anki numbers its cards).
    pub ord: u32,
    pub key: String,
    pub front: String,
    pub back: String,
}

/// A note's id for matching: its GUID (spaces, which ids may not hold, become `_`).
pub fn note_key(guid: &str) -> String {
    guid.trim()
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// The key of one card of a note: the note's key for the first template, `KEY-ORD` for the
/// others, `KEY-cN` for cloze N.
fn card_key(note: &str, kind: &NoteKind, ord: u32) -> String {
    match kind {
        NoteKind::Cloze(_) => format!("{note}-c{}", ord + 1),
        _ if ord == 0 => note.to_string(),
        _ => format!("{note}-{ord}"),
    }
}

/// Cloze numbers one note may use: each is a card of its own.
pub const MAX_CLOZES_PER_NOTE: usize = 100;

/// What a side shows as the card's own: on the answer side, what comes after the
/// `<hr id=answer>` line (above it the question is shown again, as `{{FrontSide}}` or the
/// fields themselves; a card's back is stored without it).
fn answer_part(rendered: &str, side: Side) -> &str {
    if side == Side::Question {
        return rendered;
    }
    ["<hr id=answer>", "<hr id=\"answer\">"]
        .iter()
        .filter_map(|marker| rendered.find(marker).map(|at| at + marker.len()))
        .min()
        .map_or(rendered, |after| &rendered[after..])
}

/// Where a note's cards go, for the special fields `{{Deck}}`, `{{Subdeck}}` and `{{Tags}}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Placement<'a> {
    pub deck: &'a str,
    pub tags: &'a [String],
}

/// The cards of one note, each side turned into text; `media` counts pictures and sounds
/// dropped. Cards whose question or answer is empty are left out; `Err` says why a note gives
/// no card at all.
pub fn note_cards(
    note: &str,
    note_type: &NoteType,
    values: &[String],
    placement: Placement<'_>,
    media: &mut usize,
) -> Result<Vec<NoteCard>, String> {
    let mut fields: HashMap<String, String> = note_type
        .fields
        .iter()
        .cloned()
        .zip(values.iter().cloned())
        .collect();
    // Anki's special fields, where the note has no field of that name.
    let deck = if placement.deck.is_empty() {
        "Default"
    } else {
        placement.deck
    };
    for (name, value) in [
        ("Tags", placement.tags.join(" ")),
        ("Type", note_type.name.clone()),
        ("Deck", deck.to_string()),
        (
            "Subdeck",
            deck.rsplit("::").next().unwrap_or(deck).to_string(),
        ),
        ("CardFlag", "flag0".to_string()),
        ("CardID", String::new()),
    ] {
        fields.entry(name.to_string()).or_insert(value);
    }
    let mut text = |template: &Template, ord: u16| -> Result<(String, String), String> {
        let mut fields = fields.clone();
        fields
            .entry("Card".to_string())
            .or_insert_with(|| template.name.clone());
        fields
            .entry(format!("c{}", u32::from(ord) + 1))
            .or_insert_with(|| "1".to_string());
        let mut side = |format: &str, side: Side| -> Result<String, String> {
            let card = template::Card {
                fields: &fields,
                ord,
                side,
            };
            let rendered = template::render(format, &card)
                .map_err(|reason| format!("note type '{}': {reason}", note_type.name))?;
            let converted = html::to_text(answer_part(&rendered, side));
            *media += converted.media;
            Ok(converted.text)
        };
        Ok((
            side(&template.question, Side::Question)?,
            side(&template.answer, Side::Answer)?,
        ))
    };
    let mut cards = Vec::new();
    match &note_type.kind {
        NoteKind::Unsupported(reason) => return Err(reason.clone()),
        NoteKind::Standard(templates) => {
            for template in templates {
                let ord = u16::try_from(template.ord).unwrap_or(u16::MAX);
                let (front, back) = text(template, ord)?;
                if !front.is_empty() && !back.is_empty() {
                    cards.push(NoteCard {
                        ord: template.ord,
                        key: card_key(note, &note_type.kind, template.ord),
                        front,
                        back,
                    });
                }
            }
        }
        NoteKind::Cloze(template) => {
            // As Anki: a card per cloze number found in any field of the note.
            let mut numbers = std::collections::BTreeSet::new();
            for value in values {
                numbers.extend(cloze::numbers(value));
            }
            if numbers.len() > MAX_CLOZES_PER_NOTE {
                // Each number is a card holding the whole text: 16,000 of them in one 200 KB
                // field would be 3 GB of cards.
                return Err(format!(
                    "note type '{}': a note with {} cloze numbers (at most {MAX_CLOZES_PER_NOTE})",
                    note_type.name,
                    numbers.len()
                ));
            }
            for number in numbers {
                let ord = number - 1;
                let (front, back) = text(template, ord)?;
                if !front.is_empty() && !back.is_empty() {
                    cards.push(NoteCard {
                        ord: u32::from(ord),
                        key: card_key(note, &note_type.kind, u32::from(ord)),
                        front,
                        back,
                    });
                }
            }
        }
    }
    if cards.is_empty() {
        return Err(format!(
            "note type '{}': the question or the answer is empty once pictures, sounds and HTML are removed",
            note_type.name
        ));
    }
    Ok(cards)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (key, front, back) of each card, to compare with a table.
    fn sides(cards: &[NoteCard]) -> Vec<(&str, &str, &str)> {
        cards
            .iter()
            .map(|c| (c.key.as_str(), c.front.as_str(), c.back.as_str()))
            .collect()
    }

    fn values(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn basic_reversed_and_cloze_notes_give_their_cards() {
        let mut media = 0;
        let basic = NoteType::from_name("Basic", 2);
        let cards = note_cards(
            "g1",
            &basic,
            &values(&["<b>Q</b>", "A&amp;B"]),
            Placement::default(),
            &mut media,
        )
        .expect("cards");
        assert_eq!(
            cards,
            vec![NoteCard {
                ord: 0,
                key: "g1".into(),
                front: "Q".into(),
                back: "A&B".into()
            }]
        );
        let reversed = NoteType::from_name("Basic (and reversed card)", 2);
        let cards = note_cards(
            "g2",
            &reversed,
            &values(&["chien", "dog"]),
            Placement::default(),
            &mut media,
        )
        .expect("cards");
        assert_eq!(
            sides(&cards),
            vec![("g2", "chien", "dog"), ("g2-1", "dog", "chien")]
        );
        let cloze = NoteType::from_name("Cloze", 2);
        let cards = note_cards(
            "g3",
            &cloze,
            &values(&["{{c1::Ottawa}} is in {{c2::Canada}}", "Extra"]),
            Placement::default(),
            &mut media,
        )
        .expect("cards");
        assert_eq!(
            sides(&cards),
            vec![
                ("g3-c1", "[...] is in Canada", "Ottawa is in Canada\nExtra"),
                ("g3-c2", "Ottawa is in [...]", "Ottawa is in Canada\nExtra")
            ]
        );
        assert_eq!(media, 0);
    }

    #[test]
    fn a_note_with_thousands_of_clozes_is_refused_not_multiplied() {
        let cloze = NoteType::from_name("Cloze", 2);
        let mut media = 0;
        let many: String = (1..=16_000).map(|n| format!("{{{{c{n}::w}}}} ")).collect();
        let refused = note_cards(
            "g",
            &cloze,
            &values(&[&many, ""]),
            Placement::default(),
            &mut media,
        )
        .expect_err("too many");
        assert!(
            refused.contains("16000 cloze numbers (at most 100)"),
            "{refused}"
        );
        let hundred: String = (1..=100).map(|n| format!("{{{{c{n}::w}}}} ")).collect();
        let cards = note_cards(
            "g",
            &cloze,
            &values(&[&hundred, ""]),
            Placement::default(),
            &mut media,
        )
        .expect("cards");
        assert_eq!(cards.len(), 100);
    }

    #[test]
    fn notes_without_a_question_are_refused_with_a_reason() {
        let mut media = 0;
        let basic = NoteType::from_name("Picture only", 2);
        let reason = note_cards(
            "g",
            &basic,
            &values(&["<img src=a.png>", ""]),
            Placement::default(),
            &mut media,
        )
        .expect_err("no text");
        assert!(reason.contains("'Picture only'"), "{reason}");
        assert_eq!(media, 1);
        let occlusion = NoteType::from_name("Image Occlusion", 5);
        assert!(
            note_cards(
                "g",
                &occlusion,
                &values(&["x"]),
                Placement::default(),
                &mut media
            )
            .is_err()
        );
        assert_eq!(note_key(" a b "), "a_b");
    }
}
