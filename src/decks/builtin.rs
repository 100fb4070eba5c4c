//! The decks in `decks/`, built into the binary: a new collection starts with them.

use super::{ImportReport, native, sync_deck};
use crate::error::Result;
use crate::store::Store;

/// (file name, text) of every built-in deck. `tests/builtin_decks.rs` checks that this lists
/// every file in `decks/`.
pub const DECKS: &[(&str, &str)] = &[
    (
        "leadership-vs-management-definitions.toml",
        include_str!("../../decks/leadership-vs-management-definitions.toml"),
    ),
    (
        "leadership-vs-management-differences.toml",
        include_str!("../../decks/leadership-vs-management-differences.toml"),
    ),
    (
        "leadership-vs-management-dimensions.toml",
        include_str!("../../decks/leadership-vs-management-dimensions.toml"),
    ),
    (
        "leadership-vs-management-faq.toml",
        include_str!("../../decks/leadership-vs-management-faq.toml"),
    ),
];

/// The article the decks above are generated from (`tests/generate.rs` regenerates them).
pub const SOURCE: (&str, &str) = (
    "leadership-vs-management.txt",
    include_str!("../../decks/source/leadership-vs-management.txt"),
);

/// Imports every built-in deck in one transaction.
pub fn install(store: &Store) -> Result<Vec<ImportReport>> {
    store.write(|store| {
        DECKS
            .iter()
            .map(|(file, text)| sync_deck(store, &native::parse(file, text)?))
            .collect()
    })
}
