//! A collection that is the learner's own: deleting cards and decks (their history kept),
//! re-imports that keep edits made here, `--prune`, and id-less cards matched after a typo fix.

mod common;

use common::{Sandbox, deck_toml};
use serde_json::Value;

const DAY1: &str = "2026-12-01";
const DAY2: &str = "2026-12-02";

fn id_of(sandbox: &Sandbox, deck: &str, key: &str) -> String {
    let cards = sandbox.cards_json(DAY1, deck);
    let card = cards
        .iter()
        .find(|c| c["key"] == key)
        .unwrap_or_else(|| panic!("{deck}/{key} listed: {cards:?}"));
    card["id"].as_str().expect("an @ID").to_string()
}

fn exported_history(sandbox: &Sandbox) -> Vec<Value> {
    let output = sandbox
        .recall(DAY2, &["export-history", "--format", "json"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("json")
}

fn stats_json(sandbox: &Sandbox, now: &str, args: &[&str]) -> Value {
    let mut all = vec!["stats", "--json"];
    all.extend_from_slice(args);
    let output = sandbox.recall(now, &all).output().expect("runs");
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("json")
}

#[test]
fn deleting_a_card_asks_keeps_its_history_and_never_hands_it_to_a_new_card() {
    let sandbox = Sandbox::with_deck("Own", &["a", "b"]);
    sandbox.review(DAY1, "Own", "\n5\n\n2\n\n5\n");
    let b = id_of(&sandbox, "Own", "b");
    // Off a terminal without --yes: refused, nothing deleted.
    let refused = sandbox.refused(DAY1, &["delete", &b]);
    assert!(refused.contains("add --yes"), "{refused}");
    assert_eq!(sandbox.cards_json(DAY1, "Own").len(), 2);

    let said = sandbox.session(DAY1, &["delete", &b, "--yes"], "");
    assert!(said.contains("front b"), "shows what goes: {said}");
    assert!(said.contains("Deleted 1 card"), "{said}");
    let left = sandbox.cards_json(DAY1, "Own");
    assert_eq!(left.len(), 1);
    assert!(sandbox.refused(DAY1, &["show", &b]).contains("no card"));

    // Its answers stay in the exported history, naming the card as it was.
    let history = exported_history(&sandbox);
    let of_b: Vec<&Value> = history.iter().filter(|r| r["key"] == "b").collect();
    assert_eq!(
        of_b.len(),
        2,
        "the answer and the re-drill of b: {history:?}"
    );
    assert!(
        of_b.iter()
            .all(|r| r["deleted"] == true && r["card"] == b.as_str())
    );
    assert!(
        history
            .iter()
            .filter(|r| r["key"] == "a")
            .all(|r| r.get("deleted").is_none())
    );
    let csv = sandbox.session(DAY2, &["export-history"], "");
    assert!(
        csv.lines().any(|l| l.contains(",b,") && l.contains(",1,")),
        "{csv}"
    );
    let listed = sandbox.session(DAY1, &["history"], "");
    assert!(listed.contains("b (deleted)"), "{listed}");

    // Stats still count the answers and say so.
    let stats = stats_json(&sandbox, DAY1, &[]);
    assert_eq!(stats["answered_today"], 3, "{stats}");
    assert_eq!(
        (
            stats["deleted_cards"].clone(),
            stats["deleted_answers"].clone()
        ),
        (1.into(), 2.into())
    );
    let shown = sandbox.session(DAY1, &["stats", "Own"], "");
    assert!(
        shown.contains("Deleted: 1 card (2 answers), still counted"),
        "{shown}"
    );

    // b had the highest id: a card added now must not inherit its history.
    sandbox.session(
        DAY1,
        &["add", "Own", "--front", "new q", "--back", "new a"],
        "",
    );
    let cards = sandbox.cards_json(DAY1, "Own");
    let newest = cards.iter().find(|c| c["front"] == "new q").expect("added");
    let shown = sandbox.session(DAY1, &["history", newest["id"].as_str().expect("id")], "");
    assert!(
        !shown.contains("front b") && !shown.contains(" b "),
        "{shown}"
    );
    assert_eq!(newest["reps"], 0, "{newest}");
    // Undo takes back nothing the deleted card had: its answers are history now.
    let undone = sandbox.session(DAY1, &["undo"], "");
    assert!(undone.to_lowercase().contains("nothing"), "{undone}");
    let a = sandbox
        .cards_json(DAY1, "Own")
        .into_iter()
        .find(|c| c["key"] == "a")
        .expect("a");
    assert_eq!(a["reps"], 1, "a's answer is not taken back instead: {a}");
}

#[test]
fn deleting_a_deck_takes_its_subdecks_and_keeps_the_collections_history() {
    let sandbox = Sandbox::new();
    let parent = sandbox.write(
        "p.toml",
        &deck_toml("Trip", &[("p1", "front p1", "back p1")]),
    );
    let child = sandbox.write(
        "c.toml",
        &deck_toml("Trip::Words", &[("c1", "front c1", "back c1")]),
    );
    sandbox.import(DAY1, &parent);
    sandbox.import(DAY1, &child);
    sandbox.review(DAY1, "Trip", "\n5\n\n5\n");
    assert!(
        sandbox
            .refused(DAY1, &["deck", "delete", "Trip"])
            .contains("add --yes")
    );
    let said = sandbox.session(DAY1, &["deck", "delete", "trip", "--yes"], "");
    assert!(said.contains("deck Trip::Words (1 card)"), "{said}");
    assert!(said.contains("Deleted 2 decks and 2 cards"), "{said}");
    let decks = sandbox.session(DAY1, &["decks"], "");
    assert!(!decks.contains("Trip"), "{decks}");
    // The whole collection's statistics keep the two answers; a new deck starts clean.
    assert_eq!(stats_json(&sandbox, DAY1, &[])["answered_today"], 2);
    let again = sandbox.write("t.toml", &deck_toml("Trip", &[("n", "front n", "back n")]));
    sandbox.import(DAY1, &again);
    assert_eq!(stats_json(&sandbox, DAY1, &["Trip"])["answered_today"], 0);
    assert_eq!(
        exported_history(&sandbox)
            .iter()
            .filter(|r| r["deleted"] == true)
            .count(),
        2
    );
}

const MD: &str = "# Spanish\n\nQ: perro\nA: dog\nID: perro\n\nQ: gato\nA: cat\nID: gato\n";

#[test]
fn a_reimport_keeps_an_edit_made_here_and_reports_a_conflict() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("es.md", MD);
    sandbox.import(DAY1, &file);
    let perro = id_of(&sandbox, "Spanish", "perro");
    sandbox.session(DAY1, &["edit", &perro, "--back", "dog (m.)"], "");

    // The file has not changed: the edit stays.
    let said = sandbox.session(DAY1, &["import", file.to_str().expect("path")], "");
    assert!(said.contains("kept your edits of 1 card"), "{said}");
    let back = |s: &Sandbox| -> Value {
        s.cards_json(DAY1, "Spanish")
            .into_iter()
            .find(|c| c["key"] == "perro")
            .expect("perro")["back"]
            .clone()
    };
    assert_eq!(back(&sandbox), "dog (m.)");

    // Both changed: a conflict, recall's version kept unless --overwrite.
    let changed = sandbox.write("es.md", &MD.replace("A: dog", "A: the dog"));
    let said = sandbox.session(DAY1, &["import", changed.to_str().expect("path")], "");
    assert!(
        said.contains("1 card changed both here and in the file: kept recall's version; --overwrite takes the file's: perro"),
        "{said}"
    );
    assert_eq!(back(&sandbox), "dog (m.)");
    let said = sandbox.session(
        DAY1,
        &["import", changed.to_str().expect("path"), "--overwrite"],
        "",
    );
    assert!(
        said.contains("took the file's text (--overwrite)"),
        "{said}"
    );
    assert_eq!(back(&sandbox), "the dog");

    // Edited here again, then the file changes the other card only: the edit stays, the
    // other card follows its file.
    sandbox.session(DAY1, &["edit", &perro, "--back", "a dog"], "");
    let other = sandbox.write(
        "es.md",
        &MD.replace("A: dog", "A: the dog")
            .replace("A: cat", "A: the cat"),
    );
    let said = sandbox.session(DAY1, &["import", other.to_str().expect("path")], "");
    assert!(
        said.contains("1 updated") && said.contains("kept your edits of 1 card"),
        "{said}"
    );
    assert_eq!(back(&sandbox), "a dog");
}

#[test]
fn prune_deletes_what_the_file_no_longer_has_after_asking() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("es.md", MD);
    sandbox.import(DAY1, &file);
    let shorter = sandbox.write("es.md", "# Spanish\n\nQ: perro\nA: dog\nID: perro\n");
    let path = shorter.to_str().expect("path");
    // Without --yes off a terminal: refused before anything is imported.
    let refused = sandbox.refused(DAY1, &["import", path, "--prune"]);
    assert!(refused.contains("nothing imported"), "{refused}");
    let said = sandbox.session(DAY1, &["import", path], "");
    assert!(said.contains("not in this file; kept: gato"), "{said}");
    assert_eq!(sandbox.cards_json(DAY1, "Spanish").len(), 2);
    let said = sandbox.session(DAY1, &["import", path, "--prune", "--yes"], "");
    assert!(
        said.contains("gato") && said.contains("Deleted 1 card"),
        "{said}"
    );
    let left = sandbox.cards_json(DAY1, "Spanish");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["key"], "perro");
}

#[test]
fn a_question_corrected_in_a_file_without_ids_keeps_its_card_and_schedule() {
    let sandbox = Sandbox::new();
    let text = "# Capitals\n\nQ: Capital of France?\nA: Paris\n\nQ: Capitol of Japan?\nA: Tokyo\n\nQ: Capital of Peru?\nA: Lima\n";
    let file = sandbox.write("cap.md", text);
    sandbox.import(DAY1, &file);
    sandbox.review(DAY1, "Capitals", "\n5\n\n5\n\n5\n");
    let before = sandbox.cards_json(DAY1, "Capitals");
    let japan = before
        .iter()
        .find(|c| c["front"] == "Capitol of Japan?")
        .expect("japan")
        .clone();
    assert_eq!(japan["reps"], 1);

    // The typo fixed, and a question rewritten entirely: the first is the same card, the
    // second a new one (the old kept and listed).
    let fixed = text
        .replace("Capitol of Japan?", "Capital of Japan?")
        .replace(
            "Capital of Peru?",
            "Which city governs Peru from the coast?",
        );
    let file = sandbox.write("cap.md", &fixed);
    let said = sandbox.session(DAY2, &["import", file.to_str().expect("path")], "");
    assert!(
        said.contains(
            "matched by place, question corrected: \"Capitol of Japan?\" -> \"Capital of Japan?\""
        ),
        "{said}"
    );
    assert!(said.contains("1 added, 1 updated, 1 unchanged"), "{said}");
    let after = sandbox.cards_json(DAY2, "Capitals");
    assert_eq!(
        after.len(),
        4,
        "Peru's old card is kept, its new one added: {after:?}"
    );
    let japan_now = after
        .iter()
        .find(|c| c["front"] == "Capital of Japan?")
        .expect("fixed");
    assert_eq!(japan_now["id"], japan["id"], "the same card");
    assert_eq!(japan_now["reps"], 1, "its schedule kept");
    assert!(!after.iter().any(|c| c["front"] == "Capitol of Japan?"));
    // Imported again, nothing changes.
    let said = sandbox.session(DAY2, &["import", file.to_str().expect("path")], "");
    assert!(said.contains("0 added, 0 updated, 3 unchanged"), "{said}");
}
