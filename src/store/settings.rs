//! Settings as text in a key-value table; their meaning and validation live in `crate::settings`.

use super::Store;
use crate::error::Result;
use rusqlite::params;

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.optional(sql!("setting"), [key], super::first_column)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.execute(sql!("set_setting"), params![key, value])
    }
}
