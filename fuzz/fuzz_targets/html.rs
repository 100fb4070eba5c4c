//! HTML to terminal text, cloze numbers and cloze rendering on any field.
#![no_main]

use recall::decks::anki::cloze::{self, Side};
use recall::decks::html::to_text;

libfuzzer_sys::fuzz_target!(|text: &str| {
    let _ = to_text(text);
    for number in cloze::numbers(text).into_iter().take(3) {
        let _ = cloze::reveal(text, number, Side::Question);
        let _ = cloze::reveal(text, number, Side::Answer);
        let _ = cloze::for_typing(text, number);
    }
    let _ = recall::text::for_terminal(text);
});
