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

pub(super) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Words that end a feature name made of a verb and its preposition (`Measured by`,
/// `Relies on`).
const PREPOSITIONS: &[&str] = &[
    "by", "on", "for", "with", "to", "in", "from", "of", "at", "about", "into", "as", "upon",
    "through", "toward", "towards", "against", "over", "under",
];

/// Past participles that do not end in -ed or -en.
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "made", "done", "built", "kept", "held", "led", "run", "set", "seen", "known", "paid",
    "taught", "brought", "found", "sold", "told", "bound", "caught", "felt", "meant", "put",
];

/// Single words ending in -s that are verbs, not plural nouns, as table headings use them.
const VERBS_IN_S: &[&str] = &[
    "requires",
    "uses",
    "produces",
    "includes",
    "involves",
    "needs",
    "means",
    "emphasizes",
    "emphasises",
    "values",
    "prioritizes",
    "prioritises",
    "seeks",
    "aims",
    "affects",
    "creates",
    "delivers",
    "measures",
    "rewards",
    "tolerates",
    "manages",
    "controls",
    "drives",
    "offers",
    "provides",
    "protects",
    "targets",
    "asks",
    "answers",
    "does",
    "motivates",
    "handles",
];

/// Single-word adjectives a heading may be: `How formal is management?`.
const ADJECTIVES: &[&str] = &[
    "formal",
    "flexible",
    "predictable",
    "scalable",
    "risky",
    "costly",
    "permanent",
    "temporary",
    "mandatory",
    "optional",
    "visible",
    "measurable",
    "reversible",
    "stable",
    "structured",
    "public",
    "private",
    "common",
    "frequent",
    "expensive",
    "cheap",
    "fast",
    "slow",
    "durable",
    "portable",
    "liquid",
    "taxable",
    "profitable",
    "sustainable",
];

/// Things one approaches rather than has: `How does management approach change?`.
const TOPICS: &[(&str, &str)] = &[
    ("relationship", "relationships"),
    ("relationships", "relationships"),
    ("change", "change"),
    ("conflict", "conflict"),
    ("failure", "failure"),
    ("feedback", "feedback"),
    ("people", "people"),
    ("rules", "rules"),
    ("mistakes", "mistakes"),
    ("problems", "problems"),
    ("uncertainty", "uncertainty"),
    ("innovation", "innovation"),
];

/// Gerunds that are plain nouns, not activities one handles.
const NOUN_GERUNDS: &[&str] = &[
    "setting", "building", "thing", "meaning", "feeling", "earnings",
];

/// `Time Horizon` -> `time horizon`; acronyms (`GB`, `ROI`) and words with inner capitals
/// (`iPhone`) keep their capitals.
pub(super) fn common_noun(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
            let acronym = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
            let inner_capital = letters.iter().skip(1).any(|c| c.is_uppercase());
            if acronym || inner_capital {
                word.to_string()
            } else {
                lowercase_first(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Management` -> `Management’s`; `Virus` -> `Virus’s`; `Bonds` -> `Bonds’`.
fn possessive(subject: &str) -> String {
    if is_plural(subject) {
        format!("{subject}’")
    } else {
        format!("{subject}’s")
    }
}

/// Whether a noun phrase's head is plural: `Key traits` is, `Number of divisions` and `Cost per
/// GB` are not.
fn head_is_plural(phrase: &str) -> bool {
    let head = [" of ", " per ", " for ", " in ", " toward ", " to "]
        .iter()
        .filter_map(|word| phrase.find(word))
        .min()
        .map_or(phrase, |at| &phrase[..at]);
    is_plural(head)
}

/// `relies` -> `rely`, `focuses` -> `focus`, `depends` -> `depend`, `does` -> `do`.
fn base_form(verb: &str) -> String {
    if verb == "does" {
        return "do".to_string();
    }
    if let Some(stem) = verb.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["sses", "ches", "shes", "xes", "zes", "oes", "uses"] {
        if verb.ends_with(ending) {
            return verb[..verb.len() - 2].to_string();
        }
    }
    verb.strip_suffix('s').unwrap_or(verb).to_string()
}

fn is_participle(word: &str) -> bool {
    (word.len() > 3 && (word.ends_with("ed") || word.ends_with("en")))
        || IRREGULAR_PARTICIPLES.contains(&word)
}

/// The question a comparison table asks of one cell: what `feature` (the row's name, in any
/// form a heading takes) is for `subject` (the column). Always a grammatical question or a
/// prompt labelled with its subject, never "its" + a verb:
///
/// | feature | question |
/// | --- | --- |
/// | `Focus` | `What is Management’s focus?` |
/// | `Key traits` | `What are Management’s key traits?` |
/// | `Measured by` | `What is Weather measured by?` |
/// | `Relies on` | `What does Leadership rely on?` |
/// | `Requires` | `What does an LLC require?` |
/// | `Example` | `What is an example of Weather?` |
/// | `Decision-making` | `How does Management handle decision-making?` |
/// | `Relationship` | `How does Management approach relationships?` |
/// | `Formal` | `How formal is Management?` |
/// | `How often?` | `Weather — how often?` |
pub(super) fn cell_question(subject: &str, feature: &str) -> String {
    let feature = feature.trim().trim_end_matches([':', '!', '.', ';']).trim();
    let lower = feature.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let phrase = common_noun(feature);
    let (Some(first), Some(last)) = (words.first().copied(), words.last().copied()) else {
        return format!("{subject} — ?");
    };
    let be = if is_plural(subject) { "are" } else { "is" };
    let does = if is_plural(subject) { "do" } else { "does" };
    // Already a question: label it with the subject.
    if feature.ends_with('?') {
        return format!("{subject} — {phrase}");
    }
    if matches!(
        first,
        "how" | "what" | "when" | "where" | "who" | "whom" | "why" | "which" | "whose"
    ) {
        return format!("{subject} — {phrase}?");
    }
    if words.len() >= 2 && PREPOSITIONS.contains(&last) {
        let before = &words[..words.len() - 1];
        // `Measured by`, `Best suited to`, `Commonly found in`.
        if before.iter().any(|word| is_participle(word)) {
            return format!("What {be} {subject} {phrase}?");
        }
        let is_verb = |word: &str| word.ends_with('s') && !word.ends_with("ss");
        // `Relies on`, `Focuses on`.
        if before.len() == 1 && is_verb(first) {
            return format!("What {does} {subject} {} {last}?", base_form(first));
        }
        // `Power comes from`: whose noun does what.
        if before.len() >= 2 && is_verb(before[before.len() - 1]) {
            let noun = common_noun(
                &feature.split_whitespace().collect::<Vec<_>>()[..before.len() - 1].join(" "),
            );
            let verb = base_form(before[before.len() - 1]);
            return format!("What does {} {noun} {verb} {last}?", possessive(subject));
        }
        // `Approach to`, `Attitude toward`: a noun and where it points.
        return format!("What is {} {phrase}?", possessive(subject));
    }
    if words.len() == 1 && VERBS_IN_S.contains(&first) {
        return format!("What {does} {subject} {}?", base_form(first));
    }
    if words.len() == 1 && ADJECTIVES.contains(&first) {
        return format!("How {first} {be} {subject}?");
    }
    if matches!(lower.as_str(), "example" | "an example" | "example of") {
        return format!("What is an example of {subject}?");
    }
    if matches!(lower.as_str(), "examples" | "examples of") {
        return format!("What are examples of {subject}?");
    }
    if let Some((_, topic)) = TOPICS.iter().find(|(name, _)| *name == lower) {
        return format!("How {does} {subject} approach {topic}?");
    }
    if words.len() == 1 && first.ends_with("ing") && !NOUN_GERUNDS.contains(&first) {
        return format!("How {does} {subject} handle {phrase}?");
    }
    let phrase = phrase
        .strip_prefix("the ")
        .or_else(|| phrase.strip_prefix("a "))
        .unwrap_or(&phrase);
    let be_feature = if head_is_plural(&lower) { "are" } else { "is" };
    format!("What {be_feature} {} {phrase}?", possessive(subject))
}

/// The prompt of a row's card that asks for every side at once: `Focus — Management vs
/// Leadership?`.
pub(super) fn row_prompt(feature: &str, subjects: &[String]) -> String {
    let feature = feature
        .trim()
        .trim_end_matches([':', '?', '!', '.', ';'])
        .trim();
    format!("{feature} — {}?", subjects.join(" vs "))
}

/// What is wrong with a generated question, if anything: `its` before a verb or a preposition
/// ("what is its measured by"), a word twice in a row, or neither a question mark nor a label
/// (`Weather — ...`). Tests run it over every question the generator makes.
pub fn question_problem(question: &str) -> Option<&'static str> {
    let words: Vec<String> = question
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    for pair in words.windows(2) {
        let verb_or_preposition = PREPOSITIONS.contains(&pair[1].as_str())
            || pair[1].ends_with("ed")
            || matches!(pair[1].as_str(), "is" | "are" | "does" | "do");
        if pair[0] == "its" && verb_or_preposition {
            return Some("`its` before a verb or a preposition");
        }
        if !pair[0].is_empty() && pair[0] == pair[1] {
            return Some("a word twice in a row");
        }
    }
    let labelled = question.contains(" — ") || question.starts_with("Complete ");
    (!question.ends_with('?') && !labelled).then_some("neither a question nor a labelled prompt")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feature names from the comparison tables of many "X vs Y" articles (business, science,
    /// technology, health, law, language), in every form a heading takes.
    #[test]
    fn every_feature_name_makes_a_grammatical_question() {
        let cases: &[(&str, &str, &str)] = &[
            ("Management", "Focus", "What is Management’s focus?"),
            ("Management", "Goal", "What is Management’s goal?"),
            ("Leadership", "Approach", "What is Leadership’s approach?"),
            (
                "Management",
                "Time Horizon",
                "What is Management’s time horizon?",
            ),
            ("Leadership", "Reaction", "What is Leadership’s reaction?"),
            (
                "Management",
                "Relationship",
                "How does Management approach relationships?",
            ),
            ("Weather", "Measured by", "What is Weather measured by?"),
            ("Climate", "Studied by", "What is Climate studied by?"),
            ("Leadership", "Relies on", "What does Leadership rely on?"),
            ("Coaching", "Focuses on", "What does Coaching focus on?"),
            ("Mentoring", "Depends on", "What does Mentoring depend on?"),
            ("Weather", "Example", "What is an example of Weather?"),
            ("Climate", "Examples", "What are examples of Climate?"),
            ("Weather", "How often?", "Weather — how often?"),
            ("Climate", "Who studies it?", "Climate — who studies it?"),
            ("Weather", "Time scale", "What is Weather’s time scale?"),
            ("Climate", "Key traits", "What are Climate’s key traits?"),
            ("LLC", "Liability", "What is LLC’s liability?"),
            ("LLC", "Requires", "What does LLC require?"),
            (
                "Sole proprietorship",
                "Taxation",
                "What is Sole proprietorship’s taxation?",
            ),
            (
                "Corporation",
                "Ownership",
                "What is Corporation’s ownership?",
            ),
            ("Partnership", "Formal", "How formal is Partnership?"),
            ("Virus", "Size", "What is Virus’s size?"),
            ("Bacteria", "Treated with", "What is Bacteria treated with?"),
            ("Virus", "Caused by", "What is Virus caused by?"),
            (
                "Bacteria",
                "Reproduction",
                "What is Bacteria’s reproduction?",
            ),
            ("Stocks", "Risk", "What is Stocks’ risk?"),
            ("Bonds", "Returns", "What are Bonds’ returns?"),
            ("RAM", "Speed", "What is RAM’s speed?"),
            ("SSD", "Cost per GB", "What is SSD’s cost per GB?"),
            ("HTTP", "Default port", "What is HTTP’s default port?"),
            ("TCP", "Used for", "What is TCP used for?"),
            ("UDP", "Best suited to", "What is UDP best suited to?"),
            (
                "Affect",
                "Part of speech",
                "What is Affect’s part of speech?",
            ),
            ("Effect", "Meaning", "What is Effect’s meaning?"),
            (
                "Mitosis",
                "Number of divisions",
                "What is Mitosis’s number of divisions?",
            ),
            ("Meiosis", "Occurs in", "What does Meiosis occur in?"),
            (
                "Coaching",
                "Decision-making",
                "How does Coaching handle decision-making?",
            ),
            (
                "Mentoring",
                "Planning",
                "How does Mentoring handle planning?",
            ),
            (
                "Manager",
                "Attitude toward risk",
                "What is Manager’s attitude toward risk?",
            ),
            (
                "Leader",
                "Approach to change",
                "What is Leader’s approach to change?",
            ),
            ("Leaders", "Motivates", "What do Leaders motivate?"),
            (
                "Managers",
                "Key question",
                "What is Managers’ key question?",
            ),
            ("Weather", "Predictable", "How predictable is Weather?"),
            ("Climate", "Main driver", "What is Climate’s main driver?"),
            ("Mentoring", "Duration", "What is Mentoring’s duration?"),
            (
                "Coaching",
                "The relationship",
                "What is Coaching’s relationship?",
            ),
            ("Leadership", "Style", "What is Leadership’s style?"),
            (
                "Management",
                "Power comes from",
                "What does Management’s power come from?",
            ),
        ];
        assert!(cases.len() >= 40);
        let mut wrong = Vec::new();
        for (subject, feature, expected) in cases {
            let asked = cell_question(subject, feature);
            if asked != *expected {
                wrong.push(format!(
                    "{subject} / {feature}: {asked:?}, expected {expected:?}"
                ));
            }
            assert_grammatical(&asked);
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        // The check itself catches what it is for.
        for bad in [
            "Weather: what is its measured by?",
            "Management: what is its relationship relationship?",
            "Which one’s focus",
        ] {
            assert!(question_problem(bad).is_some(), "{bad}");
        }
    }

    fn assert_grammatical(question: &str) {
        assert_eq!(question_problem(question), None, "{question}");
    }
}
