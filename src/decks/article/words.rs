//! English for card text: ids, counts, plurals and lists.

/// A lower-case, hyphenated id part: `Time Horizon` -> `time-horizon`.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

pub(super) fn counted(count: usize, noun: &str) -> String {
    crate::text::counted(u64::try_from(count).unwrap_or(u64::MAX), noun)
}

/// `owners` is plural; `focus`, `process` and `analysis` are not.
pub(super) fn is_plural(phrase: &str) -> bool {
    let last = phrase.split_whitespace().last().unwrap_or(phrase);
    last.ends_with('s') && !["ss", "us", "is"].iter().any(|end| last.ends_with(end))
}

pub(super) fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

pub(super) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
