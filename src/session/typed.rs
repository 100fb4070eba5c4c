//! Comparing a typed answer with the card's back: a match ignores case and runs of white space;
//! otherwise a character diff shows what was typed in excess and what is missing.

/// One run of the diff, in the order of the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Typed as in the answer.
    Same(String),
    /// Typed but not in the answer.
    Extra(String),
    /// In the answer but not typed.
    Missing(String),
}

/// Longer inputs are compared without a diff: the table would be too large.
const DIFF_CELLS: usize = 1 << 22;

/// Lower case, with every run of white space one space and none at the ends.
fn normalise(text: &str) -> Vec<char> {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `typed` is the answer, ignoring case and white space runs.
pub fn matches(typed: &str, answer: &str) -> bool {
    normalise(typed) == normalise(answer)
}

/// The character diff of the normalised texts (longest common subsequence), or `None` when the
/// texts are too long to compare character by character or have too little in common for a diff
/// to help (less than half of the longer one).
pub fn diff(typed: &str, answer: &str) -> Option<Vec<Part>> {
    let typed = normalise(typed);
    let answer = normalise(answer);
    let (n, m) = (typed.len(), answer.len());
    if (n + 1).saturating_mul(m + 1) > DIFF_CELLS {
        return None;
    }
    // lcs[i][j]: the longest common subsequence of typed[i..] and answer[j..].
    let width = m + 1;
    let mut lcs = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * width + j] = if typed[i] == answer[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let common = usize::try_from(lcs[0]).unwrap_or(0);
    if common * 2 < n.max(m) {
        return None;
    }
    let mut parts: Vec<Part> = Vec::new();
    let mut push = |part: Part| {
        let (kind, c) = match &part {
            Part::Same(s) => (0, s),
            Part::Extra(s) => (1, s),
            Part::Missing(s) => (2, s),
        };
        match parts.last_mut() {
            Some(Part::Same(s)) if kind == 0 => s.push_str(c),
            Some(Part::Extra(s)) if kind == 1 => s.push_str(c),
            Some(Part::Missing(s)) if kind == 2 => s.push_str(c),
            _ => parts.push(part),
        }
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && typed[i] == answer[j] {
            push(Part::Same(typed[i].to_string()));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i * width + j + 1] >= lcs[(i + 1) * width + j]) {
            push(Part::Missing(answer[j].to_string()));
            j += 1;
        } else {
            push(Part::Extra(typed[i].to_string()));
            i += 1;
        }
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_match_ignores_case_and_runs_of_space_only() {
        let cases = [
            ("Paris", "Paris", true),
            ("  paris ", "PARIS", true),
            ("new   york", "New York", true),
            ("newyork", "New York", false),
            ("Pariss", "Paris", false),
            ("", "Paris", false),
            ("straße", "STRASSE", false),
            ("ÉTÉ", "été", true),
        ];
        for (typed, answer, expected) in cases {
            assert_eq!(matches(typed, answer), expected, "{typed:?} vs {answer:?}");
        }
    }

    #[test]
    fn the_diff_marks_extra_and_missing_characters() {
        use Part::{Extra, Missing, Same};
        let s = |text: &str| text.to_string();
        let cases: [(&str, &str, Vec<Part>); 3] = [
            (
                "stabilty",
                "stability",
                vec![Same(s("stabil")), Missing(s("i")), Same(s("ty"))],
            ),
            (
                "Parris",
                "Paris",
                vec![Same(s("par")), Extra(s("r")), Same(s("is"))],
            ),
            ("lima", "lima", vec![Same(s("lima"))]),
        ];
        for (typed, answer, expected) in cases {
            assert_eq!(
                diff(typed, answer),
                Some(expected),
                "{typed:?} vs {answer:?}"
            );
        }
        // The diff rebuilds both texts: Same + Extra is the typed text, Same + Missing the answer.
        let (typed, answer) = ("the quick brwn fox jumpd", "The quick brown fox jumped!");
        let parts = diff(typed, answer).expect("short texts");
        let rebuilt = |keep_extra: bool| -> String {
            parts
                .iter()
                .filter_map(|part| match part {
                    Same(t) => Some(t.as_str()),
                    Extra(t) if keep_extra => Some(t.as_str()),
                    Missing(t) if !keep_extra => Some(t.as_str()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(rebuilt(true), "the quick brwn fox jumpd");
        assert_eq!(rebuilt(false), "the quick brown fox jumped!");
        assert_eq!(diff(&"a".repeat(5000), &"a".repeat(5001)), None, "too long");
        // Nothing typed, or an answer about something else: no diff, only "differs".
        assert_eq!(diff("", "ab"), None);
        assert_eq!(
            diff(
                "keeping the system running",
                "Management is doing things right"
            ),
            None
        );
    }
}
