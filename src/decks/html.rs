//! Anki fields are HTML: turning them into terminal text (line breaks and blocks to newlines,
//! entities decoded, pictures and sounds counted and removed, every other tag dropped), and
//! rendering Anki's card templates and cloze deletions.

use std::collections::HashMap;

/// Text made from HTML, and how many media references (pictures, sounds) it dropped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Converted {
    pub text: String,
    pub media: usize,
}

const BLOCK_TAGS: &[&str] = &[
    "div",
    "p",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "blockquote",
    "hr",
    "pre",
    "dd",
    "dt",
];

/// Literal text of an HTML document: runs of white space (newlines and tabs included) read as
/// one space, as a browser shows them.
fn push_collapsed(text: &mut String, literal: &str) {
    let mut in_space = text.ends_with(' ');
    for c in literal.chars() {
        if c.is_ascii_whitespace() {
            if !in_space {
                text.push(' ');
                in_space = true;
            }
        } else {
            text.push(c);
            in_space = false;
        }
    }
}

/// Plain text written as HTML that `to_text` turns back into the same text: markup characters
/// escaped, newlines as `<br>`, tabs and repeated spaces as character references.
pub fn from_plain(text: &str) -> String {
    let mut html = String::with_capacity(text.len());
    let mut previous_space = false;
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '[' => html.push_str("&#91;"),
            '\n' => html.push_str("<br>"),
            '\r' => {}
            '\t' => html.push_str("&#9;"),
            ' ' if previous_space => html.push_str("&#32;"),
            c => html.push(c),
        }
        previous_space = c == ' ';
    }
    html
}

/// Converts one HTML field to text.
pub fn to_text(html: &str) -> Converted {
    let mut text = String::with_capacity(html.len());
    let mut media = 0;
    let mut rest = html;
    // Past the last `>` no `<` can open a tag: knowing where it is keeps a field of many
    // unclosed `<a` from being searched to its end once per `<`.
    let last_close = html.rfind('>');
    while let Some(position) = rest.find(['<', '&', '[']) {
        push_collapsed(&mut text, &rest[..position]);
        rest = &rest[position..];
        let offset = html.len() - rest.len();
        if rest.starts_with('<') && last_close.is_none_or(|close| close < offset) {
            text.push('<');
            rest = &rest[1..];
        } else if rest.starts_with('<') {
            match tag_at(rest) {
                Some((tag, length)) => {
                    rest = &rest[length..];
                    match tag.name.as_str() {
                        "br" => text.push('\n'),
                        "img" | "audio" | "video" | "source" => media += 1,
                        "style" | "script" if !tag.closing => {
                            let close = format!("</{}", tag.name);
                            let end = rest
                                .as_bytes()
                                .windows(close.len())
                                .position(|window| window.eq_ignore_ascii_case(close.as_bytes()))
                                .unwrap_or(rest.len());
                            rest = &rest[end..];
                        }
                        name if BLOCK_TAGS.contains(&name)
                            && !text.is_empty()
                            && !text.trim_end_matches(' ').ends_with('\n') =>
                        {
                            text.push('\n');
                        }
                        _ => {}
                    }
                }
                None => {
                    text.push('<');
                    rest = &rest[1..];
                }
            }
        } else if rest.starts_with('&') {
            match entity_at(rest) {
                Some((decoded, length)) => {
                    text.push_str(&decoded);
                    rest = &rest[length..];
                }
                None => {
                    text.push('&');
                    rest = &rest[1..];
                }
            }
        } else if let Some(end) = rest.strip_prefix("[sound:").and_then(|r| r.find(']')) {
            media += 1;
            rest = &rest["[sound:".len() + end + 1..];
        } else {
            text.push('[');
            rest = &rest[1..];
        }
    }
    push_collapsed(&mut text, rest);
    Converted {
        text: tidy(&text),
        media,
    }
}

/// Non-breaking spaces to spaces, each line trimmed of spaces, at most one blank line in a row.
fn tidy(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.replace('\u{a0}', " ").split('\n') {
        let line = line.trim_matches(' ').to_string();
        if line.is_empty() && lines.last().is_none_or(|last| last.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|last| last.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

struct Tag {
    name: String,
    closing: bool,
}

/// A tag starting at `<`: its lower-case name and its length, or `None` when the `<` is text
/// (`a < b`).
fn tag_at(text: &str) -> Option<(Tag, usize)> {
    let inner = &text[1..];
    if let Some(comment) = inner.strip_prefix("!--") {
        let end = comment.find("-->").map_or(text.len(), |i| 1 + 3 + i + 3);
        return Some((
            Tag {
                name: "!--".into(),
                closing: false,
            },
            end.min(text.len()),
        ));
    }
    let closing = inner.starts_with('/');
    let name_start = usize::from(closing);
    let name: String = inner[name_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if name.is_empty() && !inner.starts_with('!') {
        return None;
    }
    let end = inner.find('>')?;
    Some((
        Tag {
            name: name.to_ascii_lowercase(),
            closing,
        },
        end + 2,
    ))
}

/// Longest entity looked for (`&CounterClockwiseContourIntegral;` is 33): the search for its
/// `;` stops there, so a field of ten thousand bare `&` is read in linear time.
const MAX_ENTITY_BYTES: usize = 40;

fn entity_at(text: &str) -> Option<(String, usize)> {
    let end = text.as_bytes()[1..]
        .iter()
        .take(MAX_ENTITY_BYTES)
        .position(|byte| *byte == b';')?
        + 1;
    if end > 12 {
        return None;
    }
    let name = &text[1..end];
    let decoded = if let Some(number) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
    {
        char::from_u32(u32::from_str_radix(number, 16).ok()?)?.to_string()
    } else if let Some(number) = name.strip_prefix('#') {
        char::from_u32(number.parse().ok()?)?.to_string()
    } else {
        named_entity(name)?.to_string()
    };
    Some((decoded, end + 1))
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "deg" => "°",
        "times" => "×",
        "divide" => "÷",
        "eacute" => "é",
        "egrave" => "è",
        "agrave" => "à",
        "ccedil" => "ç",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        "szlig" => "ß",
        "euro" => "€",
        "pound" => "£",
        "rarr" => "→",
        "larr" => "←",
        _ => return None,
    })
}

/// Which side of a cloze card is being shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Question,
    Answer,
}

/// The cloze numbers used in a field: `{{c1::...}}`, `{{c2::...}}`.
pub fn cloze_numbers(text: &str) -> Vec<u32> {
    let mut numbers = std::collections::BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{c") {
        rest = &rest[start + 3..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if let Ok(number) = rest[..digits].parse::<u32>()
            && rest[digits..].starts_with("::")
        {
            numbers.insert(number);
        }
    }
    numbers.into_iter().collect()
}

/// Cloze `number` of `text`: on the question side its deletions read `[...]` (or `[hint]`),
/// on the answer side they are revealed; other deletions always show their text.
pub fn render_cloze(text: &str, number: u32, side: Side) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{c") {
        let after = &rest[start + 3..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let body_start = start + 3 + digits.len();
        let (Ok(this), true) = (digits.parse::<u32>(), rest[body_start..].starts_with("::")) else {
            out.push_str(&rest[..start + 3]);
            rest = &rest[start + 3..];
            continue;
        };
        let Some(end) = rest[body_start + 2..].find("}}") else {
            break;
        };
        let body = &rest[body_start + 2..body_start + 2 + end];
        let (answer, hint) = match body.split_once("::") {
            Some((answer, hint)) => (answer, Some(hint)),
            None => (body, None),
        };
        out.push_str(&rest[..start]);
        if this == number && side == Side::Question {
            out.push('[');
            out.push_str(hint.unwrap_or("..."));
            out.push(']');
        } else {
            out.push_str(answer);
        }
        rest = &rest[body_start + 2 + end + 2..];
    }
    out.push_str(rest);
    out
}

/// Sections nested deeper than this are refused: real templates nest a few levels, and a
/// hostile one of 20,000 would otherwise overflow the stack.
pub const MAX_SECTION_DEPTH: usize = 100;

/// Renders an Anki card template (`{{Field}}`, `{{filter:Field}}`, `{{#Field}}...{{/Field}}`,
/// `{{^Field}}...{{/Field}}`), with `{{FrontSide}}` left out and cloze fields rendered for
/// `cloze` (number and side). `Err` when sections nest deeper than `MAX_SECTION_DEPTH`.
pub fn render_template(
    template: &str,
    fields: &HashMap<String, String>,
    cloze: Option<(u32, Side)>,
) -> Result<String, String> {
    render_nested(template, fields, cloze, 0)
}

fn render_nested(
    template: &str,
    fields: &HashMap<String, String>,
    cloze: Option<(u32, Side)>,
    depth: usize,
) -> Result<String, String> {
    if depth > MAX_SECTION_DEPTH {
        return Err(format!(
            "its template nests sections more than {MAX_SECTION_DEPTH} deep"
        ));
    }
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find("}}").map(|i| start + i) else {
            rest = &rest[start..];
            break;
        };
        let tag = rest[start + 2..end].trim();
        rest = &rest[end + 2..];
        if let Some(section) = tag.strip_prefix('#').or_else(|| tag.strip_prefix('^')) {
            let section = section.trim();
            let close = format!("{{{{/{section}}}}}");
            let (inner, after) = match rest.find(&close) {
                Some(i) => (&rest[..i], &rest[i + close.len()..]),
                None => (rest, ""),
            };
            let filled = fields
                .get(section)
                .is_some_and(|v| !to_text(v).text.is_empty());
            if filled == tag.starts_with('#') {
                out.push_str(&render_nested(inner, fields, cloze, depth + 1)?);
            }
            rest = after;
            continue;
        }
        if tag == "FrontSide" || tag.starts_with('/') {
            continue;
        }
        let mut parts: Vec<&str> = tag.split(':').collect();
        let name = parts.pop().unwrap_or_default().trim();
        let value = fields.get(name).map_or("", String::as_str);
        if parts.iter().any(|f| matches!(f.trim(), "type" | "tts")) {
            continue;
        }
        if parts.iter().any(|f| f.trim() == "cloze") {
            if let Some((number, side)) = cloze {
                out.push_str(&render_cloze(value, number, side));
            }
            continue;
        }
        out.push_str(value);
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_terminal_text() {
        let cases = [
            ("plain", "plain", 0),
            ("Capital of <b>France</b>?", "Capital of France?", 0),
            (
                "Paris&nbsp;&amp; Île<br>city of light",
                "Paris & Île\ncity of light",
                0,
            ),
            ("<div>one</div><div>two</div>", "one\ntwo", 0),
            (
                "a &lt; b &#38; c &#x263A; &bogus;",
                "a < b & c ☺ &bogus;",
                0,
            ),
            ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2", 0),
            ("<img src=\"flag.png\">", "", 1),
            ("word [sound:x.mp3] [not sound]", "word [not sound]", 1),
            ("<style>.x{}</style>text<!-- note -->", "text", 0),
            ("<ul><li>a</li><li>b</li></ul>", "a\nb", 0),
            ("x<br><br><br><br>y", "x\n\ny", 0),
            ("two\nlines\tand  spaces", "two lines and spaces", 0),
        ];
        for (html, text, media) in cases {
            assert_eq!(
                to_text(html),
                Converted {
                    text: text.to_string(),
                    media
                },
                "{html:?}"
            );
        }
    }

    #[test]
    fn plain_text_survives_the_trip_through_html() {
        for plain in ["a\tb\nc  d", "1 < 2 & [x]", "  indented"] {
            let back = to_text(&from_plain(plain)).text;
            assert_eq!(back, plain.trim_start(), "{plain:?}");
        }
    }

    #[test]
    fn cloze_deletions_hide_one_number_at_a_time() {
        let text = "{{c1::Ottawa}} is the capital of {{c2::Canada::country}}.";
        assert_eq!(cloze_numbers(text), vec![1, 2]);
        assert_eq!(
            render_cloze(text, 1, Side::Question),
            "[...] is the capital of Canada."
        );
        assert_eq!(
            render_cloze(text, 2, Side::Question),
            "Ottawa is the capital of [country]."
        );
        assert_eq!(
            render_cloze(text, 2, Side::Answer),
            "Ottawa is the capital of Canada."
        );
        assert_eq!(cloze_numbers("no clozes {{c::x}}"), Vec::<u32>::new());
    }

    #[test]
    fn templates_render_fields_sections_and_skip_the_front_side() {
        let fields: HashMap<String, String> = [
            ("Front", "chien"),
            ("Back", "dog"),
            ("Extra", ""),
            ("Text", "{{c1::Lima}} is in Peru"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(
            render_template("{{Back}}", &fields, None).expect("renders"),
            "dog"
        );
        assert_eq!(
            render_template("{{FrontSide}}<hr id=answer>{{Front}}", &fields, None)
                .expect("renders"),
            "<hr id=answer>chien"
        );
        assert_eq!(
            render_template(
                "{{#Extra}}[{{Extra}}]{{/Extra}}{{^Extra}}none{{/Extra}}",
                &fields,
                None
            )
            .expect("renders"),
            "none"
        );
        assert_eq!(
            render_template("{{type:Back}}{{text:Front}}", &fields, None).expect("renders"),
            "chien"
        );
        assert_eq!(
            render_template("{{cloze:Text}}", &fields, Some((1, Side::Question))).expect("renders"),
            "[...] is in Peru"
        );
    }

    #[test]
    fn sections_nested_beyond_the_limit_are_refused_not_a_stack_overflow() {
        let fields: HashMap<String, String> = [("Front".to_string(), "x".to_string())].into();
        let nested = |depth: usize| {
            format!(
                "{}{{{{Front}}}}{}",
                "{{#Front}}".repeat(depth),
                "{{/Front}}".repeat(depth)
            )
        };
        assert_eq!(
            render_template(&nested(MAX_SECTION_DEPTH), &fields, None).expect("renders"),
            "x"
        );
        // 20,000 levels: a 200 KB template that used to abort the process.
        let refused = render_template(&nested(20_000), &fields, None).expect_err("refused");
        assert!(refused.contains("more than 100 deep"), "{refused}");
    }
}
