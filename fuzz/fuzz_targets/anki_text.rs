//! Anki's text and spreadsheet files, read as they stream, bytes as they come.
#![no_main]

use recall::decks::anki_text::{TextOptions, parse};

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let options = TextOptions {
        default_deck: "Fuzz".into(),
        separator: None,
    };
    let _ = parse("fuzz.txt", bytes, &options);
});
