//! Anki card templates with clozes: the first line is the template, the rest the one field.
#![no_main]

use recall::decks::anki::cloze::Side;
use recall::decks::anki::template::{Card, render};
use std::collections::HashMap;

libfuzzer_sys::fuzz_target!(|text: &str| {
    let (template, field) = text.split_once('\n').unwrap_or((text, ""));
    let fields: HashMap<String, String> = [
        ("Text".to_string(), field.to_string()),
        ("Front".to_string(), field.to_string()),
    ]
    .into();
    for (ord, side) in [(0, Side::Question), (0, Side::Answer), (1, Side::Question)] {
        let _ = render(template, &Card { fields: &fields, ord, side });
    }
});
