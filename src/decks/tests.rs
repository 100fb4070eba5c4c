use super::*;
use crate::scheduler::{self, Grade, StudyDay};

fn card(key: &str, front: &str, back: &str) -> DeckCard {
    DeckCard {
        key: key.into(),
        front: front.into(),
        back: back.into(),
        tags: vec!["t".into()],
        line: 1,
        sibling: None,
    }
}

fn deck(cards: Vec<DeckCard>) -> DeckData {
    DeckData {
        name: "Capitals".into(),
        description: "d".into(),
        cards,
    }
}

#[test]
fn reimport_updates_text_keeps_schedule_and_reports_missing() {
    let store = Store::open_in_memory().expect("store").store;
    let first = deck(vec![
        card("fr", "Capital of France?", "Paris"),
        card("jp", "Capital of Japan?", "Tokyo"),
        card("it", "Capital of Italy?", "Rome"),
    ]);
    let report = store.write(|s| sync_deck(s, &first)).expect("import");
    assert_eq!((report.added, report.updated, report.unchanged), (3, 0, 0));

    let deck_id = store.deck_by_name("Capitals").expect("q").expect("deck").id;
    let fr = store.card_by_key(deck_id, "fr").expect("q").expect("fr");
    let reviewed = scheduler::review(
        fr.state,
        Grade::new(5).expect("grade"),
        StudyDay::from_days_since_epoch(20_000),
    );
    store.save_schedule(fr.id, &reviewed).expect("schedule");

    let second = deck(vec![
        card("fr", "Capital of France?", "Paris (Île-de-France)"),
        card("jp", "Capital of Japan?", "Tokyo"),
        card("de", "Capital of Germany?", "Berlin"),
    ]);
    let report = store.write(|s| sync_deck(s, &second)).expect("reimport");
    assert_eq!((report.added, report.updated, report.unchanged), (1, 1, 1));
    assert_eq!(report.missing, vec!["it".to_string()]);

    let fr_after = store.card_by_key(deck_id, "fr").expect("q").expect("fr");
    assert_eq!(fr_after.back, "Paris (Île-de-France)");
    assert_eq!(fr_after.state, reviewed, "schedule kept across re-import");
    assert!(
        store.card_by_key(deck_id, "it").expect("q").is_some(),
        "cards missing from the file are kept"
    );
}

#[test]
fn the_builtin_decks_parse_and_install() {
    let store = Store::open_in_memory().expect("store").store;
    let reports = builtin::install(&store).expect("install");
    assert_eq!(reports.len(), builtin::DECKS.len());
    assert!(reports.iter().all(|r| r.added > 0 && r.updated == 0));
    let again = builtin::install(&store).expect("install twice");
    assert!(
        again
            .iter()
            .all(|r| r.added == 0 && r.updated == 0 && r.unchanged > 0)
    );
}

/// SQLite work (thousands of VM steps) to import `cards` cards each way, into a fresh
/// collection: with schedules and ten history rows per card (packages), streamed card by card
/// (text, TOML, Markdown), and again over the same deck (a re-import).
fn import_work(cards: usize) -> [u64; 3] {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    let data = DeckData {
        name: "Scale".into(),
        description: String::new(),
        cards: (0..cards)
            .map(|i| DeckCard {
                key: format!("k{i}"),
                front: format!("front {i}"),
                back: format!("back {i}"),
                tags: vec!["t".into()],
                line: i + 1,
                sibling: None,
            })
            .collect(),
    };
    let schedule = scheduler::review(
        CardState::NEW,
        Grade::new(4).expect("grade"),
        StudyDay::from_days_since_epoch(20_000),
    );
    let logs: std::collections::HashMap<i64, Vec<crate::decks::anki::collection::LogRow>> = (0
        ..cards)
        .map(|source| {
            let rows = (0..10)
                .map(|n| crate::decks::anki::collection::LogRow {
                    at_ms: n,
                    button: 4,
                    interval: 1,
                    last_interval: 0,
                    factor: 2500,
                    time_ms: 0,
                })
                .collect();
            (i64::try_from(source).expect("small"), rows)
        })
        .collect();
    let history = || apkg::History::from_logs(logs.clone(), None, 4);
    let measure = |work: &dyn Fn(&Store) -> Result<()>| {
        let mut store = Store::open_in_memory().expect("store").store;
        let steps = Arc::new(AtomicU64::new(0));
        store.count_steps(steps.clone());
        store.write(|s| work(s)).expect("import");
        steps.load(Ordering::Relaxed)
    };
    // As a package: cards with schedules and ten history rows each, the log arriving halfway.
    let batched = measure(&|s| {
        let mut sink = StoreSink::new(s, ImportOptions::default());
        for (source, card) in data.cards.iter().enumerate() {
            if source == data.cards.len() / 2 {
                sink.history(history())?;
            }
            sink.add_scheduled(
                &data.name,
                card.clone(),
                Schedule {
                    state: Some(schedule),
                    suspended: false,
                    source: i64::try_from(source).expect("small"),
                },
            )?;
        }
        let imported = sink.finish()?;
        assert_eq!(imported.carried.reviews, cards * 10);
        Ok(())
    });
    let streamed = measure(&|s| {
        let mut sink = StoreSink::new(s, ImportOptions::default());
        for card in &data.cards {
            sink.add(&data.name, card.clone())?;
        }
        sink.finish().map(|_| ())
    });
    let reimported = measure(&|s| {
        sync_deck(s, &data)?;
        sync_deck(s, &data).map(|_| ())
    });
    [batched, streamed, reimported]
}

#[test]
fn import_work_grows_linearly_with_the_file() {
    // Four times the cards must cost about four times the work (not sixteen): no statement may
    // scan what earlier cards wrote. A little slack covers B-tree depth growing by a level.
    let small = import_work(500);
    let large = import_work(2_000);
    for ((way, small), large) in ["batch", "stream", "re-import"]
        .iter()
        .zip(small)
        .zip(large)
    {
        assert!(small > 0, "{way}: no work counted");
        let ratio = large as f64 / small as f64;
        assert!(
            (3.0..=4.8).contains(&ratio),
            "{way}: 4x the cards took {ratio:.2}x the work ({small} -> {large} thousand steps)"
        );
    }
}

/// A reader that counts the bytes a parser takes from it as scanned.
struct Counted<R>(R);

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.0.read(buf)?;
        scanned(read);
        Ok(read)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.0.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        scanned(amount);
        self.0.consume(amount);
    }
}

/// Bytes of text each parser scans to read a deck of `cards` cards written in its format
/// (TOML and Markdown from a file, a line at a time; Anki text from a reader), and the size
/// of each file, with the cards it read checked.
fn parser_work(cards: usize) -> Vec<(&'static str, usize, usize)> {
    let deck = DeckData {
        name: "Scale".into(),
        description: "A deck to measure.".into(),
        cards: (0..cards)
            .map(|i| DeckCard {
                key: format!("k{i}"),
                front: format!("front {i}"),
                // Every tenth answer spans lines, as exported answers do.
                back: if i % 10 == 0 {
                    format!("back {i}\nsecond line\n[[cards]]")
                } else {
                    format!("back {i}")
                },
                tags: vec!["t".into()],
                line: 0,
                sibling: None,
            })
            .collect(),
    };
    let dir = tempfile::tempdir().expect("dir");
    let mut work = Vec::new();
    for format in ["toml", "md", "txt"] {
        let text = match format {
            "toml" => native::to_toml(&deck),
            "md" => markdown::write(&deck),
            _ => anki_text::write(std::slice::from_ref(&deck)).expect("text"),
        };
        let path = dir.path().join(format!("scale.{format}"));
        std::fs::write(&path, &text).expect("write");
        SCANNED.set(0);
        let batch = ImportBatch::read(|sink| match format {
            "toml" => native::parse_into("scale.toml", &Text::File(&path), sink),
            "md" => markdown::parse_into("scale.md", &Text::File(&path), "Scale", sink),
            _ => anki_text::parse_into(
                "scale.txt",
                Counted(std::io::BufReader::new(
                    std::fs::File::open(&path).expect("open"),
                )),
                &anki_text::TextOptions {
                    default_deck: "Scale".into(),
                    separator: None,
                },
                sink,
            ),
        })
        .expect("parses");
        let read: usize = batch.decks.iter().map(|d| d.cards.len()).sum();
        assert_eq!(read, cards, "{format}: every card read");
        work.push((format, SCANNED.get(), text.len()));
    }
    work
}

#[test]
fn every_parser_scans_its_file_a_bounded_number_of_times() {
    // A parser that went back over the text for each card (to number its lines, to parse the
    // rest of the file, or to read it again) scans sixteen times the bytes for four times the
    // cards; a streaming parser scans each byte a few times at most (a line, its index, the
    // TOML parser), whatever the size.
    let small = parser_work(500);
    let large = parser_work(2_000);
    for ((format, small, small_size), (_, large, large_size)) in small.into_iter().zip(large) {
        let per_byte = |scanned: usize, size: usize| scanned as f64 / size as f64;
        let (small_rate, large_rate) = (per_byte(small, small_size), per_byte(large, large_size));
        assert!(
            (1.0..=4.0).contains(&large_rate),
            "{format}: {large_rate:.2} bytes scanned per byte of the file"
        );
        let growth = large_rate / small_rate;
        assert!(
            (0.95..=1.1).contains(&growth),
            "{format}: a file 4x the size scanned {growth:.2}x the bytes per byte ({small} of \
             {small_size} -> {large} of {large_size})"
        );
    }
}

/// SQLite work (thousands of VM steps) to read an Anki collection of `cards` notes of one card
/// each, under review with three review-log rows each, over both of the reader's connections
/// (the cards and notes, and the review log); the cards and rows read are checked.
fn anki_reading_work(cards: i64) -> u64 {
    use std::io::Read;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/anki/legacy.apkg");
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(fixture).expect("fixture")).expect("zip");
    let mut bytes = Vec::new();
    archive
        .by_name("collection.anki21")
        .expect("collection")
        .read_to_end(&mut bytes)
        .expect("read");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("collection.anki2");
    std::fs::write(&path, bytes).expect("write");
    let conn = rusqlite::Connection::open(&path).expect("opens");
    // The fixture's first note type and deck, then `cards` notes of it, each card reviewed
    // three times on days spread over the collection's life.
    conn.execute_batch(&format!(
        "CREATE TEMP TABLE kept AS SELECT n.mid AS mid, c.did AS did FROM notes n
           JOIN cards c ON c.nid = n.id LIMIT 1;
         DELETE FROM notes; DELETE FROM cards; DELETE FROM revlog;
         WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {cards} - 1)
         INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
           SELECT 1700000000000 + i, 'g' || i, (SELECT mid FROM kept), 0, -1, '',
                  'Question ' || i || char(31) || 'Answer ' || i, 'Question ' || i, 0, 0, ''
             FROM n;
         INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps,
                            lapses, left, odue, odid, flags, data)
           SELECT id, id, (SELECT did FROM kept), 0, 0, -1, 2, 2, 300 + id % 90, 1 + id % 200,
                  2500, 3, 0, 0, 0, 0, 0, '{{}}'
             FROM notes;
         WITH RECURSIVE r(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM r WHERE k < 2)
         INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
           SELECT (SELECT crt FROM col) * 1000 + k * 86400000 * 20 + (id - 1700000000000) * 17,
                  id, -1, 3, 1 + id % 200, 1, 2500, 4000, 1
             FROM cards, r;"
    ))
    .expect("collection");
    drop(conn);
    let options = apkg::PackageOptions {
        now: chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00+01:00").expect("now"),
        rollover_hour: 4,
        limits: apkg::Limits::default(),
    };
    let steps = Arc::new(AtomicU64::new(0));
    crate::decks::anki::collection::COUNT_STEPS.set(Some(steps.clone()));
    let batch = ImportBatch::read(|sink| {
        apkg::read_collection_file(&path, "collection.anki2", &options, sink)
    });
    crate::decks::anki::collection::COUNT_STEPS.set(None);
    let batch = batch.expect("reads");
    let read: usize = batch.decks.iter().map(|d| d.cards.len()).sum();
    let rows: usize = batch
        .carried
        .values()
        .flat_map(HashMap::values)
        .map(|carried| carried.history.len())
        .sum();
    let cards = usize::try_from(cards).expect("small");
    assert_eq!(
        (read, rows),
        (cards, cards * 3),
        "cards and history rows read"
    );
    steps.load(Ordering::Relaxed)
}

#[test]
fn reading_an_anki_collection_grows_linearly_with_it() {
    // No query may look a card's note, its log or its deck up by a scan: four times the cards
    // and rows, about four times the work.
    let small = anki_reading_work(500);
    let large = anki_reading_work(2_000);
    assert!(small > 0, "no work counted");
    let ratio = large as f64 / small as f64;
    assert!(
        (3.0..=4.8).contains(&ratio),
        "4x the cards took {ratio:.2}x the work ({small} -> {large} thousand steps)"
    );
}

#[test]
fn a_streamed_import_reports_the_first_failure_and_writes_nothing() {
    let store = Store::open_in_memory().expect("store").store;
    // The reader fails after some cards went in: its error, and the transaction rolls back.
    let failed = store.write(|s| {
        import_streamed(s, ImportOptions::default(), &mut || {}, |sink| {
            for i in 0..3000 {
                sink.add("Streamed", card(&format!("k{i}"), "front", "back"))?;
            }
            Err(Error::input(
                "deck.md",
                3001,
                "the answer after `A:` is empty",
            ))
        })
    });
    let error = failed.expect_err("fails");
    assert!(error.to_string().contains("deck.md:3001"), "{error}");
    assert_eq!(store.deck_by_name("Streamed").expect("q"), None);
    // The writer fails: its error is the one reported, and the reader, still sending
    // (far more cards than the queue holds), is stopped instead of blocking forever.
    let failed = store.write(|s| {
        s.refuse_writes();
        import_streamed(s, ImportOptions::default(), &mut || {}, |sink| {
            for i in 0..100_000 {
                sink.add("Refused", card(&format!("k{i}"), "front", "back"))?;
            }
            Ok(())
        })
    });
    let error = failed.expect_err("fails");
    assert!(matches!(error, Error::Sqlite(_)), "{error}");
}

#[test]
fn deck_names_from_files_are_cleaned_into_names_that_select_them() {
    let cases = [
        ("Capitals", "Capitals"),
        ("  Capitals ::  Europe  ", "Capitals::Europe"),
        ("Evil\u{1b}]0;pwned\u{7} Deck", "Evil Deck"),
        ("two\nlines\tand\u{202e}bidi", "two lines andbidi"),
        ("A:::: B", "A::B"),
        ("::Lead::::Tail::", "Lead::Tail"),
        ("", "Default"),
        (" \n\u{200b} ", "Default"),
    ];
    for (raw, expected) in cases {
        assert_eq!(deck_name(raw), expected, "{raw:?}");
    }
}

/// Pieces that make card text hard to write and read back: structure of every format, quotes,
/// escapes, cloze marks, every kind of line break, and white space at the ends of lines.
const TRICKY: &[&str] = &[
    "Q:",
    "A:",
    "Tags:",
    "ID:",
    "# ",
    "## ",
    "#",
    "---",
    "***",
    "```",
    "~~~",
    "\\",
    "\\\\",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " ",
    "   ",
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "{{c1::",
    "}}",
    "{{c2::x::hint}}",
    "::",
    "<b>",
    "&amp;",
    "&lt;",
    "[[cards]]",
    "name =",
    ",",
    ";",
    "|",
    "é",
    "日本語",
    "🙂",
    "\u{a0}",
    "\u{200b}",
    "\u{2028}",
    "x",
    "word",
];

fn tricky_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        3 => proptest::sample::select(TRICKY).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 1..12).prop_map(|pieces| {
        // A card's text as the collection holds it: trimmed, never empty.
        let text = pieces.concat().trim().to_string();
        if text.is_empty() {
            "x".to_string()
        } else {
            text
        }
    })
}

fn tricky_word() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    // Keys and tags are one word: no white space, never empty.
    proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(&["#", "\"", "'", "::", "{{", "\\", "é", "-", "/"][..])
                .prop_map(str::to_string),
            "[a-zA-Z0-9]{1,4}",
            any::<char>()
                .prop_filter("one word", |c| !c.is_whitespace())
                .prop_map(String::from),
        ],
        1..5,
    )
    .prop_map(|pieces| pieces.concat())
}

fn tricky_deck() -> impl proptest::strategy::Strategy<Value = DeckData> {
    use proptest::prelude::*;
    let card = (
        tricky_text(),
        tricky_text(),
        proptest::collection::vec(tricky_word(), 0..4),
    );
    (
        proptest::sample::select(&["Deck", "Über::Sub deck", "#1 \"quoted\"", "a,b;c"][..]),
        proptest::collection::vec(card, 1..6),
    )
        .prop_map(|(name, cards)| DeckData {
            name: name.to_string(),
            description: String::new(),
            cards: cards
                .into_iter()
                .enumerate()
                .map(|(index, (front, back, mut tags))| {
                    // A card carries a tag once (as in Anki).
                    let mut seen = std::collections::HashSet::new();
                    tags.retain(|tag| seen.insert(tag.clone()));
                    DeckCard {
                        key: format!("#k{index}-{}", tags.first().map_or("", String::as_str)),
                        front,
                        back,
                        tags,
                        line: index + 1,
                        sibling: None,
                    }
                })
                .collect(),
        })
}

/// What a card is, whatever line it came from.
fn card_identities(deck: &DeckData) -> Vec<(String, String, String, String, Vec<String>)> {
    deck.cards
        .iter()
        .map(|c| {
            (
                deck.name.clone(),
                c.key.clone(),
                c.front.clone(),
                c.back.clone(),
                c.tags.clone(),
            )
        })
        .collect()
}

fn only_deck(batch: ImportBatch, format: &str) -> DeckData {
    assert!(
        batch.skipped.is_empty(),
        "{format}: skipped {:?}",
        batch.skipped
    );
    assert_eq!(batch.decks.len(), 1, "{format}: {:?}", batch.decks);
    batch.decks.into_iter().next().expect("one deck")
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Any deck the collection can hold, exported in each format and imported, is the same deck:
    /// the same keys, texts to the byte, tags, and deck name.
    #[test]
    fn every_export_format_reads_back_the_same_cards(deck in tricky_deck()) {
        let expected = card_identities(&deck);

        let toml = native::to_toml(&deck);
        let read = native::parse("deck.toml", &toml).expect("TOML export reads back");
        proptest::prop_assert_eq!(card_identities(&read), expected.clone(), "toml:\n{}", toml);

        let md = markdown::write(&deck);
        let read = only_deck(markdown::parse("deck.md", &md, "Default").expect("Markdown reads back"), "md");
        proptest::prop_assert_eq!(card_identities(&read), expected.clone(), "md:\n{}", md);

        let tsv = anki_text::write(std::slice::from_ref(&deck)).expect("TSV export");
        let options = anki_text::TextOptions { default_deck: "Default".to_string(), separator: Some(b'\t') };
        let read = only_deck(anki_text::parse("deck.tsv", tsv.as_bytes(), &options).expect("TSV reads back"), "tsv");
        proptest::prop_assert_eq!(card_identities(&read), expected, "tsv:\n{}", tsv);
    }
}

#[test]
fn a_tag_given_twice_is_carried_once_in_every_format() {
    let toml = "name = \"D\"\n[[cards]]\nid = \"k\"\nfront = \"f\"\nback = \"b\"\ntags = [\"x\", \"y\", \"x\"]\n";
    let md = "# D\nQ: f\nA: b\nTags: x y x\nID: k\n";
    let tsv = "#separator:tab\n#tags:x\n#tags column:3\nf\tb\ty x y\n";
    let options = anki_text::TextOptions {
        default_deck: "D".to_string(),
        separator: None,
    };
    let read = [
        native::parse("d.toml", toml).expect("toml"),
        only_deck(markdown::parse("d.md", md, "D").expect("md"), "md"),
        only_deck(
            anki_text::parse("d.tsv", tsv.as_bytes(), &options).expect("tsv"),
            "tsv",
        ),
    ];
    for deck in read {
        assert_eq!(deck.cards[0].tags, vec!["x", "y"], "{}", deck.name);
    }
}

#[test]
fn files_saved_with_windows_line_ends_give_plain_line_breaks() {
    let toml = "name = \"D\"\r\n[[cards]]\r\nid = \"k\"\r\nfront = \"f\"\r\nback = \"\"\"\r\none\r\ntwo\"\"\"\r\n";
    let md = "# D\r\nQ: f\r\nA: one  \r\ntwo\r\nID: k\r\n";
    let toml = native::parse("d.toml", toml).expect("toml");
    let md = only_deck(markdown::parse("d.md", md, "D").expect("md"), "md");
    assert_eq!(toml.cards[0].back, "one\ntwo");
    // Markdown keeps white space at the end of a line (two spaces are a line break there).
    assert_eq!(md.cards[0].back, "one  \ntwo");
    assert_eq!((md.name.as_str(), md.cards[0].key.as_str()), ("D", "k"));
}

#[test]
fn a_bulk_package_import_makes_the_same_collection_as_a_row_by_row_one() {
    // A bulk import drops the indexes its rows enter out of order and makes them again at the
    // end; each fixture imported both ways must leave every table, row and definition equal.
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/anki");
    let options = apkg::PackageOptions {
        now: chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00+01:00").expect("now"),
        rollover_hour: 4,
        limits: apkg::Limits::default(),
    };
    let mut packages = 0;
    for entry in std::fs::read_dir(&fixtures).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        if !(name.ends_with(".apkg") || name.ends_with(".colpkg")) {
            continue;
        }
        let import = |bulk_from: Option<usize>| {
            crate::store::BULK_ROWS_IN_TESTS.set(bulk_from);
            let store = Store::open_in_memory().expect("store").store;
            let imported = store
                .write(|s| {
                    import_package(
                        s,
                        &path,
                        &name,
                        &options,
                        ImportOptions::default(),
                        &mut || {},
                    )
                })
                .expect("import");
            crate::store::BULK_ROWS_IN_TESTS.set(None);
            (store.dump(), imported.carried)
        };
        let (row_by_row, carried) = import(None);
        let (bulk, bulk_carried) = import(Some(1));
        assert_eq!(carried, bulk_carried, "{name}");
        assert_eq!(row_by_row, bulk, "{name}");
        packages += 1;
    }
    assert!(packages >= 5, "fixtures found: {packages}");
}

#[test]
fn lines_read_one_at_a_time_are_the_lines_of_the_whole_text() {
    for text in [
        "",
        "a",
        "a\n",
        "a\nb",
        "\n\n",
        "a\r\nb\r\n",
        "a\rb\nc",
        "é\nü\n\n",
    ] {
        let mut reader = Text::Memory(text).lines("t").expect("lines");
        let mut lines = Vec::new();
        let mut windows = Vec::new();
        while let Some(line) = reader.next_line().expect("line") {
            assert_eq!(line.number, lines.len() + 1);
            lines.push(line.text.to_string());
            windows.push(line.windows);
        }
        assert_eq!(lines, text.split('\n').collect::<Vec<_>>(), "{text:?}");
        let crlf = text.find('\n').is_some_and(|at| text[..at].ends_with('\r'));
        assert!(windows.iter().all(|w| *w == crlf), "{text:?}");
    }
    // From a file: invalid UTF-8 names its line, whatever came before it.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("deck.md");
    let mut bytes = "# D\n\nQ?\n\nA\n".repeat(20_000).into_bytes();
    bytes.extend_from_slice(b"caf\xe9\n");
    std::fs::write(&path, bytes).expect("write");
    let mut reader = Text::File(&path).lines("deck.md").expect("opens");
    let error = loop {
        match reader.next_line() {
            Ok(Some(_)) => {}
            Ok(None) => panic!("the bad line was not noticed"),
            Err(error) => break error,
        }
    };
    assert_eq!(
        error.to_string(),
        "deck.md:100001: the file is not valid UTF-8 text"
    );
}

#[test]
fn new_cards_written_many_to_a_statement_keep_the_file_order_and_refuse_duplicates() {
    // Decks empty at the start take cards without a schedule CARDS_PER_INSERT at a time; a
    // change of deck and a scheduled card write the waiting ones first, so ids follow the file.
    let store = Store::open_in_memory().expect("store").store;
    let mut file: Vec<(&str, DeckCard, bool)> = Vec::new();
    for n in 0..150 {
        let deck = if (70..100).contains(&n) { "B" } else { "A" };
        let key = if n == 120 {
            "k10".to_string()
        } else {
            format!("k{n}")
        };
        file.push((deck, card(&key, &format!("Q{n}?"), "A"), n == 90));
    }
    let imported = store
        .write(|s| {
            let mut sink = StoreSink::new(s, ImportOptions::default());
            for (deck, card, scheduled) in file.clone() {
                if scheduled {
                    sink.add_scheduled(
                        deck,
                        card,
                        Schedule {
                            state: Some(scheduler::review(
                                CardState::NEW,
                                Grade::new(4).expect("grade"),
                                StudyDay::from_days_since_epoch(20_000),
                            )),
                            suspended: false,
                            source: 1,
                        },
                    )?;
                } else {
                    sink.add(deck, card)?;
                }
            }
            sink.finish()
        })
        .expect("import");
    let added: u32 = imported.reports.iter().map(|r| r.added).sum();
    assert_eq!(added, 149);
    assert_eq!(
        imported.skipped.0,
        vec![(
            "the same card appears twice in deck 'A' (the first one is kept)".to_string(),
            1
        )],
        "the second k10 of deck A"
    );
    let mut cards = Vec::new();
    for name in ["A", "B"] {
        let deck = store.deck_by_name(name).expect("q").expect("deck");
        cards.extend(store.cards_in_deck(deck.id).expect("cards"));
    }
    cards.sort_by_key(|card| card.id);
    let fronts: Vec<String> = cards.iter().map(|card| card.front.clone()).collect();
    let expected: Vec<String> = (0..150)
        .filter(|n| *n != 120)
        .map(|n| format!("Q{n}?"))
        .collect();
    assert_eq!(
        fronts, expected,
        "ids follow the file; the first of a duplicate is kept"
    );
    let counts = store
        .deck_counts(StudyDay::from_days_since_epoch(20_000))
        .expect("counts");
    let count = |name: &str| {
        let deck = counts.iter().find(|d| d.name == name).expect("listed");
        (deck.total, deck.new)
    };
    assert_eq!(count("A"), (119, 119));
    assert_eq!(count("B"), (30, 29));
}
