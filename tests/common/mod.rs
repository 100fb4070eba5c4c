//! Running the real binary in a scratch directory with a scrubbed environment.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_recall");

pub struct Sandbox {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("recall.db");
        Sandbox { dir, db }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The environment every run gets: no user data directory, UTC, no colour.
    pub fn scrub(&self, command: &mut std::process::Command) {
        command
            .env_clear()
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.path("data"))
            .env("TZ", "UTC")
            .env("NO_COLOR", "1")
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    }

    /// `recall --db <sandbox db> --now <now> ARGS...`
    pub fn recall(&self, now: &str, args: &[&str]) -> Command {
        let mut command = std::process::Command::new(BIN);
        self.scrub(&mut command);
        command
            .arg("--db")
            .arg(&self.db)
            .arg("--now")
            .arg(now)
            .args(args);
        Command::from_std(command)
    }

    /// Runs `recall ARGS`, which must fail; returns what it said on standard error.
    pub fn refused(&self, now: &str, args: &[&str]) -> String {
        let output = self.recall(now, args).output().expect("runs");
        assert!(!output.status.success(), "{args:?} succeeded: {output:?}");
        String::from_utf8_lossy(&output.stderr).into_owned()
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, text).expect("write file");
        path
    }

    /// A sandbox holding deck `name`, whose cards `key` read "front KEY" / "back KEY".
    pub fn with_deck(name: &str, keys: &[&str]) -> Sandbox {
        let sandbox = Sandbox::new();
        let cards: Vec<(String, String, String)> = keys
            .iter()
            .map(|k| (k.to_string(), format!("front {k}"), format!("back {k}")))
            .collect();
        let refs: Vec<(&str, &str, &str)> = cards
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        let file = sandbox.write("deck.toml", &deck_toml(name, &refs));
        sandbox.import("2026-12-01", &file);
        sandbox
    }

    /// The `decks --json` entry of deck `name`.
    pub fn deck_json(&self, now: &str, name: &str) -> serde_json::Value {
        let output = self
            .recall(now, &["decks", "--json"])
            .output()
            .expect("runs");
        let decks: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
        decks
            .as_array()
            .expect("array")
            .iter()
            .find(|d| d["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("deck {name} listed"))
    }

    /// Imports a deck file and checks it succeeded.
    pub fn import(&self, now: &str, file: &Path) {
        self.recall(now, &["import", file.to_str().expect("utf-8 path")])
            .assert()
            .success();
    }

    /// `cards DECK --json`, parsed.
    pub fn cards_json(&self, now: &str, deck: &str) -> Vec<serde_json::Value> {
        let output = self
            .recall(now, &["cards", deck, "--json"])
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
        serde_json::from_slice(&output.stdout).expect("JSON array")
    }

    /// Pipes `input` into `review DECK` and returns standard output.
    pub fn review(&self, now: &str, deck: &str, input: &str) -> String {
        self.session(now, &["review", deck], input)
    }

    /// A session over every deck, answered with `input`; what it printed.
    pub fn review_all(&self, now: &str, input: &str) -> String {
        self.session(now, &["review"], input)
    }

    /// Runs `args` with `input` on stdin, asserts success and returns what it printed.
    pub fn session(&self, now: &str, args: &[&str], input: &str) -> String {
        let output = self
            .recall(now, args)
            .write_stdin(input)
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).expect("utf-8")
    }

    /// Opens the collection directly to read what a command left behind.
    pub fn store(&self) -> recall::store::Store {
        recall::store::Store::open(&self.db).expect("opens").store
    }

    /// Every review row of the card `key` in `deck`, in order.
    pub fn history(&self, deck: &str, key: &str) -> Vec<recall::store::Review> {
        let store = self.store();
        let deck = store.deck_by_name(deck).expect("query").expect("deck");
        let card = store
            .card_by_key(deck.id, key)
            .expect("query")
            .expect("card");
        store.reviews_of_card(card.id).expect("reviews")
    }
}

/// A native deck file with the given (id, front, back) cards.
/// Sends keys to a pseudo-terminal without a newline, flushed at once (single-key screens).
pub fn press(p: &mut rexpect::session::PtySession, keys: &str, what: &str) {
    p.send(keys).expect(what);
    p.flush().expect(what);
}

pub fn deck_toml(name: &str, cards: &[(&str, &str, &str)]) -> String {
    let mut text = format!("name = {name:?}\n");
    for (id, front, back) in cards {
        text.push_str(&format!(
            "\n[[cards]]\nid = {id:?}\nfront = {front:?}\nback = {back:?}\n"
        ));
    }
    text
}
