//! The REPL in a real pseudo-terminal: greeting, a review of two cards, an unknown command,
//! Ctrl-C on a card, quitting, and the history rows and line history left behind.

mod common;

use common::{Sandbox, deck_toml, press};
use rexpect::session::{PtySession, spawn_command};

const TIMEOUT_MS: u64 = 15_000;

fn repl(sandbox: &Sandbox, now: &str) -> PtySession {
    repl_with(sandbox, now, &[])
}

/// The REPL with more environment variables set.
fn repl_with(sandbox: &Sandbox, now: &str, env: &[(&str, &std::path::Path)]) -> PtySession {
    let mut command = std::process::Command::new(common::BIN);
    sandbox.scrub(&mut command);
    command.envs(env.iter().copied());
    command
        .env("TERM", "xterm")
        .arg("--db")
        .arg(&sandbox.db)
        .args(["--now", now]);
    spawn_command(command, Some(TIMEOUT_MS)).expect("spawns in a pty")
}

fn two_card_sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "pair.toml",
        &deck_toml(
            "Pair",
            &[
                ("x", "Capital of France?", "Paris"),
                ("y", "Capital of Peru?", "Lima"),
            ],
        ),
    );
    sandbox.import("2026-12-01", &file);
    sandbox
}

#[test]
fn a_session_in_the_repl_reviews_two_cards_and_keeps_them() {
    let sandbox = two_card_sandbox();
    let mut p = repl(&sandbox, "2026-12-01");
    // The built-in decks and Pair hold 40 new cards; the daily limit shows 20 of them.
    p.exp_string("0 due and 20 new today").expect("greeting");
    p.exp_string("recall> ").expect("prompt");
    p.send_line("frobnicate").expect("send");
    p.exp_string("no command 'frobnicate'").expect("short help");
    p.exp_string("recall> ").expect("REPL stays up");
    p.send_line("clear").expect("send");
    p.exp_string("\x1b[H\x1b[J").expect("the screen is cleared");
    p.exp_string("recall> ").expect("prompt after clearing");

    p.send_line("review Pair").expect("send");
    p.exp_string("Q: Capital of France?").expect("first front");
    p.exp_string("(Space reveals").expect("the reveal keys");
    // `t` opens a line to type the answer in; a typed `s` is the answer, never a command.
    press(&mut p, "t", "type the answer");
    p.exp_string("Your answer: ").expect("answer line");
    p.send_line("PARIS ").expect("typed answer");
    p.exp_string("A: Paris").expect("back");
    p.exp_string("You typed: PARIS  (match)")
        .expect("typed text beside the answer, matched without case");
    p.exp_string("Grade 0-5: ").expect("grade prompt");
    // One key grades, no Enter.
    press(&mut p, "9", "bad grade");
    p.exp_string("is not a grade").expect("asked again");
    press(&mut p, "5", "grade");
    p.exp_string("Saved: next review in 1 day").expect("saved");

    p.exp_string("2/2 ").expect("the progress line");
    p.exp_string("Q: Capital of Peru?").expect("second front");
    // The answer line has its own history (Up brings back the last answer, not `review Pair`)
    // and no command completion (`rev` stays `rev`).
    press(&mut p, "t", "type the answer");
    p.exp_string("Your answer: ").expect("answer line");
    press(&mut p, "\x1b[A rev\t", "up, then a word and Tab");
    p.send_line("").expect("reveal");
    p.exp_string("A: Lima").expect("back");
    p.exp_regex(r"You typed: PARIS rev\s+\(differs\)")
        .expect("the answer's own history");
    // Nothing in common with "Lima": no character diff, only "differs".
    p.exp_string("Grade 0-5: ").expect("grade prompt");
    press(&mut p, "4", "grade");
    p.exp_string("Session over: 2 reviewed (2 new), 0 re-drilled")
        .expect("summary");
    p.exp_string("Next cards due tomorrow (2026-12-02)")
        .expect("next due");
    p.exp_string("recall> ").expect("back at the prompt");
    p.send_line("quit").expect("send");
    p.exp_string("Bye.").expect("goodbye");
    p.exp_eof().expect("exits");

    assert_eq!(sandbox.history("Pair", "x").len(), 1);
    assert_eq!(sandbox.history("Pair", "y").len(), 1);
    let history = std::fs::read_to_string(sandbox.path("data/recall/history"))
        .expect("line history saved in the data directory");
    assert!(history.contains("review Pair"), "{history}");
}

#[test]
fn ctrl_c_skips_a_card_and_ctrl_d_leaves() {
    let sandbox = two_card_sandbox();
    let mut p = repl(&sandbox, "2026-12-01");
    p.exp_string("recall> ").expect("prompt");
    p.send_line("review Pair").expect("send");
    p.exp_string("Q: Capital of France?").expect("first front");
    p.exp_string("(Space reveals").expect("reveal prompt");
    p.send_control('c').expect("ctrl-c");
    p.exp_string("Skipped.").expect("card abandoned");
    p.exp_string("Q: Capital of Peru?")
        .expect("session goes on");
    p.exp_string("(Space reveals").expect("reveal prompt");
    press(&mut p, " ", "Space reveals");
    p.exp_string("A: Lima").expect("back");
    p.exp_string("Grade 0-5: ").expect("grade prompt");
    press(&mut p, "5", "grade");
    p.exp_string("1 skipped").expect("summary counts the skip");
    p.exp_string("recall> ").expect("prompt");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("exits");

    assert!(sandbox.history("Pair", "x").is_empty());
    assert_eq!(sandbox.history("Pair", "y").len(), 1);
}

#[test]
fn commands_at_the_prompt_match_the_cli() {
    let sandbox = two_card_sandbox();
    let mut p = repl(&sandbox, "2026-12-01");
    p.exp_string("recall> ").expect("prompt");
    p.send_line("decks").expect("send");
    p.exp_string("Pair").expect("deck listed");
    p.exp_string("recall> ").expect("prompt");
    p.send_line("review \"No Such\"").expect("send");
    p.exp_string("error: no deck named 'No Such'")
        .expect("error, REPL stays up");
    p.exp_string("recall> ").expect("prompt");
    p.send_line("help").expect("send");
    p.exp_string("import").expect("help lists commands");
    p.exp_string("recall> ").expect("prompt");
    p.send_line("exit").expect("send");
    p.exp_eof().expect("exits");
}

#[test]
fn review_keys_undo_suspend_and_bury_in_the_repl() {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "keys.toml",
        &deck_toml(
            "Keys",
            &[
                ("one", "First front", "first back"),
                ("two", "Second front", "second back"),
                ("three", "Third front", "third back"),
            ],
        ),
    );
    sandbox.import("2026-12-01", &file);
    let mut p = repl(&sandbox, "2026-12-01");
    p.exp_string("recall> ").expect("prompt");
    p.send_line("review Keys").expect("send");
    p.exp_string("Q: First front").expect("first");
    p.exp_string("(Space reveals").expect("reveal prompt");
    press(&mut p, " ", "reveal");
    p.exp_string("Grade 0-5: ").expect("grade prompt");
    press(&mut p, "2", "a mis-pressed grade");
    p.exp_string("Q: Second front").expect("second");
    p.exp_string("(Space reveals").expect("reveal prompt");
    press(&mut p, "u", "undo");
    // rexpect reads bytes one by one: match ASCII only.
    p.exp_string("Undone: grade 2 on").expect("undone");
    p.exp_string("Q: First front").expect("shown again");
    p.exp_string("(Space reveals").expect("reveal prompt");
    press(&mut p, " ", "reveal");
    p.exp_string("Grade 0-5: ").expect("grade prompt");
    press(&mut p, "5", "the right grade");
    p.exp_string("Q: Second front").expect("second again");
    p.exp_string("(Space reveals").expect("reveal prompt");
    press(&mut p, "s", "suspend");
    p.exp_string("Suspended").expect("suspended");
    p.exp_string("Q: Third front").expect("third");
    p.exp_string("(Space reveals").expect("reveal prompt");
    // `u` after `s` takes back the suspension, not the grade before it.
    press(&mut p, "u", "undo the suspension");
    p.exp_string("Undone: the suspension of")
        .expect("suspension undone");
    p.exp_string("Q: Second front")
        .expect("the suspended card again");
    p.exp_string("(Space reveals").expect("reveal prompt");
    press(&mut p, "s", "suspend again");
    p.exp_string("Suspended").expect("suspended");
    p.exp_string("Q: Third front").expect("third");
    p.exp_string("(Space reveals").expect("reveal prompt");
    press(&mut p, " ", "reveal");
    p.exp_string("Grade 0-5: ").expect("grade prompt");
    press(&mut p, "b", "bury");
    p.exp_string("Buried until tomorrow (2026-12-02)")
        .expect("buried");
    p.exp_string("1 reviewed (1 new), 0 re-drilled, 2 undone, 1 suspended, 1 buried")
        .expect("summary");
    p.exp_string("recall> ").expect("prompt");
    p.send_line("quit").expect("send");
    p.exp_eof().expect("exits");

    let grades: Vec<u8> = sandbox
        .history("Keys", "one")
        .iter()
        .map(|r| r.grade.value())
        .collect();
    assert_eq!(grades, vec![5], "the undone 2 is gone");
    let cards = sandbox.cards_json("2026-12-01", "Keys");
    let by_key = |key: &str| {
        cards
            .iter()
            .find(|c| c["key"] == key)
            .expect("card")
            .clone()
    };
    assert_eq!(by_key("one")["ef"], 2.6);
    assert_eq!(by_key("two")["suspended"], true);
    assert_eq!(by_key("three")["due"], serde_json::Value::Null);
    let tomorrow = sandbox.review("2026-12-02", "Keys", "\n5\n\n5\n");
    assert!(
        tomorrow.contains("Third front"),
        "the buried card is back: {tomorrow}"
    );
    assert!(
        !tomorrow.contains("Second front"),
        "the suspended card is not: {tomorrow}"
    );
}

#[test]
fn a_failure_on_a_named_file_is_reported_and_the_repl_stays_up() {
    let sandbox = two_card_sandbox();
    // A temporary directory that cannot be written: the package cannot be unpacked. That is a
    // failure on a file, not of the terminal, so the REPL must stay up.
    let missing_tmp = sandbox.path("no tmp here");
    let mut p = repl_with(&sandbox, "2026-12-01", &[("TMPDIR", &missing_tmp)]);
    p.exp_string("recall> ").expect("prompt");
    let package =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/anki/modern.apkg");
    p.send_line(&format!("import '{}'", package.display()))
        .expect("send");
    p.exp_string("error: ").expect("the failure is reported");
    p.exp_string("no tmp here")
        .expect("naming the temporary directory");
    p.exp_string("recall> ")
        .expect("REPL stays up after an I/O failure");
    let missing = sandbox.path("no such folder").join("pair.toml");
    p.send_line(&format!("export Pair -o '{}'", missing.display()))
        .expect("send");
    p.exp_string("error: ").expect("the failure is reported");
    p.exp_string("no such folder").expect("naming the folder");
    p.exp_string("recall> ").expect("REPL stays up");
    p.send_line("decks").expect("send");
    p.exp_string("Pair").expect("still answering commands");
    p.send_line("quit").expect("send");
    p.exp_string("Bye.").expect("quits");
}

/// A deck whose name sets the terminal's title (OSC 0) when printed raw.
const TITLE_SETTING_DECK: &str = "name = \"Evil\\u001b]0;pwned\\u0007Deck\"
[[cards]]
id = \"x\"
front = \"Front?\"
back = \"Back\"
";

#[test]
fn completion_never_writes_a_deck_names_escapes() {
    let sandbox = Sandbox::new();
    sandbox.import(
        "2026-12-01",
        &sandbox.write("evil.toml", TITLE_SETTING_DECK),
    );
    let mut p = repl(&sandbox, "2026-12-01");
    p.exp_string("recall> ").expect("prompt");
    press(&mut p, "cards Ev", "send");
    press(&mut p, "\t", "tab");
    p.send_line("").expect("enter");
    // Everything the terminal was sent for that line: the completed name, the deck's cards
    // (the name shown is the name stored, so it selects the deck), and the next prompt.
    let (before, through) = p
        .exp_regex(r"(?s)EvilDeck.*Front\?.*recall> ")
        .expect("completed, listed, REPL stays up");
    let shown = format!("{before}{through}");
    assert!(!shown.contains("\u{1b}]0;"), "{shown:?}");
    p.send_line("quit").expect("send");
    p.exp_eof().expect("exits");
}

#[test]
fn renaming_a_deck_at_the_prompt_asks_first() {
    let sandbox = two_card_sandbox();
    let mut p = repl(&sandbox, "2026-12-01");
    p.exp_string("recall> ").expect("prompt");
    p.send_line("deck rename Pair Couple").expect("send");
    p.exp_string("Pair -> Couple").expect("what will change");
    p.exp_string("Rename 1 deck? [y/N] ").expect("asked");
    p.send_line("n").expect("no");
    p.exp_string("Nothing renamed.").expect("kept");
    p.send_line("deck rename Pair Couple").expect("send");
    p.exp_string("[y/N] ").expect("asked");
    p.send_line("y").expect("yes");
    p.exp_string("Renamed 1 deck.").expect("renamed");
    p.send_line("quit").expect("send");
    p.exp_eof().expect("exits");
    assert_eq!(sandbox.history("Couple", "x").len(), 0);
}

#[test]
fn deleting_at_the_prompt_shows_the_cards_and_asks() {
    let sandbox = two_card_sandbox();
    let mut p = repl(&sandbox, "2026-12-01");
    p.exp_string("recall> ").expect("prompt");
    p.send_line("delete Pair/x").expect("send");
    p.exp_string("Delete 1 card? [y/N] ").expect("asked");
    p.send_line("n").expect("no");
    p.exp_string("Nothing deleted.").expect("kept");
    p.send_line("deck delete pair").expect("send");
    p.exp_string("deck Pair (2 cards)").expect("what will go");
    p.exp_string("Delete 1 deck and 2 cards? [y/N] ")
        .expect("asked");
    p.send_line("y").expect("yes");
    p.exp_string("Deleted 1 deck and 2 cards").expect("deleted");
    p.send_line("quit").expect("send");
    p.exp_eof().expect("exits");
    assert!(
        sandbox
            .store()
            .deck_by_name("Pair")
            .expect("query")
            .is_none()
    );
}

#[test]
fn a_new_collection_says_where_it_is_what_it_holds_and_how_to_start() {
    let sandbox = Sandbox::new();
    let mut p = repl(&sandbox, "2026-12-01");
    p.exp_string("A new collection was created: ")
        .expect("first run");
    p.exp_string("(38 cards): \"Leadership and Management\"")
        .expect("samples");
    p.exp_string("`import FILE`").expect("how to import");
    p.exp_string("`deck delete \"Leadership and Management\"`")
        .expect("how to remove");
    p.exp_string("recall> ").expect("prompt");
    p.send_line("quit").expect("send");
    p.exp_eof().expect("exits");
    // The second run is an ordinary greeting.
    let mut p = repl(&sandbox, "2026-12-01");
    let greeting = p.exp_string("recall> ").expect("prompt");
    assert!(!greeting.contains("new collection"), "{greeting}");
    p.send_line("quit").expect("send");
    p.exp_eof().expect("exits");
}

#[test]
fn a_terminal_without_utf8_gets_only_ascii_and_a_pipe_stays_exact() {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "cafe.toml",
        &common::deck_toml("Café", &[("one", "Un “café” · s’il vous plaît", "Oui")]),
    );
    sandbox.import("2026-12-01", &file);
    let c = std::path::Path::new("C");
    let mut p = repl_with(&sandbox, "2026-12-01", &[("LANG", c)]);
    let greeting = p.exp_string("recall> ").expect("prompt");
    assert!(greeting.contains("recall - 2026-12-01"), "{greeting}");
    p.send_line("search vous").expect("send");
    let found = p.exp_string("recall> ").expect("prompt");
    assert!(found.contains("Un \"caf?\" - s'il vous pla?t"), "{found}");
    p.send_line("review").expect("send");
    let card = p.exp_string("(Space reveals").expect("a card");
    press(&mut p, " ", "reveal");
    let answer = p.exp_string("Grade 0-5: ").expect("grades");
    press(&mut p, "q", "stop");
    let after = p.exp_string("recall> ").expect("prompt");
    for shown in [&greeting, &found, &card, &answer, &after] {
        assert!(shown.is_ascii(), "{shown}");
    }
    p.send_line("quit").expect("send");
    p.exp_eof().expect("exits");

    let utf8 = std::path::Path::new("C.UTF-8");
    let mut p = repl_with(&sandbox, "2026-12-01", &[("LANG", utf8)]);
    let greeting = p.exp_string("recall> ").expect("prompt");
    // rexpect reads the pty byte by byte as Latin-1: `·` (C2 B7) arrives as two characters.
    assert!(
        greeting.contains("recall \u{c2}\u{b7} 2026-12-01"),
        "{greeting}"
    );
    p.send_line("quit").expect("send");
    p.exp_eof().expect("exits");

    // To a pipe, the same locale leaves the text exact.
    let piped = sandbox
        .recall("2026-12-01", &["search", "vous"])
        .env("LANG", "C")
        .output()
        .expect("runs");
    let piped = String::from_utf8(piped.stdout).expect("utf-8");
    assert!(piped.contains("Un “café” · s’il vous plaît"), "{piped}");
}

#[test]
fn tab_lists_deck_names_with_spaces_and_completes_inside_quotes() {
    let sandbox = Sandbox::new();
    for (file, deck) in [("a.toml", "Spanish Verbs"), ("b.toml", "Spanish Nouns")] {
        let toml = common::deck_toml(deck, &[("one", "Q", "A")]);
        sandbox.import("2026-12-01", &sandbox.write(file, &toml));
    }
    let mut p = repl(&sandbox, "2026-12-01");
    p.exp_string("recall> ").expect("prompt");
    // Two candidates: the first Tab completes what they share, the second lists them.
    press(&mut p, "stats spa", "send");
    for _ in 0..2 {
        press(&mut p, "\t", "tab");
        p.flush().expect("sent");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    p.exp_string("\"Spanish Nouns\"").expect("listed");
    p.exp_string("\"Spanish Verbs\"").expect("listed");
    // Then inside the open quote, the rest of one name.
    press(&mut p, "V\t", "tab");
    p.flush().expect("sent");
    p.exp_string("stats \"Spanish Verbs\"")
        .expect("completed in place");
    p.send_line("").expect("enter");
    p.exp_regex(r"(?s)Today \(2026-12-01\).*recall> ")
        .expect("the completed line ran stats for that deck");
    p.send_line("quit").expect("send");
    p.exp_eof().expect("exits");
}

#[test]
fn tab_completes_card_references_from_a_deck_and_the_reference_selects_the_card() {
    let sandbox = two_card_sandbox();
    let mut p = repl(&sandbox, "2026-12-01");
    p.exp_string("recall> ").expect("prompt");
    press(&mut p, "show pa", "send");
    press(&mut p, "\t", "tab");
    p.flush().expect("sent");
    p.exp_string("show Pair/")
        .expect("the deck, ready for a key");
    for _ in 0..2 {
        press(&mut p, "\t", "tab");
        p.flush().expect("sent");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    p.exp_string("Pair/x").expect("listed");
    p.exp_string("Pair/y").expect("listed");
    press(&mut p, "y\t", "tab");
    p.flush().expect("sent");
    p.send_line("").expect("enter");
    p.exp_string("Capital of Peru?")
        .expect("the completed reference shows that card");
    p.send_line("quit").expect("send");
    p.exp_eof().expect("exits");
}

#[test]
fn prune_at_the_prompt_lists_what_goes_and_asks() {
    let sandbox = two_card_sandbox();
    let shorter = sandbox.write(
        "pair.toml",
        &deck_toml("Pair", &[("x", "Capital of France?", "Paris")]),
    );
    let mut p = repl(&sandbox, "2026-12-01");
    p.exp_string("recall> ").expect("prompt");
    p.send_line(&format!("import {} --prune", shorter.display()))
        .expect("send");
    p.exp_string("Capital of Peru?")
        .expect("the card that would go");
    p.exp_string("Delete 1 card no longer in the file? [y/N] ")
        .expect("asked");
    p.send_line("y").expect("yes");
    p.exp_string("Deleted 1 card; its history stays")
        .expect("deleted");
    p.send_line("quit").expect("send");
    p.exp_eof().expect("exits");
    let store = sandbox.store();
    let deck = store.deck_by_name("Pair").expect("q").expect("deck");
    assert!(store.card_by_key(deck.id, "y").expect("q").is_none());
    assert!(store.card_by_key(deck.id, "x").expect("q").is_some());
}
