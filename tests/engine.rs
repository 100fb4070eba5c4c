//! End-to-end: the real binary, reviewing on successive `--now` days, piped sessions, limits,
//! crash safety and clear errors.

mod common;

use common::{Sandbox, deck_toml};
use predicates::prelude::*;
use serde_json::json;

fn solo(sandbox: &Sandbox) {
    let file = sandbox.write("solo.toml", &deck_toml("Solo", &[("one", "2 + 2?", "4")]));
    sandbox.import("2026-12-01", &file);
}

/// The schedule fields of the only card of `Solo`.
fn schedule(sandbox: &Sandbox, now: &str) -> serde_json::Value {
    let cards = sandbox.cards_json(now, "Solo");
    assert_eq!(cards.len(), 1);
    let card = &cards[0];
    json!({
        "ef": card["ef"], "reps": card["reps"], "interval": card["interval"],
        "due": card["due"], "lapses": card["lapses"],
    })
}

#[test]
fn sm2_over_successive_days_matches_the_hand_computation() {
    let sandbox = Sandbox::new();
    solo(&sandbox);
    assert_eq!(
        schedule(&sandbox, "2026-12-01"),
        json!({"ef": 2.5, "reps": 0, "interval": 0, "due": null, "lapses": 0})
    );
    // (review day, typed input, EF, n, interval, due, lapses). A grade below 4 comes back in
    // the same session, so those inputs also answer the re-drill (with a 4 or 5).
    let steps = [
        // new card, 5: I=1, EF 2.50+0.10
        ("2026-12-01", "\n5\n", 2.6, 1, 1, "2026-12-02", 0),
        // 5: I=6, EF 2.70
        ("2026-12-02", "\n5\n", 2.7, 2, 6, "2026-12-08", 0),
        // 5: I = ceil(6 x 2.70) = ceil(16.2) = 17
        ("2026-12-08", "\n5\n", 2.8, 3, 17, "2026-12-25", 0),
        // 5: I = ceil(17 x 2.80) = ceil(47.6) = 48
        ("2026-12-25", "\n5\n", 2.9, 4, 48, "2027-02-11", 0),
        // 5: I = ceil(48 x 2.90) = ceil(139.2) = 140
        ("2027-02-11", "\n5\n", 3.0, 5, 140, "2027-07-01", 0),
        // 5: I = 140 x 3.00 = 420 exactly (floating point would say 421)
        ("2027-07-01", "\n5\n", 3.1, 6, 420, "2028-08-24", 0),
        // 3: I = ceil(420 x 3.10) = 1302, EF 3.10-0.14 = 2.96; re-drilled with a 4
        ("2028-08-24", "\n3\n\n4\n", 2.96, 7, 1302, "2032-03-18", 0),
        // 2: n=0, I=1, EF 2.96-0.32 = 2.64, a lapse; re-drilled with a 5
        ("2032-03-18", "\n2\n\n5\n", 2.64, 0, 1, "2032-03-19", 1),
        // 4: n=1, I=1, EF 2.64+0.00
        ("2032-03-19", "\n4\n", 2.64, 1, 1, "2032-03-20", 1),
    ];
    for (day, input, ef, reps, interval, due, lapses) in steps {
        // The day before, nothing is due yet.
        let output = sandbox.review(day, "Solo", input);
        assert!(output.contains("Saved:"), "{day}: {output}");
        assert_eq!(
            schedule(&sandbox, day),
            json!({"ef": ef, "reps": reps, "interval": interval, "due": due, "lapses": lapses}),
            "after the review of {day}"
        );
    }
    let history = sandbox.history("Solo", "one");
    let kinds: Vec<&str> = history.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "scheduled",
            "scheduled",
            "scheduled",
            "scheduled",
            "scheduled",
            "scheduled",
            "scheduled",
            "redrill",
            "scheduled",
            "redrill",
            "scheduled"
        ]
    );
}

#[test]
fn a_card_is_not_offered_before_its_due_day() {
    let sandbox = Sandbox::new();
    solo(&sandbox);
    sandbox.review("2026-12-01", "Solo", "\n5\n\n5\n");
    let output = sandbox.review("2026-12-01T23:00", "Solo", "\n5\n");
    assert!(output.contains("Nothing to review today"), "{output}");
    assert!(
        output.contains("Next cards due tomorrow (2026-12-02)"),
        "{output}"
    );
    assert_eq!(sandbox.history("Solo", "one").len(), 1);
}

#[test]
fn the_same_day_redrill_does_not_move_the_schedule() {
    let sandbox = Sandbox::new();
    solo(&sandbox);
    // Grade 3, then the card comes back: a 2 (back again), then a 5.
    let output = sandbox.review("2026-12-01", "Solo", "\n3\n\n2\n\n5\n");
    assert_eq!(output.matches("· re-drill").count(), 2, "{output}");
    assert!(
        output.contains("1 reviewed (1 new), 2 re-drilled"),
        "{output}"
    );
    // Only the scheduled 3 counts: n=1, I=1, EF 2.50-0.14 = 2.36.
    assert_eq!(
        schedule(&sandbox, "2026-12-01"),
        json!({"ef": 2.36, "reps": 1, "interval": 1, "due": "2026-12-02", "lapses": 0})
    );
    let grades: Vec<(String, u8)> = sandbox
        .history("Solo", "one")
        .iter()
        .map(|r| (r.kind.as_str().to_string(), r.grade.value()))
        .collect();
    assert_eq!(
        grades,
        [
            ("scheduled".to_string(), 3),
            ("redrill".to_string(), 2),
            ("redrill".to_string(), 5)
        ]
    );
}

#[test]
fn the_study_day_rolls_over_at_the_configured_hour() {
    let sandbox = Sandbox::new();
    solo(&sandbox);
    // 01:30 on Dec 2 is still Dec 1's study day with the default 04:00 rollover.
    sandbox.review("2026-12-02T01:30", "Solo", "\n5\n");
    let card = &sandbox.cards_json("2026-12-02T01:30", "Solo")[0];
    assert_eq!(card["due"], "2026-12-02");
    let review = &sandbox.history("Solo", "one")[0];
    assert_eq!(review.study_day.to_string(), "2026-12-01");

    let other = Sandbox::new();
    solo(&other);
    other
        .recall("2026-12-01", &["config", "set", "rollover_hour", "0"])
        .assert()
        .success();
    other.review("2026-12-02T01:30", "Solo", "\n5\n");
    assert_eq!(
        other.cards_json("2026-12-02", "Solo")[0]["due"],
        "2026-12-03"
    );
}

#[test]
fn the_new_card_limit_holds_across_two_sessions_of_one_day() {
    let sandbox = Sandbox::with_deck("Five", &["c1", "c2", "c3", "c4", "c5"]);
    sandbox
        .recall("2026-12-01", &["config", "set", "new_per_day", "3"])
        .assert()
        .success();
    // Session one answers two new cards and stops at the end of input.
    let first = sandbox.review("2026-12-01T09:00", "Five", "\n5\n\n5\n");
    assert!(first.contains("1/3 · 0 again"), "{first}");
    assert!(first.contains("2 reviewed (2 new)"), "{first}");
    // Session two, later the same day, offers only the one new card left of the 3.
    let second = sandbox.review("2026-12-01T20:00", "Five", "\n5\n\n5\n\n5\n");
    assert!(second.contains("1/1 · 0 again"), "{second}");
    assert!(!second.contains("1/2 ·"), "{second}");
    assert!(second.contains("1 reviewed (1 new)"), "{second}");
    let five = sandbox.deck_json("2026-12-01T21:00", "Five");
    assert_eq!(five["new"], 2);
    assert_eq!(five["total"], 5);
}

#[test]
fn a_piped_review_ends_cleanly_at_end_of_input_and_keeps_its_answers() {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "three.toml",
        &deck_toml(
            "Three",
            &[("a", "A?", "a"), ("b", "B?", "b"), ("c", "C?", "c")],
        ),
    );
    sandbox.import("2026-12-01", &file);
    // One full answer, then input ends after revealing the second card.
    sandbox
        .recall("2026-12-01", &["review", "Three"])
        .write_stdin("\n4\n\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("Session over: 1 reviewed (1 new)"))
        .stdout(predicate::str::contains("2 cards are still waiting today"));
    assert_eq!(sandbox.history("Three", "a").len(), 1);
    assert!(sandbox.history("Three", "b").is_empty());
}

#[test]
fn decks_and_cards_json_have_the_documented_fields() {
    let sandbox = Sandbox::new();
    solo(&sandbox);
    sandbox.review("2026-12-01", "Solo", "\n3\n\n4\n");
    let solo = sandbox.deck_json("2026-12-01", "Solo");
    assert_eq!(
        solo,
        json!({"name": "Solo", "total": 1, "new": 0, "due": 0, "suspended": 0})
    );
    let solo = sandbox.deck_json("2026-12-02", "Solo");
    assert_eq!(solo["due"], 1, "due the next day");

    let cards = sandbox.cards_json("2026-12-01", "Solo");
    // 38 built-in cards come first.
    assert_eq!(cards[0]["id"], "@39");
    assert_eq!(
        cards[0],
        json!({
            "id": "@39", "deck": "Solo", "key": "one", "front": "2 + 2?", "back": "4", "tags": [],
            "ef": 2.36, "reps": 1, "interval": 1, "due": "2026-12-02", "lapses": 0,
            "suspended": false
        })
    );
}

#[test]
fn a_new_collection_starts_with_the_builtin_decks_due() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .recall("2026-12-01", &["decks"])
        .output()
        .expect("runs");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(
        text.contains("Leadership and Management::Definitions"),
        "{text}"
    );
    // New cards come from each deck in turn: the first two from two of the built-in decks.
    let shown = sandbox.review_all("2026-12-01", "\n5\n");
    for deck in ["Definitions", "Dimensions"] {
        let header = format!("new · Leadership and Management::{deck}");
        assert!(shown.contains(&header), "{shown}");
    }
}

#[test]
fn the_database_file_is_private() {
    let sandbox = Sandbox::new();
    sandbox.recall("2026-12-01", &["decks"]).assert().success();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&sandbox.db)
            .expect("db")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn the_default_database_lives_in_the_data_directory() {
    let sandbox = Sandbox::new();
    let mut command = std::process::Command::new(common::BIN);
    sandbox.scrub(&mut command);
    command.args(["--now", "2026-12-01", "decks"]);
    assert_cmd::Command::from_std(command).assert().success();
    assert!(sandbox.path("data/recall/recall.db").exists());
}

#[test]
fn recall_db_and_recall_now_come_from_the_environment() {
    let sandbox = Sandbox::new();
    solo(&sandbox);
    sandbox.review("2026-12-01", "Solo", "\n5\n");
    let mut command = std::process::Command::new(common::BIN);
    sandbox.scrub(&mut command);
    command
        .env("RECALL_DB", &sandbox.db)
        .env("RECALL_NOW", "2026-12-02T08:30")
        .args(["decks", "--json"]);
    let output = assert_cmd::Command::from_std(command)
        .output()
        .expect("runs");
    let decks: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let solo = decks
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["name"] == "Solo")
        .expect("Solo");
    assert_eq!(solo["due"], 1);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_with_its_name() {
    let sandbox = Sandbox::new();
    std::fs::write(
        &sandbox.db,
        "this is a shopping list, not a database\n".repeat(100),
    )
    .expect("write");
    let before = std::fs::read(&sandbox.db).expect("read");
    sandbox
        .recall("2026-12-01", &["decks"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("recall.db"))
        .stderr(predicate::str::contains("not a recall database"));
    assert_eq!(std::fs::read(&sandbox.db).expect("read"), before);
}

#[test]
fn a_newer_schema_is_refused_with_a_clear_message() {
    let sandbox = Sandbox::new();
    {
        let conn = rusqlite::Connection::open(&sandbox.db).expect("sqlite");
        conn.execute_batch("PRAGMA user_version = 42; CREATE TABLE t (x);")
            .expect("newer");
    }
    sandbox
        .recall("2026-12-01", &["decks"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("schema version 42"))
        .stderr(predicate::str::contains("upgrade recall"));
}

#[test]
fn a_malformed_deck_fails_whole_naming_file_and_line() {
    let sandbox = Sandbox::new();
    solo(&sandbox);
    let bad = sandbox.write(
        "bad.toml",
        "name = \"Bad\"\n\n[[cards]]\nid = \"ok\"\nfront = \"q\"\nback = \"a\"\n\n[[cards]]\nid = \"broken\"\nfront = \"q\"\n",
    );
    sandbox
        .recall("2026-12-01", &["import", bad.to_str().expect("path")])
        .assert()
        .failure()
        .stderr(predicate::str::contains("bad.toml:8:"))
        .stderr(predicate::str::contains("back"));
    // Nothing of it was written: not even the first, valid card.
    let store = sandbox.store();
    assert_eq!(store.deck_by_name("Bad").expect("query"), None);

    let not_utf8 = sandbox.path("latin1.toml");
    std::fs::write(&not_utf8, b"name = \"Caf\xe9\"\n").expect("write");
    sandbox
        .recall("2026-12-01", &["import", not_utf8.to_str().expect("path")])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "latin1.toml:1: the file is not valid UTF-8",
        ));

    sandbox
        .recall("2026-12-01", &["import", "/nonexistent/deck.toml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("/nonexistent/deck.toml"));
}

#[test]
fn reimporting_updates_text_and_keeps_the_schedule() {
    let sandbox = Sandbox::new();
    solo(&sandbox);
    sandbox.review("2026-12-01", "Solo", "\n5\n");
    let file = sandbox.write(
        "solo.toml",
        &deck_toml(
            "Solo",
            &[("one", "2 + 2 = ?", "4 (four)"), ("two", "3 + 3?", "6")],
        ),
    );
    sandbox
        .recall("2026-12-01", &["import", file.to_str().expect("path")])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 added, 1 updated, 0 unchanged"));
    let cards = sandbox.cards_json("2026-12-01", "Solo");
    assert_eq!(cards[0]["back"], "4 (four)");
    assert_eq!(cards[0]["reps"], 1);
    assert_eq!(cards[0]["due"], "2026-12-02");
    assert_eq!(sandbox.history("Solo", "one").len(), 1);
}

#[test]
fn bad_arguments_are_refused_with_what_is_allowed() {
    let sandbox = Sandbox::new();
    sandbox
        .recall("2026-12-01", &["review", "No Such Deck"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no deck named 'No Such Deck'"));
    sandbox
        .recall("2026-12-01", &["config", "set", "rollover_hour", "25"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("from 0 to 23"));
    let mut command = std::process::Command::new(common::BIN);
    sandbox.scrub(&mut command);
    command.args(["--now", "yesterday", "decks"]);
    assert_cmd::Command::from_std(command)
        .assert()
        .failure()
        .stderr(predicate::str::contains("2026-12-01T08:30"));
}

#[test]
fn a_deck_imported_today_is_seen_today_beside_the_built_in_decks() {
    // The 38 built-in cards were added first; a deck imported today still comes among the
    // first few new cards (one from each deck in turn).
    let sandbox = Sandbox::new();
    sandbox.import(
        "2026-12-01",
        &sandbox.write("mine.tsv", "Capital of Peru?\tLima\n"),
    );
    let shown = sandbox.review_all("2026-12-01", &"\n5\n".repeat(5));
    assert!(shown.contains("new · mine"), "{shown}");
    // `config set new_order deck` takes a whole deck first: the built-in ones come first.
    let sandbox = Sandbox::new();
    sandbox.import(
        "2026-12-01",
        &sandbox.write("mine.tsv", "Capital of Peru?\tLima\n"),
    );
    sandbox
        .recall("2026-12-01", &["config", "set", "new_order", "deck"])
        .assert()
        .success();
    let shown = sandbox.review_all("2026-12-01", &"\n5\n".repeat(5));
    assert!(!shown.contains("new · mine"), "{shown}");
}

/// The fronts a transcript showed, in order.
fn fronts_shown(transcript: &str) -> Vec<String> {
    transcript
        .lines()
        .filter_map(|line| line.strip_prefix("Q: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_cards_of_one_table_row_are_siblings_kept_apart_for_a_day() {
    // The built-in Key Differences deck makes three cards of each row of the article's table.
    let sandbox = Sandbox::new();
    let day1 = "2026-12-01";
    let deck = "Leadership and Management::Key Differences";
    let cards = sandbox.cards_json(day1, deck);
    let group_of = |front: &str| -> Option<String> {
        cards
            .iter()
            .find(|card| card["front"] == front)
            .and_then(|card| card["group"].as_str().map(str::to_string))
    };
    assert_eq!(
        group_of("What is Management’s focus?").as_deref(),
        Some("diff-focus")
    );
    assert_eq!(
        group_of("What is Leadership’s focus?"),
        group_of("What is Management’s focus?")
    );
    assert_eq!(
        group_of("Focus — Management vs Leadership?"),
        group_of("What is Management’s focus?")
    );
    // A whole day of the built-in decks: no two cards of one row, and none back to back.
    let transcript = sandbox.review_all(day1, &"\n5\n".repeat(40));
    let groups: Vec<String> = fronts_shown(&transcript)
        .iter()
        .filter_map(|front| group_of(front))
        .collect();
    assert!(groups.len() >= 4, "{transcript}");
    let distinct: std::collections::HashSet<&String> = groups.iter().collect();
    assert_eq!(
        distinct.len(),
        groups.len(),
        "one card per row a day: {groups:?}"
    );
    // The next day the siblings left waiting come.
    let transcript = sandbox.review("2026-12-02", deck, &"\n5\n".repeat(40));
    let next: Vec<String> = fronts_shown(&transcript)
        .iter()
        .filter_map(|front| group_of(front))
        .collect();
    assert!(next.iter().any(|group| groups.contains(group)), "{next:?}");
    for pair in next.windows(2) {
        assert_ne!(pair[0], pair[1], "siblings back to back: {next:?}");
    }
}

#[test]
fn the_greeting_the_end_of_a_session_and_stats_give_one_count() {
    let sandbox = Sandbox::with_deck("Five", &["c1", "c2", "c3", "c4", "c5"]);
    let now = "2026-12-01T09:00";
    // Two answers, one graded 2 (a re-drill waits), then `q`.
    let transcript = sandbox.review(now, "Five", "\n5\n\n2\nq\n");
    let said = |text: &str, after: &str| -> u32 {
        let at = text
            .find(after)
            .unwrap_or_else(|| panic!("{after:?} in {text}"));
        text[..at]
            .split_whitespace()
            .last()
            .and_then(|word| word.parse().ok())
            .unwrap_or_else(|| panic!("a number before {after:?} in {text}"))
    };
    let waiting_at_end = said(&transcript, " cards are still waiting today");
    let greeting = sandbox.session(now, &[], "");
    // `recall · DAY: D due and N new today` plus the re-drills.
    let due = said(&greeting, " due and");
    let new = said(&greeting, " new");
    let redrills = if greeting.contains(" to drill again") {
        said(&greeting, " to drill again")
    } else {
        0
    };
    let stats = sandbox
        .recall(now, &["stats", "--json"])
        .output()
        .expect("runs");
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).expect("json");
    // Built-in decks count too: the greeting and stats cover every deck; compare the deck's.
    let five = sandbox
        .recall(now, &["stats", "Five", "--json"])
        .output()
        .expect("runs");
    let five: serde_json::Value = serde_json::from_slice(&five.stdout).expect("json");
    assert_eq!(five["still_due_today"], waiting_at_end, "{transcript}");
    assert_eq!(stats["still_due_today"], due + new + redrills, "{greeting}");
    // Five: 3 new left and the re-drill.
    assert_eq!(waiting_at_end, 4, "{transcript}");
}

#[test]
fn with_nothing_to_review_the_greeting_says_when_and_review_prints_no_empty_summary() {
    let sandbox = Sandbox::with_deck("One", &["only"]);
    let now = "2026-12-01T09:00";
    sandbox
        .recall(now, &["config", "set", "new_per_day", "1"])
        .assert()
        .success();
    sandbox.review(now, "One", "\n5\n");
    let greeting = sandbox.session("2026-12-01T10:00", &[], "");
    assert!(
        greeting.contains("nothing to review today. Next cards due tomorrow (2026-12-02)."),
        "{greeting}"
    );
    assert!(!greeting.contains("Type `review`"), "{greeting}");
    let again = sandbox.review("2026-12-01T10:00", "One", "");
    assert!(again.contains("Nothing to review today."), "{again}");
    assert!(again.contains("Next cards due tomorrow"), "{again}");
    assert!(!again.contains("Session over"), "{again}");
}
