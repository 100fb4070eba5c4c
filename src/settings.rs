//! The collection's settings: names, defaults, allowed values, and validation.

use crate::error::{Error, Result};
use crate::store::Store;

/// What values a setting takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    Range { min: u32, max: u32 },
    OneOf(&'static [&'static str]),
}

/// One setting: its key, what it means, its default and its allowed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingSpec {
    pub key: &'static str,
    pub description: &'static str,
    pub default: &'static str,
    pub allowed: Allowed,
    /// Whether `config set KEY VALUE --deck DECK` may set it for one deck.
    pub per_deck: bool,
}

impl SettingSpec {
    /// A collection-wide setting that takes a whole number from `min` to `max`.
    const fn number(
        key: &'static str,
        description: &'static str,
        default: &'static str,
        (min, max): (u32, u32),
    ) -> SettingSpec {
        SettingSpec {
            key,
            description,
            default,
            allowed: Allowed::Range { min, max },
            per_deck: false,
        }
    }

    /// A collection-wide setting that takes one of `choices`, the first being the default.
    const fn choice(
        key: &'static str,
        description: &'static str,
        choices: &'static [&'static str],
    ) -> SettingSpec {
        SettingSpec {
            key,
            description,
            default: choices[0],
            allowed: Allowed::OneOf(choices),
            per_deck: false,
        }
    }
}

pub const NEW_PER_DAY: SettingSpec = SettingSpec {
    per_deck: true,
    ..SettingSpec::number(
        "new_per_day",
        "new cards introduced per study day, across all sessions",
        "20",
        (0, 10_000),
    )
};

pub const LEECH_ACTION: SettingSpec = SettingSpec::choice(
    "leech_action",
    "what happens to a leech besides the tag",
    &["tag", "suspend"],
);

pub const NEW_ORDER: SettingSpec = SettingSpec::choice(
    "new_order",
    "new cards one from each deck in turn, or a whole deck's before the next",
    &["interleaved", "deck"],
);

pub const MAX_REVIEWS_PER_DAY: SettingSpec = SettingSpec::number(
    "max_reviews_per_day",
    "due cards shown per study day at most (the rest wait for tomorrow)",
    "9999",
    (0, 1_000_000),
);

pub const ROLLOVER_HOUR: SettingSpec = SettingSpec::number(
    "rollover_hour",
    "local hour at which a new study day starts",
    "4",
    (0, 23),
);

pub const LEECH_THRESHOLD: SettingSpec = SettingSpec::number(
    "leech_threshold",
    "lapses after which a card is tagged `leech`",
    "8",
    (1, 1_000),
);

pub const BURY_SIBLINGS: SettingSpec = SettingSpec {
    per_deck: true,
    ..SettingSpec::choice(
        "bury_siblings",
        "answering a card keeps its siblings (same note or row) for the next day",
        &["on", "off"],
    )
};

pub const ALL: &[SettingSpec] = &[
    NEW_PER_DAY,
    MAX_REVIEWS_PER_DAY,
    ROLLOVER_HOUR,
    LEECH_THRESHOLD,
    LEECH_ACTION,
    NEW_ORDER,
    BURY_SIBLINGS,
];

/// Which new cards a session takes first when several decks have some.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NewOrder {
    /// One from each deck in turn (each deck's in the order added): a deck imported today is
    /// seen today, whatever waits in the others.
    #[default]
    Interleaved,
    /// A whole deck's new cards before the next deck's.
    DeckByDeck,
}

/// The settings in force, read once per command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub new_per_day: u32,
    pub max_reviews_per_day: u32,
    pub rollover_hour: u32,
    pub leech_threshold: u32,
    pub leech_suspends: bool,
    pub new_order: NewOrder,
    /// Whether answering a card buries its siblings (decks may choose otherwise).
    pub bury_siblings: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            new_per_day: 20,
            max_reviews_per_day: 9999,
            rollover_hour: 4,
            leech_threshold: 8,
            leech_suspends: false,
            new_order: NewOrder::Interleaved,
            bury_siblings: true,
        }
    }
}

impl SettingSpec {
    /// Checks a value; the error names the key and what is allowed.
    pub fn validate(&self, text: &str) -> Result<String> {
        let value = text.trim();
        let valid = match self.allowed {
            Allowed::Range { min, max } => value
                .parse::<u32>()
                .is_ok_and(|number| (min..=max).contains(&number)),
            Allowed::OneOf(choices) => choices.contains(&value),
        };
        if valid {
            Ok(value.to_string())
        } else {
            Err(Error::Usage(format!(
                "{}: '{}' is not allowed; expected {}",
                self.key,
                text,
                self.allowed_text()
            )))
        }
    }

    pub fn allowed_text(&self) -> String {
        match self.allowed {
            Allowed::Range { min, max } => format!("a whole number from {min} to {max}"),
            Allowed::OneOf(choices) => format!("one of {}", choices.join(", ")),
        }
    }
}

pub fn spec(key: &str) -> Result<&'static SettingSpec> {
    ALL.iter().find(|spec| spec.key == key).ok_or_else(|| {
        let keys: Vec<&str> = ALL.iter().map(|spec| spec.key).collect();
        Error::NotFound(format!(
            "no setting named '{}'; settings are: {}",
            crate::text::one_line(key),
            keys.join(", ")
        ))
    })
}

/// The value of one setting as text: the stored one, or its default.
/// A stored value that fails validation is reported as the collection's fault, not the user's
/// argument: `config set` can repair it.
pub fn value(store: &Store, spec: &SettingSpec) -> Result<String> {
    match store.setting(spec.key)? {
        Some(text) => spec.validate(&text).map_err(|_| {
            Error::Corrupt(format!(
                "the stored setting {} = '{}' is not allowed ({}); `config set {} VALUE` \
                 replaces it",
                spec.key,
                crate::text::one_line(&text),
                spec.allowed_text(),
                spec.key
            ))
        }),
        None => Ok(spec.default.to_string()),
    }
}

fn number(store: &Store, spec: &SettingSpec) -> Result<u32> {
    value(store, spec)?
        .parse()
        .map_err(|_| Error::Corrupt(format!("the stored setting {} is not a number", spec.key)))
}

pub fn load(store: &Store) -> Result<Settings> {
    Ok(Settings {
        new_per_day: number(store, &NEW_PER_DAY)?,
        max_reviews_per_day: number(store, &MAX_REVIEWS_PER_DAY)?,
        rollover_hour: number(store, &ROLLOVER_HOUR)?,
        leech_threshold: number(store, &LEECH_THRESHOLD)?,
        leech_suspends: value(store, &LEECH_ACTION)? == "suspend",
        new_order: match value(store, &NEW_ORDER)?.as_str() {
            "deck" => NewOrder::DeckByDeck,
            _ => NewOrder::Interleaved,
        },
        bury_siblings: value(store, &BURY_SIBLINGS)? == "on",
    })
}

/// Validates and stores one collection-wide setting.
pub fn set(store: &Store, key: &str, text: &str) -> Result<String> {
    let spec = spec(key)?;
    let value = spec.validate(text)?;
    store.set_setting(spec.key, &value)?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_are_refused_with_what_is_allowed() {
        let store = Store::open_in_memory().expect("store").store;
        for (key, bad, allowed) in [
            ("rollover_hour", "24", "from 0 to 23"),
            ("rollover_hour", "-1", "from 0 to 23"),
            ("new_per_day", "many", "from 0 to 10000"),
            ("leech_threshold", "0", "from 1 to 1000"),
            ("leech_action", "delete", "one of tag, suspend"),
        ] {
            let message = set(&store, key, bad).expect_err(bad).to_string();
            assert!(message.contains(key), "{message}");
            assert!(message.contains(allowed), "{message}");
        }
        assert_eq!(load(&store).expect("load"), Settings::default());
        assert!(set(&store, "colour", "1").is_err());
    }

    #[test]
    fn defaults_agree_with_the_specs() {
        let store = Store::open_in_memory().expect("store").store;
        for spec in ALL {
            assert_eq!(
                spec.validate(spec.default).expect("valid default"),
                spec.default
            );
        }
        assert_eq!(load(&store).expect("load"), Settings::default());
    }

    #[test]
    fn stored_values_are_read_back() {
        let store = Store::open_in_memory().expect("store").store;
        set(&store, "rollover_hour", "6").expect("valid");
        set(&store, "new_per_day", "0").expect("valid");
        set(&store, "leech_action", "suspend").expect("valid");
        set(&store, "bury_siblings", "off").expect("valid");
        let settings = load(&store).expect("load");
        assert!(!settings.bury_siblings);
        assert_eq!(settings.rollover_hour, 6);
        assert_eq!(settings.new_per_day, 0);
        assert!(settings.leech_suspends);
    }
}
