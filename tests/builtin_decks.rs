//! Every deck file in `decks/` is built into the binary and parses.

use recall::decks::{builtin, native};

#[test]
fn every_file_in_decks_is_built_in() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decks");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("decks/ exists")
        .filter_map(|entry| {
            let name = entry
                .expect("entry")
                .file_name()
                .into_string()
                .expect("utf-8");
            name.ends_with(".toml").then_some(name)
        })
        .collect();
    on_disk.sort();
    let mut built_in: Vec<String> = builtin::DECKS
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    built_in.sort();
    assert_eq!(on_disk, built_in);
    for (name, text) in builtin::DECKS {
        let on_disk = std::fs::read_to_string(dir.join(name)).expect("readable");
        assert_eq!(&on_disk, text, "{name} is the file as committed");
        let deck = native::parse(name, text).expect("parses");
        assert!(!deck.cards.is_empty(), "{name} has cards");
    }
}
