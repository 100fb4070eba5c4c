//! Importing the decks people already have, with files made by the real programs (see
//! tests/fixtures/anki/make_fixtures.py), and exporting them back.

mod common;

use common::Sandbox;
use predicates::prelude::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-28";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/anki")
        .join(name)
}

fn expected() -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture("expected.json")).expect("expected"))
        .expect("json")
}

fn import(sandbox: &Sandbox, path: &Path, extra: &[&str]) -> String {
    let mut args = vec!["import", path.to_str().expect("path")];
    args.extend_from_slice(extra);
    let output = sandbox.recall(NOW, &args).output().expect("runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("utf-8")
}

fn cards(sandbox: &Sandbox, deck: &str) -> Vec<Value> {
    sandbox.cards_json(NOW, deck)
}

fn by_front<'a>(cards: &'a [Value], front: &str) -> &'a Value {
    cards
        .iter()
        .find(|c| c["front"] == front)
        .unwrap_or_else(|| panic!("no card {front:?} in {cards:#?}"))
}

/// Everything a failed import must leave alone.
fn snapshot(sandbox: &Sandbox) -> (String, String) {
    let run = |args: &[&str]| {
        let output = sandbox.recall(NOW, args).output().expect("runs");
        String::from_utf8(output.stdout).expect("utf-8")
    };
    (run(&["decks", "--json"]), run(&["cards", "--json"]))
}

/// The cards every Anki package fixture holds.
fn check_package_cards(sandbox: &Sandbox) {
    let geography = cards(sandbox, "Geography");
    // HTML, entities, non-ASCII and two clozes; the picture-only note is skipped.
    let france = by_front(&geography, "Capital of France?");
    assert_eq!(france["back"], "Paris & Île-de-France\nthe city of light");
    assert_eq!(france["tags"], json!(["europe", "geo"]));
    assert_eq!(by_front(&geography, "日本の首都は？")["back"], "東京");
    let c1 = by_front(&geography, "[...] is the capital of Canada.");
    assert_eq!(
        c1["back"],
        "Ottawa is the capital of Canada.\nNorth America"
    );
    by_front(&geography, "Ottawa is the capital of [country].");
    assert_eq!(geography.len(), 5);
    // The deck hierarchy and both directions of a reversed note.
    let french = cards(sandbox, "Languages::French");
    assert_eq!(by_front(&french, "chien")["back"], "dog");
    assert_eq!(by_front(&french, "dog")["back"], "chien");
    assert_eq!(
        cards(sandbox, "Languages").len(),
        2,
        "the parent deck selects its child"
    );
}

/// Anki's schedule for the capital card, as the fixture's script set it.
fn check_schedule(sandbox: &Sandbox) {
    let expected = expected();
    let geography = cards(sandbox, "Geography");
    let france = by_front(&geography, expected["front"].as_str().expect("front"));
    for field in ["interval", "ef", "lapses", "due"] {
        assert_eq!(france[field], expected[field], "{field}");
    }
    assert!(france["reps"].as_u64().expect("reps") >= 2);
    let history = sandbox.history("Geography", france["key"].as_str().expect("key"));
    assert_eq!(history.len(), 2);
    assert!(history.iter().all(|r| r.kind.as_str() == "imported"));
    assert_eq!(history[1].after.interval_days, 17);
    assert_eq!(history[1].before.interval_days, 6);
    // New cards stay new.
    assert_eq!(by_front(&geography, "日本の首都は？")["due"], Value::Null);
}

#[test]
fn a_modern_package_with_schedules_and_media() {
    let sandbox = Sandbox::new();
    let output = import(&sandbox, &fixture("modern.apkg"), &[]);
    assert!(output.contains("deck 'Geography': 5 added"), "{output}");
    assert!(
        output.contains("skipped 1: note type 'Picture only'"),
        "{output}"
    );
    assert!(
        // The package's one picture file, however many card sides refer to it.
        output.contains("1 media file (pictures, sounds) left out"),
        "{output}"
    );
    assert!(
        output.contains("schedules of 1 card carried over, 2 reviews kept"),
        "{output}"
    );
    check_package_cards(&sandbox);
    check_schedule(&sandbox);
}

#[test]
fn a_legacy_package_and_a_collection_package() {
    for name in ["legacy.apkg", "collection.colpkg"] {
        let sandbox = Sandbox::new();
        import(&sandbox, &fixture(name), &[]);
        check_package_cards(&sandbox);
        check_schedule(&sandbox);
    }
}

#[test]
fn a_package_written_by_genanki() {
    let sandbox = Sandbox::new();
    import(&sandbox, &fixture("genanki.apkg"), &[]);
    let capitals = cards(&sandbox, "Genanki::Capitals");
    let peru = by_front(&capitals, "Capital of Peru?");
    assert_eq!(
        (peru["back"].clone(), peru["key"].clone()),
        (json!("Lima"), json!("peru"))
    );
    assert_eq!(peru["tags"], json!(["americas"]));
    by_front(&capitals, "[...] lies on the Pacific coast");
    by_front(&capitals, "Lima lies on the [...] coast");
}

#[test]
fn reimporting_never_duplicates_and_keeps_the_schedule() {
    let sandbox = Sandbox::new();
    import(&sandbox, &fixture("modern.apkg"), &[]);
    sandbox.review(NOW, "Geography", "\n5\n");
    let before = cards(&sandbox, "Geography");
    let again = import(&sandbox, &fixture("modern.apkg"), &[]);
    assert!(
        again.contains("deck 'Geography': 0 added, 0 updated, 5 unchanged"),
        "{again}"
    );
    assert_eq!(cards(&sandbox, "Geography"), before);
    // Anki's own text export of the same notes matches them by GUID.
    let text = import(&sandbox, &fixture("notes-full.txt"), &[]);
    assert!(
        text.contains("deck 'Geography': 0 added, 0 updated, 5 unchanged"),
        "{text}"
    );
    assert!(
        text.contains("deck 'Languages::French': 0 added, 0 updated, 2 unchanged"),
        "{text}"
    );
}

#[test]
fn anki_text_exports_import_with_decks_and_tags() {
    let sandbox = Sandbox::new();
    let output = import(&sandbox, &fixture("notes-full.txt"), &[]);
    assert!(output.contains("skipped 1"), "{output}");
    check_package_cards(&sandbox);

    let plain = Sandbox::new();
    import(&plain, &fixture("notes-plain.txt"), &[]);
    let geography = cards(&plain, "Geography");
    // A field holding a tab, quoted by Anki; quotes doubled inside.
    let tricky = by_front(&geography, "Two lines and a\ttab");
    assert_eq!(tricky["back"], "Yes: \"quoted\" too");
    assert_eq!(tricky["tags"], json!(["tricky"]));
    // Cloze syntax without a note type column still makes cloze cards.
    by_front(&geography, "Ottawa is the capital of [country].");
    assert_eq!(
        by_front(&cards(&plain, "Languages::French"), "chien")["back"],
        "dog"
    );
}

#[test]
fn csv_and_headerless_text_with_quotes_tabs_and_newlines() {
    let sandbox = Sandbox::new();
    let csv = sandbox.write(
        "vocab.csv",
        "front,back,tags\n\"multi\nline\",\"has \"\"quotes\"\", and a\ttab\",lang\nplain,text,\n",
    );
    let output = import(&sandbox, &csv, &["--deck", "Vocab::Basics"]);
    // The spreadsheet's "front,back,tags" row names the columns: it is not a card.
    assert!(output.contains("deck 'Vocab::Basics': 2 added"), "{output}");
    let vocab = cards(&sandbox, "Vocab::Basics");
    let multi = by_front(&vocab, "multi\nline");
    assert_eq!(multi["back"], "has \"quotes\", and a\ttab");
    assert_eq!(multi["tags"], json!(["lang"]));
    let tsv = sandbox.write("words.tsv", "uno\tone\ndos\ttwo\tnum\n");
    import(&sandbox, &tsv, &[]);
    let words = cards(&sandbox, "words");
    assert_eq!(by_front(&words, "dos")["tags"], json!(["num"]));
    // Matched by deck and front: a changed back updates, never duplicates.
    std::fs::write(&tsv, "uno\tONE\ndos\ttwo\tnum\n").expect("write");
    let again = import(&sandbox, &tsv, &[]);
    assert!(again.contains("0 added, 1 updated, 1 unchanged"), "{again}");
}

#[test]
fn markdown_decks() {
    let sandbox = Sandbox::new();
    let md = sandbox.write(
        "notes.md",
        "# Capitals\n\nQ: Capital of France?\nA: Paris\nTags: europe\n\n---\n\nQ: Capital of Japan?\nA: Tokyo\n\nSince 1869.\n\n## Americas\n\nQ: Capital of Peru?\nA: Lima\nID: peru\n",
    );
    let output = import(&sandbox, &md, &[]);
    assert!(output.contains("deck 'Capitals': 2 added"), "{output}");
    assert!(
        output.contains("deck 'Capitals::Americas': 1 added"),
        "{output}"
    );
    let capitals = cards(&sandbox, "Capitals");
    assert_eq!(
        by_front(&capitals, "Capital of Japan?")["back"],
        "Tokyo\n\nSince 1869."
    );
    assert_eq!(by_front(&capitals, "Capital of Peru?")["key"], "peru");
    let bad = sandbox.write("bad.md", "# D\n\nQ: a question\n\nQ: another\nA: answer\n");
    sandbox
        .recall(NOW, &["import", bad.to_str().expect("path")])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "bad.md:3: this card has no answer",
        ));
}

#[test]
fn malformed_files_fail_whole_and_change_nothing() {
    let sandbox = Sandbox::new();
    import(&sandbox, &fixture("notes-plain.txt"), &[]);
    let before = snapshot(&sandbox);
    let modern = std::fs::read(fixture("modern.apkg")).expect("fixture");
    let truncated = sandbox.path("truncated.apkg");
    std::fs::write(&truncated, &modern[..modern.len() / 2]).expect("write");
    let not_zip = sandbox.write("notzip.apkg", "this is not a zip at all");
    let columns = sandbox.write(
        "columns.txt",
        "#separator:tab\n#deck column:1\nD\ta\tb\nD\tonly two\n",
    );
    let latin1 = sandbox.path("latin1.tsv");
    std::fs::write(&latin1, b"caf\xe9\tcoffee\n").expect("write");
    let latin1_md = sandbox.path("latin1.md");
    std::fs::write(&latin1_md, b"# D\nQ: caf\xe9\nA: coffee\n").expect("write");
    let zip_as_text = sandbox.path("package.txt");
    std::fs::write(&zip_as_text, &modern).expect("write");
    let cases: [(&Path, &str); 6] = [
        (&truncated, "truncated.apkg: not an Anki package"),
        (&not_zip, "notzip.apkg: not an Anki package"),
        (
            &columns,
            "columns.txt:4: expected 3 columns (as on line 3), found 2",
        ),
        (&latin1, "latin1.tsv:1: the file is not valid UTF-8"),
        (&latin1_md, "latin1.md:2: the file is not valid UTF-8"),
        (&zip_as_text, "package.txt: this is a zip archive, not text"),
    ];
    for (path, message) in cases {
        sandbox
            .recall(NOW, &["import", path.to_str().expect("path")])
            .assert()
            .failure()
            .stderr(predicate::str::contains(message));
        assert_eq!(snapshot(&sandbox), before, "{message}");
    }
}

#[test]
fn names_inside_a_package_are_never_paths() {
    let sandbox = Sandbox::new();
    let evil = sandbox.path("evil.apkg");
    {
        let file = std::fs::File::create(&evil).expect("create");
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("../../escaped.txt", options).expect("entry");
        std::io::Write::write_all(&mut zip, b"should never be written").expect("write");
        zip.start_file("collection.anki21", options).expect("entry");
        let legacy = {
            let mut archive =
                zip::ZipArchive::new(std::fs::File::open(fixture("legacy.apkg")).expect("fixture"))
                    .expect("zip");
            let mut entry = archive.by_name("collection.anki21").expect("collection");
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).expect("read");
            bytes
        };
        std::io::Write::write_all(&mut zip, &legacy).expect("write");
        zip.finish().expect("finish");
    }
    import(&sandbox, &evil, &[]);
    check_package_cards(&sandbox);
    assert!(!sandbox.dir.path().join("../escaped.txt").exists());
    assert!(!sandbox.path("escaped.txt").exists());
}

#[test]
fn export_then_import_gives_back_the_same_deck() {
    let sandbox = Sandbox::new();
    import(&sandbox, &fixture("modern.apkg"), &[]);
    let original = |s: &Sandbox, deck: &str| -> Vec<(Value, Value, Value, Value, Value)> {
        let mut list: Vec<_> = s
            .cards_json(NOW, deck)
            .into_iter()
            .map(|c| {
                (
                    c["deck"].clone(),
                    c["key"].clone(),
                    c["front"].clone(),
                    c["back"].clone(),
                    c["tags"].clone(),
                )
            })
            .collect();
        list.sort_by_key(|c| c.1.to_string());
        list
    };
    for (format, deck) in [
        ("tsv", "Geography"),
        ("md", "Geography"),
        ("toml", "Geography"),
        ("tsv", "Languages"),
    ] {
        let file = sandbox.path(&format!("out-{format}.{format}"));
        sandbox
            .recall(
                NOW,
                &[
                    "export",
                    deck,
                    "--format",
                    format,
                    "-o",
                    file.to_str().expect("path"),
                ],
            )
            .assert()
            .success();
        let fresh = Sandbox::new();
        import(&fresh, &file, &[]);
        assert_eq!(
            original(&fresh, deck),
            original(&sandbox, deck),
            "{format} {deck}"
        );
    }
    let tsv = std::fs::read_to_string(sandbox.path("out-tsv.tsv")).expect("export");
    assert!(
        tsv.starts_with(
            "#separator:tab\n#html:false\n#notetype:Basic\n#guid column:1\n#deck column:2\n#tags column:5\n"
        ),
        "{tsv}"
    );
    sandbox
        .recall(
            NOW,
            &["export", "Leadership and Management", "--format", "toml"],
        )
        .assert()
        .failure()
        .stderr(predicate::str::contains("a TOML file holds one deck"));
}

#[test]
fn cards_that_look_like_structure_survive_export_and_import_in_every_format() {
    // Written as TOML escapes: a cloze-looking front, CR LF and a lone CR inside the text,
    // white space at line ends, a key starting with '#', quotes, tabs and structure lines.
    let deck = r##"name = "Tricky"
[[cards]]
id = "#1"
front = "{{c1::Paris}} is the capital of?"
back = "France\r\nand a lone \r here"
tags = ["geo", "#hash"]
[[cards]]
id = "k2"
front = "Q: a question\n  indented line  \n---"
back = "# not a deck\n\tTags: tabbed\n\"quoted\" ```"
"##;
    let sandbox = Sandbox::new();
    import(&sandbox, &sandbox.write("tricky.toml", deck), &[]);
    let cards = |s: &Sandbox| -> Vec<(Value, Value, Value, Value)> {
        s.cards_json(NOW, "Tricky")
            .into_iter()
            .map(|c| {
                (
                    c["key"].clone(),
                    c["front"].clone(),
                    c["back"].clone(),
                    c["tags"].clone(),
                )
            })
            .collect()
    };
    let original = cards(&sandbox);
    assert_eq!(original.len(), 2);
    assert_eq!(original[0].2, "France\r\nand a lone \r here");
    for format in ["tsv", "md", "toml"] {
        let file = sandbox.path(&format!("tricky-out.{format}"));
        sandbox
            .recall(
                NOW,
                &[
                    "export",
                    "Tricky",
                    "--format",
                    format,
                    "-o",
                    file.to_str().expect("path"),
                ],
            )
            .assert()
            .success();
        let fresh = Sandbox::new();
        let said = import(&fresh, &file, &[]);
        assert!(said.contains("2 added"), "{format}: {said}");
        assert_eq!(cards(&fresh), original, "{format}");
        // Imported again into the collection it came from, nothing changes.
        let again = import(&sandbox, &file, &[]);
        assert!(again.contains("2 unchanged"), "{format}: {again}");
    }
}

#[test]
fn export_history_as_csv_and_json() {
    let sandbox = Sandbox::new();
    import(&sandbox, &fixture("modern.apkg"), &[]);
    // The French cards are siblings (one note, both directions): both are answered today.
    sandbox
        .recall(NOW, &["config", "set", "bury_siblings", "off"])
        .assert()
        .success();
    sandbox.review(NOW, "Languages::French", "\n4\n\n5\n");
    let json_out = sandbox
        .recall(NOW, &["export-history", "--format", "json"])
        .output()
        .expect("runs");
    let rows: Value = serde_json::from_slice(&json_out.stdout).expect("json");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 4, "2 imported from Anki and 2 answers");
    let kinds: Vec<&str> = rows
        .iter()
        .map(|r| r["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "imported").count(), 2);
    let scheduled = rows
        .iter()
        .find(|r| r["kind"] == "scheduled")
        .expect("scheduled");
    assert_eq!(scheduled["deck"], "Languages::French");
    assert_eq!(scheduled["after"]["interval"], 1);
    let file = sandbox.path("history.csv");
    sandbox
        .recall(NOW, &["export-history", "-o", file.to_str().expect("path")])
        .assert()
        .success();
    let csv = std::fs::read_to_string(&file).expect("csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "card,deck,key,time,study_day,grade,kind,response_ms,deleted,before_ef,before_reps,before_interval,before_due,before_lapses,after_ef,after_reps,after_interval,after_due,after_lapses"
        )
    );
    assert_eq!(lines.count(), 4);
}

#[test]
fn absurd_packages_are_refused_as_zip_bombs() {
    use recall::decks::apkg::{Limits, PackageOptions, parse};
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-28T12:00:00+00:00").expect("time");
    let options = |limits| PackageOptions {
        now,
        rollover_hour: 4,
        limits,
    };
    let modern = fixture("modern.apkg");
    // The fixture has five entries and a collection of some 100 KB once decompressed.
    let ok = parse(&modern, "modern.apkg", &options(Limits::default())).expect("parses");
    assert_eq!(ok.card_count(), 7);
    let too_many = parse(
        &modern,
        "modern.apkg",
        &options(Limits {
            max_entries: 4,
            ..Limits::default()
        }),
    )
    .expect_err("too many entries");
    assert!(
        too_many.to_string().contains("has 5 entries (more than 4)"),
        "{too_many}"
    );
    let too_big = parse(
        &modern,
        "modern.apkg",
        &options(Limits {
            max_collection_bytes: 10_000,
            ..Limits::default()
        }),
    )
    .expect_err("too big");
    assert!(
        too_big
            .to_string()
            .contains("decompresses to more than 10000 bytes"),
        "{too_big}"
    );

    // A real bomb: a legacy collection entry of 12 MiB of zeros, compressed to almost nothing.
    let sandbox = Sandbox::new();
    let bomb = sandbox.path("bomb.apkg");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).expect("create"));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("collection.anki21", options).expect("entry");
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..12 {
            std::io::Write::write_all(&mut zip, &zeros).expect("write");
        }
        zip.finish().expect("finish");
    }
    assert!(std::fs::metadata(&bomb).expect("size").len() < 1 << 20);
    let refused = parse(
        &bomb,
        "bomb.apkg",
        &options(Limits {
            max_collection_bytes: 4 << 20,
            ..Limits::default()
        }),
    )
    .expect_err("bomb");
    // Its own header declares the 12 MiB: refused before a byte reaches the disk.
    assert!(
        refused.to_string().contains("declares 12582912 bytes"),
        "{refused}"
    );
}

/// The whole collection as text, for comparing two imports: cards with their schedules,
/// history rows by card and time, per-day summaries and deck counts. Cards are named by deck
/// and key, not by id: ids follow the order cards were stored in, and an Anki package is now
/// stored in Anki's note order rather than deck by deck.
fn collection_dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("opens");
    let mut dump = String::new();
    for (table, query) in [
        (
            "cards",
            "SELECT d.name, c.key, c.front, c.back, c.tags, c.ease, c.reps, \
             c.interval_days, c.due_day, c.lapses, c.suspended, c.buried_until \
             FROM cards c JOIN decks d ON d.id = c.deck_id ORDER BY d.name, c.key",
        ),
        (
            "reviews",
            "SELECT d.name, c.key, r.reviewed_at, r.study_day, r.grade, r.kind, r.response_ms, \
             r.ease_before, r.reps_before, r.interval_before, r.due_before, r.lapses_before, \
             r.ease_after, r.reps_after, r.interval_after, r.due_after, r.lapses_after, \
             r.leech_action FROM reviews r JOIN cards c ON c.id = r.card_id \
             JOIN decks d ON d.id = c.deck_id \
             ORDER BY d.name, c.key, r.reviewed_at, r.grade, r.interval_after",
        ),
        (
            "day_summary",
            "SELECT d.name, s.study_day, s.scheduled, s.passed, s.new_seen, s.redrill, s.cram, \
             s.imported FROM day_summary s JOIN decks d ON d.id = s.deck_id \
             ORDER BY d.name, s.study_day",
        ),
        (
            "deck_counts",
            "SELECT d.name, c.total, c.new, c.suspended \
             FROM deck_counts c JOIN decks d ON d.id = c.deck_id ORDER BY d.name",
        ),
    ] {
        let mut stmt = conn.prepare(query).expect(table);
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).expect(table);
        while let Some(row) = rows.next().expect(table) {
            let cells: Vec<String> = (0..columns)
                .map(|i| {
                    format!(
                        "{:?}",
                        row.get::<_, rusqlite::types::Value>(i).expect("cell")
                    )
                })
                .collect();
            dump.push_str(&format!("{table}: {}\n", cells.join(" | ")));
        }
    }
    dump
}

#[test]
fn packages_import_into_exactly_the_collection_the_row_by_row_importer_made() {
    // The goldens are `collection_dump` of the collections that recall 58f60ef (before imports
    // went bulk and streamed: one INSERT then one UPDATE per card, one INSERT and one trigger
    // per history row) built from the same fixtures at the same --now: the streamed path must
    // give the same cards, schedules, history, summaries and counts.
    for name in [
        "modern.apkg",
        "legacy.apkg",
        "collection.colpkg",
        "genanki.apkg",
    ] {
        let sandbox = Sandbox::new();
        import(&sandbox, &fixture(name), &[]);
        let golden = fixture(&format!("{name}.collection.txt"));
        let expected = std::fs::read_to_string(&golden).expect("golden");
        // The built-in decks are the generator's, which has changed since; the imported decks
        // are compared line for line.
        let imported_only = |dump: &str| -> String {
            dump.lines()
                .filter(|line| !line.contains("Text(\"Leadership and Management::"))
                .map(|line| format!("{line}\n"))
                .collect()
        };
        assert_eq!(
            imported_only(&collection_dump(&sandbox.db)),
            imported_only(&expected),
            "{name}: the import differs from {}",
            golden.display()
        );
    }
}

#[test]
fn a_card_twice_in_one_text_file_is_imported_once_into_a_new_or_an_existing_deck() {
    let sandbox = Sandbox::new();
    let rows =
        "Capital of France?\tParis\nCapital of Peru?\tLima\nCapital of France?\tParis again\n";
    let file = sandbox.write("twice.tsv", rows);
    // A new deck: rows stream straight into the collection.
    let first = import(&sandbox, &file, &[]);
    assert!(first.contains("2 added"), "{first}");
    assert!(
        first.contains("skipped 1: the same card appears twice in deck 'twice'"),
        "{first}"
    );
    let listed = cards(&sandbox, "twice");
    assert_eq!(listed.len(), 2);
    assert_eq!(by_front(&listed, "Capital of France?")["back"], "Paris");
    // The same file again: every card is matched, the repeat is still left out.
    let again = import(&sandbox, &file, &[]);
    assert!(again.contains("0 added, 0 updated, 2 unchanged"), "{again}");
    assert!(
        again.contains("skipped 1: the same card appears twice"),
        "{again}"
    );
    assert_eq!(
        by_front(&cards(&sandbox, "twice"), "Capital of France?")["back"],
        "Paris"
    );
}

#[test]
fn a_package_import_leaves_nothing_in_the_temporary_directory() {
    let sandbox = Sandbox::new();
    let scratch = sandbox.path("tmp");
    std::fs::create_dir_all(&scratch).expect("tmp");
    for name in ["modern.apkg", "legacy.apkg", "collection.colpkg"] {
        let output = sandbox
            .recall(NOW, &["import", fixture(name).to_str().expect("path")])
            .env("TMPDIR", &scratch)
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
        let left: Vec<_> = std::fs::read_dir(&scratch)
            .expect("list")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert!(left.is_empty(), "{name} left {left:?}");
    }
}

/// The legacy fixture's collection changed by `sql`, packed again as `name`.
/// The collection inside legacy.apkg, written to `name` in the sandbox.
fn legacy_collection(sandbox: &Sandbox, name: &str) -> PathBuf {
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(fixture("legacy.apkg")).expect("fixture"))
            .expect("zip");
    let collection = sandbox.path(name);
    let mut entry = archive.by_name("collection.anki21").expect("collection");
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut entry, &mut bytes).expect("read");
    std::fs::write(&collection, bytes).expect("write");
    collection
}

fn altered_package(sandbox: &Sandbox, name: &str, sql: &str) -> PathBuf {
    let collection = legacy_collection(sandbox, "collection.anki21");
    let conn = rusqlite::Connection::open(&collection).expect("opens");
    conn.execute_batch(sql).expect("alter");
    drop(conn);
    let package = sandbox.path(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&package).expect("package"));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("collection.anki21", stored).expect("entry");
    std::io::Write::write_all(&mut zip, &std::fs::read(&collection).expect("read")).expect("write");
    zip.finish().expect("zip");
    package
}

#[test]
fn a_package_whose_notes_are_a_recursive_view_is_refused_at_once() {
    let sandbox = Sandbox::new();
    // A view that never ends: reading it would grow memory without bound.
    let package = altered_package(
        &sandbox,
        "endless.apkg",
        "DROP TABLE notes;
         CREATE VIEW notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) AS
           WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
           SELECT i, 'g' || i, 0, 0, 0, '', 'a' || char(31) || 'b', 'a', 0, 0, '' FROM n;",
    );
    let before = snapshot(&sandbox);
    let message = sandbox.refused(NOW, &["import", package.to_str().expect("path")]);
    assert!(
        message.contains("'notes' is a view, not a table"),
        "{message}"
    );
    assert_eq!(snapshot(&sandbox), before, "nothing changed");
}

#[test]
fn tag_bombs_are_refused_with_the_line_or_the_note() {
    let sandbox = Sandbox::new();
    let before = snapshot(&sandbox);
    // A header asking for 1,000 tags on every row.
    let many: Vec<String> = (0..1_000).map(|i| format!("t{i}")).collect();
    let text = format!("#separator:tab\n#tags:{}\nfront\tback\n", many.join(" "));
    let file = sandbox.write("bomb.txt", &text);
    let message = sandbox.refused(NOW, &["import", file.to_str().expect("path")]);
    assert!(
        message.contains("bomb.txt:2: more than 100 tags"),
        "{message}"
    );
    // A package whose one note carries 200,000 tags.
    let tags: String = (0..200_000).map(|i| format!(" t{i}")).collect();
    let package = altered_package(
        &sandbox,
        "tags.apkg",
        &format!("UPDATE notes SET tags = '{tags} '"),
    );
    let message = sandbox.refused(NOW, &["import", package.to_str().expect("path")]);
    assert!(message.contains("has more than 100 tags"), "{message}");
    assert_eq!(snapshot(&sandbox), before, "nothing changed");
}

#[test]
fn what_a_killed_import_left_behind_is_removed_by_the_next() {
    let sandbox = Sandbox::new();
    let scratch = sandbox.path("tmp");
    // A crashed import's directory (no such process) and a running one's (this test's).
    let abandoned = scratch.join("recall-import-4000000000-abcdef");
    let running = scratch.join(format!("recall-import-{}-ghijkl", std::process::id()));
    for dir in [&abandoned, &running] {
        std::fs::create_dir_all(dir).expect("dir");
        std::fs::write(dir.join("collection.anki2"), b"big").expect("file");
    }
    let output = sandbox
        .recall(
            NOW,
            &["import", fixture("legacy.apkg").to_str().expect("path")],
        )
        .env("TMPDIR", &scratch)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    assert!(!abandoned.exists(), "the abandoned copy is gone");
    assert!(running.exists(), "a running import's copy is left alone");
}

#[test]
fn dates_at_the_edge_of_the_calendar_never_panic() {
    for (name, sql) in [
        (
            "far-created.apkg",
            "UPDATE col SET crt = 9223372036854775807;",
        ),
        (
            "early-created.apkg",
            "UPDATE col SET crt = -9223372036854775807;",
        ),
        (
            "far-review.apkg",
            "UPDATE revlog SET id = 9223372036854775000 WHERE id = (SELECT max(id) FROM revlog);",
        ),
        (
            "far-due.apkg",
            "UPDATE cards SET due = 9223372036854775807, ivl = 2147483647 WHERE type = 2;",
        ),
    ] {
        let sandbox = Sandbox::new();
        let package = altered_package(&sandbox, name, sql);
        let output = sandbox
            .recall(NOW, &["import", package.to_str().expect("path")])
            .output()
            .expect("runs");
        // Imported or refused with a message, never a panic (exit code 101).
        assert_ne!(output.status.code(), Some(101), "{name}: {output:?}");
        if output.status.success() {
            for args in [
                &["stats"][..],
                &["cards", "--json"],
                &["history"],
                &["decks"],
            ] {
                let shown = sandbox.recall(NOW, args).output().expect("runs");
                assert!(shown.status.success(), "{name} {args:?}: {shown:?}");
            }
        }
    }
    for now in [
        "-262143-01-01",
        "+262142-12-31",
        "0000-01-01",
        "9999-12-31T23:59:59+14:00",
    ] {
        let sandbox = Sandbox::with_deck("Edge", &["a"]);
        for args in [&["decks"][..], &["stats"], &["review"], &["undo"]] {
            let output = sandbox
                .recall(now, args)
                .write_stdin("")
                .output()
                .expect("runs");
            assert_ne!(
                output.status.code(),
                Some(101),
                "--now {now} {args:?}: {output:?}"
            );
        }
    }
}

/// What Anki 26.9.3 said about conformance.apkg and v1.apkg (make_conformance.py).
fn conformance() -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture("conformance.json")).expect("fixture"))
        .expect("json")
}

/// White space as one space, ends trimmed: Anki's one-line text and recall's lines compare.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn package_cards_read_as_anki_renders_them() {
    // conformance.json holds what Anki 26.9.3 renders for each card of conformance.apkg
    // (make_conformance.py): type-in answers, nested clozes, hints, several numbers per
    // deletion, a cloze field that is not the first, sections on cloze numbers, typed clozes,
    // readings, special fields, named entities, optional reversed cards.
    let expected = conformance()["cards"].as_array().expect("cards").clone();
    let sandbox = Sandbox::new();
    let said = import(&sandbox, &fixture("conformance.apkg"), &[]);
    assert!(!said.contains("skipped"), "{said}");
    let cards = sandbox.cards_json(NOW, "Conformance::Templates");
    let mut differences = Vec::new();
    for card in &expected {
        let guid = card["guid"].as_str().expect("guid");
        let ord = card["ord"].as_u64().expect("ord");
        let key = match (card["cloze"].as_bool(), ord) {
            (Some(true), _) => format!("{guid}-c{}", ord + 1),
            (_, 0) => guid.to_string(),
            _ => format!("{guid}-{ord}"),
        };
        let Some(ours) = cards.iter().find(|c| c["key"] == key.as_str()) else {
            differences.push(format!("{key}: missing"));
            continue;
        };
        for (side, anki) in [("front", &card["question"]), ("back", &card["answer"])] {
            let ours = one_line(ours[side].as_str().unwrap_or_default());
            let anki = one_line(anki.as_str().unwrap_or_default());
            if ours != anki {
                differences.push(format!("{key} {side}: recall {ours:?}, Anki {anki:?}"));
            }
        }
    }
    assert_eq!(cards.len(), expected.len(), "the same cards: {cards:#?}");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn a_collection_left_by_the_v1_scheduler_is_upgraded_as_anki_upgrades_it() {
    let anki = &conformance()["v1"];
    // Anki made the lapsed card (a review card in v1's learning queue, due as a timestamp) a
    // relearning card, and its learning answer on button 2 a 3 (Good); it keeps a manual row.
    assert_eq!(
        (anki["type"].as_i64(), anki["queue"].as_i64()),
        (Some(3), Some(1))
    );
    let buttons: Vec<i64> = anki["revlog"]
        .as_array()
        .expect("revlog")
        .iter()
        .zip(anki["revlog_types"].as_array().expect("types"))
        .filter(|(_, kind)| kind.as_i64() < Some(4))
        .map(|(ease, _)| ease.as_i64().expect("ease"))
        .collect();
    assert_eq!(buttons, vec![3, 3, 1]);
    let sandbox = Sandbox::new();
    import(&sandbox, &fixture("v1.apkg"), &[]);
    let card = &sandbox.cards_json(NOW, "Conformance::V1")[0];
    // Relearning: due today, starting over, its lapse kept.
    assert_eq!(card["due"], NOW, "{card}");
    assert_eq!(
        (card["reps"].clone(), card["lapses"].clone()),
        (0.into(), 1.into())
    );
    // Its history: Anki's buttons as grades (Again 1, Hard 3, Good 4, Easy 5), the manual
    // row left out.
    let grades: Vec<u8> = sandbox
        .history("Conformance::V1", "v1-lapsed")
        .iter()
        .map(|review| review.grade.value())
        .collect();
    let as_grades: Vec<u8> = buttons
        .iter()
        .map(|button| match button {
            1 => 1,
            2 => 3,
            3 => 4,
            _ => 5,
        })
        .collect();
    assert_eq!(grades, as_grades);
}

#[test]
fn a_bare_collection_file_imports_like_its_package() {
    let sandbox = Sandbox::new();
    let bare = legacy_collection(&sandbox, "collection.anki2");
    let before = std::fs::read(&bare).expect("read");
    import(&sandbox, &bare, &[]);
    check_package_cards(&sandbox);
    assert_eq!(
        std::fs::read(&bare).expect("read"),
        before,
        "the original is only read"
    );
}

#[test]
fn an_unexpected_collection_is_described_not_quoted_in_sql() {
    let sandbox = Sandbox::new();
    let package = altered_package(
        &sandbox,
        "odd.apkg",
        "DROP TABLE notes; CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT);",
    );
    let said = sandbox.refused(NOW, &["import", package.to_str().expect("path")]);
    assert!(said.contains("odd.apkg"), "{said}");
    assert!(!said.contains("SELECT") && !said.contains("FROM"), "{said}");
    assert!(said.contains("notes"), "names what was expected: {said}");
}

#[test]
fn review_cards_are_due_when_anki_has_them_due_whatever_the_time_zone() {
    // Each package was imported by Anki 26.9.3 in New York (make_conformance.py): a creation
    // offset recorded in summer time and read in winter, a collection without one, and one
    // made in Tokyo whose day starts at midnight. recall, run at the same instant and offset,
    // must have each card due as many days ahead as Anki had it.
    let cases = conformance()["timing"].as_array().expect("timing").clone();
    assert_eq!(cases.len(), 3);
    for case in cases {
        let offset = chrono::FixedOffset::east_opt(
            i32::try_from(case["offset_minutes"].as_i64().expect("offset")).expect("i32") * 60,
        )
        .expect("offset");
        let now = chrono::DateTime::from_timestamp(case["now"].as_i64().expect("now"), 0)
            .expect("instant")
            .with_timezone(&offset);
        let now_text = now.to_rfc3339();
        let sandbox = Sandbox::new();
        let package = fixture(case["package"].as_str().expect("package"));
        sandbox
            .recall(&now_text, &["import", package.to_str().expect("path")])
            .assert()
            .success();
        // recall's today: the local date, a day earlier before its 04:00 rollover.
        let today = (now.naive_local() - chrono::Duration::hours(4)).date();
        let due_in = case["due_in_days"].as_i64().expect("days");
        let expected = (today + chrono::Duration::days(due_in)).to_string();
        let card = &sandbox.cards_json(&now_text, "Conformance::Timing")[0];
        assert_eq!(
            card["due"],
            expected.as_str(),
            "{}: {card}",
            case["package"]
        );
    }
}

#[test]
fn importing_any_fixture_again_adds_and_changes_nothing() {
    for name in [
        "modern.apkg",
        "legacy.apkg",
        "collection.colpkg",
        "genanki.apkg",
        "conformance.apkg",
        "v1.apkg",
        "timing-dst.apkg",
        "timing-legacy.apkg",
        "timing-tokyo.apkg",
        "fsrs.apkg",
        "notes-full.txt",
    ] {
        let sandbox = Sandbox::new();
        import(&sandbox, &fixture(name), &[]);
        let before = snapshot(&sandbox);
        let again = import(&sandbox, &fixture(name), &[]);
        for line in again.lines().filter(|line| line.contains(" added, ")) {
            assert!(line.contains(": 0 added, 0 updated"), "{name}: {again}");
        }
        assert_eq!(snapshot(&sandbox), before, "{name}");
    }
}

#[test]
fn notes_are_matched_by_guid_wherever_their_cards_are() {
    let sandbox = Sandbox::new();
    import(&sandbox, &fixture("legacy.apkg"), &[]);
    let total = |s: &Sandbox| {
        let output = s.recall(NOW, &["cards", "--json"]).output().expect("runs");
        serde_json::from_slice::<Vec<Value>>(&output.stdout)
            .expect("json")
            .len()
    };
    let before = total(&sandbox);
    // Renamed here: a re-import finds the cards under their new name, makes no old deck.
    sandbox
        .recall(
            NOW,
            &["deck", "rename", "Geography", "World::Geography", "--yes"],
        )
        .assert()
        .success();
    let again = import(&sandbox, &fixture("legacy.apkg"), &[]);
    assert!(again.contains("deck 'Geography': 0 added"), "{again}");
    assert_eq!(total(&sandbox), before, "no card twice");
    let decks = String::from_utf8(
        sandbox
            .recall(NOW, &["decks"])
            .output()
            .expect("runs")
            .stdout,
    )
    .expect("utf-8");
    assert!(
        !decks.lines().any(|l| l.starts_with("Geography ")),
        "{decks}"
    );
    // Moved in Anki: the package names another deck; the card stays where it is, updated.
    let moved = altered_package(
        &sandbox,
        "moved.apkg",
        "UPDATE cards SET did = (SELECT c.did FROM cards c JOIN notes n ON n.id = c.nid
                                 WHERE n.flds LIKE 'chien%' LIMIT 1)
          WHERE nid = (SELECT id FROM notes WHERE flds LIKE 'Capital of%France%');
         UPDATE notes SET flds = replace(flds, 'Paris', 'Paris (moved)');",
    );
    let said = import(&sandbox, &moved, &[]);
    assert!(said.contains("1 updated"), "{said}");
    assert_eq!(total(&sandbox), before, "no card twice");
    // The same notes as text with a GUID column match too.
    let text = import(&sandbox, &fixture("notes-full.txt"), &[]);
    assert_eq!(total(&sandbox), before, "no card twice: {text}");
}

#[test]
fn a_collection_scheduled_by_fsrs_keeps_its_interval_due_and_history() {
    let anki = &conformance()["fsrs"];
    // FSRS's difficulty (1 to 10) on SM-2's scale: 1 reads 3.00, 10 reads 1.30.
    let ef = |difficulty: f64| ((300.0 - (difficulty - 1.0) * 170.0 / 9.0).round()) / 100.0;
    let sandbox = Sandbox::new();
    import(&sandbox, &fixture("fsrs.apkg"), &[]);
    let card = &sandbox.cards_json(NOW, "Conformance::FSRS")[0];
    assert_eq!(
        card["ef"].as_f64(),
        Some(ef(anki["difficulty"].as_f64().expect("d"))),
        "{card}"
    );
    assert_eq!(card["interval"], anki["interval"], "{card}");
    let today = chrono::NaiveDate::parse_from_str(NOW, "%Y-%m-%d").expect("date");
    let due = today + chrono::Duration::days(anki["due_in_days"].as_i64().expect("days"));
    assert_eq!(card["due"], due.to_string().as_str(), "{card}");
    // The log: each row's EF from the difficulty Anki stored in its ease column.
    let history = sandbox.history("Conformance::FSRS", "fsrs-card");
    let rows: Vec<&Vec<Value>> = anki["revlog"]
        .as_array()
        .expect("revlog")
        .iter()
        .map(|row| row.as_array().expect("row"))
        .collect();
    assert_eq!(history.len(), rows.len());
    for (review, row) in history.iter().zip(rows) {
        let shifted = row[1].as_f64().expect("factor") / 1000.0;
        let expected = ef((shifted - 0.1) * 9.0 + 1.0);
        assert_eq!(
            f64::from(review.after.ease_factor.hundredths()) / 100.0,
            expected,
            "{row:?}"
        );
    }
}

#[test]
fn where_recall_differs_from_anki_on_purpose() {
    // Learning cards start as new (SM-2 has no learning steps); a buried card is not buried
    // (recall buries for one study day only, by hand); a card in a filtered deck goes home
    // with its home due; a suspended card stays suspended.
    let sandbox = Sandbox::new();
    let package = altered_package(
        &sandbox,
        "states.apkg",
        "UPDATE cards SET type = 1, queue = 1, due = 1700000000
          WHERE nid = (SELECT id FROM notes WHERE flds LIKE '日本%');
         UPDATE cards SET queue = -2
          WHERE nid = (SELECT id FROM notes WHERE flds LIKE 'Capital of%France%');
         UPDATE cards SET odid = did, did = 424242, odue = due, due = -100000
          WHERE nid = (SELECT id FROM notes WHERE flds LIKE 'Two lines%');
         UPDATE cards SET queue = -1
          WHERE nid = (SELECT id FROM notes WHERE flds LIKE 'chien%') AND ord = 1;",
    );
    import(&sandbox, &package, &[]);
    let geography = cards(&sandbox, "Geography");
    assert_eq!(
        geography.len(),
        5,
        "the filtered card is home: {geography:#?}"
    );
    assert_eq!(
        by_front(&geography, "日本の首都は？")["due"],
        Value::Null,
        "learning is new"
    );
    let france = by_front(&geography, "Capital of France?");
    assert_eq!(
        france["due"],
        expected()["due"],
        "buried: scheduled as Anki has it"
    );
    assert_eq!(france["suspended"], false);
    assert_eq!(
        by_front(&geography, "Two lines and a tab")["due"],
        Value::Null
    );
    let french = cards(&sandbox, "Languages::French");
    assert_eq!(by_front(&french, "dog")["suspended"], true);
    assert_eq!(by_front(&french, "chien")["suspended"], false);
}

#[test]
fn a_note_given_twice_in_a_package_is_named_by_its_note_id() {
    let sandbox = Sandbox::new();
    let package = altered_package(
        &sandbox,
        "twice.apkg",
        "UPDATE notes SET guid = (SELECT guid FROM notes WHERE flds LIKE 'Capital of%France%')
          WHERE flds LIKE 'Two lines%';
         UPDATE cards SET did = (SELECT did FROM cards WHERE nid =
                 (SELECT id FROM notes WHERE flds LIKE 'Capital of%France%'))
          WHERE nid = (SELECT id FROM notes WHERE flds LIKE 'Two lines%');",
    );
    let options = recall::decks::apkg::PackageOptions {
        now: chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00+00:00").expect("now"),
        rollover_hour: 4,
        limits: recall::decks::apkg::Limits::default(),
    };
    let batch = recall::decks::apkg::parse(&package, "twice.apkg", &options).expect("reads");
    let reasons: Vec<&String> = batch.skipped.0.iter().map(|(reason, _)| reason).collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("appears twice") && r.contains("first as note ")),
        "{reasons:?}"
    );
    let said = import(&sandbox, &package, &[]);
    assert!(said.contains("appears twice"), "{said}");
}

#[test]
fn anki_reads_recalls_tsv_export_of_an_imported_deck_with_the_same_cards() {
    // make_conformance.py had Anki 26.9.3 import conformance-export.tsv (recall's export of this
    // deck); today's export must still be that file for Anki's reading to hold.
    let sandbox = Sandbox::new();
    import(&sandbox, &fixture("conformance.apkg"), &[]);
    let output = sandbox
        .recall(
            NOW,
            &["export", "Conformance::Templates", "--format", "tsv"],
        )
        .output()
        .expect("runs");
    let committed = std::fs::read(fixture("conformance-export.tsv")).expect("fixture");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&committed),
        "the export changed: run make_conformance.py again"
    );
    let anki = &conformance()["export"];
    let ours = sandbox.cards_json(NOW, "Conformance::Templates");
    assert_eq!(anki["notes"].as_u64(), Some(ours.len() as u64));
    let mut fronts: Vec<String> = ours
        .iter()
        .map(|c| c["front"].as_str().expect("front").to_string())
        .collect();
    fronts.sort();
    let anki_fronts: Vec<String> = anki["fronts"]
        .as_array()
        .expect("fronts")
        .iter()
        .map(|f| f.as_str().expect("front").to_string())
        .collect();
    assert_eq!(fronts, anki_fronts);
}

#[test]
fn the_cards_of_one_anki_note_are_siblings() {
    let sandbox = Sandbox::new();
    import(&sandbox, &fixture("modern.apkg"), &[]);
    let cards = sandbox.cards_json(NOW, "Languages::French");
    let groups: Vec<&str> = cards
        .iter()
        .map(|card| card["group"].as_str().expect("a note's card has a group"))
        .collect();
    assert!(groups.len() >= 2, "{cards:?}");
    assert!(groups.iter().all(|group| *group == groups[0]), "{groups:?}");
    // Answering one buries the other to the next day.
    let said = sandbox.review(NOW, "Languages::French", "\n4\n\n4\n");
    assert!(said.contains("1 sibling buried to tomorrow"), "{said}");
    let buried = sandbox
        .cards_json(NOW, "Languages::French")
        .iter()
        .filter(|card| !card["buried_until"].is_null())
        .count();
    assert_eq!(buried, 1);
}
