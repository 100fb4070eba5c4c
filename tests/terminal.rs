//! The review screen at a real terminal (a pseudo-terminal): single keys, the terminal given
//! back in its normal mode whatever ends a session (Ctrl-C on a card, Ctrl-Z and `fg`, SIGTERM),
//! text wrapped at the terminal's width, and the grade preview of new, young and mature cards.

mod common;

use common::{Sandbox, deck_toml, press};
use recall::scheduler::{self, CardState, Grade, StudyDay};
use recall::store::ReviewKind;
use rexpect::session::{PtySession, spawn_command};
use std::path::PathBuf;

const TIMEOUT_MS: u64 = 15_000;
const DAY: &str = "2026-12-01";

/// Runs `recall ARGS` in a pty of `columns` columns from a shell that saves the terminal's
/// mode (`stty -g`) to `mode` in the sandbox before recall starts and says whether it is the
/// same once recall has ended; recall's pid is written to `pid` in the sandbox.
fn under_shell(sandbox: &Sandbox, columns: u16, args: &str) -> PtySession {
    let script = format!(
        "stty cols {columns} rows 30; stty -g > \"$MODE\"; sh -c 'echo $$ > \"$PIDFILE\"; \
         exec \"$RECALL\" --db \"$DB\" --now {DAY} {args}'; echo \"recall ended: $?\"; \
         if [ \"$(stty -g)\" = \"$(cat \"$MODE\")\" ]; then echo 'terminal: as before'; \
         else echo 'terminal: changed'; fi"
    );
    let mut command = std::process::Command::new("sh");
    sandbox.scrub(&mut command);
    command
        .env("TERM", "xterm")
        .env("RECALL", common::BIN)
        .env("DB", &sandbox.db)
        .env("PIDFILE", sandbox.path("pid"))
        .env("MODE", sandbox.path("mode"))
        .args(["-c", &script]);
    spawn_command(command, Some(TIMEOUT_MS)).expect("spawns in a pty")
}

fn pid_of_recall(sandbox: &Sandbox) -> i32 {
    let path = sandbox.path("pid");
    for _ in 0..200 {
        if let Ok(text) = std::fs::read_to_string(&path)
            && let Ok(pid) = text.trim().parse()
        {
            return pid;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("recall's pid was not written");
}

/// The shell found the terminal in the mode it had before recall started (raw mode, or echo
/// left off, would differ).
fn assert_cooked(p: &mut PtySession) {
    let (_, said) = p
        .exp_regex(r"terminal: (as before|changed)")
        .expect("the shell compared the modes");
    assert_eq!(said, "terminal: as before");
    p.exp_eof().expect("the shell ends");
}

fn pair() -> Sandbox {
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
    sandbox.import(DAY, &file);
    sandbox
}

#[test]
fn single_keys_grade_with_no_enter_and_ctrl_c_leaves_the_terminal_as_it_was() {
    let sandbox = pair();
    let mut p = under_shell(&sandbox, 80, "review Pair");
    p.exp_string("Q: Capital of France?").expect("front");
    p.exp_string("(Space reveals").expect("reveal keys");
    // Ctrl-L draws the card again on a clean screen.
    p.send_control('l').expect("ctrl-l");
    p.exp_string("\x1b[H\x1b[J").expect("screen cleared");
    p.exp_string("1/2 ").expect("progress line");
    p.exp_string("Q: Capital of France?").expect("front again");
    p.exp_string("(Space reveals").expect("reveal keys");
    // Ctrl-C mid-card: the card is skipped, the session goes on.
    p.send_control('c').expect("ctrl-c");
    p.exp_string("Skipped.").expect("skipped");
    p.exp_string("Q: Capital of Peru?").expect("next card");
    p.exp_string("(Space reveals").expect("reveal keys");
    press(&mut p, "\r", "Enter reveals");
    p.exp_string("A: Lima").expect("back");
    p.exp_string("Grade 0-5: ").expect("grade prompt");
    press(&mut p, "4", "one key grades");
    p.exp_string("Saved: next review in 1 day")
        .expect("saved at once");
    p.exp_string("1 reviewed (1 new), 0 re-drilled, 1 skipped")
        .expect("summary");
    p.exp_string("recall ended: 0").expect("exit status");
    assert_cooked(&mut p);
    assert_eq!(sandbox.history("Pair", "y").len(), 1);
    assert!(sandbox.history("Pair", "x").is_empty());
}

#[test]
fn sigterm_while_a_key_is_awaited_restores_the_terminal_and_keeps_every_answer() {
    let sandbox = pair();
    let mut p = under_shell(&sandbox, 80, "review Pair");
    p.exp_string("(Space reveals").expect("reveal keys");
    press(&mut p, " ", "reveal");
    p.exp_string("Grade 0-5: ").expect("grade prompt");
    press(&mut p, "5", "grade");
    p.exp_string("Q: Capital of Peru?").expect("next card");
    p.exp_string("(Space reveals")
        .expect("raw, waiting for a key");
    let pid = pid_of_recall(&sandbox);
    // SAFETY: kill(2) on a pid we started; no memory is involved.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    p.exp_string("recall ended: 143").expect("ended by SIGTERM");
    assert_cooked(&mut p);
    assert_eq!(
        sandbox.history("Pair", "x").len(),
        1,
        "the answer given stays"
    );
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_draws_the_card_again() {
    let sandbox = pair();
    let mut p = under_shell(&sandbox, 80, "review Pair");
    p.exp_string("(Space reveals").expect("reveal keys");
    let pid = pid_of_recall(&sandbox);
    p.send_control('z').expect("ctrl-z");
    // Stopped, with the terminal in its normal mode.
    let stat = || std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    for _ in 0..200 {
        if stat().split_whitespace().nth(2) == Some("T") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(stat().split_whitespace().nth(2), Some("T"), "stopped");
    let tty: PathBuf = std::fs::read_link(format!("/proc/{pid}/fd/0")).expect("its terminal");
    let mode = std::process::Command::new("stty")
        .arg("-g")
        .arg("-F")
        .arg(&tty)
        .output()
        .expect("stty runs");
    let before = std::fs::read_to_string(sandbox.path("mode")).expect("mode saved");
    assert_eq!(
        String::from_utf8_lossy(&mode.stdout).trim(),
        before.trim(),
        "the terminal's mode while recall is stopped"
    );
    // `fg`: the card is drawn again and keys work.
    // SAFETY: kill(2) on a pid we started; no memory is involved.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGCONT) }, 0);
    p.exp_string("Q: Capital of France?").expect("drawn again");
    p.exp_string("(Space reveals").expect("reveal keys");
    press(&mut p, "q", "quit");
    p.exp_string("recall ended: 0").expect("exit status");
    assert_cooked(&mut p);
}

#[test]
fn text_wraps_at_80_columns_on_word_boundaries() {
    let sandbox = Sandbox::new();
    let back = "Leadership is about vision, inspiration, and transformation. Leaders look \
                beyond the current horizon to imagine what is possible. Their primary focus \
                is on people and the long-term direction of the organization, while managers \
                keep a complicated system of people and technology running smoothly.";
    let file = sandbox.write(
        "long.toml",
        &deck_toml(
            "Long",
            &[("l", "What is leadership, in a few long words?", back)],
        ),
    );
    sandbox.import(DAY, &file);
    let mut p = under_shell(&sandbox, 80, "review Long");
    p.exp_string("(Space reveals").expect("reveal keys");
    press(&mut p, " ", "reveal");
    let (screen, _) = p.exp_regex(r"Grade 0-5: ").expect("grade prompt");
    press(&mut p, "q", "quit");
    p.exp_string("recall ended: 0").expect("exit status");
    let lines: Vec<&str> = screen
        .split(['\r', '\n'])
        .map(|line| line.rsplit("\u{1b}[J").next().unwrap_or(line))
        .filter(|line| !line.is_empty())
        .collect();
    // Every line of the screen fits: the question, the answer, the grade legend of a first
    // session, the preview, the prompts (the locale is ASCII here: one column a character).
    for line in &lines {
        assert!(line.chars().count() <= 80, "{line:?} is wider than 80");
    }
    assert!(
        lines.iter().any(|line| line.starts_with("0 blackout")),
        "the legend of a first session: {lines:?}"
    );
    let answer_at = lines
        .iter()
        .position(|line| line.starts_with("A: "))
        .expect("answer shown");
    let answer: Vec<&str> = lines[answer_at..]
        .iter()
        .take_while(|line| line.starts_with("A: ") || line.starts_with("   "))
        .copied()
        .collect();
    assert!(answer.len() >= 4, "wrapped over several lines: {answer:?}");
    for line in &answer {
        assert!(line.chars().count() <= 80, "{line:?} is wider than 80");
    }
    // No word cut: the lines hold the answer's words, in order.
    let words: Vec<&str> = answer
        .iter()
        .map(|line| line.trim_start_matches("A: "))
        .flat_map(str::split_whitespace)
        .collect();
    assert_eq!(words, back.split_whitespace().collect::<Vec<_>>());
}

#[test]
fn the_preview_shows_what_each_grade_does_to_a_new_a_young_and_a_mature_card() {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "ages.toml",
        &deck_toml(
            "Ages",
            &[
                ("new", "A new card", "n"),
                ("young", "A young card", "y"),
                ("mature", "A mature card", "m"),
            ],
        ),
    );
    sandbox.import(DAY, &file);
    let store = sandbox.store();
    let deck = store.deck_by_name("Ages").expect("q").expect("deck");
    let today = StudyDay::from_date(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"));
    // Young: learned yesterday. Mature: reviewed for months, interval over three weeks.
    let mut mature = CardState::NEW;
    let mut day = StudyDay::from_days_since_epoch(today.days_since_epoch() - 200);
    while mature.interval_days < 21 {
        mature = scheduler::review(mature, Grade::PERFECT, day);
        day = mature.due_day.expect("due");
    }
    let young = scheduler::review(
        CardState::NEW,
        Grade::PERFECT,
        StudyDay::from_days_since_epoch(today.days_since_epoch() - 1),
    );
    for (key, state) in [("young", young), ("mature", mature)] {
        let card = store.card_by_key(deck.id, key).expect("q").expect("card");
        let state = CardState {
            due_day: Some(today),
            ..state
        };
        store.save_schedule(card.id, &state).expect("schedule");
    }
    let expected: Vec<(String, String)> = ["young", "mature", "new"]
        .iter()
        .map(|key| {
            let card = store.card_by_key(deck.id, key).expect("q").expect("card");
            let preview = recall::session::grade_preview(&card, ReviewKind::Scheduled, today);
            (card.front.clone(), preview.replace('·', "-"))
        })
        .collect();
    drop(store);
    let mut p = under_shell(&sandbox, 100, "review Ages");
    for (front, preview) in &expected {
        p.exp_string(&format!("Q: {front}")).expect("front");
        p.exp_string("(Space reveals").expect("reveal keys");
        press(&mut p, " ", "reveal");
        p.exp_string(preview).expect("this card's preview");
        p.exp_string("Grade 0-5: ").expect("grade prompt");
        press(&mut p, "5", "grade");
    }
    p.exp_string("recall ended: 0").expect("exit status");
    // Three different cards, three different previews.
    assert_ne!(expected[0].1, expected[1].1);
    assert_ne!(expected[1].1, expected[2].1);
}

#[test]
fn keys_typed_ahead_reach_whatever_reads_next() {
    // A fast typist: `t` and the answer in one burst, then the last grade and a command.
    let sandbox = pair();
    let mut p = under_shell(&sandbox, 80, "");
    p.exp_string("recall> ").expect("prompt");
    p.send_line("review Pair").expect("command");
    p.exp_string("Q: Capital of France?").expect("front");
    p.exp_string("(Space reveals").expect("reveal keys");
    press(&mut p, "tparis\r", "t and the answer at once");
    p.exp_string("You typed: paris  (match)")
        .expect("the answer reached the answer line");
    p.exp_string("Grade 0-5: ").expect("grade prompt");
    press(&mut p, "5", "grade");
    p.exp_string("Q: Capital of Peru?").expect("second card");
    p.exp_string("(Space reveals").expect("reveal keys");
    press(&mut p, " ", "reveal");
    p.exp_string("Grade 0-5: ").expect("grade prompt");
    press(&mut p, "4decks\r", "the last grade and a command at once");
    p.exp_string("Session over: 2 reviewed").expect("summary");
    p.exp_string("Deck").expect("the command ran at the prompt");
    p.exp_string("Pair").expect("decks listed");
    p.exp_string("recall> ").expect("prompt");
    p.send_line("quit").expect("quit");
    p.exp_string("recall ended: 0").expect("exit status");
    assert_cooked(&mut p);
}

#[test]
fn siblings_are_never_back_to_back_and_wait_for_the_next_day() {
    let sandbox = Sandbox::new();
    let mut deck = String::from("name = \"Rows\"\n");
    for (key, front, group) in [
        ("a1", "Alpha one", "A"),
        ("a2", "Alpha two", "A"),
        ("b1", "Beta one", "B"),
        ("b2", "Beta two", "B"),
    ] {
        deck.push_str(&format!(
            "\n[[cards]]\nid = \"{key}\"\nfront = \"{front}\"\nback = \"x\"\ngroup = \"{group}\"\n"
        ));
    }
    sandbox.import(DAY, &sandbox.write("rows.toml", &deck));
    let mut p = under_shell(&sandbox, 80, "review Rows");
    // One card of each row today: answering it buries its sibling.
    for front in ["Alpha one", "Beta one"] {
        p.exp_string(&format!("Q: {front}")).expect("front");
        p.exp_string("(Space reveals").expect("reveal keys");
        press(&mut p, " ", "reveal");
        p.exp_string("Grade 0-5: ").expect("grade prompt");
        press(&mut p, "5", "grade");
        p.exp_string("1 sibling buried to tomorrow.")
            .expect("sibling buried");
    }
    p.exp_string("2 siblings buried to tomorrow")
        .expect("summary");
    p.exp_string("recall ended: 0").expect("exit status");
    let buried = sandbox
        .cards_json(DAY, "Rows")
        .iter()
        .filter(|card| card["buried_until"] == "2026-12-02")
        .count();
    assert_eq!(buried, 2);
    // With burying off for the deck, all four come, never two of a row in a row.
    sandbox
        .recall(
            DAY,
            &["config", "set", "bury_siblings", "off", "--deck", "Rows"],
        )
        .assert()
        .success();
    let next_day = sandbox.review("2026-12-02", "Rows", &"\n5\n".repeat(4));
    let order: Vec<&str> = next_day
        .lines()
        .filter_map(|line| line.strip_prefix("Q: "))
        .collect();
    assert_eq!(order.len(), 4, "{next_day}");
    for pair in order.windows(2) {
        assert_ne!(
            pair[0].split(' ').next(),
            pair[1].split(' ').next(),
            "{order:?}"
        );
    }
}
