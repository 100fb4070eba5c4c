//! Writing what a command produces: JSON for every `--json`, streamed arrays for listings that
//! can hold a whole collection, and `-o FILE` or standard output for exports.

use crate::error::Result;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// One value as pretty JSON and a newline: what every `--json` prints.
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
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
        // Strings in JSON never hold a raw newline, so every line break is layout.
        for (index, line) in self.element.split(|byte| *byte == b'\n').enumerate() {
            if index > 0 {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(b"  ")?;
            self.out.write_all(line)?;
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
/// file) or, without one, to `out`.
pub fn to_file_or(
    file: Option<&Path>,
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match file {
        Some(path) => crate::files::write_atomically_with(path, write),
        None => {
            write(out)?;
            out.flush()?;
            Ok(())
        }
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
