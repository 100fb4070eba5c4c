use super::*;

#[test]
fn glued_cells_split_at_lower_upper_and_bracket_upper_boundaries() {
    let cases: &[(&str, &[&str])] = &[
        (
            "FeatureManagementLeadership",
            &["Feature", "Management", "Leadership"],
        ),
        (
            "FocusSystems, Structure, and ProcessesPeople, Culture, and Vision",
            &[
                "Focus",
                "Systems, Structure, and Processes",
                "People, Culture, and Vision",
            ],
        ),
        (
            "Time HorizonShort-term (Quarterly/Daily)Long-term (Years/Decades)",
            &[
                "Time Horizon",
                "Short-term (Quarterly/Daily)",
                "Long-term (Years/Decades)",
            ],
        ),
        (
            "Cost ModelUsually Paid (Internal or External)Often Voluntary",
            &[
                "Cost Model",
                "Usually Paid (Internal or External)",
                "Often Voluntary",
            ],
        ),
        ("a\tb c\t C ", &["a", "b c", "C"]),
        (
            "| Owners | One | Two or More |",
            &["Owners", "One", "Two or More"],
        ),
    ];
    for (line, expected) in cases {
        assert_eq!(split_cells(line), *expected, "{line:?}");
    }
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
        Some((7, "What is the first step?"))
    );
    assert_eq!(faq_question("Q12. Why?"), Some((12, "Why?")));
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
        ("Coffee: what is its origin?", "Ethiopia")
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
