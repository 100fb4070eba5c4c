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
