//! Writing what a command produces: JSON for every `--json`, streamed arrays for listings that
//! can hold a whole collection, and `-o FILE` or standard output for exports.

use crate::error::Result;
use crate::text;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// One value as pretty JSON and a newline: what every `--json` prints. C1 controls and
/// invisible format characters are escaped too (`\u009b`): the same data, nothing that can
/// drive a terminal.
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    let json = serde_json::to_string_pretty(value)?;
    writeln!(out, "{}", text::json_for_terminal(&json))?;
    Ok(())
}

/// A JSON array written one element at a time, laid out exactly as `write_json` lays out a
/// whole `Vec`: a listing of a million cards never holds them all.
pub struct JsonArray<'w> {
    out: &'w mut dyn Write,
    count: usize,
    element: Vec<u8>,
}

impl<'w> JsonArray<'w> {
    pub fn start(out: &'w mut dyn Write) -> Result<JsonArray<'w>> {
        out.write_all(b"[")?;
        Ok(JsonArray {
            out,
            count: 0,
            element: Vec::new(),
        })
    }

    pub fn push(&mut self, value: &impl Serialize) -> Result<()> {
        self.element.clear();
        serde_json::to_writer_pretty(&mut self.element, value)?;
        self.out
            .write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        let element = String::from_utf8_lossy(&self.element);
        // Strings in JSON never hold a raw newline, so every line break is layout.
        for (index, line) in text::json_for_terminal(&element).split('\n').enumerate() {
            if index > 0 {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(b"  ")?;
            self.out.write_all(line.as_bytes())?;
        }
        self.count += 1;
        Ok(())
    }

    /// Closes the array; returns how many elements it holds.
    pub fn finish(self) -> Result<usize> {
        self.out
            .write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?;
        Ok(self.count)
    }
}

/// Sends what `write` produces to `file` (replaced atomically, so a failure leaves the old
/// file) or, without one, to `out`. Data for a file stays exact on a pipe; when `out` is a
/// terminal it is cleaned of escapes first, line by line.
pub fn to_file_or(
    file: Option<&Path>,
    out: &mut dyn Write,
    terminal: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match file {
        Some(path) => crate::files::write_atomically_with(path, write),
        None if terminal => {
            let mut cleaned = CleanLines {
                out: &mut *out,
                line: Vec::new(),
            };
            write(&mut cleaned)?;
            cleaned.flush_line()?;
            out.flush()?;
            Ok(())
        }
        None => {
            write(out)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// A writer that passes whole lines through `text::for_terminal`.
struct CleanLines<'w> {
    out: &'w mut dyn Write,
    line: Vec<u8>,
}

impl CleanLines<'_> {
    fn flush_line(&mut self) -> std::io::Result<()> {
        let line = String::from_utf8_lossy(&self.line);
        self.out.write_all(text::for_terminal(&line).as_bytes())?;
        self.line.clear();
        Ok(())
    }
}

impl Write for CleanLines<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        for chunk in bytes.split_inclusive(|byte| *byte == b'\n') {
            self.line.extend_from_slice(chunk);
            if chunk.ends_with(b"\n") {
                self.flush_line()?;
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        name: &'static str,
        tags: Vec<&'static str>,
        nested: Option<u32>,
    }

    #[test]
    fn an_export_is_exact_on_a_pipe_and_clean_on_a_terminal() {
        let data = "front\t\u{1b}]0;pwned\u{7}back\n\u{202e}second\n";
        let mut piped = Vec::new();
        to_file_or(None, &mut piped, false, |out| {
            Ok(out.write_all(data.as_bytes())?)
        })
        .expect("piped");
        assert_eq!(String::from_utf8(piped).expect("utf-8"), data);
        let mut shown = Vec::new();
        to_file_or(None, &mut shown, true, |out| {
            // Written in pieces that split an escape sequence and a line.
            for piece in [&data[..9], &data[9..]] {
                out.write_all(piece.as_bytes())?;
            }
            Ok(())
        })
        .expect("shown");
        assert_eq!(
            String::from_utf8(shown).expect("utf-8"),
            "front\tback\nsecond\n"
        );
    }

    #[test]
    fn a_streamed_array_reads_exactly_like_a_whole_one() {
        let rows = [
            Row {
                name: "line\nbreak \"quoted\"",
                tags: vec!["a", "b"],
                nested: None,
            },
            Row {
                name: "second",
                tags: vec![],
                nested: Some(3),
            },
        ];
        for count in 0..=rows.len() {
            let mut whole = Vec::new();
            write_json(&mut whole, &&rows[..count]).expect("whole");
            let mut streamed = Vec::new();
            let mut array = JsonArray::start(&mut streamed).expect("start");
            for row in &rows[..count] {
                array.push(row).expect("push");
            }
            assert_eq!(array.finish().expect("finish"), count);
            assert_eq!(
                String::from_utf8(streamed).expect("utf-8"),
                String::from_utf8(whole).expect("utf-8"),
                "{count} rows"
            );
        }
    }
}
