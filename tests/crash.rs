//! A review killed with SIGKILL keeps every answer it had confirmed, and the file stays sound.

mod common;

use common::Sandbox;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

#[test]
fn sigkill_mid_review_keeps_every_confirmed_answer() {
    let sandbox = Sandbox::with_deck("Six", &["c1", "c2", "c3", "c4", "c5", "c6"]);

    let mut command = Command::new(common::BIN);
    sandbox.scrub(&mut command);
    let mut child = command
        .arg("--db")
        .arg(&sandbox.db)
        .args(["--now", "2026-12-01", "review", "Six"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();

    let confirmed = 3;
    for _ in 0..confirmed {
        stdin.write_all(b"\n5\n").expect("answer");
        stdin.flush().expect("flush");
        // Wait until the screen says the answer is saved.
        loop {
            let line = lines.next().expect("output continues").expect("utf-8");
            if line.starts_with("Saved:") {
                break;
            }
        }
    }
    // Reveal the next card, then kill the process while it waits for a grade.
    stdin.write_all(b"\n").expect("reveal");
    stdin.flush().expect("flush");
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");

    let store = sandbox.store();
    assert_eq!(store.integrity_check().expect("check"), "ok");
    let deck = store.deck_by_name("Six").expect("query").expect("deck");
    let mut answered = 0;
    for card in store.cards_in_deck(deck.id).expect("cards") {
        let reviews = store.reviews_of_card(card.id).expect("reviews");
        if card.state.repetitions > 0 {
            answered += 1;
            assert_eq!(reviews.len(), 1, "history row kept with its card state");
            assert_eq!(reviews[0].after, card.state);
        } else {
            assert!(reviews.is_empty());
        }
    }
    assert_eq!(answered, confirmed);
}

#[test]
fn a_backup_taken_while_a_session_is_open_holds_its_answers() {
    use recall::scheduler::{Grade, StudyDay};
    use recall::session::{AnswerTime, record_answer};
    use recall::settings::Settings;
    use recall::store::ReviewKind;

    let sandbox = Sandbox::with_deck("Kept", &["a", "b", "c"]);
    // A session still open: its answers are committed but sit in the WAL, not in recall.db.
    let open = sandbox.store();
    let deck = open.deck_by_name("Kept").expect("q").expect("deck");
    let today = StudyDay::from_days_since_epoch(20_788);
    for key in ["a", "b"] {
        let card = open.card_by_key(deck.id, key).expect("q").expect("card");
        let when = AnswerTime {
            at_ms: 1_796_126_400_000,
            study_day: today,
            response_ms: 1000,
        };
        record_answer(
            &open,
            card.id,
            ReviewKind::Scheduled,
            Grade::PERFECT,
            &when,
            &Settings::default(),
        )
        .expect("answer");
    }
    // What a file-sync tool copying recall.db alone would keep: neither answer.
    let plain = sandbox.path("plain-copy.db");
    std::fs::copy(&sandbox.db, &plain).expect("copy");
    let plain = recall::store::Store::open(&plain)
        .expect("copy opens")
        .store;
    let plain_deck = plain.deck_by_name("Kept").expect("q").expect("deck");
    let a = plain
        .card_by_key(plain_deck.id, "a")
        .expect("q")
        .expect("a");
    assert_eq!(a.state.repetitions, 0, "the answers were only in the WAL");
    let copy = sandbox.path("backup.db");
    let output = sandbox
        .recall("2026-12-01", &["backup", copy.to_str().expect("path")])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("Backed up"));
    // Copying recall.db alone would have lost both answers; the backup holds them.
    let restored = recall::store::Store::open(&copy)
        .expect("backup opens")
        .store;
    let restored_deck = restored.deck_by_name("Kept").expect("q").expect("deck");
    for key in ["a", "b"] {
        let card = restored
            .card_by_key(restored_deck.id, key)
            .expect("q")
            .expect("card");
        assert_eq!(card.state.repetitions, 1, "{key}");
        assert_eq!(restored.reviews_of_card(card.id).expect("reviews").len(), 1);
    }
    assert_eq!(restored.integrity_check().expect("check"), "ok");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the backup is private");
    }
    // A backup never overwrites.
    let again = sandbox
        .recall("2026-12-01", &["backup", copy.to_str().expect("path")])
        .output()
        .expect("runs");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    drop(open);
}

#[test]
fn a_collection_locked_by_another_recall_is_named_as_such() {
    let sandbox = Sandbox::with_deck("Busy", &["a"]);
    // Another recall in the middle of a long write holds the lock.
    let holder = rusqlite::Connection::open(&sandbox.db).expect("opens");
    holder
        .execute_batch("BEGIN IMMEDIATE; UPDATE settings SET value = value;")
        .expect("locks");
    let message = sandbox.refused("2026-12-01", &["suspend", "--deck", "Busy"]);
    assert!(
        message.contains("another recall is writing to this collection (waited 5 s)"),
        "{message}"
    );
    holder.execute_batch("ROLLBACK").expect("unlocks");
    // With the lock gone the same command works.
    let output = sandbox
        .recall("2026-12-01", &["suspend", "--deck", "Busy"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
}
