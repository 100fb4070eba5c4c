//! HTML to terminal text, cloze numbers and cloze rendering on any field.
#![no_main]

use recall::decks::html::{Side, cloze_numbers, render_cloze, to_text};

libfuzzer_sys::fuzz_target!(|text: &str| {
    let _ = to_text(text);
    for number in cloze_numbers(text).into_iter().take(3) {
        let _ = render_cloze(text, number, Side::Question);
        let _ = render_cloze(text, number, Side::Answer);
    }
    let _ = recall::text::for_terminal(text);
});
