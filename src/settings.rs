//! The collection's settings: names, defaults, allowed ranges, and validation.

use crate::error::{Error, Result};
use crate::store::Store;

/// One setting: its key, what it means, and the whole numbers it may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingSpec {
    pub key: &'static str,
    pub description: &'static str,
    pub default: u32,
    pub min: u32,
    pub max: u32,
}

pub const NEW_PER_DAY: SettingSpec = SettingSpec {
    key: "new_per_day",
    description: "new cards introduced per study day, across all sessions",
    default: 20,
    min: 0,
    max: 10_000,
};

pub const ROLLOVER_HOUR: SettingSpec = SettingSpec {
    key: "rollover_hour",
    description: "local hour at which a new study day starts",
    default: 4,
    min: 0,
    max: 23,
};

pub const ALL: &[SettingSpec] = &[NEW_PER_DAY, ROLLOVER_HOUR];

/// The settings in force, read once per command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub new_per_day: u32,
    pub rollover_hour: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            new_per_day: NEW_PER_DAY.default,
            rollover_hour: ROLLOVER_HOUR.default,
        }
    }
}

impl SettingSpec {
    /// Parses and range-checks a value; the error names the key and the allowed range.
    pub fn parse(&self, text: &str) -> Result<u32> {
        text.trim()
            .parse::<u32>()
            .ok()
            .filter(|value| (self.min..=self.max).contains(value))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "{}: '{}' is not allowed; expected a whole number from {} to {}",
                    self.key, text, self.min, self.max
                ))
            })
    }
}

pub fn spec(key: &str) -> Result<&'static SettingSpec> {
    ALL.iter().find(|spec| spec.key == key).ok_or_else(|| {
        let keys: Vec<&str> = ALL.iter().map(|spec| spec.key).collect();
        Error::Usage(format!(
            "no setting named '{key}'; settings are: {}",
            keys.join(", ")
        ))
    })
}

/// The value of one setting: the stored one, or its default.
pub fn value(store: &Store, spec: &SettingSpec) -> Result<u32> {
    match store.setting(spec.key)? {
        Some(text) => spec.parse(&text),
        None => Ok(spec.default),
    }
}

pub fn load(store: &Store) -> Result<Settings> {
    Ok(Settings {
        new_per_day: value(store, &NEW_PER_DAY)?,
        rollover_hour: value(store, &ROLLOVER_HOUR)?,
    })
}

/// Validates and stores one setting.
pub fn set(store: &Store, key: &str, text: &str) -> Result<u32> {
    let spec = spec(key)?;
    let value = spec.parse(text)?;
    store.set_setting(spec.key, &value.to_string())?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_outside_the_range_are_refused_with_the_range() {
        let store = Store::open_in_memory().expect("store").store;
        for (key, bad) in [
            ("rollover_hour", "24"),
            ("rollover_hour", "-1"),
            ("new_per_day", "many"),
        ] {
            let message = set(&store, key, bad).expect_err(bad).to_string();
            assert!(message.contains(key), "{message}");
            assert!(message.contains("from"), "{message}");
        }
        assert_eq!(load(&store).expect("load"), Settings::default());
    }

    #[test]
    fn stored_values_are_read_back() {
        let store = Store::open_in_memory().expect("store").store;
        set(&store, "rollover_hour", "6").expect("valid");
        set(&store, "new_per_day", "0").expect("valid");
        assert_eq!(
            load(&store).expect("load"),
            Settings {
                new_per_day: 0,
                rollover_hour: 6
            }
        );
        assert!(set(&store, "colour", "1").is_err());
    }
}
