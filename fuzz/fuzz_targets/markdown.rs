//! Markdown decks: any text is cards or an error naming its line.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| {
    let _ = recall::decks::markdown::parse("fuzz.md", text, "Fuzz");
});
