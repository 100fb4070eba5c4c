//! The article generator: any text gives decks or an error naming what was looked for.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| {
    let _ = recall::decks::article::generate("fuzz.txt", "fuzz", text);
});
