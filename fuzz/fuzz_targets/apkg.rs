//! Anki packages, the zip and the SQLite collection inside, with small limits so that a
//! decompression bomb is refused quickly.
#![no_main]

use recall::decks::apkg::{Limits, PackageOptions, parse};

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join("fuzz.apkg");
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    let Ok(now) = chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00+01:00") else {
        return;
    };
    let options = PackageOptions {
        now,
        rollover_hour: 4,
        limits: Limits {
            max_entries: 64,
            max_collection_bytes: 8 * 1024 * 1024,
        },
    };
    let _ = parse(&path, "fuzz.apkg", &options);
});
