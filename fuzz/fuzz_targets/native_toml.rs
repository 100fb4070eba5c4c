//! recall's own TOML decks: any text is a deck or an error naming its line, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| {
    let _ = recall::decks::native::parse("fuzz.toml", text);
});
