//! Anki's card templates as rslib renders them (`template.rs`, `template_filters.rs`):
//! `{{Field}}`, filters applied from the field outward (`{{text:Field}}`, `{{cloze:Text}}`,
//! `{{type:Back}}`, `{{kanji:F}}`, `{{kana:F}}`, `{{furigana:F}}`, `{{hint:F}}`), sections
//! `{{#Field}}...{{/Field}}` and `{{^Field}}...{{/Field}}` (also on `c1`, `c2`, ... for the
//! card's own cloze number), and the special fields the caller puts beside the note's own.
//!
//! What a terminal cannot show is rendered as the text a learner would read: `{{type:Back}}`
//! shows nothing on the question side and the expected answer on the answer side (as Anki's
//! reviewer does when nothing was typed); `{{furigana:F}}` reads `漢字(かんじ)`; `{{hint:F}}`
//! shows the field; text-to-speech and `{{FrontSide}}` (a card's back is stored without its
//! question) render nothing.

use super::cloze::{self, Side};
use std::collections::{HashMap, HashSet};

/// Sections nested deeper than this are refused: real templates nest a few levels, and a
/// hostile one of 20,000 would otherwise overflow the stack.
pub const MAX_SECTION_DEPTH: usize = 100;

#[derive(Debug, PartialEq, Eq)]
enum Node<'a> {
    Text(&'a str),
    /// `{{filter:...:Field}}`: the filters in the order they apply (nearest the field first).
    Field {
        key: &'a str,
        filters: Vec<&'a str>,
    },
    Section {
        key: &'a str,
        negated: bool,
        children: Vec<Node<'a>>,
    },
}

/// A template read into its tree; `Err` says what is wrong with it.
fn parse(template: &str) -> Result<Vec<Node<'_>>, String> {
    // Open sections, innermost last: (key, negated, the nodes before it).
    let mut open: Vec<(&str, bool, Vec<Node<'_>>)> = Vec::new();
    let mut nodes: Vec<Node<'_>> = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(length) = rest[start + 2..].find("}}") else {
            break;
        };
        if start > 0 {
            nodes.push(Node::Text(&rest[..start]));
        }
        let handle = rest[start + 2..start + 2 + length].trim();
        rest = &rest[start + 2 + length + 2..];
        if let Some(key) = handle
            .strip_prefix('#')
            .or_else(|| handle.strip_prefix('^'))
        {
            if open.len() >= MAX_SECTION_DEPTH {
                return Err(format!(
                    "its template nests sections more than {MAX_SECTION_DEPTH} deep"
                ));
            }
            let outer = std::mem::take(&mut nodes);
            open.push((key.trim(), handle.starts_with('^'), outer));
        } else if let Some(key) = handle.strip_prefix('/') {
            let key = key.trim();
            match open.pop() {
                Some((opened, negated, outer)) if opened == key => {
                    let children = std::mem::replace(&mut nodes, outer);
                    nodes.push(Node::Section {
                        key,
                        negated,
                        children,
                    });
                }
                Some((opened, ..)) => {
                    return Err(format!(
                        "its template closes {{{{/{key}}}}} where {{{{#{opened}}}}} is open"
                    ));
                }
                None => {
                    return Err(format!(
                        "its template closes {{{{/{key}}}}}, which was never opened"
                    ));
                }
            }
        } else {
            let mut parts = handle.rsplit(':');
            let key = parts.next().unwrap_or_default().trim();
            nodes.push(Node::Field {
                key,
                filters: parts.map(str::trim).collect(),
            });
        }
    }
    if let Some((key, ..)) = open.last() {
        return Err(format!("its template never closes {{{{#{key}}}}}"));
    }
    if !rest.is_empty() {
        nodes.push(Node::Text(rest));
    }
    Ok(nodes)
}

/// What a card's side is rendered from.
pub struct Card<'a> {
    /// The note's fields and the special fields, by name.
    pub fields: &'a HashMap<String, String>,
    /// The card's number: its template's ord, or its cloze number minus one.
    pub ord: u16,
    pub side: Side,
}

/// Renders `template` for `card` into HTML; `Err` says why it cannot be (a bad template, or a
/// field the note type does not have).
pub fn render(template: &str, card: &Card<'_>) -> Result<String, String> {
    let nodes = parse(template)?;
    let nonempty: HashSet<&str> = card
        .fields
        .iter()
        .filter(|(_, value)| !field_is_empty(value))
        .map(|(name, _)| name.as_str())
        .collect();
    let mut out = String::with_capacity(template.len());
    render_nodes(&nodes, card, &nonempty, &mut out)?;
    Ok(out)
}

fn render_nodes(
    nodes: &[Node<'_>],
    card: &Card<'_>,
    nonempty: &HashSet<&str>,
    out: &mut String,
) -> Result<(), String> {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Field { key, .. } if *key == "FrontSide" => {}
            // `{{filter:}}` asks a filter for text of its own: nothing here.
            Node::Field { key: "", .. } => {}
            Node::Field { key, filters } => {
                let value = card.fields.get(*key).ok_or_else(|| {
                    format!("its template names a field '{key}' that the note type does not have")
                })?;
                out.push_str(&apply_filters(value, filters, card));
            }
            Node::Section {
                key,
                negated,
                children,
            } => {
                let shown = if nonempty.contains(key) {
                    true
                } else if card.fields.contains_key(*key) || is_cloze_number(key) {
                    false
                } else {
                    return Err(format!(
                        "its template has a section on '{key}', which is no field"
                    ));
                };
                if shown != *negated {
                    render_nodes(children, card, nonempty, out)?;
                }
            }
        }
    }
    Ok(())
}

/// `c1`, `c2`, ...: a section on a cloze number.
fn is_cloze_number(key: &str) -> bool {
    key.strip_prefix('c')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Anki's test for an empty field: nothing but white space and empty `<br>` or `<div>` tags.
/// (A picture alone is not empty.)
pub fn field_is_empty(html: &str) -> bool {
    let mut rest = html.trim_start();
    while !rest.is_empty() {
        let lower = rest.get(..6).unwrap_or(rest).to_ascii_lowercase();
        let tag = ["<br>", "<br/>", "<br />", "<div>", "</div>", "<div/>"]
            .into_iter()
            .find(|tag| lower.starts_with(tag));
        match tag {
            Some(tag) => rest = rest[tag.len()..].trim_start(),
            None => return false,
        }
    }
    true
}

fn apply_filters(value: &str, filters: &[&str], card: &Card<'_>) -> String {
    let number = card.ord.saturating_add(1);
    // `type:` with `cloze` or `nc` is one filter; any other `type:` wins over the rest.
    match filters {
        ["cloze", "type"] => return typed(card, || cloze::for_typing(value, number)),
        ["nc", "type"] | [.., "type"] => return typed(card, || value.to_string()),
        _ => {}
    }
    let mut text = value.to_string();
    for filter in filters {
        text = match *filter {
            "text" => super::super::html::strip_tags(&text),
            "cloze" => cloze::reveal(&text, number, card.side),
            "cloze-only" => cloze::reveal_only(&text, number, card.side),
            "kanji" => ruby(&text, Ruby::Base),
            "kana" => ruby(&text, Ruby::Reading),
            "furigana" => ruby(&text, Ruby::Both),
            "hint" => text,
            filter if filter.starts_with("tts") => String::new(),
            // An empty or unknown filter leaves the text as it is (Anki's too, off its
            // desktop add-ons).
            _ => text,
        };
    }
    text
}

/// A type-in answer: nothing to read on the question side, the expected answer on the back.
fn typed(card: &Card<'_>, expected: impl FnOnce() -> String) -> String {
    match card.side {
        Side::Question => String::new(),
        Side::Answer => expected(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ruby {
    Base,
    Reading,
    Both,
}

/// Anki's reading notation `漢字[かんじ]` (a space may come before the base): the base, the
/// reading, or both as `漢字(かんじ)`. `[sound:...]` is not a reading.
fn ruby(text: &str, keep: Ruby) -> String {
    let text = text.replace("&nbsp;", " ");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open + 1..].find(']').map(|i| open + 1 + i) else {
            break;
        };
        let reading = &rest[open + 1..close];
        // The base: the run before `[` without spaces or `>`.
        let base_start = rest[..open].rfind([' ', '>']).map_or(0, |at| at + 1);
        let base = &rest[base_start..open];
        if base.is_empty() || reading.is_empty() || reading.starts_with("sound:") {
            out.push_str(&rest[..=close]);
            rest = &rest[close + 1..];
            continue;
        }
        // A single space before the base belongs to the notation and goes.
        let before = &rest[..base_start];
        out.push_str(before.strip_suffix(' ').unwrap_or(before));
        match keep {
            Ruby::Base => out.push_str(base),
            Ruby::Reading => out.push_str(reading),
            Ruby::Both => {
                out.push_str(base);
                out.push('(');
                out.push_str(reading);
                out.push(')');
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn side(template: &str, pairs: &[(&str, &str)], ord: u16, side: Side) -> String {
        let fields = fields(pairs);
        render(
            template,
            &Card {
                fields: &fields,
                ord,
                side,
            },
        )
        .expect(template)
    }

    #[test]
    fn fields_filters_and_sections_as_anki_renders_them() {
        let note = [
            ("Front", "日本語[にほんご] is <b>Japanese</b>"),
            ("Back", "nihongo"),
            ("Extra", ""),
            ("Picture", "<img src=a.png>"),
            ("Text", "{{c1::Canberra was {{c2::founded}} in 1913}}."),
            ("c2", "1"),
        ];
        let cases: &[(&str, Side, &str)] = &[
            ("{{Back}}", Side::Question, "nihongo"),
            (
                "{{FrontSide}}<hr id=answer>{{Back}}",
                Side::Answer,
                "<hr id=answer>nihongo",
            ),
            ("{{type:Back}}", Side::Question, ""),
            ("{{type:Back}}", Side::Answer, "nihongo"),
            (
                "{{kanji:Front}}",
                Side::Question,
                "日本語 is <b>Japanese</b>",
            ),
            (
                "{{kana:Front}}",
                Side::Question,
                "にほんご is <b>Japanese</b>",
            ),
            (
                "{{furigana:Front}}",
                Side::Question,
                "日本語(にほんご) is <b>Japanese</b>",
            ),
            (
                "{{text:Front}}",
                Side::Question,
                "日本語[にほんご] is Japanese",
            ),
            (
                "{{#Extra}}x{{/Extra}}{{^Extra}}none{{/Extra}}",
                Side::Question,
                "none",
            ),
            ("{{#Picture}}shown{{/Picture}}", Side::Question, "shown"),
            ("{{#c2}}two{{/c2}}{{#c1}}one{{/c1}}", Side::Question, "two"),
            (
                "{{cloze:Text}}",
                Side::Question,
                "Canberra was [...] in 1913.",
            ),
            ("{{type:cloze:Text}}", Side::Answer, "founded"),
            ("{{tts en_US:Back}}{{Back}}", Side::Question, "nihongo"),
            // A terminal has no link to click: the hint is shown.
            ("{{hint:Back}}", Side::Question, "nihongo"),
        ];
        for (template, which, expected) in cases {
            assert_eq!(side(template, &note, 1, *which), *expected, "{template}");
        }
        // A field with no deletion of this card's number renders empty.
        assert_eq!(side("{{cloze:Text}}", &note, 4, Side::Question), "");
    }

    #[test]
    fn broken_templates_say_what_is_wrong() {
        let note = fields(&[("Front", "x")]);
        let card = Card {
            fields: &note,
            ord: 0,
            side: Side::Question,
        };
        for (template, said) in [
            ("{{Missing}}", "a field 'Missing'"),
            ("{{#Front}}x", "never closes {{#Front}}"),
            (
                "{{#Front}}x{{/Back}}",
                "closes {{/Back}} where {{#Front}} is open",
            ),
            ("{{#Nowhere}}x{{/Nowhere}}", "a section on 'Nowhere'"),
        ] {
            let error = render(template, &card).expect_err(template);
            assert!(error.contains(said), "{template}: {error}");
        }
    }

    #[test]
    fn sections_nested_beyond_the_limit_are_refused_not_a_stack_overflow() {
        let note = fields(&[("F", "x")]);
        let card = Card {
            fields: &note,
            ord: 0,
            side: Side::Question,
        };
        let nested = |depth: usize| "{{#F}}".repeat(depth) + "x" + &"{{/F}}".repeat(depth);
        assert_eq!(
            render(&nested(MAX_SECTION_DEPTH), &card).expect("renders"),
            "x"
        );
        let refused = render(&nested(20_000), &card).expect_err("refused");
        assert!(refused.contains("more than 100 deep"), "{refused}");
    }

    #[test]
    fn empty_fields_are_white_space_and_empty_lines_only() {
        for empty in ["", "  ", "<br>", "<div></div>", " <br /> <div> </div>"] {
            assert!(field_is_empty(empty), "{empty:?}");
        }
        for filled in ["x", "<img src=a.png>", "<b></b>", "&nbsp;"] {
            assert!(!field_is_empty(filled), "{filled:?}");
        }
    }
}
