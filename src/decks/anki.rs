//! Anki notes to cards, shared by the text and package importers: one card per template of a
//! standard note type (a reversed template swaps the sides), one per cloze number of a cloze
//! note, and a reason for everything else.

use super::html::{self, Side};
use std::collections::HashMap;

/// A card template: what the question and the answer show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub ord: u32,
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
        let kind = if lower.contains("image occlusion") {
            NoteKind::Unsupported(format!(
                "note type '{name}': image occlusion is not supported"
            ))
        } else if lower.contains("cloze") {
            NoteKind::Cloze(Template {
                ord: 0,
                question: format!("{{{{cloze:{}}}}}", fields[0]),
                answer: format!("{{{{cloze:{}}}}}<br>{}", fields[0], field(1)),
            })
        } else {
            let forward = Template {
                ord: 0,
                question: field(0),
                answer: field(1),
            };
            let mut templates = vec![forward];
            if lower.contains("optional reversed") && fields.len() > 2 {
                templates.push(Template {
                    ord: 1,
                    question: format!("{{{{#{0}}}}}{1}{{{{/{0}}}}}", fields[2], field(1)),
                    answer: field(0),
                });
            } else if lower.contains("reverse") {
                templates.push(Template {
                    ord: 1,
                    question: field(1),
                    answer: field(0),
                });
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

/// The cards of one note, each side turned into text; `media` counts pictures and sounds
/// dropped. Cards whose question or answer is empty are left out; `Err` says why a note gives
/// no card at all.
pub fn note_cards(
    note: &str,
    note_type: &NoteType,
    values: &[String],
    media: &mut usize,
) -> Result<Vec<NoteCard>, String> {
    let fields: HashMap<String, String> = note_type
        .fields
        .iter()
        .cloned()
        .zip(values.iter().cloned())
        .collect();
    let mut text = |template: &str, cloze: Option<(u32, Side)>| -> Result<String, String> {
        let rendered = html::render_template(template, &fields, cloze)
            .map_err(|reason| format!("note type '{}': {reason}", note_type.name))?
            .replace("<hr id=answer>", "\n")
            .replace("<hr id=\"answer\">", "\n");
        let converted = html::to_text(&rendered);
        *media += converted.media;
        Ok(converted.text)
    };
    let mut cards = Vec::new();
    match &note_type.kind {
        NoteKind::Unsupported(reason) => return Err(reason.clone()),
        NoteKind::Standard(templates) => {
            for template in templates {
                let front = text(&template.question, None)?;
                let back = text(&template.answer, None)?;
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
            let source = values.first().map_or("", String::as_str);
            let numbers = html::cloze_numbers(source);
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
                let front = text(&template.question, Some((number, Side::Question)))?;
                let back = text(&template.answer, Some((number, Side::Answer)))?;
                if !front.is_empty() && !back.is_empty() {
                    cards.push(NoteCard {
                        ord: number - 1,
                        key: card_key(note, &note_type.kind, number - 1),
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
        let cards =
            note_cards("g1", &basic, &values(&["<b>Q</b>", "A&amp;B"]), &mut media).expect("cards");
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
        let cards =
            note_cards("g2", &reversed, &values(&["chien", "dog"]), &mut media).expect("cards");
        assert_eq!(
            sides(&cards),
            vec![("g2", "chien", "dog"), ("g2-1", "dog", "chien")]
        );
        let cloze = NoteType::from_name("Cloze", 2);
        let cards = note_cards(
            "g3",
            &cloze,
            &values(&["{{c1::Ottawa}} is in {{c2::Canada}}", "Extra"]),
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
        let refused =
            note_cards("g", &cloze, &values(&[&many, ""]), &mut media).expect_err("too many");
        assert!(
            refused.contains("16000 cloze numbers (at most 100)"),
            "{refused}"
        );
        let hundred: String = (1..=100).map(|n| format!("{{{{c{n}::w}}}} ")).collect();
        let cards = note_cards("g", &cloze, &values(&[&hundred, ""]), &mut media).expect("cards");
        assert_eq!(cards.len(), 100);
    }

    #[test]
    fn notes_without_a_question_are_refused_with_a_reason() {
        let mut media = 0;
        let basic = NoteType::from_name("Picture only", 2);
        let reason = note_cards("g", &basic, &values(&["<img src=a.png>", ""]), &mut media)
            .expect_err("no text");
        assert!(reason.contains("'Picture only'"), "{reason}");
        assert_eq!(media, 1);
        let occlusion = NoteType::from_name("Image Occlusion", 5);
        assert!(note_cards("g", &occlusion, &values(&["x"]), &mut media).is_err());
        assert_eq!(note_key(" a b "), "a_b");
    }
}
