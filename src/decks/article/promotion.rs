//! Promotion is not study material: sentences whose point is a course, a provider, a
//! newsletter or a call to act ("enrol", "subscribe", "our programs", "contact us") are left
//! out of answers, and an answer that is nothing else is left out whole.

/// Phrases that mark a sentence as promotion (compared in lower case).
const MARKERS: &[&str] = &[
    "enrol",
    "enroll",
    "subscribe",
    "sign up",
    "signup",
    "contact us",
    "our program",
    "our course",
    "our training",
    "our team",
    "our expert",
    "our platform",
    "our service",
    "visit our",
    "check out",
    "register now",
    "register today",
    "book a ",
    "free trial",
    "discount",
    "offered at",
    "offered by",
    "platforms like",
    "providers like",
    "newsletter",
    "click here",
    "learn more at",
    "call us",
    "get in touch",
    "sponsored",
    "promo code",
    "limited time",
    "buy now",
    "order now",
    "order our",
    "buy our",
    "try our",
    "join our",
    "download our",
    "book our",
    "open an account",
];

/// Whether a sentence is promotion.
pub(super) fn is_promotion(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    MARKERS.iter().any(|marker| lower.contains(marker))
}

/// An answer after promotion is taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Cleaned {
    /// No promotion in it.
    Kept(String),
    /// Some sentences left out (how many); the rest stands on its own.
    Trimmed(String, usize),
    /// Nothing but promotion (or a bare "Yes." left): the whole answer goes.
    Promotion,
}

/// Sentences of a paragraph: split after `.`, `!` or `?` followed by a space.
fn sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = paragraph.char_indices().collect();
    for (i, (at, c)) in bytes.iter().enumerate() {
        let next_is_space = bytes.get(i + 1).is_some_and(|(_, n)| *n == ' ');
        if matches!(c, '.' | '!' | '?') && next_is_space {
            let end = at + c.len_utf8();
            out.push(paragraph[start..end].trim());
            start = end;
        }
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Takes the promotion out of `text` (paragraphs separated by a blank line).
pub(super) fn without_promotion(text: &str) -> Cleaned {
    let mut left_out = 0;
    let mut kept_paragraphs = Vec::new();
    for paragraph in text.split("\n\n") {
        let kept: Vec<&str> = sentences(paragraph)
            .into_iter()
            .filter(|sentence| {
                let promotion = is_promotion(sentence);
                left_out += usize::from(promotion);
                !promotion
            })
            .collect();
        if !kept.is_empty() {
            kept_paragraphs.push(kept.join(" "));
        }
    }
    if left_out == 0 {
        return Cleaned::Kept(text.to_string());
    }
    let rest = kept_paragraphs.join("\n\n");
    // "Yes." or "No." alone does not answer anything.
    if rest.split_whitespace().count() <= 2 {
        return Cleaned::Promotion;
    }
    Cleaned::Trimmed(rest, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promotion_is_left_out_by_the_sentence_or_whole() {
        let cases: &[(&str, Cleaned)] = &[
            (
                "Neither is more important. Both are needed.",
                Cleaned::Kept("Neither is more important. Both are needed.".into()),
            ),
            (
                "Yes. Management is largely technical and procedural. You can learn it through \
                 experience and certifications like those offered at EducationNest.",
                Cleaned::Trimmed(
                    "Yes. Management is largely technical and procedural.".into(),
                    1,
                ),
            ),
            (
                "Platforms like EducationNest offer specialized tracks in Strategic Management \
                 that cover both skills.",
                Cleaned::Promotion,
            ),
            ("Yes. Enrol in our programs today!", Cleaned::Promotion),
            (
                "Weather changes daily.\n\nSubscribe to our newsletter for more.",
                Cleaned::Trimmed("Weather changes daily.".into(), 1),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(&without_promotion(text), expected, "{text}");
        }
    }
}
