//! What looks like study material but matched no rule: a question outside an FAQ, a table row
//! outside the comparison table, a sentence defining a compared term outside the definitions.
//! The report lists them with their lines, so the person can fix the article.

use super::outline::{Line, Shape, is_heading};

/// How many unmatched lines the report lists (then how many more there are).
const LISTED: usize = 10;

/// `covered`: the line ranges the sections found (first..=last line numbers); `subjects`: what
/// the article compares; `defined`: the terms the definitions deck has.
pub(super) fn unmatched(
    lines: &[Line],
    covered: &[(usize, usize)],
    subjects: &[String],
    defined: &[String],
) -> Vec<String> {
    let inside = |number: usize| {
        covered
            .iter()
            .any(|(first, last)| (*first..=*last).contains(&number))
    };
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if line.shape == Shape::Blank || inside(line.number) {
            continue;
        }
        let standalone =
            index == 0 || lines[index - 1].shape == Shape::Blank || is_heading(&lines[index - 1]);
        let answered = lines[index + 1..]
            .iter()
            .find(|next| next.shape != Shape::Blank)
            .is_some_and(|next| next.shape == Shape::Text && !next.text.ends_with('?'));
        let short = line.text.chars().count() <= 150;
        if line.text.ends_with('?') && standalone && answered && short {
            found.push(format!(
                "line {}: “{}” looks like a question with its answer, but FAQ questions are \
                 `Q1:` lines, or headings, bold or numbered lines under an FAQ heading",
                line.number, line.text
            ));
            continue;
        }
        let raw = line.raw.trim();
        if raw.matches('\t').count() >= 2 || (raw.starts_with('|') && raw.matches('|').count() >= 3)
        {
            found.push(format!(
                "line {} looks like a table row, outside the comparison table (a table is read \
                 under a heading that speaks of differences or a comparison)",
                line.number
            ));
            continue;
        }
        if line.shape == Shape::Text && standalone {
            let lower = line.text.to_lowercase();
            for subject in subjects {
                let term = subject.to_lowercase();
                let defines = ["", "a ", "an ", "the "].iter().any(|article| {
                    [" is ", " are ", " refers to ", " means "]
                        .iter()
                        .any(|verb| lower.starts_with(&format!("{article}{term}{verb}")))
                });
                let has_card = defined.iter().any(|d| d.to_lowercase().contains(&term));
                if defines && !has_card {
                    found.push(format!(
                        "line {}: “{}…” looks like a definition of {subject}, but definitions \
                         are read under `What is {subject}?` or `Understanding {subject}` \
                         headings",
                        line.number,
                        line.text.chars().take(40).collect::<String>()
                    ));
                    break;
                }
            }
        }
    }
    if found.len() > LISTED {
        let more = found.len() - LISTED;
        found.truncate(LISTED);
        found.push(format!("and {more} more"));
    }
    found
}

/// What an article's topic compares: `Weather and Climate` -> [`Weather`, `Climate`].
pub(super) fn subjects_of(topic: &str) -> Vec<String> {
    let lower = topic.to_lowercase();
    for separator in [" and ", " vs. ", " vs ", " versus "] {
        if let Some(at) = lower.find(separator) {
            let (a, b) = (&topic[..at], &topic[at + separator.len()..]);
            return vec![a.trim().to_string(), b.trim().to_string()];
        }
    }
    vec![topic.to_string()]
}
