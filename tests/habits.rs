//! The daily-habit commands through the real binary: undo, suspend, bury, leeches, cram, review
//! ahead, add, edit, show, search, config, limits, history and stats.

mod common;

use common::Sandbox;
use predicates::prelude::*;
use serde_json::{Value, json};

const DAY1: &str = "2026-12-01";

fn sandbox_with(deck: &str, keys: &[&str]) -> Sandbox {
    Sandbox::with_deck(deck, keys)
}

fn run(sandbox: &Sandbox, now: &str, args: &[&str]) -> String {
    let output = sandbox.recall(now, args).output().expect("runs");
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).expect("utf-8")
}

fn json_of(sandbox: &Sandbox, now: &str, args: &[&str]) -> Value {
    serde_json::from_str(&run(sandbox, now, args)).expect("JSON")
}

/// A collection (beside the built-in decks) with these decks, one card `x` in each.
fn one_card_decks(names: &[&str]) -> Sandbox {
    let sandbox = Sandbox::new();
    for (index, name) in names.iter().enumerate() {
        let path = sandbox.write(
            &format!("deck-{index}.toml"),
            &common::deck_toml(name, &[("x", "Front?", "Back")]),
        );
        sandbox.import(DAY1, &path);
    }
    sandbox
}

fn card<'a>(cards: &'a [Value], key: &str) -> &'a Value {
    cards.iter().find(|c| c["key"] == key).expect("card listed")
}

#[test]
fn undo_restores_the_exact_prior_state_and_stays_within_today() {
    let sandbox = sandbox_with("U", &["a", "b"]);
    sandbox.review(DAY1, "U", "\n5\n\n5\n");
    let day2 = "2026-12-02";
    let before = sandbox.cards_json(day2, "U");
    // Day 2: a is graded 1 (a lapse), then re-drilled with a 4; b graded 4.
    sandbox.review(day2, "U", "\n1\n\n4\n\n4\n");
    assert_ne!(sandbox.cards_json(day2, "U"), before);
    assert_eq!(sandbox.history("U", "a").len(), 3);
    // Three answers today, in order: a's 1, b's 4, a's re-drill. Undo all three, newest first.
    let first = run(&sandbox, day2, &["undo"]);
    assert!(
        first.contains("redrill answer 4") && first.contains("front a"),
        "{first}"
    );
    let second = run(&sandbox, day2, &["undo"]);
    assert!(
        second.contains("scheduled answer 4") && second.contains("front b"),
        "{second}"
    );
    let third = run(&sandbox, day2, &["undo"]);
    assert!(
        third.contains("scheduled answer 1") && third.contains("front a"),
        "{third}"
    );
    assert_eq!(
        sandbox.cards_json(day2, "U"),
        before,
        "exactly the state before day 2"
    );
    assert_eq!(sandbox.history("U", "a").len(), 1, "day 1's answer is kept");
    // Day 1's answers are never touched.
    let nothing = run(&sandbox, day2, &["undo"]);
    assert!(nothing.contains("Nothing to undo today"), "{nothing}");
    assert_eq!(sandbox.cards_json(day2, "U"), before);
}

#[test]
fn undo_in_a_session_shows_the_card_again() {
    let sandbox = sandbox_with("U", &["a", "b"]);
    // Grade a 2 by mistake, undo at b's prompt, grade a 5, then b 5.
    let output = sandbox.review(DAY1, "U", "\n2\nu\n\n5\n\n5\n");
    assert!(output.contains("Undone: grade 2 on “front a”"), "{output}");
    assert!(
        output.contains("2 reviewed (2 new), 0 re-drilled, 1 undone"),
        "{output}"
    );
    let grades: Vec<u8> = sandbox
        .history("U", "a")
        .iter()
        .map(|r| r.grade.value())
        .collect();
    assert_eq!(grades, vec![5]);
    let cards = sandbox.cards_json(DAY1, "U");
    assert_eq!(card(&cards, "a")["ef"], 2.6);
    assert_eq!(card(&cards, "a")["lapses"], 0);
}

#[test]
fn suspended_cards_are_never_scheduled_and_keep_their_schedule() {
    let sandbox = sandbox_with("S", &["a", "b", "c"]);
    sandbox.review(DAY1, "S", "\n5\n\n5\n\n5\n");
    let day2 = "2026-12-02";
    let scheduled = sandbox.cards_json(day2, "S");
    run(&sandbox, day2, &["suspend", "S/a"]);
    let output = sandbox.review(day2, "S", "\n5\n\n5\n");
    assert!(!output.contains("front a"), "{output}");
    assert!(output.contains("2 reviewed"), "{output}");
    let s = sandbox.deck_json(day2, "S");
    assert_eq!(
        (s["suspended"].clone(), s["due"].clone()),
        (json!(1), json!(0))
    );
    run(&sandbox, day2, &["unsuspend", "S/a"]);
    let a = card(&sandbox.cards_json(day2, "S"), "a").clone();
    assert_eq!(
        a,
        *card(&scheduled, "a"),
        "schedule kept through the suspension"
    );
    // By tag and by deck.
    let output = run(&sandbox, day2, &["suspend", "--deck", "S"]);
    assert!(output.contains("Suspended 3 cards"), "{output}");
    assert!(
        sandbox
            .cards_json(day2, "S")
            .iter()
            .all(|c| c["suspended"] == true)
    );
    run(&sandbox, day2, &["unsuspend", "--deck", "S"]);
    sandbox
        .recall(day2, &["suspend", "--tag", "nothing-has-this"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no card has the tag"));
    sandbox
        .recall(day2, &["suspend", "S/a", "--deck", "S"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn buried_cards_come_back_the_next_study_day() {
    let sandbox = sandbox_with("B", &["a", "b"]);
    let output = sandbox.review(DAY1, "B", "b\n\n5\n");
    assert!(
        output.contains("Buried until tomorrow (2026-12-02)"),
        "{output}"
    );
    assert!(output.contains("1 buried"), "{output}");
    let again = sandbox.review(DAY1, "B", "\n5\n");
    assert!(again.contains("Nothing to review today"), "{again}");
    let cards = sandbox.cards_json(DAY1, "B");
    assert_eq!(
        card(&cards, "a")["due"],
        Value::Null,
        "burying does not schedule"
    );
    let tomorrow = sandbox.review("2026-12-02", "B", "\n5\n\n5\n");
    assert!(tomorrow.contains("front a"), "{tomorrow}");
}

#[test]
fn a_card_lapsing_for_the_eighth_time_is_tagged_a_leech() {
    let sandbox = sandbox_with("L", &["hard"]);
    // Learn it, then lapse it: each lapse is a grade 1 (re-drilled with a 4) on its due day.
    let mut day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    sandbox.review(&day.to_string(), "L", "\n5\n");
    for lapse in 1..=8 {
        day += chrono::Duration::days(1);
        let output = sandbox.review(&day.to_string(), "L", "\n1\n\n4\n");
        let leech = output.contains("Leech:");
        assert_eq!(leech, lapse == 8, "lapse {lapse}: {output}");
        // After a lapse the card is due the next day; answer it with a 5 to learn it again.
        day += chrono::Duration::days(1);
        if lapse < 8 {
            sandbox.review(&day.to_string(), "L", "\n5\n");
        }
    }
    let hard = &sandbox.cards_json(&day.to_string(), "L")[0];
    assert_eq!(hard["lapses"], 8);
    assert_eq!(hard["tags"], json!(["leech"]));
    assert_eq!(hard["suspended"], false, "the default action only tags");
    // Undo takes the tag back with the answer.
    let last_day = (day - chrono::Duration::days(1)).to_string();
    run(&sandbox, &last_day, &["undo"]);
    run(&sandbox, &last_day, &["undo"]);
    let hard = &sandbox.cards_json(&last_day, "L")[0];
    assert_eq!(
        (hard["lapses"].clone(), hard["tags"].clone()),
        (json!(7), json!([]))
    );
}

#[test]
fn the_leech_threshold_and_action_are_settings() {
    let sandbox = sandbox_with("L", &["x"]);
    run(&sandbox, DAY1, &["config", "set", "leech_threshold", "2"]);
    run(
        &sandbox,
        DAY1,
        &["config", "set", "leech_action", "suspend"],
    );
    sandbox.review(DAY1, "L", "\n5\n");
    sandbox.review("2026-12-02", "L", "\n0\n\n5\n");
    sandbox.review("2026-12-03", "L", "\n5\n");
    let output = sandbox.review("2026-12-04", "L", "\n2\n");
    assert!(output.contains("tagged `leech` and suspended"), "{output}");
    assert!(output.contains("keeps lapsing"), "{output}");
    assert!(
        !output.contains("· re-drill"),
        "a suspended leech is not re-drilled: {output}"
    );
    let x = &sandbox.cards_json("2026-12-04", "L")[0];
    assert_eq!(
        (x["lapses"].clone(), x["suspended"].clone()),
        (json!(2), json!(true))
    );
    // Undo unsuspends and untags it.
    run(&sandbox, "2026-12-04", &["undo"]);
    let x = &sandbox.cards_json("2026-12-04", "L")[0];
    assert_eq!(
        (
            x["lapses"].clone(),
            x["suspended"].clone(),
            x["tags"].clone()
        ),
        (json!(1), json!(false), json!([]))
    );
}

#[test]
fn cram_never_moves_the_schedule() {
    let sandbox = sandbox_with("C", &["a", "b"]);
    sandbox.review(DAY1, "C", "\n5\n\n5\n");
    let before = sandbox.cards_json("2026-12-01T20:00", "C");
    let output = sandbox.session(
        "2026-12-01T20:00",
        &["review", "C", "--cram"],
        "\n2\n\n5\n\n5\n",
    );
    assert!(output.contains("cram answer recorded"), "{output}");
    assert!(output.contains("3 crammed"), "{output}");
    assert_eq!(sandbox.cards_json("2026-12-01T20:00", "C"), before);
    let kinds: Vec<&str> = sandbox
        .history("C", "a")
        .iter()
        .map(|r| r.kind.as_str())
        .collect();
    assert_eq!(kinds, vec!["scheduled", "cram", "cram"]);
    // Cram answers leave the day's re-drill bookkeeping alone.
    let again = sandbox.review("2026-12-01T21:00", "C", "\n5\n");
    assert!(again.contains("Nothing to review today"), "{again}");
}

#[test]
fn review_ahead_schedules_from_the_day_it_is_given() {
    let sandbox = sandbox_with("A", &["a"]);
    sandbox.review(DAY1, "A", "\n5\n");
    sandbox.review("2026-12-02", "A", "\n5\n");
    // Due 2026-12-08; reviewed 3 days ahead on 2026-12-05 with a 5:
    // I = ceil(6 x 2.70) = 17 from 2026-12-05, so due 2026-12-22.
    let none = sandbox.review("2026-12-05", "A", "\n5\n");
    assert!(none.contains("Nothing to review today"), "{none}");
    let output = sandbox.session("2026-12-05", &["review", "A", "--ahead", "3"], "\n5\n");
    assert!(
        output.contains("next review in 17 days (on 2026-12-22)"),
        "{output}"
    );
    assert_eq!(
        sandbox.cards_json("2026-12-05", "A")[0]["due"],
        "2026-12-22"
    );
}

#[test]
fn add_edit_show_and_search() {
    let sandbox = sandbox_with("Geo", &["fr"]);
    let added = run(
        &sandbox,
        DAY1,
        &[
            "add",
            "Geo",
            "--front",
            "Capital of Peru?",
            "--back",
            "Lima",
            "--tags",
            "americas capitals",
        ],
    );
    assert!(added.contains("Added @40 (Geo/added-2)"), "{added}");
    // Interactive add reads the fields from the prompt.
    let asked = sandbox.session(DAY1, &["add", "Geo"], "Capital of Chile?\nSantiago\n\n");
    assert!(asked.contains("Added @41"), "{asked}");
    let found = run(&sandbox, DAY1, &["search", "capital", "of"]);
    assert!(found.contains("@40") && found.contains("@41"), "{found}");
    let by_tag = json_of(&sandbox, DAY1, &["search", "americas", "--json"]);
    assert_eq!(by_tag.as_array().expect("array").len(), 1);
    sandbox.review(DAY1, "Geo", "\n5\n\n5\n\n5\n");
    run(
        &sandbox,
        DAY1,
        &["edit", "@40", "--back", "Lima (Ciudad de los Reyes)"],
    );
    let shown = json_of(&sandbox, DAY1, &["show", "Geo/added-2", "--json"]);
    assert_eq!(shown["back"], "Lima (Ciudad de los Reyes)");
    assert_eq!(shown["reps"], 1, "edit keeps the schedule");
    assert_eq!(shown["reviews"].as_array().expect("reviews").len(), 1);
    assert_eq!(shown["tags"], json!(["americas", "capitals"]));
    // Interactive edit: Enter keeps a field.
    sandbox.session(DAY1, &["edit", "added-3"], "\nSantiago de Chile\n-\n");
    let chile = json_of(&sandbox, DAY1, &["show", "#41", "--json"]);
    assert_eq!(
        (
            chile["front"].clone(),
            chile["back"].clone(),
            chile["tags"].clone()
        ),
        (
            json!("Capital of Chile?"),
            json!("Santiago de Chile"),
            json!([])
        )
    );
    let bare = json_of(&sandbox, DAY1, &["show", "41", "--json"]);
    assert_eq!(
        bare["id"], "@41",
        "a bare number is an id when no key is that number"
    );
    let text = run(&sandbox, DAY1, &["show", "#41"]);
    assert!(
        text.contains("Due 2026-12-02 · EF 2.60 · 1 repetition · interval 1 day · 0 lapses"),
        "{text}"
    );
    sandbox
        .recall(DAY1, &["show", "#999"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no card '#999'"));
}

#[test]
fn config_lists_validates_and_limits_decks() {
    let sandbox = sandbox_with("N", &["a", "b", "c", "d"]);
    let config = json_of(&sandbox, DAY1, &["config", "--json"]);
    let keys: Vec<&str> = config["settings"]
        .as_array()
        .expect("settings")
        .iter()
        .map(|s| s["key"].as_str().expect("key"))
        .collect();
    assert_eq!(
        keys,
        vec![
            "new_per_day",
            "max_reviews_per_day",
            "rollover_hour",
            "leech_threshold",
            "leech_action",
            "new_order",
            "bury_siblings"
        ]
    );
    sandbox
        .recall(DAY1, &["config", "set", "leech_action", "explode"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("one of tag, suspend"));
    sandbox
        .recall(
            DAY1,
            &["config", "set", "rollover_hour", "4", "--deck", "N"],
        )
        .assert()
        .failure()
        .stderr(predicate::str::contains("collection-wide"));
    run(
        &sandbox,
        DAY1,
        &["config", "set", "new_per_day", "2", "--deck", "N"],
    );
    let config = json_of(&sandbox, DAY1, &["config", "--json"]);
    assert_eq!(config["decks"], json!([{"deck": "N", "new_per_day": 2}]));
    // The deck's limit holds across two sessions of one day.
    let first = sandbox.review("2026-12-01T08:00", "N", "\n5\n");
    assert!(first.contains("1/2 · 0 again"), "{first}");
    let second = sandbox.review("2026-12-01T18:00", "N", "\n5\n\n5\n");
    assert!(
        second.contains("1/1 · 0 again") && second.contains("1 reviewed (1 new)"),
        "{second}"
    );
    run(
        &sandbox,
        DAY1,
        &["config", "set", "new_per_day", "none", "--deck", "N"],
    );
    assert!(json_of(&sandbox, DAY1, &["config", "--json"])["decks"] == json!([]));
}

#[test]
fn the_maximum_of_reviews_per_day_holds_across_sessions() {
    let sandbox = sandbox_with("M", &["a", "b", "c"]);
    sandbox.review(DAY1, "M", "\n5\n\n5\n\n5\n");
    run(
        &sandbox,
        DAY1,
        &["config", "set", "max_reviews_per_day", "2"],
    );
    let day2 = "2026-12-02";
    let first = sandbox.review(day2, "M", "\n5\n");
    assert!(first.contains("1/2 · 0 again"), "{first}");
    let second = sandbox.review("2026-12-02T20:00", "M", "\n5\n\n5\n");
    assert!(
        second.contains("1/1 · 0 again") && second.contains("1 reviewed (0 new)"),
        "{second}"
    );
    let third = sandbox.review("2026-12-02T21:00", "M", "\n5\n");
    assert!(third.contains("Nothing to review today"), "{third}");
}

#[test]
fn history_lists_kinds_and_intervals_and_filters_by_date() {
    let sandbox = sandbox_with("H", &["a"]);
    sandbox.review(DAY1, "H", "\n3\n\n5\n");
    sandbox.review("2026-12-02", "H", "\n5\n");
    let all = json_of(&sandbox, "2026-12-02", &["history", "H", "--json"]);
    let rows = all.as_array().expect("array");
    let summary: Vec<(String, u64, u64, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().expect("kind").to_string(),
                r["grade"].as_u64().expect("grade"),
                r["before"]["interval"].as_u64().expect("interval"),
                r["after"]["interval"].as_u64().expect("interval"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("scheduled".to_string(), 3, 0, 1),
            ("redrill".to_string(), 5, 1, 1),
            ("scheduled".to_string(), 5, 1, 6),
        ]
    );
    assert_eq!(rows[0]["card"], "@39");
    assert_eq!(rows[0]["time"], "2026-12-01T12:00:00Z");
    let since = json_of(
        &sandbox,
        "2026-12-02",
        &["history", "--since", "2026-12-02", "--json"],
    );
    assert_eq!(since.as_array().expect("array").len(), 1);
    let by_card = run(&sandbox, "2026-12-02", &["history", "H/a"]);
    assert_eq!(by_card.lines().count(), 3, "{by_card}");
    assert!(
        by_card.contains("redrill    grade 5  interval 1 -> 1 day "),
        "{by_card}"
    );
}

#[test]
fn listings_align_wide_characters_by_display_width() {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "wide.toml",
        &common::deck_toml(
            "Wide",
            &[
                ("ascii", "plain question", "answer"),
                (
                    "日本語の鍵はとても長いのですよ",
                    "日本語の質問はとても長いのです",
                    "答え",
                ),
                ("emoji-🦀🦀🦀🦀🦀🦀🦀🦀🦀🦀", "🦀 question", "answer"),
            ],
        ),
    );
    sandbox.import(DAY1, &file);
    let listing = run(&sandbox, DAY1, &["cards", "Wide"]);
    // Every card line shows its due column ("new") at the same terminal column: the key cell
    // is cut (in the middle) and padded to 14 columns by display width, not by characters.
    let due_columns: Vec<usize> = listing
        .lines()
        .filter_map(|line| {
            let at = line.find(" new ")?;
            Some(unicode_width::UnicodeWidthStr::width(&line[..at]))
        })
        .collect();
    assert_eq!(due_columns.len(), 3, "{listing}");
    assert!(
        due_columns.iter().all(|column| *column == due_columns[0]),
        "{due_columns:?}\n{listing}"
    );
    assert!(listing.contains("日本語…ですよ  new"), "{listing}");
    for line in listing.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "too wide: {line}"
        );
    }
}

#[test]
fn deck_names_match_whatever_their_case_when_that_is_unambiguous() {
    let sandbox = one_card_decks(&["Spanish::Verbs", "Greek", "greek"]);
    // `spanish` is a parent of one deck only: found in any case.
    let listed = run(&sandbox, DAY1, &["cards", "spanish"]);
    assert!(listed.contains("Spanish::Verbs"), "{listed}");
    let listed = run(&sandbox, DAY1, &["cards", "SPANISH::verbs"]);
    assert!(listed.contains("Spanish::Verbs"), "{listed}");
    // `GREEK` could be either: the message lists the decks instead of guessing.
    let refused = sandbox.refused(DAY1, &["cards", "GREEK"]);
    assert!(refused.contains("no deck named 'GREEK'"), "{refused}");
    // An exact name always wins.
    let exact = run(&sandbox, DAY1, &["cards", "greek"]);
    assert!(
        exact.contains("greek") && !exact.contains("Greek"),
        "{exact}"
    );
}

#[test]
fn a_deck_is_renamed_with_its_subdecks_and_keeps_its_schedules() {
    let sandbox = one_card_decks(&["Lang::Verbs", "Lang::Nouns", "Other"]);
    sandbox
        .recall(DAY1, &["review", "Lang::Verbs"])
        .write_stdin("\n5\n")
        .assert()
        .success();
    let before = sandbox.history("Lang::Verbs", "x");
    // On a pipe nothing is renamed without --yes.
    let refused = sandbox.refused(DAY1, &["deck", "rename", "lang", "Languages"]);
    assert!(refused.contains("add --yes"), "{refused}");
    let done = run(
        &sandbox,
        DAY1,
        &["deck", "rename", "lang", "Languages", "--yes"],
    );
    assert!(done.contains("Lang::Verbs -> Languages::Verbs"), "{done}");
    assert!(done.contains("Renamed 2 decks."), "{done}");
    let names: Vec<String> = json_of(&sandbox, DAY1, &["decks", "--json"])
        .as_array()
        .expect("decks")
        .iter()
        .map(|d| d["name"].as_str().expect("name").to_string())
        .collect();
    assert!(names.contains(&"Languages::Verbs".to_string()), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("Lang::")), "{names:?}");
    assert_eq!(
        sandbox.history("Languages::Verbs", "x"),
        before,
        "history kept"
    );
    // A name another deck has is refused.
    let clash = sandbox.refused(
        DAY1,
        &["deck", "rename", "Other", "Languages::Nouns", "--yes"],
    );
    assert!(clash.contains("already exists"), "{clash}");
}

#[test]
fn every_printed_card_reference_pasted_unquoted_selects_that_card() {
    let sandbox = sandbox_with("Geo", &["fr", "de"]);
    sandbox.review(DAY1, "Geo", "\n5\n\n3\n");
    let printed = [
        run(&sandbox, DAY1, &["search", "front"]),
        run(&sandbox, DAY1, &["cards", "Geo"]),
        run(&sandbox, DAY1, &["show", "Geo/de"]),
        run(&sandbox, DAY1, &["history", "Geo"]),
    ];
    for listing in &printed {
        let references: Vec<&str> = listing
            .split_whitespace()
            .filter(|word| word.starts_with('@'))
            .collect();
        assert!(!references.is_empty(), "no reference in {listing}");
        for reference in references {
            let id: i64 = reference[1..].parse().expect("a number after @");
            let expected = json_of(&sandbox, DAY1, &["show", &id.to_string(), "--json"]);
            // Pasted into bash, unquoted.
            let mut bash = std::process::Command::new("bash");
            sandbox.scrub(&mut bash);
            bash.arg("-c").arg(format!(
                "{} --db {} --now {DAY1} show {reference} --json",
                common::BIN,
                sandbox.db.display()
            ));
            let output = bash.output().expect("bash runs");
            assert!(output.status.success(), "{reference}: {output:?}");
            let shown: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
            assert_eq!(shown["front"], expected["front"], "{reference}");
            // And into the REPL, in both the printed and the older `#` form.
            let repl = sandbox.session(
                DAY1,
                &[],
                &format!("show {reference}\nshow #{id}\nhistory #{id}\n"),
            );
            let front = expected["front"].as_str().expect("front");
            assert_eq!(repl.matches(front).count(), 2, "{reference}: {repl}");
            assert!(!repl.contains("error"), "{reference}: {repl}");
        }
    }
}

#[test]
fn deck_slash_key_references_work_when_keys_or_decks_hold_a_slash() {
    // Anki GUIDs may hold '/', and so may deck names.
    let sandbox = Sandbox::new();
    let deck = common::deck_toml(
        "Geo",
        &[
            ("ab/cd", "front slash", "back"),
            ("x", "front plain", "back"),
        ],
    );
    sandbox.import(DAY1, &sandbox.write("geo.toml", &deck));
    let other = common::deck_toml("A/B", &[("k/1", "front deck slash", "back")]);
    sandbox.import(DAY1, &sandbox.write("ab.toml", &other));
    for (reference, front) in [
        ("Geo/ab/cd", "front slash"),
        ("Geo/x", "front plain"),
        ("A/B/k/1", "front deck slash"),
    ] {
        let shown = run(&sandbox, DAY1, &["show", reference]);
        assert!(shown.contains(front), "{reference}: {shown}");
    }
    // The form search prints, pasted back.
    let found = run(&sandbox, DAY1, &["search", "slash"]);
    for word in found
        .split_whitespace()
        .filter(|w| w.contains('/') && !w.starts_with('@'))
    {
        run(&sandbox, DAY1, &["show", word]);
    }
    let refused = sandbox.refused(DAY1, &["show", "Geo/ab/zz"]);
    assert!(refused.contains("no card 'Geo/ab/zz'"), "{refused}");
}

#[test]
fn each_card_shows_what_each_grade_will_do_and_the_legend_comes_once_or_on_request() {
    let sandbox = sandbox_with("Geo", &["fr", "de"]);
    let output = sandbox.review(DAY1, "Geo", "\n4\n\n?\n5\n");
    let legend = "0 blackout · 1 wrong, familiar";
    // Once at the first card of the first session, once more on `?`.
    assert_eq!(output.matches(legend).count(), 2, "{output}");
    assert!(
        output.contains("t type the answer · u undo the last action · s suspend"),
        "{output}"
    );
    // Not on the first card of a later session: the person has seen it.
    let sandbox = sandbox_with("Geo", &["fr", "de"]);
    sandbox.review(DAY1, "Geo", "\n4\n");
    let later = sandbox.review("2026-12-01T20:00", "Geo", "\n4\n");
    assert!(!later.contains(legend), "{later}");
    assert_eq!(
        output.matches("0-3 1d, again today · 4-5 1d").count(),
        2,
        "{output}"
    );
}

#[test]
fn every_listing_fits_80_columns_and_keys_stay_distinct() {
    let sandbox = Sandbox::new();
    let deck = "A very long deck name about the history of Mesopotamian agriculture::And a subdeck \
                with more words";
    let file = sandbox.write(
        "long.toml",
        &common::deck_toml(
            deck,
            &[
                (
                    "a-rather-long-key-that-goes-on-and-on-1",
                    "What did the Sumerians build to control the flooding of the Tigris and the \
                     Euphrates, and why did it matter so much?",
                    "Levees and canals",
                ),
                (
                    "a-rather-long-key-that-goes-on-and-on-2",
                    "日本語の質問はとても長いです。日本語の質問はとても長いです。日本語の質問。",
                    "答え",
                ),
            ],
        ),
    );
    sandbox.import(DAY1, &file);
    sandbox.review(DAY1, deck, "\n3\n\n5\n");
    let mut listings = Vec::new();
    for args in [
        &["decks"][..],
        &["cards"],
        &["search", "Sumerians"],
        &["history"],
        &["history", "@40"],
        &["config"],
        &["stats"],
    ] {
        let output = sandbox
            .recall(DAY1, args)
            .env("LANG", "C.UTF-8")
            .output()
            .expect("runs");
        assert!(output.status.success(), "{args:?}");
        let text = String::from_utf8(output.stdout).expect("utf-8");
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= 80,
                "{args:?}: too wide: {line}"
            );
        }
        listings.push(text);
    }
    // The two keys differ only at their end; their cells in `cards` still differ.
    let cells: Vec<&str> = listings[1]
        .lines()
        .filter(|line| line.contains("a-rathe"))
        .filter_map(|line| line.split_whitespace().nth(1))
        .collect();
    assert_eq!(cells.len(), 2, "{}", listings[1]);
    assert_ne!(cells[0], cells[1], "{}", listings[1]);
}
