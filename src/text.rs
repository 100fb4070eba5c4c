//! Making card text from downloaded files safe to print, and the few styles we print with.

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Removes ANSI escape sequences, C0/C1 control characters (other than newline and tab) and
/// bidirectional overrides, so that card text cannot drive the terminal.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_cleaning) {
        return Cow::Borrowed(text);
    }
    let mut clean = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape_sequence(&mut chars),
            // A C1 CSI/OSC/DCS introducer starts a sequence just like ESC [ / ESC ] / ESC P.
            '\u{9b}' => skip_until_final_byte(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                skip_until_terminator(&mut chars)
            }
            '\n' | '\t' => clean.push(c),
            c if needs_cleaning(c) => {}
            c => clean.push(c),
        }
    }
    Cow::Owned(clean)
}

/// As `for_terminal`, with newlines and tabs folded into single spaces: for one-line listings.
pub fn one_line(text: &str) -> String {
    for_terminal(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many terminal columns `text` takes: CJK and most emoji take two, combining marks none.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Breaks `text` into lines of at most `columns` terminal columns (display width, so CJK and
/// emoji count two), at white space: a word is cut only when it is wider than a whole line. The
/// text's own line breaks stay; runs of white space within a line become one space.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split_whitespace() {
            let mut word = word;
            let mut w = word.width();
            if used > 0 && used + 1 + w <= columns {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
            }
            // Only a word wider than a line is cut, at the line's width.
            while w > columns {
                let mut taken = 0;
                let mut end = 0;
                for (at, c) in word.char_indices() {
                    let cw = c.width().unwrap_or(0);
                    if taken + cw > columns {
                        break;
                    }
                    taken += cw;
                    end = at + c.len_utf8();
                }
                if end == 0 {
                    // A character wider than the line: it goes on a line of its own.
                    end = word.chars().next().map_or(word.len(), char::len_utf8);
                }
                lines.push(word[..end].to_string());
                word = &word[end..];
                w = word.width();
            }
            line.push_str(word);
            used = w;
        }
        lines.push(line);
    }
    lines
}

/// Cuts `text` to at most `columns` terminal columns by taking out its middle: keys and deck
/// paths that share a beginning (`lesson-1-…`, `Parent::…`) keep the end that tells them apart.
pub fn truncate_middle(text: &str, columns: usize) -> Cow<'_, str> {
    if text.width() <= columns {
        return Cow::Borrowed(text);
    }
    if columns < 3 {
        return truncate(text, columns);
    }
    let room = columns - 1;
    let tail_room = room / 2;
    let head_room = room - tail_room;
    let mut head = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > head_room {
            break;
        }
        used += w;
        head.push(c);
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > tail_room {
            break;
        }
        used += w;
        tail.push(c);
    }
    head.push('…');
    head.extend(tail.into_iter().rev());
    Cow::Owned(head)
}

/// Cuts `text` to at most `columns` terminal columns, ending with an ellipsis when cut.
pub fn truncate(text: &str, columns: usize) -> Cow<'_, str> {
    if text.width() <= columns {
        return Cow::Borrowed(text);
    }
    let room = columns.saturating_sub(1);
    let mut used = 0;
    let mut kept = String::new();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    if columns > 0 {
        kept.push('…');
    }
    Cow::Owned(kept)
}

/// `text` cut to `columns` and padded with spaces to exactly that many columns: a cell of a
/// left-aligned listing (`format!`'s `{:<20}` counts characters, not columns).
pub fn cell(text: &str, columns: usize) -> String {
    let cut = truncate(text, columns);
    let padding = columns.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(padding))
}

/// `text` padded on the left to `columns`: a right-aligned cell (never cut).
pub fn cell_right(text: &str, columns: usize) -> String {
    format!("{}{text}", " ".repeat(columns.saturating_sub(text.width())))
}

fn needs_cleaning(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_invisible_format(c)
}

/// Characters that change how a terminal lays out or orders text without showing anything:
/// bidirectional overrides, embeddings, isolates and marks, zero-width spaces, line and
/// paragraph separators, the byte-order mark. (The zero-width joiners that emoji and several
/// scripts need are kept.)
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// JSON with every C1 control and invisible format character escaped as `\uXXXX`: the same
/// data for a program, nothing that can drive a terminal when it is printed. (JSON itself only
/// requires C0 controls to be escaped.)
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| matches!(c, '\u{80}'..='\u{9f}') || is_invisible_format(c);
    if !json.chars().any(unsafe_char) {
        return Cow::Borrowed(json);
    }
    let mut escaped = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) {
            escaped.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_until_final_byte(chars),
        Some(']' | 'P' | '_' | '^' | 'X') => skip_until_terminator(chars),
        // Two-character escapes (ESC 7, ESC c, ...): the one character is already consumed.
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes, then one final byte in @..~.
fn skip_until_final_byte(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// OSC, DCS and friends: up to BEL, ST (ESC \) or the C1 ST.
fn skip_until_terminator(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// `1 card`, `2 cards`: a count with its noun (regular plurals only). Every count in output
/// goes through here.
pub fn counted(count: impl TryInto<u64>, noun: &str) -> String {
    let count = count.try_into().unwrap_or(u64::MAX);
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// `1 card is`, `2 cards are`: a count with its noun and the verb that agrees with it.
pub fn counted_are(count: impl TryInto<u64>, noun: &str) -> String {
    let count = count.try_into().unwrap_or(u64::MAX);
    let verb = if count == 1 { "is" } else { "are" };
    format!("{} {verb}", counted(count, noun))
}

/// How to decorate output: colour only on a terminal without `NO_COLOR`; Unicode block
/// characters for charts only when the locale says UTF-8.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    pub unicode: bool,
    /// Progress bars for long work, drawn on standard error (only when it is a terminal).
    pub progress: bool,
    /// Standard output is a terminal: data meant for files (an export) is cleaned before it
    /// reaches it; to a file or a pipe it stays exact.
    pub terminal: bool,
    /// The terminal's width in columns, when standard output is a terminal.
    pub width: Option<usize>,
}

/// The width listings fit off a terminal (and at least on one).
pub const LISTING_COLUMNS: usize = 80;

/// The ASCII a terminal without UTF-8 gets for a character: the program's own symbols have a
/// readable stand-in, anything else outside ASCII is `?` (it would be mojibake there).
pub fn ascii_stand_in(c: char) -> &'static str {
    match c {
        '·' | '–' | '—' | '─' | '−' => "-",
        '→' => "->",
        '←' => "<-",
        '…' => "...",
        '“' | '”' | '«' | '»' => "\"",
        '‘' | '’' => "'",
        '│' => "|",
        '└' | '┼' => "+",
        '×' => "x",
        '▁' | '▂' | '▃' | '▄' => ".",
        '▅' | '▆' | '▇' | '█' | '░' | '▒' | '▓' => "#",
        '\u{a0}' => " ",
        _ => "?",
    }
}

/// Standard output for a terminal whose locale is not UTF-8: every character outside ASCII is
/// replaced by [`ascii_stand_in`]. A character split across two writes is held until whole.
pub struct AsciiOut<W: std::io::Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: std::io::Write> AsciiOut<W> {
    pub fn new(inner: W) -> AsciiOut<W> {
        AsciiOut {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: std::io::Write> std::io::Write for AsciiOut<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        let mut ascii = String::with_capacity(self.pending.len());
        let mut rest: &[u8] = &self.pending;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    push_ascii(&mut ascii, text);
                    rest = &[];
                    break;
                }
                Err(error) => {
                    let (valid, after) = rest.split_at(error.valid_up_to());
                    push_ascii(&mut ascii, std::str::from_utf8(valid).unwrap_or_default());
                    match error.error_len() {
                        // Cut in the middle of a character: keep it for the next write.
                        None => {
                            rest = after;
                            break;
                        }
                        Some(bad) => {
                            ascii.push('?');
                            rest = &after[bad..];
                        }
                    }
                }
            }
        }
        let kept = rest.to_vec();
        self.inner.write_all(ascii.as_bytes())?;
        self.pending = kept;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn push_ascii(ascii: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            ascii.push_str(ascii_stand_in(c));
        }
    }
}

/// Whether a locale (the first set of `LC_ALL`, `LC_CTYPE`, `LANG`) can show Unicode blocks.
pub fn locale_is_utf8(locale: Option<&str>) -> bool {
    locale.is_some_and(|value| {
        let value = value.to_ascii_lowercase();
        value.contains("utf-8") || value.contains("utf8")
    })
}

impl Style {
    /// The columns a listing may fill: the terminal's width, or 80 off a terminal.
    pub fn columns(self) -> usize {
        self.width.unwrap_or(LISTING_COLUMNS).max(40)
    }

    pub fn bold(self, text: &str) -> Cow<'_, str> {
        self.wrap("1", text)
    }

    pub fn dim(self, text: &str) -> Cow<'_, str> {
        self.wrap("2", text)
    }

    pub fn green(self, text: &str) -> Cow<'_, str> {
        self.wrap("32", text)
    }

    pub fn red(self, text: &str) -> Cow<'_, str> {
        self.wrap("31", text)
    }

    fn wrap<'t>(self, code: &str, text: &'t str) -> Cow<'t, str> {
        if self.color {
            Cow::Owned(format!("\u{1b}[{code}m{text}\u{1b}[0m"))
        } else {
            Cow::Borrowed(text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_the_middle_keeps_what_tells_keys_apart() {
        let cases = [
            ("short", 10, "short"),
            ("lesson-one-card-1", 10, "lesso…rd-1"),
            ("lesson-one-card-2", 10, "lesso…rd-2"),
            ("日本語のカード", 9, "日本…ード"),
            ("abcdef", 2, "a…"),
        ];
        for (text, columns, expected) in cases {
            let cut = truncate_middle(text, columns);
            assert_eq!(cut, expected, "{text} at {columns}");
            assert!(width(&cut) <= columns, "{cut}");
        }
    }

    #[test]
    fn wrapping_breaks_at_spaces_by_display_width() {
        let cases: [(&str, usize, &[&str]); 7] = [
            ("the quick brown fox", 10, &["the quick", "brown fox"]),
            ("the quick brown fox", 80, &["the quick brown fox"]),
            ("one\ntwo  three", 20, &["one", "two three"]),
            // CJK takes two columns a character: four characters fill eight columns.
            ("日本語の 文章です", 8, &["日本語の", "文章です"]),
            ("emoji 😀😀😀 end", 8, &["emoji", "😀😀😀", "end"]),
            // Only a word wider than the line is cut.
            (
                "a supercalifragilistic word",
                10,
                &["a", "supercalif", "ragilistic", "word"],
            ),
            ("", 10, &[""]),
        ];
        for (text, columns, expected) in cases {
            let lines = wrap(text, columns);
            assert_eq!(lines, expected, "{text:?} at {columns}");
            assert!(lines.iter().all(|line| width(line) <= columns), "{lines:?}");
        }
        // No word is ever cut when every word fits: the words come back in order.
        let text = "Leadership is about setting a direction, aligning people and inspiring them, \
                    while management is about planning, budgeting, organising and controlling.";
        for columns in 12..=80 {
            let lines = wrap(text, columns);
            assert!(lines.iter().all(|line| width(line) <= columns));
            assert_eq!(
                lines.join(" ").split(' ').collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn hostile_sequences_are_removed() {
        let cases = [
            ("plain text", "plain text"),
            ("two\nlines\tand tab", "two\nlines\tand tab"),
            ("\u{1b}[31mred\u{1b}[0m", "red"),
            ("\u{1b}[2J\u{1b}[Hcleared", "cleared"),
            ("title\u{1b}]0;pwned\u{7} after", "title after"),
            (
                "link \u{1b}]8;;http://x\u{1b}\\text\u{1b}]8;;\u{1b}\\",
                "link text",
            ),
            ("bell\u{7}\u{8}back\r", "bellback"),
            ("c1 \u{9b}31mcsi", "c1 csi"),
            ("bidi \u{202e}evil", "bidi evil"),
            (
                "zero\u{200b}width\u{200f} line\u{2028}sep\u{feff}",
                "zerowidth linesep",
            ),
            ("emoji 👨\u{200d}👩 kept", "emoji 👨\u{200d}👩 kept"),
            ("keep “curly” • bullets é", "keep “curly” • bullets é"),
            ("esc at end \u{1b}", "esc at end "),
        ];
        for (input, expected) in cases {
            assert_eq!(for_terminal(input), expected, "{input:?}");
        }
    }

    #[test]
    fn json_escapes_what_json_leaves_raw() {
        let json = serde_json::to_string("c1 \u{9b}31m bidi \u{202e} zw \u{200b} é").expect("json");
        let safe = json_for_terminal(&json);
        assert_eq!(safe, r#""c1 \u009b31m bidi \u202e zw \u200b é""#);
        let back: String = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(
            back, "c1 \u{9b}31m bidi \u{202e} zw \u{200b} é",
            "the data is exact"
        );
    }

    #[test]
    fn counts_take_their_plural() {
        assert_eq!(counted(1u32, "card"), "1 card");
        assert_eq!(counted(0u32, "card"), "0 cards");
        assert_eq!(counted(12u64, "day"), "12 days");
        assert_eq!(counted(1usize, "repetition"), "1 repetition");
        assert_eq!(counted_are(1u32, "card"), "1 card is");
        assert_eq!(counted_are(3u32, "card"), "3 cards are");
    }

    #[test]
    fn one_line_folds_whitespace() {
        assert_eq!(one_line("a\n b\t\tc  "), "a b c");
    }

    #[test]
    fn truncate_counts_terminal_columns() {
        assert_eq!(truncate("héllo", 10), "héllo");
        assert_eq!(truncate("héllo world", 5), "héll…");
        // Each of these takes two columns: five columns hold two of them and the ellipsis.
        assert_eq!(truncate("日本語のカード", 5), "日本…");
        assert_eq!(width(&truncate("日本語のカード", 5)), 5);
        // An odd budget never splits a wide character: 4 columns hold one and the ellipsis.
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn cells_pad_by_display_width() {
        assert_eq!(cell("ab", 4), "ab  ");
        // Two wide characters fill four of six columns.
        assert_eq!(cell("日本", 6), "日本  ");
        // Cut to 2 + 2 + the ellipsis: exactly five columns, no padding needed.
        assert_eq!(cell("日本語のカード", 5), "日本…");
        // A wide character never straddles the edge: 2 + ellipsis + one space.
        assert_eq!(cell("日本語", 4), "日… ");
        assert_eq!(width(&cell("日本語", 4)), 4);
        assert_eq!(cell_right("日", 4), "  日");
    }

    #[test]
    fn style_is_plain_without_color() {
        let plain = Style::default();
        let coloured = Style {
            color: true,
            ..Style::default()
        };
        assert_eq!(plain.bold("x"), "x");
        assert_eq!(coloured.bold("x"), "\u{1b}[1mx\u{1b}[0m");
    }

    #[test]
    fn a_terminal_without_utf8_gets_ascii_even_across_split_writes() {
        use std::io::Write;
        let cases: &[(&[&[u8]], &str)] = &[
            (&["recall · 2026-12-01".as_bytes()], "recall - 2026-12-01"),
            (&["EF 2.50 → 2.60 …".as_bytes()], "EF 2.50 -> 2.60 ..."),
            (&["“Paris” – café".as_bytes()], "\"Paris\" - caf?"),
            // `·` is C2 B7: cut between its two bytes.
            (&[b"a \xC2", b"\xB7 b"], "a - b"),
            (&[b"bad \xFF byte"], "bad ? byte"),
            (&["日本".as_bytes(), "│└─█".as_bytes()], "??|+-#"),
        ];
        for (writes, expected) in cases {
            let mut out = AsciiOut::new(Vec::new());
            for bytes in *writes {
                out.write_all(bytes).expect("writes");
            }
            assert_eq!(String::from_utf8(out.inner).expect("utf-8"), *expected);
        }
    }

    #[test]
    fn utf8_locales_are_recognised() {
        assert!(locale_is_utf8(Some("en_US.UTF-8")));
        assert!(locale_is_utf8(Some("C.utf8")));
        assert!(!locale_is_utf8(Some("C")));
        assert!(!locale_is_utf8(None));
    }
}
