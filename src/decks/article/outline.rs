//! The outline: each line classified once, with its number.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Blank,
    /// `#` in Markdown: the article's title.
    Title,
    /// `1. Defining the Roles` or `## ...`.
    Section,
    /// `I. Creating an Agenda` or `### ...`.
    Subsection,
    /// `• ...`, `- ...`, `* ...`.
    Bullet,
    Text,
}

#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) number: usize,
    pub(super) shape: Shape,
    /// The line as written (tables need the tabs that `text` folds away).
    pub(super) raw: String,
    /// The line without Markdown markers, bullets or heading numbers' hashes, whitespace folded.
    pub(super) text: String,
    /// The whole line is bold (`**Why does it matter?**`): how Markdown FAQs mark a question.
    pub(super) bold: bool,
    /// A block quote (`> ...`).
    pub(super) quote: bool,
}

pub(super) fn outline(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .map(|(index, raw)| classify(index + 1, raw))
        .collect()
}

pub(super) fn classify(number: usize, raw: &str) -> Line {
    let cleaned = clean_inline(raw);
    let trimmed = cleaned.trim();
    let raw_trimmed = raw.trim();
    let bold = ["**", "__"].iter().any(|mark| {
        raw_trimmed.len() > 4
            && raw_trimmed.starts_with(mark)
            && raw_trimmed.ends_with(mark)
            && !raw_trimmed[2..raw_trimmed.len() - 2].contains(mark)
    });
    let quote = raw_trimmed.starts_with('>');
    let line = |shape, text: &str| Line {
        number,
        shape,
        raw: raw.to_string(),
        text: fold_whitespace(text),
        bold,
        quote,
    };
    if trimmed.is_empty() {
        return line(Shape::Blank, "");
    }
    if let Some(rest) = trimmed.strip_prefix('#') {
        let level = 1 + rest.chars().take_while(|c| *c == '#').count();
        let heading = rest.trim_start_matches('#').trim();
        let shape = match level {
            1 => Shape::Title,
            2 => Shape::Section,
            _ => Shape::Subsection,
        };
        return line(shape, heading);
    }
    for marker in ['•', '·', '–', '-', '*', '●', '▪'] {
        if let Some(rest) = trimmed.strip_prefix(marker)
            && rest.starts_with(char::is_whitespace)
        {
            return line(Shape::Bullet, rest.trim());
        }
    }
    if is_numbered_heading(trimmed) {
        return line(Shape::Section, trimmed);
    }
    if roman_heading(trimmed).is_some() {
        return line(Shape::Subsection, trimmed);
    }
    line(Shape::Text, trimmed)
}

/// `3. Leading vs. Managing: 4 Critical Dimensions`: a number, a dot, a short title without a
/// closing full stop (a numbered sentence in a paragraph ends with one).
pub(super) fn is_numbered_heading(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return false;
    }
    let rest = &text[digits..];
    rest.starts_with(". ")
        && rest[2..].starts_with(|c: char| c.is_uppercase())
        && text.chars().count() <= 90
        && !text.ends_with('.')
}

/// `IV. Outcomes` -> `Outcomes`.
pub(super) fn roman_heading(text: &str) -> Option<&str> {
    let numeral_len = text
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
        .count();
    if numeral_len == 0 || numeral_len > 4 {
        return None;
    }
    let rest = text[numeral_len..].strip_prefix(". ")?;
    (rest.starts_with(|c: char| c.is_uppercase()) && text.chars().count() <= 90).then_some(rest)
}

/// Removes Markdown emphasis and link syntax and every control character but tab.
pub(super) fn clean_inline(raw: &str) -> String {
    let without_controls: String = crate::text::for_terminal(raw)
        .chars()
        .filter(|c| *c != '\n')
        .collect();
    let mut text = without_controls.replace("**", "").replace("__", "");
    // [text](url) -> text
    while let Some(open) = text.find('[') {
        let Some(close) = text[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(end) = text[close..].find(')').map(|i| close + i) else {
            break;
        };
        let label = text[open + 1..close].to_string();
        text.replace_range(open..=end, &label);
    }
    if let Some(quoted) = text.trim_start().strip_prefix("> ") {
        text = quoted.to_string();
    }
    text
}

/// Folds runs of spaces and tabs into one space (tabs matter only to tables, read from `raw`).
pub(super) fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What an article compares, for its deck names: `Difference Between Leadership and
/// Management` and `What Is the Difference Between Leadership and Management?` give
/// `Leadership and Management`; `Leadership vs. Management: A Guide` gives
/// `Leadership vs. Management`; anything else is the title itself.
pub(super) fn topic_of(title: &str) -> String {
    let trim = |text: &str| {
        text.trim()
            .trim_end_matches(['?', '.', ':', '!'])
            .trim()
            .to_string()
    };
    let lower = title.to_lowercase();
    for marker in ["differences between ", "difference between "] {
        if let Some(at) = lower.find(marker) {
            // Lower-casing may change byte lengths only outside ASCII; fall back to the title.
            if let Some(rest) = title.get(at + marker.len()..) {
                return trim(rest.split(':').next().unwrap_or(rest));
            }
        }
    }
    if let Some((before, _)) = title.split_once(':')
        && [" vs", " versus "]
            .iter()
            .any(|m| before.to_lowercase().contains(m))
    {
        return trim(before);
    }
    trim(title)
}

/// A top-level section: its heading line index and the index range of its body.
#[derive(Debug, Clone)]
pub(super) struct Section {
    pub(super) heading: Option<usize>,
    pub(super) body: std::ops::Range<usize>,
}

/// Splits at Section headings; the lines before the first one (after the title) are the
/// introduction, a section without a heading.
pub(super) fn split_sections(lines: &[Line]) -> Vec<Section> {
    let mut sections = Vec::new();
    let first_text = lines.iter().position(|l| l.shape != Shape::Blank);
    let mut start = first_text.map_or(0, |i| i + 1);
    let mut heading = None;
    for (index, line) in lines.iter().enumerate().skip(start) {
        if line.shape == Shape::Section {
            sections.push(Section {
                heading,
                body: start..index,
            });
            heading = Some(index);
            start = index + 1;
        }
    }
    sections.push(Section {
        heading,
        body: start..lines.len(),
    });
    sections
}

pub(super) fn heading_text<'l>(lines: &'l [Line], section: &Section) -> &'l str {
    section.heading.map_or("", |i| lines[i].text.as_str())
}

/// Paragraphs from `lines[from..]` until `stop` says a line ends them or two blank lines do:
/// lines of a paragraph joined with spaces, paragraphs with a blank line. Returns the text and
/// the index of the last line used.
pub(super) fn paragraphs(
    lines: &[Line],
    from: usize,
    stop: impl Fn(&Line) -> bool,
) -> (String, usize) {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut blanks = 0;
    let mut last = from.saturating_sub(1);
    for (index, line) in lines.iter().enumerate().skip(from) {
        if stop(line) {
            break;
        }
        if line.shape == Shape::Blank {
            blanks += 1;
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
            if blanks >= 2 && !paragraphs.is_empty() {
                break;
            }
            continue;
        }
        blanks = 0;
        current.push(&line.text);
        last = index;
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    (paragraphs.join("\n\n"), last)
}

pub(super) fn is_heading(line: &Line) -> bool {
    matches!(
        line.shape,
        Shape::Title | Shape::Section | Shape::Subsection
    )
}
