//! The decks in `decks/`, built into the binary: a new collection starts with them.

use super::{ImportReport, native, sync_deck};
use crate::error::Result;
use crate::store::Store;

/// (file name, text) of every built-in deck. `tests/builtin_decks.rs` checks that this lists
/// every file in `decks/`.
pub const DECKS: &[(&str, &str)] = &[(
    "leadership-vs-management-definitions.toml",
    include_str!("../../decks/leadership-vs-management-definitions.toml"),
)];

/// Imports every built-in deck in one transaction.
pub fn install(store: &Store) -> Result<Vec<ImportReport>> {
    store.write(|store| {
        DECKS
            .iter()
            .map(|(file, text)| sync_deck(store, &native::parse(file, text)?))
            .collect()
    })
}
