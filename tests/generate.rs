//! The article generator: the built-in decks are what the seed article generates; every card of
//! the seed is checked by content; other articles of the family, in text and Markdown, work too.

mod common;

use common::Sandbox;
use predicates::prelude::*;
use recall::decks::article::{self, Generated, SectionKind};
use recall::decks::{DeckCard, builtin};
use std::collections::BTreeMap;
use std::path::Path;

const SEED: &str = include_str!("../decks/source/leadership-vs-management.txt");

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/articles")
        .join(name);
    std::fs::read_to_string(path).expect("fixture")
}

fn seed() -> Generated {
    article::generate(
        "leadership-vs-management.txt",
        "leadership-vs-management",
        SEED,
    )
    .expect("the seed generates")
}

/// key -> (front, back) of one generated deck.
fn cards(generated: &Generated, kind: SectionKind) -> BTreeMap<String, (String, String)> {
    generated
        .decks
        .iter()
        .find(|deck| deck.kind == kind)
        .map(|deck| {
            deck.deck
                .cards
                .iter()
                .map(|c: &DeckCard| (c.key.clone(), (c.front.clone(), c.back.clone())))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_committed_decks_are_what_the_seed_generates() {
    let (source_name, source_text) = builtin::SOURCE;
    assert_eq!(source_text, SEED);
    let generated = seed();
    let rendered: Vec<(String, String)> = generated
        .decks
        .iter()
        .map(|deck| {
            (
                deck.file_name.clone(),
                article::render_file(source_name, &deck.deck),
            )
        })
        .collect();
    let committed: Vec<(String, String)> = builtin::DECKS
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    assert_eq!(
        rendered, committed,
        "decks/ is stale: run `recall generate decks/source/leadership-vs-management.txt --out decks`"
    );
}

#[test]
fn every_definition_of_the_seed_is_a_card() {
    let definitions = cards(&seed(), SectionKind::Definitions);
    let (front, back) = &definitions["def-management"];
    assert_eq!(front, "What is Management?");
    assert!(
        back.starts_with("Management is a set of processes designed"),
        "{back}"
    );
    assert!(back.ends_with("to meet specific targets."), "{back}");
    let (front, back) = &definitions["def-leadership"];
    assert_eq!(front, "What is Leadership?");
    assert!(back.starts_with("Leadership is about vision, inspiration, and transformation."));
    let (front, back) = &definitions["quote-1"];
    assert_eq!(
        front,
        "Complete Peter Drucker’s line: “Management is doing things right; leadership is [...].”"
    );
    assert_eq!(
        back,
        "“Management is doing things right; leadership is doing the right things.”"
    );
    assert_eq!(definitions.len(), 2 + 1);
}

#[test]
fn every_table_row_column_and_direction_of_the_seed_is_a_card() {
    let table = [
        (
            "focus",
            "Focus",
            "Systems, Structure, and Processes",
            "People, Culture, and Vision",
        ),
        (
            "goal",
            "Goal",
            "Execution and Efficiency",
            "Innovation and Change",
        ),
        (
            "approach",
            "Approach",
            "Plans and Budgets",
            "Vision and Strategy",
        ),
        (
            "relationship",
            "Relationship",
            "Authority and Hierarchy",
            "Influence and Trust",
        ),
        (
            "time-horizon",
            "Time Horizon",
            "Short-term (Quarterly/Daily)",
            "Long-term (Years/Decades)",
        ),
        (
            "reaction",
            "Reaction",
            "Controls and Predictability",
            "Inspires and Empowers",
        ),
    ];
    let differences = cards(&seed(), SectionKind::Differences);
    // A card per cell and one per row asking for both sides.
    assert_eq!(differences.len(), 6 * 3);
    for (slug, feature, management, leadership) in table {
        let lower = feature.to_lowercase();
        for (column, value) in [("Management", management), ("Leadership", leadership)] {
            let key = format!("diff-{slug}-{}", column.to_lowercase());
            let (front, back) = &differences[&key];
            assert_eq!(back, value, "{key}");
            // A natural question for each form of the seed's feature names.
            let expected = if feature == "Relationship" {
                format!("How does {column} approach relationships?")
            } else {
                format!("What is {column}’s {lower}?")
            };
            assert_eq!(front, &expected, "{key}");
        }
        let (front, back) = &differences[&format!("diff-{slug}-all")];
        assert_eq!(front, &format!("{feature} — Management vs Leadership?"));
        assert_eq!(
            back,
            &format!("Management: {management}\nLeadership: {leadership}")
        );
    }
    assert_eq!(
        differences["diff-time-horizon-leadership"].1,
        "Long-term (Years/Decades)"
    );
    for (front, _) in differences.values() {
        assert_grammatical(front);
    }
}

/// Every generated question is a grammatical question or a labelled prompt.
fn assert_grammatical(question: &str) {
    assert_eq!(article::question_problem(question), None, "{question}");
}

#[test]
fn every_dimension_of_the_seed_is_a_card() {
    let dimensions = cards(&seed(), SectionKind::Dimensions);
    let expected = [
        (
            "creating-an-agenda",
            "Creating an Agenda",
            "Managers develop plans and budgets.",
            "Leaders establish direction and vision.",
        ),
        (
            "developing-a-human-network",
            "Developing a Human Network",
            "Managers organize and staff.",
            "Leaders align people.",
        ),
        (
            "execution",
            "Execution",
            "Managers focus on problem-solving and control.",
            "Leaders focus on motivation and inspiration.",
        ),
        (
            "outcomes",
            "Outcomes",
            "Managers produce predictability and order.",
            "Leaders produce change.",
        ),
    ];
    assert_eq!(dimensions.len(), 4 * 2);
    for (slug, name, managers, leaders) in expected {
        for (side, start) in [("managers", managers), ("leaders", leaders)] {
            let (front, back) = &dimensions[&format!("dim-{slug}-{side}")];
            assert_eq!(front, &format!("{name}: what do {side} do?"));
            assert!(back.starts_with(start), "{slug}/{side}: {back}");
            assert!(!back.contains('•'), "bullet marker kept: {back}");
        }
    }
}

#[test]
fn every_faq_of_the_seed_is_a_card() {
    let faq = cards(&seed(), SectionKind::Faq);
    let expected = [
        (
            1,
            "Can a person be both a manager and a leader?",
            "Yes. In fact,",
        ),
        (
            2,
            "Which is more important: Management or Leadership?",
            "Neither is “more” important.",
        ),
        (
            3,
            "Is leadership only for senior executives?",
            "No. Leadership can happen at any level.",
        ),
        (
            4,
            "Can management skills be learned?",
            "Yes. Management is largely technical",
        ),
        (
            5,
            "What happens when there is too much management and not enough leadership?",
            "The organization becomes “over-managed and under-led.”",
        ),
        (
            6,
            "Does leadership style change with remote work?",
            "Leadership becomes even more critical",
        ),
        (
            7,
            "What is the first step in moving from a manager to a leader?",
            "Delegation.",
        ),
        (
            8,
            "Are all leaders charismatic?",
            "No. Some of the most effective leaders",
        ),
        (
            9,
            "How do I know if I am managing or leading right now?",
            "Ask yourself:",
        ),
        (
            10,
            "Where can I get training to balance these two skills?",
            "Platforms like EducationNest",
        ),
    ];
    // Q10 is promotion (a training provider) and left out; Q4 loses its promotional sentence.
    assert_eq!(faq.len(), 9);
    let by_question: BTreeMap<&str, (&String, &String)> = faq
        .iter()
        .map(|(key, (front, back))| (front.as_str(), (key, back)))
        .collect();
    for (number, question, start) in expected {
        if number == 10 {
            assert!(!by_question.contains_key(question), "promotion left out");
            continue;
        }
        let (key, back) = by_question[question];
        // A card is known by its question: a corrected question is matched on re-import.
        assert_eq!(key, &recall::decks::text_key(question));
        assert!(back.starts_with(start), "Q{number}: {back}");
        assert!(!back.contains("EducationNest"), "Q{number}: {back}");
    }
    assert_eq!(
        by_question["Can management skills be learned?"].1,
        "Yes. Management is largely technical and procedural."
    );
    let generated = seed();
    assert!(
        generated
            .notes
            .contains(&"faq Q10: left out: promotion".to_string()),
        "{:?}",
        generated.notes
    );
    assert!(
        generated
            .notes
            .contains(&"faq Q4: left out 1 sentence of promotion".to_string()),
        "{:?}",
        generated.notes
    );
    // The last answer stops at the next section.
    assert!(faq.values().all(|(_, back)| !back.contains("Resources")));
}

#[test]
fn the_seed_in_markdown_gives_the_same_cards() {
    let markdown = article::generate(
        "leadership-vs-management.md",
        "leadership-vs-management",
        &fixture("leadership-vs-management.md"),
    )
    .expect("markdown generates");
    let text = seed();
    for kind in SectionKind::ALL {
        assert_eq!(cards(&markdown, kind), cards(&text, kind), "{kind:?}");
    }
}

#[test]
fn another_article_with_awkward_cells_and_multi_paragraph_answers() {
    let generated = article::generate(
        "coaching-vs-mentoring.txt",
        "coaching-vs-mentoring",
        &fixture("coaching-vs-mentoring.txt"),
    )
    .expect("generates");
    assert!(generated.missing.is_empty(), "{:?}", generated.missing);
    let differences = cards(&generated, SectionKind::Differences);
    assert_eq!(differences.len(), 4 * 3);
    assert_eq!(
        differences["diff-cost-model-coaching"],
        (
            "What is Coaching’s cost model?".to_string(),
            "Usually Paid (Internal or External)".to_string()
        )
    );
    assert_eq!(
        differences["diff-cost-model-mentoring"].1,
        "Often Voluntary"
    );
    let faq: BTreeMap<String, (String, String)> = cards(&generated, SectionKind::Faq)
        .into_values()
        .map(|(front, back)| (front.clone(), (front, back)))
        .collect();
    let answers: Vec<&String> = faq.values().map(|(_, back)| back).collect();
    assert!(
        answers.contains(
            &&"Usually. Mentoring is often voluntary, although some formal programmes pay \
               mentors.\n\nIn companies, mentoring programmes are often run by HR."
                .to_string()
        ),
        "{answers:?}"
    );
    assert!(answers.iter().all(|back| !back.contains("Further Reading")));
    let dimensions = cards(&generated, SectionKind::Dimensions);
    assert_eq!(dimensions.len(), 3 * 2);
    // A bullet wrapped over two lines is one answer.
    assert_eq!(
        dimensions["dim-structure-mentors"].1,
        "Mentors meet informally, whenever advice is needed."
    );
    let definitions = cards(&generated, SectionKind::Definitions);
    assert_eq!(
        definitions["quote-1"].0,
        "Complete John Whitmore’s line: “Coaching is [...].”"
    );
    let deck_names: Vec<&str> = generated
        .decks
        .iter()
        .map(|d| d.deck.name.as_str())
        .collect();
    assert_eq!(
        deck_names,
        [
            "Coaching and Mentoring::Definitions",
            "Coaching and Mentoring::Key Differences",
            "Coaching and Mentoring::Dimensions",
            "Coaching and Mentoring::FAQ"
        ]
    );
}

#[test]
fn a_markdown_article_with_three_compared_columns() {
    let generated = article::generate(
        "business-structures.md",
        "business-structures",
        &fixture("business-structures.md"),
    )
    .expect("generates");
    assert_eq!(generated.missing, vec![SectionKind::Dimensions]);
    let differences = cards(&generated, SectionKind::Differences);
    assert_eq!(differences.len(), 3 * 4);
    // One card asks for every side of a row.
    assert_eq!(
        differences["diff-liability-all"],
        (
            "Liability — Sole Proprietorship vs Partnership vs Corporation?".to_string(),
            "Sole Proprietorship: Unlimited\nPartnership: Unlimited (General Partners)\nCorporation: Limited"
                .to_string()
        )
    );
    assert_eq!(
        differences["diff-liability-sole-proprietorship"].1,
        "Unlimited"
    );
    assert_eq!(
        differences["diff-owners-partnership"].0,
        "What are Partnership’s owners?"
    );
    let definitions = cards(&generated, SectionKind::Definitions);
    assert_eq!(
        definitions["def-a-partnership"].1,
        "A business owned by two or more people who share profits, losses and management."
    );
    assert_eq!(
        definitions["def-a-sole-proprietorship"].1,
        "A business owned and run by one person, with no legal distinction between the owner and the business."
    );
    let faq = cards(&generated, SectionKind::Faq);
    let first = recall::decks::text_key("Which structure is cheapest to set up?");
    assert_eq!(faq[&first].0, "Which structure is cheapest to set up?");
    assert!(
        faq.values()
            .any(|(_, back)| back.ends_with("This usually needs a lawyer and an accountant."))
    );
}

#[test]
fn generate_writes_decks_says_what_it_found_and_imports_them() {
    let sandbox = Sandbox::new();
    let article = sandbox.write("coaching.txt", &fixture("coaching-vs-mentoring.txt"));
    let out = sandbox.path("out");
    sandbox
        .recall(
            "2026-12-01",
            &[
                "generate",
                article.to_str().expect("path"),
                "--out",
                out.to_str().expect("path"),
                "--import",
            ],
        )
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "key differences  lines 22-26: 4 rows x 2 columns",
        ))
        .stdout(predicate::str::contains(
            "faq              lines 48-62: 3 questions",
        ))
        .stdout(predicate::str::contains("coaching-faq.toml (3 cards)"))
        .stdout(predicate::str::contains(
            "deck 'Coaching and Mentoring::FAQ': 3 added",
        ));
    let names: Vec<String> = std::fs::read_dir(&out)
        .expect("out dir")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    let faq = sandbox.cards_json("2026-12-01", "Coaching and Mentoring::FAQ");
    assert_eq!(faq.len(), 3);
}

#[test]
fn regenerating_a_corrected_article_updates_cards_in_place_and_keeps_history() {
    let sandbox = Sandbox::new();
    let article = sandbox.write("coaching.txt", &fixture("coaching-vs-mentoring.txt"));
    let out = sandbox.path("out");
    let args = |path: &Path| {
        vec![
            "generate".to_string(),
            path.to_str().expect("path").to_string(),
            "--out".to_string(),
            out.to_str().expect("path").to_string(),
            "--import".to_string(),
        ]
    };
    let run = |args: Vec<String>| {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        sandbox.recall("2026-12-01", &refs).assert().success();
    };
    run(args(&article));
    sandbox.review(
        "2026-12-01",
        "Coaching and Mentoring::FAQ",
        "\n5\n\n5\n\n5\n",
    );
    let corrected = fixture("coaching-vs-mentoring.txt").replace(
        "Choose coaching for a specific skill",
        "Choose coaching for one specific skill",
    );
    std::fs::write(&article, corrected).expect("correct the article");
    run(args(&article));
    let faq = sandbox.cards_json("2026-12-01", "Coaching and Mentoring::FAQ");
    let key = recall::decks::text_key("Which one should I choose?");
    let third = faq.iter().find(|c| c["key"] == key).expect("Q3");
    assert!(
        third["back"]
            .as_str()
            .expect("text")
            .starts_with("Choose coaching for one specific skill")
    );
    assert_eq!(third["reps"], 1, "schedule kept");
    assert_eq!(
        sandbox.history("Coaching and Mentoring::FAQ", &key).len(),
        1
    );

    // A typo corrected in the question: the same card (its schedule and history kept).
    let retyped = std::fs::read_to_string(&article)
        .expect("article")
        .replace("Which one should I choose?", "Which one should I chose?");
    std::fs::write(&article, retyped).expect("typo");
    run(args(&article));
    let faq = sandbox.cards_json("2026-12-01", "Coaching and Mentoring::FAQ");
    let typo = faq
        .iter()
        .find(|c| c["front"] == "Which one should I chose?")
        .expect("corrected question");
    assert_eq!(typo["reps"], 1, "a corrected question keeps its schedule");
    assert_eq!(faq.len(), 3);

    // A question replaced by another: a new card, the old one reported missing.
    let replaced = std::fs::read_to_string(&article).expect("article").replace(
        "Which one should I chose?",
        "How long does a mentoring relationship last?",
    );
    std::fs::write(&article, replaced).expect("replace");
    run(args(&article));
    let faq = sandbox.cards_json("2026-12-01", "Coaching and Mentoring::FAQ");
    let new = faq
        .iter()
        .find(|c| c["front"] == "How long does a mentoring relationship last?")
        .expect("replacing question");
    assert_eq!(new["reps"], 0, "a replaced question is a new card");
}

#[test]
fn errors_write_nothing_and_existing_files_are_replaced_whole() {
    let sandbox = Sandbox::new();
    let out = sandbox.path("out");
    std::fs::create_dir(&out).expect("out dir");
    let nothing = sandbox.write("prose.txt", "Some Title\n\nJust prose, no cards here.\n");
    sandbox
        .recall(
            "2026-12-01",
            &[
                "generate",
                nothing.to_str().expect("path"),
                "--out",
                out.to_str().expect("path"),
            ],
        )
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "prose.txt:1: no sections to make cards from",
        ))
        .stderr(predicate::str::contains("Q1: question"));
    let broken = sandbox.write(
        "broken.txt",
        &fixture("coaching-vs-mentoring.txt")
            .replace("FocusPerformance", "FocusMcKinsey Performance"),
    );
    sandbox
        .recall(
            "2026-12-01",
            &[
                "generate",
                broken.to_str().expect("path"),
                "--out",
                out.to_str().expect("path"),
            ],
        )
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "broken.txt:26: this table row splits into 4 cells",
        ));
    assert_eq!(
        std::fs::read_dir(&out).expect("dir").count(),
        0,
        "nothing written"
    );

    // Some sections: those are generated, the missing ones are named.
    let partial = sandbox.write("partial.md", &fixture("business-structures.md"));
    let stale = out.join("partial-faq.toml");
    std::fs::write(&stale, "old contents").expect("stale file");
    sandbox
        .recall(
            "2026-12-01",
            &[
                "generate",
                partial.to_str().expect("path"),
                "--out",
                out.to_str().expect("path"),
            ],
        )
        .assert()
        .success()
        .stdout(predicate::str::contains("missing: critical dimensions"));
    let replaced = std::fs::read_to_string(&stale).expect("replaced");
    assert!(
        replaced.starts_with("# Generated by `recall generate`") && replaced.contains("[[cards]]"),
        "{replaced}"
    );
    let leftovers: Vec<String> = std::fs::read_dir(&out)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn error_messages_quoting_a_file_carry_no_terminal_escapes() {
    let sandbox = Sandbox::new();
    let hostile = sandbox.write(
        "hostile.txt",
        "Difference Between A and B\n\n1. Key Differences\n\nFeatureAlphaBeta\nCost\u{1b}]0;pwned\u{7}\u{1b}[2JOneTwoThree\n",
    );
    let output = sandbox
        .recall("2026-12-01", &["generate", hostile.to_str().expect("path")])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(stderr.contains("hostile.txt:6:"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
}

#[test]
fn the_seed_saved_as_a_web_page_gives_the_same_cards() {
    // The page as a browser saves it: scripts, styles, a cookie banner, navigation, a
    // newsletter form, a sidebar and a footer around the article; the table as <table>, the FAQ
    // in <details>/<summary>.
    let page = article::generate(
        "leadership-vs-management.html",
        "leadership-vs-management",
        &fixture("leadership-vs-management.html"),
    )
    .expect("the page generates");
    let text = seed();
    for kind in SectionKind::ALL {
        assert_eq!(cards(&page, kind), cards(&text, kind), "{kind:?}");
    }
    assert_eq!(page.notes, text.notes);
    assert_eq!(page.title, text.title);
    // Nothing from the page's furniture became a card.
    for deck in &page.decks {
        for card in &deck.deck.cards {
            for furniture in ["cookies", "Subscribe", "Tracking", "LEAD20", "PMP"] {
                assert!(!card.front.contains(furniture) && !card.back.contains(furniture));
            }
        }
    }
}

/// Every generated question of an article, checked for grammar.
fn assert_all_grammatical(generated: &Generated) {
    for deck in &generated.decks {
        if deck.kind == SectionKind::Differences || deck.kind == SectionKind::Dimensions {
            for card in &deck.deck.cards {
                assert_grammatical(&card.front);
            }
        }
    }
}

fn generated(name: &str) -> Generated {
    let stem = name.split('.').next().expect("stem");
    article::generate(name, stem, &fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn weather_and_climate_give_the_same_cards_as_text_markdown_and_a_web_page() {
    let text = generated("weather-vs-climate.txt");
    assert_eq!(text.missing, vec![SectionKind::Dimensions]);
    let definitions = cards(&text, SectionKind::Definitions);
    assert_eq!(
        definitions["quote-1"].0,
        "Complete Mark Twain’s line: “Climate is what we expect, weather is [...].”"
    );
    assert_eq!(definitions["def-weather"].0, "What is Weather?");
    assert_eq!(definitions["def-climate"].0, "What is Climate?");
    let differences = cards(&text, SectionKind::Differences);
    let expected = [
        (
            "diff-time-scale-weather",
            "What is Weather’s time scale?",
            "Hours to days",
        ),
        (
            "diff-measured-by-weather",
            "What is Weather measured by?",
            "Thermometers, barometers and radar",
        ),
        (
            "diff-studied-by-climate",
            "What is Climate studied by?",
            "Climatologists",
        ),
        (
            "diff-example-climate",
            "What is an example of Climate?",
            "Dry summers in the Mediterranean",
        ),
        (
            "diff-how-often-does-it-change-weather",
            "Weather — how often does it change?",
            "Minute to minute",
        ),
        (
            "diff-predictable-climate",
            "How predictable is Climate?",
            "As trends and ranges",
        ),
        (
            "diff-time-scale-all",
            "Time scale — Weather vs Climate?",
            "Weather: Hours to days\nClimate: Decades to centuries",
        ),
    ];
    for (key, front, back) in expected {
        assert_eq!(
            differences[key],
            (front.to_string(), back.to_string()),
            "{key}"
        );
    }
    assert_eq!(differences.len(), 6 * 3);
    let faq = cards(&text, SectionKind::Faq);
    assert_eq!(faq.len(), 2, "the promotional Q3 is left out");
    assert_eq!(text.notes, ["faq Q3: left out: promotion"]);
    assert_all_grammatical(&text);
    // The same article as Markdown (other headings, a block quote, bold questions) and as a
    // saved page gives the same cards.
    for other in ["weather-vs-climate.md", "weather-vs-climate.html"] {
        let other = generated(other);
        for kind in SectionKind::ALL {
            assert_eq!(cards(&other, kind), cards(&text, kind), "{kind:?}");
        }
        assert_eq!(other.notes, text.notes);
    }
}

#[test]
fn viruses_and_bacteria_keep_ids_unique_and_say_what_matched_no_rule() {
    let generated = generated("viruses-vs-bacteria.txt");
    let differences = cards(&generated, SectionKind::Differences);
    // "Size" and "size!" differ only in case and punctuation: each row keeps its own ids.
    assert_eq!(differences["diff-size-viruses"].1, "20 to 300 nanometres");
    assert_eq!(
        differences["diff-size-2-viruses"],
        (
            "What is Viruses’ size?".to_string(),
            "Seen with an electron microscope".to_string()
        )
    );
    assert_eq!(
        differences["diff-caused-by-viruses"].0,
        "What are Viruses caused by?"
    );
    assert_eq!(
        differences["diff-treated-with-bacteria"],
        (
            "What is Bacteria treated with?".to_string(),
            "Antibiotics".to_string()
        )
    );
    let definitions = cards(&generated, SectionKind::Definitions);
    assert_eq!(
        definitions["def-bacteria"].1,
        "Bacteria are single-celled living organisms that reproduce on their own by dividing."
    );
    assert_eq!(
        generated.notes,
        ["definition of Bacteria: left out 1 sentence of promotion"]
    );
    // A question with its answer outside the FAQ is named with its line.
    assert_eq!(generated.unmatched.len(), 1, "{:?}", generated.unmatched);
    assert!(
        generated.unmatched[0].starts_with("line 5: “Are viruses alive?” looks like a question"),
        "{:?}",
        generated.unmatched
    );
    assert_all_grammatical(&generated);
    // The deck file it writes imports.
    let sandbox = Sandbox::new();
    let article = sandbox.write("viruses.txt", &fixture("viruses-vs-bacteria.txt"));
    sandbox
        .recall(
            "2026-12-01",
            &["generate", article.to_str().expect("path"), "--import"],
        )
        .assert()
        .success()
        .stdout(predicate::str::contains("unmatched: line 5"))
        .stdout(predicate::str::contains(
            "deck 'Viruses and Bacteria::Key Differences': 15 added",
        ))
        .stdout(predicate::str::contains("The deck files are in"));
    // Without --out the files go beside the collection, not into the current directory.
    let beside = sandbox.db.parent().expect("dir").join("decks");
    assert!(beside.join("viruses-differences.toml").exists());
}

#[test]
fn stocks_and_bonds_from_a_web_page_with_bold_questions() {
    let generated = generated("stocks-vs-bonds.html");
    assert_eq!(generated.title, "Stocks vs Bonds: A Beginner’s Guide");
    let definitions = cards(&generated, SectionKind::Definitions);
    assert_eq!(
        definitions["def-a-stock"],
        (
            "What Is a Stock?".to_string(),
            "A stock is a share of ownership in a company.".to_string()
        )
    );
    assert_eq!(
        definitions["quote-1"].0,
        "Complete Benjamin Graham’s line: “In the short run, the market is a voting machine but \
         in the long run, it is [...].”"
    );
    let differences = cards(&generated, SectionKind::Differences);
    assert_eq!(differences["diff-risk-stocks"].0, "What is Stocks’ risk?");
    assert_eq!(
        differences["diff-issued-by-bonds"].0,
        "What are Bonds issued by?"
    );
    assert_eq!(
        differences["diff-best-suited-to-bonds"],
        (
            "What are Bonds best suited to?".to_string(),
            "Steady income".to_string()
        )
    );
    let faq = cards(&generated, SectionKind::Faq);
    let questions: Vec<&str> = faq.values().map(|(front, _)| front.as_str()).collect();
    assert_eq!(questions.len(), 2);
    assert!(
        questions.contains(&"Can a bond lose value?"),
        "{questions:?}"
    );
    assert!(questions.contains(&"Should I own both?"), "{questions:?}");
    assert!(generated.unmatched.is_empty(), "{:?}", generated.unmatched);
    assert_all_grammatical(&generated);
    for deck in &generated.decks {
        for card in &deck.deck.cards {
            assert!(!card.back.contains("$50") && !card.back.contains("Subscribe"));
        }
    }
}

#[test]
fn tcp_and_udp_in_markdown_with_q_headings_and_acronyms() {
    let generated = generated("tcp-vs-udp.md");
    assert!(generated.missing.is_empty(), "{:?}", generated.missing);
    let definitions = cards(&generated, SectionKind::Definitions);
    assert_eq!(definitions["def-tcp"].0, "What is TCP?");
    assert_eq!(definitions["def-udp"].0, "What is UDP?");
    let differences = cards(&generated, SectionKind::Differences);
    assert_eq!(differences["diff-used-for-udp"].0, "What is UDP used for?");
    assert_eq!(
        differences["diff-relies-on-tcp"].0,
        "What does TCP rely on?"
    );
    assert_eq!(
        differences["diff-connection-all"],
        (
            "Connection — TCP vs UDP?".to_string(),
            "TCP: Set up with a handshake\nUDP: None".to_string()
        )
    );
    let dimensions = cards(&generated, SectionKind::Dimensions);
    assert_eq!(
        dimensions["dim-reliability-tcp"],
        (
            "Reliability: what does TCP do?".to_string(),
            "Retransmits lost segments until they arrive.".to_string()
        )
    );
    assert_eq!(dimensions.len(), 6);
    let faq = cards(&generated, SectionKind::Faq);
    let key = recall::decks::text_key("Why does DNS use UDP?");
    assert_eq!(faq[&key].0, "Why does DNS use UDP?");
    assert_eq!(faq.len(), 2);
    assert_all_grammatical(&generated);
}

#[test]
fn a_failed_import_writes_no_deck_file() {
    let sandbox = Sandbox::new();
    sandbox.recall("2026-12-01", &["decks"]).assert().success();
    let article = sandbox.write("weather.txt", &fixture("weather-vs-climate.txt"));
    let out = sandbox.path("out");
    // Another program holds the collection's write lock: the import cannot commit.
    let holder = rusqlite::Connection::open(&sandbox.db).expect("opens");
    holder.execute_batch("BEGIN IMMEDIATE").expect("lock");
    sandbox
        .recall(
            "2026-12-01",
            &[
                "generate",
                article.to_str().expect("path"),
                "--out",
                out.to_str().expect("path"),
                "--import",
            ],
        )
        .assert()
        .failure();
    holder.execute_batch("ROLLBACK").expect("unlock");
    let written: Vec<String> = std::fs::read_dir(&out)
        .map(|dir| {
            dir.map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
                .collect()
        })
        .unwrap_or_default();
    assert!(written.is_empty(), "nothing written: {written:?}");
}
