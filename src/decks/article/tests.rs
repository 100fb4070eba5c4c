use super::definitions::{cloze_of, defined_term, speaker};
use super::differences::{CellSeparator, is_pipe_separator, split_cells};
use super::dimensions::bullet_subject;
use super::faq::faq_question;
use super::outline::{Shape, classify, topic_of};
use super::words::is_plural;
use super::*;

#[test]
fn cells_split_by_the_separator_of_the_header() {
    use CellSeparator::*;
    let cases: &[(&str, CellSeparator, &[&str])] = &[
        (
            "FeatureManagementLeadership",
            Glued,
            &["Feature", "Management", "Leadership"],
        ),
        (
            "FocusSystems, Structure, and ProcessesPeople, Culture, and Vision",
            Glued,
            &[
                "Focus",
                "Systems, Structure, and Processes",
                "People, Culture, and Vision",
            ],
        ),
        (
            "Time HorizonShort-term (Quarterly/Daily)Long-term (Years/Decades)",
            Glued,
            &[
                "Time Horizon",
                "Short-term (Quarterly/Daily)",
                "Long-term (Years/Decades)",
            ],
        ),
        (
            "Cost ModelUsually Paid (Internal or External)Often Voluntary",
            Glued,
            &[
                "Cost Model",
                "Usually Paid (Internal or External)",
                "Often Voluntary",
            ],
        ),
        ("a\tb c\t C ", Tab, &["a", "b c", "C"]),
        (
            "| Owners | One | Two or More |",
            Pipe,
            &["Owners", "One", "Two or More"],
        ),
        (
            "Owners | One | Two or More",
            Pipe,
            &["Owners", "One", "Two or More"],
        ),
        (
            "Time Horizon    Short-term   Long-term",
            Spaces,
            &["Time Horizon", "Short-term", "Long-term"],
        ),
    ];
    for (line, separator, expected) in cases {
        assert_eq!(CellSeparator::of_header(line), *separator, "{line:?}");
        assert_eq!(split_cells(line, *separator), *expected, "{line:?}");
    }
    // Rows follow their header: a glued row keeps a pipe inside a cell.
    assert_eq!(
        split_cells("ScheduleDaily|WeeklyYearly", Glued),
        vec!["Schedule", "Daily|Weekly", "Yearly"]
    );
    assert!(is_pipe_separator("|---|:---:|") && is_pipe_separator("--- | ---"));
    assert!(!is_pipe_separator("Focus | Systems"));
}

#[test]
fn headings_are_recognised_by_shape() {
    let cases = [
        ("1. Defining the Roles", Shape::Section),
        ("## Key Differences", Shape::Section),
        ("# Title", Shape::Title),
        ("### What is X?", Shape::Subsection),
        ("IV. Outcomes", Shape::Subsection),
        ("  • Managers plan.", Shape::Bullet),
        ("- item", Shape::Bullet),
        ("1. Do this first, then that.", Shape::Text),
        ("In 2026. Things changed", Shape::Text),
        ("Introduction", Shape::Text),
        ("", Shape::Blank),
    ];
    for (raw, shape) in cases {
        assert_eq!(classify(1, raw).shape, shape, "{raw:?}");
    }
}

#[test]
fn markdown_markers_and_controls_are_removed() {
    assert_eq!(classify(1, "**Q1: Why?**").text, "Q1: Why?");
    assert_eq!(
        classify(1, "See [the docs](http://x.y) now").text,
        "See the docs now"
    );
    assert_eq!(
        classify(1, "tab\there  and\u{7}bell").text,
        "tab here andbell"
    );
    assert_eq!(classify(1, "“curly” • kept").text, "“curly” • kept");
}

#[test]
fn questions_terms_and_topics() {
    assert_eq!(
        faq_question("Q7: What is the first step?"),
        Some((Some(7), "What is the first step?"))
    );
    assert_eq!(faq_question("Q12. Why?"), Some((Some(12), "Why?")));
    assert_eq!(faq_question("Q: Why?"), Some((None, "Why?")));
    assert_eq!(faq_question("Question 3: Why?"), Some((Some(3), "Why?")));
    assert_eq!(faq_question("Quality matters"), None);
    assert_eq!(faq_question("Q3:"), None);
    assert_eq!(defined_term("What is Management?"), Some("Management"));
    assert_eq!(defined_term("What are Key Results?"), Some("Key Results"));
    assert_eq!(
        defined_term("What is the point of all this and that and more?"),
        None
    );
    assert_eq!(
        topic_of("Difference Between Leadership and Management"),
        "Leadership and Management"
    );
    assert_eq!(
        topic_of("The Differences Between Cats and Dogs?"),
        "Cats and Dogs"
    );
    assert_eq!(topic_of("Cats or Dogs"), "Cats or Dogs");
    assert_eq!(
        topic_of("What Is the Difference Between Weather and Climate?"),
        "Weather and Climate"
    );
    assert_eq!(
        topic_of("Leadership vs. Management: A Guide"),
        "Leadership vs. Management"
    );
    assert_eq!(topic_of("Difference Between A and B: Explained"), "A and B");
    assert_eq!(slug("Time Horizon"), "time-horizon");
    assert_eq!(slug("Q&A: “Why?”"), "q-a-why");
}

#[test]
fn quotations_become_cloze_cards() {
    assert_eq!(
        cloze_of("Management is doing things right; leadership is doing the right things.")
            .as_deref(),
        Some("Management is doing things right; leadership is [...].")
    );
    assert_eq!(cloze_of("Nothing to blank here").as_deref(), None);
    assert_eq!(
        speaker("As the famous management consultant Peter Drucker once ").as_deref(),
        Some("Peter Drucker")
    );
}

#[test]
fn bullets_name_their_subject() {
    assert_eq!(
        bullet_subject("Managers develop plans."),
        (
            "Managers".to_string(),
            "Managers develop plans.".to_string()
        )
    );
    assert_eq!(
        bullet_subject("The Leader: Sees a gap."),
        ("The Leader".to_string(), "Sees a gap.".to_string())
    );
    assert!(is_plural("owners") && !is_plural("focus") && !is_plural("process"));
}

#[test]
fn a_tab_separated_table_works_without_a_heading() {
    let text = "Difference Between Tea and Coffee\n\nFeature\tTea\tCoffee\nCaffeine\tLess\tMore\nOrigin\tChina\tEthiopia\n";
    let generated = generate("t.txt", "t", text).expect("generates");
    let deck = &generated.decks[0];
    assert_eq!(deck.kind, SectionKind::Differences);
    assert_eq!(deck.deck.name, "Tea and Coffee::Key Differences");
    let card = deck
        .deck
        .cards
        .iter()
        .find(|c| c.key == "diff-origin-coffee")
        .expect("card");
    assert_eq!(
        (card.front.as_str(), card.back.as_str()),
        ("What is Coffee’s origin?", "Ethiopia")
    );
}

#[test]
fn ambiguous_rows_are_errors_naming_the_line() {
    let text = "Difference Between A and B\n\n1. Key Differences\n\nFeatureAlphaBeta\nFoodMcDonald's BurgersHome Cooking\n";
    let error = generate("a.txt", "a", text).expect_err("row splits into 4 cells");
    let message = error.to_string();
    assert!(message.starts_with("a.txt:6: "), "{message}");
    assert!(
        message.contains("4 cells") && message.contains("line 5 has 3"),
        "{message}"
    );
}

#[test]
fn an_faq_question_without_an_answer_is_an_error() {
    let text = "Difference Between A and B\n\nQ1: Why?\n\nBecause.\n\nQ2: Really?\n";
    let message = generate("f.txt", "f", text)
        .expect_err("no answer")
        .to_string();
    assert!(
        message.starts_with("f.txt:7: Q2 has no answer"),
        "{message}"
    );
}

#[test]
fn an_article_with_no_sections_says_what_was_looked_for() {
    let message = generate("n.txt", "n", "A Title\n\nJust a paragraph of prose.\n")
        .expect_err("nothing to make")
        .to_string();
    for wanted in [
        "What is X?",
        "key-differences table",
        "Dimensions",
        "Q1: question",
    ] {
        assert!(message.contains(wanted), "{message}");
    }
}

#[test]
fn another_layout_of_the_family_still_generates() {
    // Spaces-aligned table, plain sub-headings over dimension bullets, `Q1.` questions.
    let text = "Difference Between Cats and Dogs\n\n\
1. Definitions\n\nWhat is a Cat?\n\nA small feline.\n\n\
2. Key Differences\n\n\
Trait    Cats    Dogs\nSound    Meow    Woof\nSocial Style    Independent    Pack Animal\n\n\
3. Cats vs. Dogs: 2 Dimensions\n\nDimension 1: Care\n\n- Cats groom themselves.\n- Dogs need walks.\n\n\
2) Training\n\n- Cats train you.\n- Dogs learn tricks.\n\n\
4. FAQ\n\nQ1. Are cats aloof?\n\nSometimes.\n";
    let generated = generate("cats.txt", "cats", text).expect("generates");
    assert!(generated.missing.is_empty(), "{:?}", generated.missing);
    let find = |kind: SectionKind, key: &str| {
        generated
            .decks
            .iter()
            .find(|d| d.kind == kind)
            .and_then(|d| d.deck.cards.iter().find(|c| c.key == key))
            .map(|c| (c.front.clone(), c.back.clone()))
            .unwrap_or_else(|| panic!("{key}"))
    };
    assert_eq!(
        find(SectionKind::Differences, "diff-social-style-dogs"),
        (
            "What is Dogs’ social style?".to_string(),
            "Pack Animal".to_string()
        )
    );
    assert_eq!(
        find(SectionKind::Dimensions, "dim-care-cats"),
        (
            "Care: what do cats do?".to_string(),
            "Cats groom themselves.".to_string()
        )
    );
    assert_eq!(
        find(SectionKind::Dimensions, "dim-training-dogs").1,
        "Dogs learn tricks."
    );
    let faq_key = crate::decks::text_key("Are cats aloof?");
    assert_eq!(find(SectionKind::Faq, &faq_key).0, "Are cats aloof?");
    assert_eq!(
        find(SectionKind::Definitions, "def-a-cat").1,
        "A small feline."
    );
}

#[test]
fn repeated_keys_get_the_next_free_suffix() {
    let mut keys = Keys::default();
    let handed: Vec<String> = ["a", "a", "a-2", "a", "b", "a-3", "a"]
        .iter()
        .map(|key| keys.unique(key.to_string()))
        .collect();
    assert_eq!(
        handed,
        vec!["a", "a-2", "a-2-2", "a-3", "b", "a-3-2", "a-4"]
    );
    // Thousands of one key: each is one look-up, and all stay distinct.
    let many: std::collections::HashSet<String> = (0..6_000)
        .map(|_| keys.unique("dim-x".to_string()))
        .collect();
    assert_eq!(many.len(), 6_000);
}
