//! Settings as text in a key-value table; their meaning and validation live in `crate::settings`.

use super::Store;
use crate::error::Result;
use rusqlite::{OptionalExtension, params};

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached(sql!("setting"))?;
        Ok(stmt.query_row([key], |row| row.get(0)).optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql!("set_setting"))?;
        stmt.execute(params![key, value])?;
        Ok(())
    }
}
