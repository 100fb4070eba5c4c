//! Anki's plain-text format and spreadsheet text (`.txt`, `.tsv`, `.csv`): the `#key:value`
//! header lines Anki writes (separator, html, tags, columns, deck, notetype and the column
//! numbers of guid, notetype, deck and tags), then CSV-quoted rows. Without headers: front,
//! back and optional tags.

use super::anki::{NoteType, Placement, cloze, note_cards, note_key};
use super::{CardSink, DeckCard, DeckData, ImportBatch, html, text_key};
use crate::error::{Error, Result};
use std::io::{BufRead, Read};

/// What the file itself does not say.
#[derive(Debug, Clone)]
pub struct TextOptions {
    /// The deck for rows without a deck column: `--deck`, or the file's name.
    pub default_deck: String,
    /// The separator the file's extension suggests (`.tsv`: tab, `.csv`: comma).
    pub separator: Option<u8>,
}

#[derive(Debug, Default)]
struct Headers {
    separator: Option<u8>,
    html: Option<bool>,
    tags: Vec<String>,
    /// The `#columns:` line as written; split once the separator is known.
    columns: Option<String>,
    deck: Option<String>,
    notetype: Option<String>,
    guid_column: Option<usize>,
    notetype_column: Option<usize>,
    deck_column: Option<usize>,
    tags_column: Option<usize>,
}

impl Headers {
    fn any_column(&self) -> bool {
        self.columns.is_some()
            || self.guid_column.is_some()
            || self.notetype_column.is_some()
            || self.deck_column.is_some()
            || self.tags_column.is_some()
    }
}

/// The separators Anki's `#separator:` header names.
const SEPARATOR_NAMES: [(&str, u8); 6] = [
    ("Tab", b'\t'),
    ("Comma", b','),
    ("Semicolon", b';'),
    ("Pipe", b'|'),
    ("Space", b' '),
    ("Colon", b':'),
];

fn separator_named(value: &str) -> Option<u8> {
    let value = value.trim();
    if value == "\\t" {
        return Some(b'\t');
    }
    SEPARATOR_NAMES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(value))
        .map(|(_, byte)| *byte)
        .or_else(|| (value.len() == 1).then(|| value.as_bytes()[0]))
}

/// How a separator is named in messages and in the header that selects it.
fn separator_name(separator: u8) -> String {
    SEPARATOR_NAMES
        .iter()
        .find(|(_, byte)| *byte == separator)
        .map_or_else(
            || char::from(separator).to_string(),
            |(name, _)| name.to_string(),
        )
}

/// The header keys Anki's text importer reads (others are ignored, as Anki ignores them).
const HEADER_KEYS: [&str; 12] = [
    "separator",
    "html",
    "tags",
    "columns",
    "deck",
    "notetype",
    "guid column",
    "notetype column",
    "deck column",
    "tags column",
    "match scope",
    "if matches",
];

/// What a line starting with `#` at the top of a file is: a header Anki reads, a comment
/// (`# ...`, or `#` alone), or else the first row (a GUID may start with `#`).
fn is_header_line(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('#') else {
        return false;
    };
    if rest.trim().is_empty() || rest.starts_with([' ', '\t', '#']) {
        return true;
    }
    rest.split_once(':')
        .is_some_and(|(key, _)| HEADER_KEYS.contains(&key.trim().to_ascii_lowercase().as_str()))
}

/// A header value as a spreadsheet may have saved it, with separators after it
/// (`#separator:Comma,,`): cut at the first character after the first that is not a letter or
/// digit, as Anki does (`#separator:,` keeps its comma).
fn trimmed_value(value: &str) -> &str {
    let value = value.trim();
    let Some((second, _)) = value.char_indices().nth(1) else {
        return value;
    };
    match value[second..].find(|c: char| !c.is_ascii_alphanumeric()) {
        Some(end) => &value[..second + end],
        None => value,
    }
}

fn parse_header(file: &str, line: usize, text: &str, headers: &mut Headers) -> Result<()> {
    let Some((key, value)) = text[1..].split_once(':') else {
        return Ok(());
    };
    let column = |value: &str| -> Result<Option<usize>> {
        value
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1)
            .map(|n| Some(n - 1))
            .ok_or_else(|| {
                Error::input(
                    file,
                    line,
                    format!(
                        "#{key}: expected a column number from 1, found '{}'",
                        value.trim()
                    ),
                )
            })
    };
    // Freeform values (tags, columns, names) are kept whole; the others lose what a
    // spreadsheet appended.
    let short = trimmed_value(value);
    match key.trim().to_ascii_lowercase().as_str() {
        "separator" => {
            let value = short;
            headers.separator = Some(separator_named(value).ok_or_else(|| {
                Error::input(
                    file,
                    line,
                    format!(
                        "#separator: expected {} or one character, found '{value}'",
                        SEPARATOR_NAMES.map(|(name, _)| name).join(", ")
                    ),
                )
            })?)
        }
        "html" => {
            headers.html = Some(match short.to_ascii_lowercase().as_str() {
                "true" => true,
                "false" => false,
                other => {
                    return Err(Error::input(
                        file,
                        line,
                        format!("#html: expected true or false, found '{other}'"),
                    ));
                }
            })
        }
        "tags" => {
            headers.tags =
                super::tag_list(value).map_err(|reason| Error::input(file, line, reason))?;
        }
        "columns" => headers.columns = Some(value.to_string()),
        "deck" => headers.deck = Some(value.trim().to_string()),
        "notetype" => headers.notetype = Some(value.trim().to_string()),
        "guid column" => headers.guid_column = column(short)?,
        "notetype column" => headers.notetype_column = column(short)?,
        "deck column" => headers.deck_column = column(short)?,
        "tags column" => headers.tags_column = column(short)?,
        // Anki ignores header keys it does not know; so do we.
        _ => {}
    }
    Ok(())
}

/// Guesses the separator of a headerless file from its first row.
/// The error for a row that is not front, back and optional tags: the separator used, and the
/// one that would have fitted the row (a European spreadsheet's `;` read as `,`), or the
/// header that takes more columns.
fn column_count_error(cells: &[&str], separator: u8) -> String {
    let row = cells.join(&char::from(separator).to_string());
    let fits = [b'\t', b';', b',', b'|']
        .into_iter()
        .filter(|sep| *sep != separator)
        .map(|sep| (sep, row.split(char::from(sep)).count()))
        .find(|(_, count)| (2..=3).contains(count));
    let hint = match fits {
        Some((sep, count)) => format!(
            "; split by {} it has {count}: put `#separator:{}` on the first line",
            separator_name(sep),
            separator_name(sep)
        ),
        None if cells.len() > 3 => format!(
            "; a file with more columns needs a header such as `#tags column:{}`",
            cells.len()
        ),
        None => String::new(),
    };
    format!(
        "expected 2 or 3 columns (front, back, optional tags) separated by {}, found {}{hint}",
        separator_name(separator),
        cells.len()
    )
}

fn guess_separator(first_row: &str) -> u8 {
    [b'\t', b'|', b';', b',']
        .into_iter()
        .find(|sep| first_row.as_bytes().contains(sep))
        .unwrap_or(b',')
}

/// Parses a whole text file into a batch in memory. `file` names it in errors, which carry
/// the line.
pub fn parse(file: &str, input: impl BufRead, options: &TextOptions) -> Result<ImportBatch> {
    ImportBatch::read(|sink| parse_into(file, input, options, sink))
}

/// Parses a text file row by row into `sink`: nothing but the current row is held.
pub fn parse_into(
    file: &str,
    mut input: impl BufRead,
    options: &TextOptions,
    sink: &mut dyn CardSink,
) -> Result<()> {
    // A failed read is the disk's fault, not a malformed line: name the file, not a line.
    let io_error = |source: std::io::Error| Error::File {
        path: std::path::PathBuf::from(file),
        source,
    };
    if input
        .fill_buf()
        .map_err(io_error)?
        .starts_with(b"\xEF\xBB\xBF")
    {
        input.consume(3);
    }
    // Header lines come first (an old export's first line may be `tags:...`); the rows are
    // then read as they stream past.
    let mut headers = Headers::default();
    let mut header_lines = 0;
    let mut line = Vec::new();
    // The first row is read whole, wherever the read buffer happens to end, to guess the
    // separator from; it is then read again as the first row of the file.
    let mut first_row = Vec::new();
    loop {
        let next = input.fill_buf().map_err(io_error)?;
        let legacy_tags = header_lines == 0 && next.starts_with(b"tags:");
        if !legacy_tags && next.first() != Some(&b'#') {
            break;
        }
        line.clear();
        input.read_until(b'\n', &mut line).map_err(io_error)?;
        let text = std::str::from_utf8(&line).map_err(|_| {
            Error::input(file, header_lines + 1, "the file is not valid UTF-8 text")
        })?;
        let text = text.trim_end_matches(['\n', '\r']);
        if let Some(tags) = text.strip_prefix("tags:").filter(|_| legacy_tags) {
            headers.tags = super::tag_list(tags).map_err(|reason| Error::input(file, 1, reason))?;
        } else if is_header_line(text) {
            parse_header(file, header_lines + 1, text, &mut headers)?;
        } else {
            // A row that starts with `#` (a GUID may): the first row.
            first_row = std::mem::take(&mut line);
            break;
        }
        header_lines += 1;
    }
    if first_row.is_empty() {
        input.read_until(b'\n', &mut first_row).map_err(io_error)?;
    }
    let separator = headers
        .separator
        .or(options.separator)
        .unwrap_or_else(|| guess_separator(&String::from_utf8_lossy(&first_row)));
    let input = std::io::Cursor::new(first_row).chain(input);
    let column_names = headers
        .columns
        .as_ref()
        .map(|raw| raw.split(char::from(separator)).count());
    let structured = headers.any_column();
    if headers.guid_column.is_some() {
        sink.keys_are_global();
    }

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .comment(None)
        .from_reader(input);
    let mut expected_columns: Option<(usize, usize)> =
        column_names.map(|count| (count, header_lines));
    let mut record = csv::StringRecord::new();
    let mut first_row_pending = true;
    loop {
        let line_of = |position: Option<&csv::Position>| {
            header_lines + position.map_or(1, |p| usize::try_from(p.line()).unwrap_or(1))
        };
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                let line = line_of(error.position());
                let message = match error.kind() {
                    csv::ErrorKind::Utf8 { .. } => "the file is not valid UTF-8 text".to_string(),
                    _ => format!("unreadable row: {error}"),
                };
                return Err(Error::input(file, line, message));
            }
        }
        let line = line_of(record.position());
        let cells: Vec<&str> = record.iter().collect();
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if structured {
            match expected_columns {
                None => expected_columns = Some((cells.len(), line)),
                Some((expected, first)) if expected != cells.len() => {
                    return Err(Error::input(
                        file,
                        line,
                        format!(
                            "expected {expected} columns (as {}), found {}",
                            if first <= header_lines {
                                "the #columns header says".to_string()
                            } else {
                                format!("on line {first}")
                            },
                            cells.len()
                        ),
                    ));
                }
                Some(_) => {}
            }
        } else if !(2..=3).contains(&cells.len()) {
            return Err(Error::input(
                file,
                line,
                column_count_error(&cells, separator),
            ));
        } else if first_row_pending && is_column_names(&cells) {
            // A spreadsheet's own header row ("Front,Back,Tags") names the columns.
            first_row_pending = false;
            continue;
        }
        first_row_pending = false;
        add_row(file, sink, &headers, options, line, &cells)?;
    }
    Ok(())
}

/// Whether a headerless file's first row names its columns instead of holding a card.
fn is_column_names(cells: &[&str]) -> bool {
    const NAMES: [&str; 8] = [
        "front",
        "back",
        "tags",
        "question",
        "answer",
        "term",
        "definition",
        "tag",
    ];
    cells
        .iter()
        .all(|cell| NAMES.contains(&cell.trim().to_ascii_lowercase().as_str()))
}

fn add_row(
    file: &str,
    sink: &mut dyn CardSink,
    headers: &Headers,
    options: &TextOptions,
    line: usize,
    cells: &[&str],
) -> Result<()> {
    let structured = headers.any_column();
    let html_fields = headers.html.unwrap_or(false);
    let special = [
        headers.guid_column,
        headers.notetype_column,
        headers.deck_column,
        headers.tags_column,
    ];
    let tags_column = if structured {
        headers.tags_column
    } else {
        Some(2)
    };
    let cell = |column: Option<usize>| column.and_then(|c| cells.get(c)).map(|v| v.trim());
    let field_cells: Vec<&str> = cells
        .iter()
        .enumerate()
        .filter(|(index, _)| !special.contains(&Some(*index)) && tags_column != Some(*index))
        .map(|(_, value)| *value)
        .collect();
    let deck: &str = cell(headers.deck_column)
        .filter(|d| !d.is_empty())
        .or(headers.deck.as_deref())
        .unwrap_or(&options.default_deck);
    // Without a note type, a first field with cloze deletions is a cloze note.
    let notetype_name = cell(headers.notetype_column)
        .map(str::to_string)
        .or_else(|| headers.notetype.clone())
        .unwrap_or_else(|| {
            let first = field_cells.first().copied().unwrap_or("");
            if cloze::numbers(first).is_empty() {
                "Basic".to_string()
            } else {
                "Cloze".to_string()
            }
        });
    let row_tags = super::tag_list(cell(tags_column).unwrap_or(""))
        .map_err(|reason| Error::input(file, line, reason))?;
    let tags = super::distinct_tags(headers.tags.iter().cloned().chain(row_tags));
    super::check_tags(&tags).map_err(|reason| Error::input(file, line, reason))?;
    let guid = cell(headers.guid_column).filter(|g| !g.is_empty());
    if !html_fields && notetype_name == "Basic" {
        // Plain text in a basic note: the fields are the card, as written.
        let front = field_cells.first().map_or("", |f| f.trim());
        let back = field_cells.get(1).map_or("", |f| f.trim());
        if front.is_empty() || back.is_empty() {
            sink.skip("a row whose front or back is empty".to_string());
            return Ok(());
        }
        let key = guid.map_or_else(|| text_key(front), note_key);
        return sink.add(
            deck,
            DeckCard {
                key,
                front: front.to_string(),
                back: back.to_string(),
                tags,
                line,
                sibling: None,
            },
        );
    }
    let fields: Vec<String> = field_cells
        .iter()
        .map(|value| {
            if html_fields {
                value.to_string()
            } else {
                html::from_plain(value)
            }
        })
        .collect();
    let note_type = NoteType::from_name(&notetype_name, fields.len());
    let key = match guid {
        Some(guid) => note_key(guid),
        None => text_key(&html::to_text(fields.first().map_or("", String::as_str)).text),
    };
    let mut media = 0;
    let placement = Placement { deck, tags: &tags };
    match note_cards(&key, &note_type, &fields, placement, &mut media) {
        Ok(cards) => {
            // A note of one card has no siblings: no group to keep.
            let siblings = cards.len() > 1;
            for card in cards {
                sink.add(
                    deck,
                    DeckCard {
                        key: card.key,
                        front: card.front,
                        back: card.back,
                        tags: tags.clone(),
                        line,
                        sibling: siblings.then(|| key.clone()),
                    },
                )?;
            }
        }
        Err(reason) => sink.skip(reason),
    }
    sink.media_left_out(media);
    Ok(())
}

/// Writes decks as Anki-compatible text: tab-separated, with the headers Anki's importer reads.
/// The note type is named (`Basic`), so a front that looks like a cloze stays a basic card.
/// Fields holding tabs, line breaks or quotes, and a field starting with `#` (which would read
/// as a header or comment line), are quoted CSV-style.
pub fn write(decks: &[DeckData]) -> Result<String> {
    let mut out = String::from(
        "#separator:tab\n#html:false\n#notetype:Basic\n#guid column:1\n#deck column:2\n#tags column:5\n",
    );
    for deck in decks {
        for card in &deck.cards {
            let cells = [
                card.key.as_str(),
                &deck.name,
                &card.front,
                &card.back,
                &card.tags.join(" "),
            ];
            for (index, cell) in cells.into_iter().enumerate() {
                if index > 0 {
                    out.push('\t');
                }
                push_cell(&mut out, cell);
            }
            out.push('\n');
        }
    }
    Ok(out)
}

/// One tab-separated cell, quoted when reading it back plainly would change it.
fn push_cell(out: &mut String, cell: &str) {
    let quoted = cell.starts_with('#') || cell.contains(['\t', '\n', '\r', '"']);
    if quoted {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parser over bytes in memory (a slice is a `BufRead`).
    fn parse(file: &str, bytes: &[u8], options: &TextOptions) -> Result<ImportBatch> {
        super::parse(file, bytes, options)
    }

    #[test]
    fn separator_headers_take_anki_names_in_any_case_or_one_character() {
        for (header, expected) in [
            ("TAB", b'\t'),
            ("\\t", b'\t'),
            ("semicolon", b';'),
            ("Colon", b':'),
            ("~", b'~'),
        ] {
            assert_eq!(separator_named(header), Some(expected), "{header}");
        }
        let error = parse("x.txt", b"#separator:bogus\na,b\n", &options())
            .expect_err("refused")
            .to_string();
        assert!(
            error.contains(
                "x.txt:1: #separator: expected Tab, Comma, Semicolon, Pipe, Space, Colon or one \
                 character, found 'bogus'"
            ),
            "{error}"
        );
    }

    #[test]
    fn a_row_count_error_names_the_separator_used_and_the_one_that_fits() {
        let cases: &[(u8, &str, &str)] = &[
            (
                b',',
                "front;back;extra\n",
                "x.csv:1: expected 2 or 3 columns (front, back, optional tags) separated by \
                 Comma, found 1; split by Semicolon it has 3: put `#separator:Semicolon` on the \
                 first line",
            ),
            (
                b'\t',
                "dog|chien\n",
                "separated by Tab, found 1; split by Pipe it has 2: put `#separator:Pipe`",
            ),
            (
                b',',
                "a,b\nc,d,e,f\n",
                "x.csv:2: expected 2 or 3 columns (front, back, optional tags) separated by \
                 Comma, found 4; a file with more columns needs a header such as \
                 `#tags column:4`",
            ),
            (b'\t', "a\tb\nlonely\n", "separated by Tab, found 1"),
        ];
        for (separator, text, said) in cases {
            let options = TextOptions {
                separator: Some(*separator),
                ..options()
            };
            let error = parse("x.csv", text.as_bytes(), &options)
                .expect_err("refused")
                .to_string();
            assert!(error.contains(said), "{text:?}: {error}");
            if said.ends_with("found 1") {
                assert!(
                    error.ends_with("found 1"),
                    "no hint that does not fit: {error}"
                );
            }
        }
    }

    #[test]
    fn the_separator_is_guessed_from_the_whole_first_row_wherever_the_buffer_ends() {
        // The headers push the first row across the end of a 64 KiB read buffer: its `;` lies
        // beyond it. Every header length must read the same.
        const BUFFER: usize = 64 * 1024;
        for split_at in [1, 3, 7] {
            let mut text = String::new();
            while text.len() < BUFFER - split_at - 12 {
                text.push_str("#html:false\n");
            }
            while text.len() < BUFFER - split_at {
                text.push('#');
                text.push('\n');
            }
            text.push_str("dog;chien\n");
            let reader = std::io::BufReader::with_capacity(BUFFER, text.as_bytes());
            let batch = super::parse("long.txt", reader, &options()).expect("parses");
            let read = cards(&batch);
            assert_eq!(
                (read[0].2.as_str(), read[0].3.as_str()),
                ("dog", "chien"),
                "split at {split_at}"
            );
        }
        // A first row longer than the buffer is read whole too.
        let long = format!("{};chien\n", "d".repeat(100_000));
        let reader = std::io::BufReader::with_capacity(BUFFER, long.as_bytes());
        let batch = super::parse("wide.txt", reader, &options()).expect("parses");
        assert_eq!(cards(&batch)[0].3, "chien");
    }

    #[test]
    fn headers_as_anki_reads_them_spreadsheet_commas_legacy_tags_and_hash_guids() {
        /// A file, and the (front, back, tags) of each card it gives.
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str, &'a [&'a str])]);
        let cases: &[Case<'_>] = &[
            // A spreadsheet saved the header lines as rows: separators after each value.
            (
                "#separator:Comma,,\n#html:false,,\n#tags column:3,,\ndog,chien,t1\n",
                &[("dog", "chien", &["t1"])],
            ),
            ("#separator:,\ndog,chien\n", &[("dog", "chien", &[])]),
            // An old export's first line gives every card its tags.
            (
                "tags:one two\ndog\tchien\n",
                &[("dog", "chien", &["one", "two"])],
            ),
            // A comment, then a European spreadsheet's semicolons, guessed.
            (
                "# made by hand\nFrage;Antwort\n",
                &[("Frage", "Antwort", &[])],
            ),
            // A GUID may start with '#': that row is a card, not a header or comment.
            (
                "#separator:tab\n#guid column:1\n#abc\tdog\tchien\n",
                &[("dog", "chien", &[])],
            ),
        ];
        for (text, expected) in cases {
            let batch = parse("x.txt", text.as_bytes(), &options()).expect(text);
            let got: Vec<(String, String, Vec<String>)> = cards(&batch)
                .into_iter()
                .map(|(_, _, dog, chien, tags)| (dog, chien, tags))
                .collect();
            let expected: Vec<(String, String, Vec<String>)> = expected
                .iter()
                .map(|(f, b, t)| {
                    (
                        f.to_string(),
                        b.to_string(),
                        t.iter().map(|t| t.to_string()).collect(),
                    )
                })
                .collect();
            assert_eq!(got, expected, "{text:?}");
        }
        let batch = parse(
            "x.txt",
            "#separator:tab\n#guid column:1\n#abc\tdog\tchien\n".as_bytes(),
            &options(),
        )
        .expect("parses");
        assert_eq!(cards(&batch)[0].1, "#abc", "the GUID is the key");
    }

    fn options() -> TextOptions {
        TextOptions {
            default_deck: "Imported".into(),
            separator: None,
        }
    }

    fn cards(batch: &ImportBatch) -> Vec<(String, String, String, String, Vec<String>)> {
        batch
            .decks
            .iter()
            .flat_map(|deck| {
                deck.cards.iter().map(|c| {
                    (
                        deck.name.clone(),
                        c.key.clone(),
                        c.front.clone(),
                        c.back.clone(),
                        c.tags.clone(),
                    )
                })
            })
            .collect()
    }

    #[test]
    fn headerless_rows_are_front_back_and_tags() {
        let batch = parse("a.tsv", b"one\tuno\tnum es\ntwo\tdos\n", &options()).expect("parses");
        let got = cards(&batch);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "Imported");
        assert_eq!((got[0].2.as_str(), got[0].3.as_str()), ("one", "uno"));
        assert_eq!(got[0].4, vec!["num", "es"]);
        assert_eq!(got[0].1, text_key("one"));
        assert!(got[1].4.is_empty());
    }

    #[test]
    fn separators_by_name_character_or_guess() {
        for (text, expected) in [
            (&b"#separator:Semicolon\na;b\n"[..], ("a", "b")),
            (&b"#separator:Pipe\na|b\n"[..], ("a", "b")),
            (
                &b"#separator:Comma\n\"a, with comma\",b\n"[..],
                ("a, with comma", "b"),
            ),
            (&b"#separator:Space\na b\n"[..], ("a", "b")),
            (&b"#separator:Colon\na:b\n"[..], ("a", "b")),
            (&b"#separator:~\na~b\n"[..], ("a", "b")),
            (&b"a;b\n"[..], ("a", "b")),
            (&b"a,b\n"[..], ("a", "b")),
        ] {
            let batch = parse("s.txt", text, &options()).expect("parses");
            let got = cards(&batch);
            assert_eq!((got[0].2.as_str(), got[0].3.as_str()), expected, "{text:?}");
        }
    }

    #[test]
    fn quoted_fields_hold_tabs_newlines_and_quotes() {
        let text = b"#separator:tab\n#html:false\n\"two\nlines\"\t\"a\ttab and \"\"quotes\"\"\"\n";
        let batch = parse("q.txt", text, &options()).expect("parses");
        let got = cards(&batch);
        assert_eq!(got[0].2, "two\nlines");
        assert_eq!(got[0].3, "a\ttab and \"quotes\"");
    }

    #[test]
    fn html_fields_are_converted_and_plain_ones_kept() {
        let html = parse(
            "h.txt",
            b"#html:true\n<b>x</b> &amp; y\tz<br>w\n",
            &options(),
        )
        .expect("parses");
        assert_eq!(cards(&html)[0].2, "x & y");
        assert_eq!(cards(&html)[0].3, "z\nw");
        let plain =
            parse("p.txt", b"#html:false\n<b>x</b> &amp; y\t[1]\n", &options()).expect("parses");
        assert_eq!(cards(&plain)[0].2, "<b>x</b> &amp; y");
        assert_eq!(cards(&plain)[0].3, "[1]");
    }

    #[test]
    fn header_columns_give_guid_deck_notetype_and_tags() {
        let text = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n\
                    g1\tBasic (and reversed card)\tLang::Fr\tchien\tdog\tfr animals\n\
                    g2\tCloze\tGeo\t{{c1::Ottawa}} is in {{c2::Canada}}\t\tgeo\n";
        let batch = parse("full.txt", text.as_bytes(), &options()).expect("parses");
        let got = cards(&batch);
        let keys: Vec<(&str, &str)> = got.iter().map(|c| (c.0.as_str(), c.1.as_str())).collect();
        assert_eq!(
            keys,
            vec![
                ("Lang::Fr", "g1"),
                ("Lang::Fr", "g1-1"),
                ("Geo", "g2-c1"),
                ("Geo", "g2-c2")
            ]
        );
        assert_eq!(got[1].2, "dog");
        assert_eq!(got[0].4, vec!["fr", "animals"]);
    }

    #[test]
    fn bad_rows_name_their_line() {
        let cases: &[(&[u8], &str)] = &[
            (
                b"one\ttwo\tthree\tfour\n",
                "b.txt:1: expected 2 or 3 columns",
            ),
            (b"only one column\n", "b.txt:1: expected 2 or 3 columns"),
            (
                b"#separator:tab\n#deck column:1\nD\ta\tb\nD\ta\n",
                "b.txt:4: expected 3 columns (as on line 3), found 2",
            ),
            (b"#separator:nonsense\na\tb\n", "b.txt:1: #separator"),
            (
                b"#html:maybe\na\tb\n",
                "b.txt:1: #html: expected true or false",
            ),
            (
                b"a\tb\nc\t\xff\xfe\n",
                "b.txt:2: the file is not valid UTF-8",
            ),
            (
                b"#deck column:zero\na\tb\n",
                "b.txt:1: #deck column: expected a column number",
            ),
        ];
        for (text, expected) in cases {
            let message = parse("b.txt", text, &options())
                .expect_err("bad")
                .to_string();
            assert!(message.starts_with(expected), "{message}");
        }
    }

    #[test]
    fn duplicates_and_empty_cards_are_skipped_with_reasons() {
        let batch = parse("d.txt", b"a\tb\na\tc\n\tempty front\n", &options()).expect("parses");
        assert_eq!(batch.card_count(), 1);
        let reasons: Vec<&str> = batch.skipped.0.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons[0].contains("appears twice"), "{reasons:?}");
        assert!(reasons[1].contains("empty"), "{reasons:?}");
    }

    #[test]
    fn what_is_written_reads_back() {
        let decks = vec![DeckData {
            name: "D::E".to_string(),
            description: String::new(),
            cards: vec![DeckCard {
                key: "k1".to_string(),
                front: "front\twith tab".to_string(),
                back: "back\n\"quoted\"".to_string(),
                tags: vec!["t1".to_string(), "t2".to_string()],
                line: 1,
                sibling: None,
            }],
        }];
        let text = write(&decks).expect("writes");
        let batch = parse("w.txt", text.as_bytes(), &options()).expect("reads back");
        let got = cards(&batch);
        assert_eq!(
            got,
            vec![(
                "D::E".to_string(),
                "k1".to_string(),
                "front\twith tab".to_string(),
                "back\n\"quoted\"".to_string(),
                vec!["t1".to_string(), "t2".to_string()]
            )]
        );
    }
}
