//! Anki fields are HTML: turning them into terminal text (line breaks and blocks to newlines,
//! entities decoded, pictures and sounds counted and removed, every other tag dropped).

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
                        // Cells of one row read side by side, apart.
                        "td" | "th" if !tag.closing => {
                            text.truncate(text.trim_end_matches(' ').len());
                            if !text.is_empty() && !text.ends_with('\n') {
                                text.push_str(" | ");
                            }
                        }
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
    let end = tag_end(inner)?;
    Some((
        Tag {
            name: name.to_ascii_lowercase(),
            closing,
        },
        end + 2,
    ))
}

/// Quoted attribute values are looked through for at most this many bytes per tag, so a field
/// of unclosed quotes is still read in linear time.
const MAX_QUOTED_BYTES: usize = 4096;

/// Where the tag whose inside starts `inner` ends: the first `>` outside quoted attribute
/// values (`<a title="x > y">`), or simply the first `>` when a quote is not closed nearby.
fn tag_end(inner: &str) -> Option<usize> {
    let plain = inner.find('>')?;
    let mut quote: Option<u8> = None;
    for (at, byte) in inner.bytes().enumerate().take(MAX_QUOTED_BYTES) {
        match (quote, byte) {
            (None, b'>') => return Some(at),
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(open), _) if byte == open => quote = None,
            _ => {}
        }
    }
    Some(plain)
}

/// Longest entity looked for (`&CounterClockwiseContourIntegral;` is 33): the search for its
/// `;` stops there, so a field of ten thousand bare `&` is read in linear time.
const MAX_ENTITY_BYTES: usize = 40;

/// The character reference at `text` (`&amp;`, `&#233;`, `&#xE9;`, any of HTML5's named
/// references): what it stands for and its length, or `None` when the `&` is text.
fn entity_at(text: &str) -> Option<(String, usize)> {
    let end = text.as_bytes()[1..]
        .iter()
        .take(MAX_ENTITY_BYTES)
        .position(|byte| *byte == b';')?
        + 1;
    let reference = &text[..=end];
    let name = &reference[1..end];
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#') {
        return None;
    }
    match html_escape::decode_html_entities(reference) {
        std::borrow::Cow::Owned(decoded) => Some((decoded, end + 1)),
        std::borrow::Cow::Borrowed(_) => None,
    }
}

/// The field with its tags removed and its entities kept (the `text:` template filter):
/// `to_text` decodes them once, later.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let last_close = html.rfind('>');
    while let Some(position) = rest.find('<') {
        out.push_str(&rest[..position]);
        rest = &rest[position..];
        let offset = html.len() - rest.len();
        match tag_at(rest).filter(|_| last_close.is_some_and(|close| close > offset)) {
            Some((_, length)) => rest = &rest[length..],
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
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
            (
                "&ntilde; &iquest; &Uuml; &alpha; &hearts; &CounterClockwiseContourIntegral;",
                "ñ ¿ Ü α ♥ ∳",
                0,
            ),
            (
                "<table><tr><td>physiologisch</td><td>technisch</td></tr><tr><th>a</th> <td>b</td></tr></table>",
                "physiologisch | technisch\na | b",
                0,
            ),
            (
                "<a title=\"x > y\">link</a> <b title='>'>bold</b>",
                "link bold",
                0,
            ),
            ("<a title=\"never closed>text", "text", 0),
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
}
