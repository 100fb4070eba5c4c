//! Anki card templates with clozes: the first line is the template, the rest the one field.
#![no_main]

use recall::decks::html::{Side, render_template};
use std::collections::HashMap;

libfuzzer_sys::fuzz_target!(|text: &str| {
    let (template, field) = text.split_once('\n').unwrap_or((text, ""));
    let fields: HashMap<String, String> = [
        ("Text".to_string(), field.to_string()),
        ("Front".to_string(), field.to_string()),
    ]
    .into();
    for cloze in [None, Some((1, Side::Question)), Some((2, Side::Answer))] {
        let _ = render_template(template, &fields, cloze);
    }
});
