//! Anki's note types, as the older (JSON in `col.models`) and the current layout (tables,
//! their configuration in protobuf) store them.

use super::{NoteKind, NoteType, Template};
use crate::decks::apkg::format_error;
use crate::error::Result;
use rusqlite::Connection;
use std::collections::HashMap;

fn unsupported_kind(name: &str, fields: &[String]) -> Option<String> {
    let occlusion = name.to_lowercase().contains("image occlusion")
        || fields.first().is_some_and(|f| f == "Occlusion");
    occlusion.then(|| format!("note type '{name}': image occlusion is not supported"))
}

pub(crate) fn legacy_note_types(conn: &Connection, file: &str) -> Result<HashMap<i64, NoteType>> {
    let json: String = conn.query_row(anki_sql!("legacy_note_types"), [], |row| row.get(0))?;
    let models: serde_json::Value = serde_json::from_str(&json)
        .map_err(|e| format_error(file, format!("the note types are not JSON ({e})")))?;
    let mut types = HashMap::new();
    for (id, model) in models.as_object().into_iter().flatten() {
        let Ok(id) = id.parse::<i64>() else { continue };
        let name = model["name"].as_str().unwrap_or("?").to_string();
        let mut fields: Vec<(i64, String)> = model["flds"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                (
                    f["ord"].as_i64().unwrap_or(0),
                    f["name"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        fields.sort();
        let fields: Vec<String> = fields.into_iter().map(|(_, name)| name).collect();
        let templates: Vec<Template> = model["tmpls"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| Template {
                ord: u32::try_from(t["ord"].as_i64().unwrap_or(0)).unwrap_or(0),
                name: t["name"].as_str().unwrap_or("").to_string(),
                question: t["qfmt"].as_str().unwrap_or("").to_string(),
                answer: t["afmt"].as_str().unwrap_or("").to_string(),
            })
            .collect();
        let kind = match unsupported_kind(&name, &fields) {
            Some(reason) => NoteKind::Unsupported(reason),
            None if model["type"].as_i64() == Some(1) => {
                NoteKind::Cloze(templates.into_iter().next().unwrap_or(Template {
                    ord: 0,
                    name: String::new(),
                    question: String::new(),
                    answer: String::new(),
                }))
            }
            None => NoteKind::Standard(templates),
        };
        types.insert(id, NoteType { name, fields, kind });
    }
    Ok(types)
}

pub(crate) fn modern_note_types(conn: &Connection) -> Result<HashMap<i64, NoteType>> {
    let mut fields: HashMap<i64, Vec<(u32, String)>> = HashMap::new();
    {
        let mut stmt = conn.prepare(anki_sql!("modern_fields"))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            fields
                .entry(row.get(0)?)
                .or_default()
                .push((row.get(1)?, row.get(2)?));
        }
    }
    let mut templates: HashMap<i64, Vec<Template>> = HashMap::new();
    {
        let mut stmt = conn.prepare(anki_sql!("modern_templates"))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let config: Vec<u8> = row.get(2)?;
            let mut question = String::new();
            let mut answer = String::new();
            for (field, value) in protobuf_fields(&config) {
                if let Protobuf::Bytes(bytes) = value {
                    match field {
                        1 => question = String::from_utf8_lossy(bytes).into_owned(),
                        2 => answer = String::from_utf8_lossy(bytes).into_owned(),
                        _ => {}
                    }
                }
            }
            templates.entry(row.get(0)?).or_default().push(Template {
                ord: row.get(1)?,
                name: row.get(3)?,
                question,
                answer,
            });
        }
    }
    let mut types = HashMap::new();
    let mut stmt = conn.prepare(anki_sql!("modern_note_types"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let name: String = row.get(1)?;
        let config: Vec<u8> = row.get(2)?;
        let mut names = fields.remove(&id).unwrap_or_default();
        names.sort();
        let names: Vec<String> = names.into_iter().map(|(_, n)| n).collect();
        let mut own_templates = templates.remove(&id).unwrap_or_default();
        own_templates.sort_by_key(|t| t.ord);
        // NotetypeConfig.kind (field 1): 0 normal, 1 cloze.
        let cloze = protobuf_fields(&config)
            .iter()
            .any(|(field, value)| *field == 1 && *value == Protobuf::Varint(1));
        let kind = match unsupported_kind(&name, &names) {
            Some(reason) => NoteKind::Unsupported(reason),
            None if cloze => match own_templates.into_iter().next() {
                Some(template) => NoteKind::Cloze(template),
                None => NoteKind::Unsupported(format!("note type '{name}' has no template")),
            },
            None => NoteKind::Standard(own_templates),
        };
        types.insert(
            id,
            NoteType {
                name,
                fields: names,
                kind,
            },
        );
    }
    Ok(types)
}

#[derive(Debug, PartialEq, Eq)]
enum Protobuf<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    Fixed,
}

fn varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// The top-level fields of a protobuf message (enough to read Anki's note type and template
/// configs without their schema); stops at anything malformed.
fn protobuf_fields(bytes: &[u8]) -> Vec<(u64, Protobuf<'_>)> {
    let mut fields = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let Some(key) = varint(bytes, &mut at) else {
            break;
        };
        let field = key >> 3;
        let value = match key & 7 {
            0 => match varint(bytes, &mut at) {
                Some(v) => Protobuf::Varint(v),
                None => break,
            },
            1 => {
                at += 8;
                Protobuf::Fixed
            }
            2 => {
                let Some(length) = varint(bytes, &mut at) else {
                    break;
                };
                let Ok(length) = usize::try_from(length) else {
                    break;
                };
                let Some(slice) = bytes.get(at..at.saturating_add(length)) else {
                    break;
                };
                at += length;
                Protobuf::Bytes(slice)
            }
            5 => {
                at += 4;
                Protobuf::Fixed
            }
            _ => break,
        };
        fields.push((field, value));
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protobuf_top_level_fields() {
        // field 1 varint 1; field 2 bytes "ab"; field 3 fixed32.
        let bytes = [0x08, 0x01, 0x12, 0x02, b'a', b'b', 0x1d, 0, 0, 0, 0];
        assert_eq!(
            protobuf_fields(&bytes),
            vec![
                (1, Protobuf::Varint(1)),
                (2, Protobuf::Bytes(b"ab")),
                (3, Protobuf::Fixed)
            ]
        );
        // Truncated input stops cleanly.
        assert_eq!(protobuf_fields(&[0x12, 0x05, b'a']), vec![]);
    }
}
