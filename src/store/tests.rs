use super::*;
use crate::decks::{DeckCard, DeckData, sync_deck};
use crate::scheduler::CardState;
use crate::scheduler::{self, Grade, StudyDay};

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("collection.db");
    (dir, path)
}

fn deck(name: &str, keys: &[&str]) -> DeckData {
    DeckData {
        name: name.to_string(),
        description: String::new(),
        cards: keys
            .iter()
            .enumerate()
            .map(|(line, key)| DeckCard {
                key: key.to_string(),
                front: format!("front {key}"),
                back: format!("back {key}"),
                tags: Vec::new(),
                line: line + 1,
                sibling: None,
            })
            .collect(),
    }
}

#[test]
fn a_new_file_is_created_private_and_migrated_once() {
    let (_dir, path) = temp_db();
    let first = Store::open(&path).expect("creates");
    assert!(first.created);
    assert_eq!(
        first.store.schema_version().expect("version"),
        SCHEMA_VERSION
    );
    drop(first);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = Store::open(&path).expect("reopens");
    assert!(
        !again.created,
        "reopening must not count as a new collection"
    );
    assert_eq!(
        again.store.schema_version().expect("version"),
        SCHEMA_VERSION
    );
}

#[test]
fn an_empty_existing_file_becomes_a_collection() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, b"").expect("empty file");
    assert!(Store::open(&path).expect("opens").created);
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let (_dir, path) = temp_db();
    {
        let conn = Connection::open(&path).expect("sqlite");
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .expect("future schema");
    }
    let before = std::fs::read(&path).expect("read");
    let error = Store::open(&path).err().expect("refused");
    let message = error.to_string();
    assert!(
        matches!(error, Error::NewerSchema { found: 99, .. }),
        "{message}"
    );
    assert!(
        message.contains("99") && message.contains("upgrade recall"),
        "{message}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "file was modified"
    );
    assert!(!path.with_extension("db-wal").exists(), "WAL was turned on");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let (_dir, path) = temp_db();
    let junk = b"name = \"not a database\"\n".repeat(200);
    std::fs::write(&path, &junk).expect("junk");
    let error = Store::open(&path).err().expect("refused");
    assert!(matches!(error, Error::NotADatabase { .. }), "{error}");
    assert!(error.to_string().contains("not a recall database"));
    assert_eq!(std::fs::read(&path).expect("read"), junk);
}

#[test]
fn a_database_written_by_an_earlier_version_keeps_its_data() {
    // Version 1 as it shipped, frozen as a file: not rebuilt from today's migration text.
    let (_dir, path) = temp_db();
    std::fs::write(&path, include_bytes!("../../tests/fixtures/db/v1.db")).expect("v1 file");
    let opened = Store::open(&path).expect("opens");
    assert!(!opened.created);
    let store = opened.store;
    let deck = store
        .deck_by_name("Old")
        .expect("query")
        .expect("deck kept");
    let card = store
        .card_by_key(deck.id, "k")
        .expect("query")
        .expect("card kept");
    assert_eq!(card.state.ease_factor.hundredths(), 236);
    assert_eq!(card.state.interval_days, 17);
    assert_eq!(
        card.state.due_day,
        Some(StudyDay::from_days_since_epoch(20000))
    );
    // Migration 2 built the per-day summary from the history it found.
    let day = StudyDay::from_days_since_epoch(19983);
    let summaries = store.day_summaries(deck.id, day, day).expect("summaries");
    assert_eq!(summaries.len(), 1);
    assert_eq!(
        (
            summaries[0].scheduled,
            summaries[0].passed,
            summaries[0].redrill
        ),
        (1, 1, 1)
    );
    assert_eq!(store.reviews_of_card(card.id).expect("reviews").len(), 2);
    // Migration 4 let the history outlive its card: deleting keeps both rows.
    store
        .write(|s| s.delete_card(card.id, 0))
        .expect("a card with history can be deleted");
    assert_eq!(store.deleted_in_deck(deck.id).expect("query"), (1, 2));
    // Migration 7 edited the history's definition in place: the rule reads as comparisons,
    // and the file is sound.
    let definition: String = store
        .conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'reviews'",
            [],
            |row| row.get(0),
        )
        .expect("definition");
    assert!(
        definition.contains("CHECK (kind = 'scheduled' OR kind = 'redrill'")
            && !definition.contains("kind IN"),
        "{definition}"
    );
    assert_eq!(store.integrity_check().expect("check"), "ok");
}

/// FNV-1a over a migration's text: stable across Rust versions, enough to notice an edit.
fn checksum(text: &str) -> u64 {
    let mut hasher = crate::decks::Fnv::default();
    std::hash::Hasher::write(&mut hasher, text.as_bytes());
    std::hash::Hasher::finish(&hasher)
}

#[test]
fn shipped_migrations_are_never_edited() {
    // Once a migration has shipped, databases in the wild have run it: editing it would leave
    // them with a schema that no version describes. Add a new migration instead, and append
    // its checksum here.
    let shipped: &[u64] = &[
        0xfd5d_666f_83f6_8c52,
        0x776f_d084_75d9_170e,
        0x3355_2b7f_17cc_1644,
        0xeef1_b674_69f4_7d49,
        0x2393_821b_116d_ea72,
        0xc127_81ec_5124_c952,
        0xb00e_d632_fe31_0d4d,
        0xaa0d_d84d_65e9_62ba,
        0x7696_e72c_4a30_6b86,
    ];
    let actual: Vec<u64> = MIGRATIONS
        .iter()
        .map(|migration| match migration {
            Migration::Sql(script) | Migration::SchemaEdit(script) => checksum(script),
            Migration::Rust(_) => 0,
        })
        .collect();
    assert_eq!(
        &actual[..shipped.len()],
        shipped,
        "a shipped migration was edited: {actual:x?}"
    );
    assert_eq!(
        actual.len(),
        shipped.len(),
        "a new migration needs its checksum recorded here: {actual:x?}"
    );
}

/// Three decks of 200 cards, analysed: plans depend on statistics, so give SQLite a realistic
/// shape to plan for.
fn analysed_store() -> Store {
    let store = Store::open_in_memory().expect("store").store;
    store
        .write(|s| {
            for d in 0..3 {
                let keys: Vec<String> = (0..200).map(|i| format!("c{i}")).collect();
                let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
                sync_deck(s, &deck(&format!("deck {d}"), &refs))?;
            }
            Ok(())
        })
        .expect("seed");
    store.conn.execute_batch("ANALYZE").expect("analyze");
    store
}

#[test]
fn hot_queries_use_indexes_not_table_scans() {
    let store = analysed_store();
    for (name, statement) in HOT_STATEMENTS {
        let plan = store.query_plan(statement).expect(name);
        // Reading one row from the end of an index (newest first, LIMIT 1) stops at once.
        let first_of_index = statement.trim_end().ends_with("LIMIT 1");
        for line in &plan {
            // Only the decks table (a handful of rows) may be walked whole, the one day's
            // answers `unfinished_today` gathers (read through the day's index), and the
            // collection's days (one row a day of its life: the longest streak needs them all).
            let scans_big_table = line.starts_with("SCAN")
                && !line.starts_with("SCAN d ")
                && line != "SCAN answered"
                && !(*name == "active_days_total" && line == "SCAN day_totals")
                && !(first_of_index && line.contains("USING INDEX"));
            assert!(!scans_big_table, "{name} scans a table: {plan:?}");
        }
    }
}

#[test]
fn statistics_read_a_few_rows_of_the_histogram() {
    let store = analysed_store();
    let plan = store
        .query_plan(sql!("ease_interval_histogram"))
        .expect("plan")
        .join(" / ");
    assert!(
        plan.contains("SEARCH card_histogram USING PRIMARY KEY (deck_id=?)"),
        "{plan}"
    );
}

#[test]
fn trigger_counts_match_a_direct_count() {
    let store = Store::open_in_memory().expect("store").store;
    let today = StudyDay::from_days_since_epoch(20_000);
    store
        .write(|s| {
            sync_deck(s, &deck("A", &["a1", "a2", "a3", "a4"]))?;
            sync_deck(s, &deck("B", &["b1", "b2"]))?;
            Ok(())
        })
        .expect("seed");
    let a = store.deck_by_name("A").expect("q").expect("A");
    let a1 = store.card_by_key(a.id, "a1").expect("q").expect("a1");
    let a2 = store.card_by_key(a.id, "a2").expect("q").expect("a2");
    let five = Grade::new(5).expect("grade");
    store
        .save_schedule(a1.id, &scheduler::review(a1.state, five, today))
        .expect("review a1");
    // a2 reviewed long ago: due today.
    let old = StudyDay::from_days_since_epoch(19_990);
    store
        .save_schedule(a2.id, &scheduler::review(a2.state, five, old))
        .expect("review a2");
    store
        .conn
        .execute("UPDATE cards SET suspended = 1 WHERE key = 'a3'", [])
        .expect("suspend");
    let counts = store.deck_counts(today).expect("counts");
    let summary: Vec<(String, u32, u32, u32, u32)> = counts
        .into_iter()
        .map(|c| (c.name, c.total, c.new, c.due, c.suspended))
        .collect();
    assert_eq!(
        summary,
        vec![("A".to_string(), 4, 1, 1, 1), ("B".to_string(), 2, 2, 0, 0),]
    );
    let direct: (u32, u32, u32) = store
        .conn
        .query_row(
            "SELECT count(*), sum(due_day IS NULL AND suspended = 0), sum(suspended)
               FROM cards WHERE deck_id = ?1",
            [a.id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .expect("direct count");
    assert_eq!(direct, (4, 1, 1));
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let store = Store::open_in_memory().expect("store").store;
    let result: Result<()> = store.write(|s| {
        sync_deck(s, &deck("Half", &["x", "y"]))?;
        Err(Error::Usage("stop half-way".into()))
    });
    assert!(result.is_err());
    assert_eq!(store.deck_by_name("Half").expect("query"), None);
    assert!(
        store
            .deck_counts(StudyDay::from_days_since_epoch(0))
            .expect("counts")
            .is_empty()
    );
}

#[test]
fn hot_statements_are_prepared_once_however_often_they_run() {
    // rusqlite clears a cached statement's bindings when it returns to the cache; without the
    // query planner stability guarantee SQLite then throws away any plan that depended on a
    // bound value and parses the statement again on its next run.
    let store = analysed_store();
    let decks = store.all_decks().expect("decks");
    let five = Grade::new(5).expect("grade");
    for round in 0..50u32 {
        let today = StudyDay::from_days_since_epoch(20_000 + i32::try_from(round).expect("small"));
        for deck in &decks {
            let key = format!("c{}", round % 200);
            let card = store
                .card_by_key(deck.id, &key)
                .expect("query")
                .expect("card");
            store.card(card.id).expect("card by id");
            store
                .save_schedule(card.id, &scheduler::review(card.state, five, today))
                .expect("schedule");
            store.due_cards(deck.id, today, today).expect("due");
            store.new_cards(deck.id, round, today).expect("new");
            store.due_count(deck.id, today).expect("due count");
            store.next_due_day(deck.id, today).expect("next due");
            store
                .forecast(deck.id, today, today.plus_days(30))
                .expect("forecast");
            store.day_summaries(deck.id, today, today).expect("days");
            store.active_days(deck.id).expect("active days");
        }
        store.deck_counts(today).expect("counts");
        store.work_done_by_deck(today).expect("work done");
        store.last_answer().expect("last answer");
        store
            .last_review_of_card(decks[0].id)
            .expect("last review of a card");
        store
            .for_each_review(None, Some(today), |_| Ok(()))
            .expect("history");
    }
    for (name, statement) in HOT_STATEMENTS {
        let reprepared = store.reprepares(statement).expect(name);
        assert_eq!(
            reprepared, 0,
            "{name} was prepared again {reprepared} times"
        );
    }
}

#[test]
fn statement_journals_stay_in_memory_and_large_sorts_go_to_a_file() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).expect("opens").store;
    let temp_store: i64 = store
        .conn
        .query_row("PRAGMA temp_store", [], |row| row.get(0))
        .expect("pragma");
    assert_eq!(temp_store, 1, "temp_store=FILE");
    // The bundled SQLite is built as .cargo/config.toml says (with SQLite's recommended
    // options for speed, and statement journals never spilled to a file).
    let options: Vec<String> = store
        .all("PRAGMA compile_options", [], |row| row.get(0))
        .expect("options");
    for wanted in [
        "STMTJRNL_SPILL=-1",
        "DEFAULT_MEMSTATUS=0",
        "OMIT_SHARED_CACHE",
        "LIKE_DOESNT_MATCH_BLOBS",
        "USE_ALLOCA",
    ] {
        assert!(options.iter().any(|o| o == wanted), "{wanted}: {options:?}");
    }
}

/// A collection with deck A (cards a1, a2) and deck B (card b1).
fn two_decks() -> Store {
    let store = Store::open_in_memory().expect("store").store;
    store
        .write(|s| {
            sync_deck(s, &deck("A", &["a1", "a2"]))?;
            sync_deck(s, &deck("B", &["b1"]))
        })
        .expect("seed");
    store
}

#[test]
fn imported_history_written_in_bulk_is_summarised_like_row_by_row() {
    let store = two_decks();
    let ids: Vec<(DeckId, CardId)> = ["A", "B"]
        .iter()
        .flat_map(|name| {
            let deck = store.deck_by_name(name).expect("q").expect("deck");
            store
                .card_keys_in_deck(deck.id)
                .expect("keys")
                .into_iter()
                .map(move |key| (deck.id, key))
        })
        .map(|(deck, key)| {
            let card = store.card_by_key(deck, &key).expect("q").expect("card");
            (deck, card.id)
        })
        .collect();
    // 150 rows: two full statements of 64 and a remainder of 22, over three cards and days.
    let written = store
        .write(|s| {
            let mut batch = s.review_batch();
            for n in 0..150i64 {
                let (deck, card) = ids[usize::try_from(n % 3).expect("small")];
                batch.push(
                    deck,
                    Review {
                        id: 0,
                        card_id: card,
                        reviewed_at_ms: n * 1000,
                        study_day: StudyDay::from_days_since_epoch(
                            20_000 + i32::try_from(n % 5).expect("small"),
                        ),
                        grade: Grade::new(4).expect("grade"),
                        kind: ReviewKind::Imported,
                        response_ms: n,
                        before: scheduler::CardState::NEW,
                        after: scheduler::CardState::NEW,
                        leech_action: LeechAction::None,
                    },
                )?;
            }
            batch.finish()
        })
        .expect("bulk");
    assert_eq!(written, 150);
    // Rows keep the order they were pushed in: ids follow the times.
    let in_order: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM reviews a JOIN reviews b ON b.id = a.id + 1
              WHERE b.reviewed_at = a.reviewed_at + 1000",
            [],
            |row| row.get(0),
        )
        .expect("order");
    assert_eq!(in_order, 149);
    // The summary holds exactly what a per-row trigger would have counted.
    let mismatched: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM (
                 SELECT c.deck_id, r.study_day, count(*) AS n
                   FROM reviews r JOIN cards c ON c.id = r.card_id GROUP BY 1, 2) direct
              FULL JOIN day_summary s
                ON s.deck_id = direct.deck_id AND s.study_day = direct.study_day
             WHERE s.imported IS NOT direct.n",
            [],
            |row| row.get(0),
        )
        .expect("compare");
    assert_eq!(mismatched, 0);
    // A learner's own answer cannot pose as imported history, and the reverse.
    let own = Review {
        id: 0,
        card_id: ids[0].1,
        reviewed_at_ms: 0,
        study_day: StudyDay::from_days_since_epoch(20_000),
        grade: Grade::new(4).expect("grade"),
        kind: ReviewKind::Imported,
        response_ms: 0,
        before: scheduler::CardState::NEW,
        after: scheduler::CardState::NEW,
        leech_action: LeechAction::None,
    };
    assert!(store.insert_review(&own).is_err());
    let mut batch = store.review_batch();
    assert!(
        batch
            .push(
                ids[0].0,
                Review {
                    kind: ReviewKind::Scheduled,
                    ..own
                }
            )
            .is_err()
    );
}

#[test]
fn a_collection_that_cannot_be_written_says_so_before_any_work() {
    let store = Store::open_in_memory().expect("store").store;
    assert!(store.check_writable().is_ok());
    store.refuse_writes();
    let error = store.check_writable().expect_err("read-only");
    assert!(matches!(error, Error::ReadOnly { .. }), "{error:?}");
    assert!(error.to_string().contains("cannot be written"), "{error}");
}

#[test]
fn a_bulk_history_import_leaves_the_schema_as_the_migrations_made_it() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).expect("opens").store;
    let schema = |store: &Store| -> Vec<(String, String, Option<String>)> {
        let mut stmt = store
            .conn
            .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            .expect("prepare");
        stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .expect("query")
            .map(|row| row.expect("row"))
            .collect()
    };
    let before = schema(&store);
    store
        .write(|s| {
            sync_deck(s, &deck("D", &["a"]))?;
            let deck = s.deck_by_name("D")?.expect("deck");
            let card = s.card_by_key(deck.id, "a")?.expect("card");
            let mut definitions = s.suspend_upkeep(Upkeep::History)?;
            // The per-day index and the summary's insert trigger.
            assert_eq!(definitions.len(), 2, "{definitions:?}");
            let cards = s.suspend_upkeep(Upkeep::Cards)?;
            // By due day, by ease and interval, by sibling group.
            assert_eq!(cards.len(), 3, "{cards:?}");
            definitions.extend(cards);
            let mut batch = s.review_batch();
            for day in 0..3 {
                let study_day = StudyDay::from_days_since_epoch(20_000 + day);
                let state = CardState {
                    due_day: Some(study_day.plus_days(1)),
                    ..CardState::NEW
                };
                batch.push(
                    deck.id,
                    Review {
                        id: 0,
                        card_id: card.id,
                        reviewed_at_ms: i64::from(study_day.days_since_epoch()) * 86_400_000,
                        study_day,
                        grade: Grade::PERFECT,
                        kind: ReviewKind::Imported,
                        response_ms: 0,
                        before: CardState::NEW,
                        after: state,
                        leech_action: LeechAction::None,
                    },
                )?;
            }
            batch.finish()?;
            s.restore_upkeep(&definitions)
        })
        .expect("bulk import");
    assert_eq!(schema(&store), before);
    assert_eq!(store.integrity_check().expect("check"), "ok");
    // The indexes hold the rows written while they were away.
    let deck = store.deck_by_name("D").expect("q").expect("deck");
    let card = store.card_by_key(deck.id, "a").expect("q").expect("card");
    assert_eq!(store.reviews_of_card(card.id).expect("reviews").len(), 3);
    assert_eq!(
        store
            .day_summaries(
                deck.id,
                StudyDay::from_days_since_epoch(20_000),
                StudyDay::from_days_since_epoch(20_002)
            )
            .expect("days")
            .len(),
        3
    );
}

#[test]
fn writing_history_builds_no_temporary_table_per_row() {
    // A CHECK with an IN list of more than two values makes SQLite build a b-tree of the list
    // for every row written (a fifth of a million-row import); migration 7 says the rule on a
    // history row's kind as comparisons. Pinned on the programs SQLite compiles, not on time.
    let store = Store::open_in_memory().expect("opens").store;
    let temporary_tables = |sql: &str| {
        let mut explain = store
            .conn
            .prepare(&format!("EXPLAIN {sql}"))
            .expect("explain");
        // Unbound parameters are NULL: only the program is read.
        let mut rows = explain.raw_query();
        let mut opcodes: Vec<String> = Vec::new();
        while let Some(row) = rows.next().expect("program") {
            opcodes.push(row.get(1).expect("opcode"));
        }
        assert!(opcodes.iter().any(|op| op == "Insert"), "{opcodes:?}");
        opcodes.iter().filter(|op| *op == "OpenEphemeral").count()
    };
    // One answer: none. Many rows in one statement: at most the one that holds the rows while
    // the insert trigger runs (none once a bulk import dropped it), never one per row.
    assert_eq!(temporary_tables(sql!("insert_review")), 0);
    assert!(temporary_tables(&super::reviews::insert_reviews_sql(4)) <= 1);
    store
        .execute_script("DROP TRIGGER reviews_summary_insert")
        .expect("drop");
    assert_eq!(temporary_tables(&super::reviews::insert_reviews_sql(4)), 0);
    // The rule itself still holds, for every kind.
    let insert = |kind: &str| {
        store.conn.execute(
            "INSERT INTO reviews (card_id, reviewed_at, study_day, grade, kind, ease_before,
                                  reps_before, interval_before, lapses_before, ease_after,
                                  reps_after, interval_after, lapses_after)
             VALUES (-1, 0, 0, 3, ?1, 250, 0, 0, 0, 250, 1, 1, 0)",
            [kind],
        )
    };
    let refused = insert("bogus").expect_err("an unknown kind is refused");
    assert!(
        refused.to_string().contains("CHECK constraint failed"),
        "{refused}"
    );
    for kind in ["scheduled", "redrill", "cram", "imported"] {
        if let Err(error) = insert(kind) {
            assert!(
                !error.to_string().contains("CHECK"),
                "{kind} refused by the rule: {error}"
            );
        }
    }
}

#[test]
fn a_bulk_import_is_a_large_one_beside_what_the_table_holds() {
    for (rows, held, bulk) in [
        (49_999, 0, false),
        (50_000, 0, true),
        (1_000_000, 999_999, true),
        (1_000_000, 1_000_000, true),
        (50_000, 50_001, false),
        (0, 0, false),
    ] {
        assert_eq!(is_bulk(rows, held), bulk, "{rows} rows into {held}");
    }
    let store = Store::open_in_memory().expect("opens").store;
    assert!(store.bulk_cards(50_000).expect("empty collection"));
    assert!(!store.bulk_cards(49_999).expect("too few"));
    assert!(store.bulk_history(50_000).expect("empty history"));
}

#[test]
fn counting_what_waits_today_reads_indexes_only() {
    // The greeting, `stats` and the end of a session count new cards (one per sibling group)
    // and today's re-drills: from covering indexes (migration 8), never a table row per card.
    let store = Store::open_in_memory().expect("opens").store;
    for (name, sql, index) in [
        ("new_cards", sql!("new_cards"), "cards_new"),
        (
            "unfinished_today",
            sql!("unfinished_today"),
            "cards_redrill",
        ),
    ] {
        let mut explain = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("explain");
        let mut rows = explain.raw_query();
        let mut plan: Vec<String> = Vec::new();
        while let Some(row) = rows.next().expect("plan") {
            plan.push(row.get(3).expect("detail"));
        }
        assert!(
            plan.iter()
                .any(|step| step.contains(&format!("COVERING INDEX {index}"))),
            "{name}: {plan:?}"
        );
    }
}

#[test]
fn the_whole_collections_day_totals_are_the_sum_of_every_decks_summary() {
    // Kept by triggers on the per-deck summary through answers of every kind, imported
    // history, an undone answer and a deleted deck (its summary moved to deck 0).
    let store = two_decks();
    let card_of = |name: &str, key: &str| {
        let deck = store.deck_by_name(name).expect("q").expect("deck");
        (
            deck.id,
            store
                .card_by_key(deck.id, key)
                .expect("q")
                .expect("card")
                .id,
        )
    };
    let review = |card: CardId, day: i32, grade: u8, kind: ReviewKind| Review {
        id: 0,
        card_id: card,
        reviewed_at_ms: i64::from(day) * 86_400_000,
        study_day: StudyDay::from_days_since_epoch(day),
        grade: Grade::new(grade).expect("grade"),
        kind,
        response_ms: 0,
        before: CardState::NEW,
        after: CardState::NEW,
        leech_action: LeechAction::None,
    };
    let ((a, a1), (_, a2), (b, b1)) = (card_of("A", "a1"), card_of("A", "a2"), card_of("B", "b1"));
    store
        .write(|s| {
            for (card, day, grade, kind) in [
                (a1, 20_000, 4, ReviewKind::Scheduled),
                (a2, 20_000, 2, ReviewKind::Scheduled),
                (a2, 20_000, 4, ReviewKind::Redrill),
                (b1, 20_000, 5, ReviewKind::Scheduled),
                (b1, 20_001, 3, ReviewKind::Cram),
                (a1, 20_002, 1, ReviewKind::Scheduled),
            ] {
                s.insert_review(&review(card, day, grade, kind))?;
            }
            let mut batch = s.review_batch();
            batch.push(a, review(a1, 19_990, 4, ReviewKind::Imported))?;
            batch.push(b, review(b1, 20_000, 4, ReviewKind::Imported))?;
            batch.finish().map(|_| ())
        })
        .expect("answers");
    let last = store.last_answer().expect("q").expect("an answer");
    store.write(|s| s.delete_review(last.id)).expect("undo");
    let b_deck = store.deck_by_name("B").expect("q").expect("B");
    store
        .write(|s| {
            s.delete_card(b1, 0)?;
            s.delete_deck(b_deck.id)
        })
        .expect("delete deck B");
    let rows = |sql: &str| -> Vec<(i64, i64, i64, i64, i64, i64, i64)> {
        store
            .all(sql, [], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                    row.get(6)?,
                ))
            })
            .expect("rows")
    };
    let totals = rows(
        "SELECT * FROM day_totals
          WHERE scheduled OR passed OR new_seen OR redrill OR cram OR imported
          ORDER BY study_day",
    );
    let summed = rows(
        "SELECT study_day, sum(scheduled), sum(passed), sum(new_seen), sum(redrill), sum(cram),
                sum(imported)
           FROM day_summary GROUP BY study_day
         HAVING sum(scheduled) OR sum(passed) OR sum(new_seen) OR sum(redrill) OR sum(cram)
                OR sum(imported)
          ORDER BY study_day",
    );
    assert_eq!(totals, summed);
    // Day 20,000: a1 and b1 scheduled and passed, a2 failed then re-drilled, b1's imported row;
    // day 20,001: b1 crammed (kept in deck 0 after B went); a1's answer of day 20,002 undone.
    assert_eq!(
        totals,
        vec![
            (19_990, 0, 0, 0, 0, 0, 1),
            (20_000, 3, 2, 3, 1, 0, 1),
            (20_001, 0, 0, 0, 0, 1, 0),
        ]
    );
    assert_eq!(
        store
            .active_days_total()
            .expect("days")
            .iter()
            .map(|d| d.days_since_epoch())
            .collect::<Vec<_>>(),
        vec![20_000, 20_001]
    );
}

#[test]
fn many_rows_to_a_statement_number_every_rows_parameters_and_keep_the_tail_once() {
    for (single, rows, expected) in [
        (
            "INSERT INTO t (a, b) VALUES (?1, ?2)",
            1,
            "INSERT INTO t (a, b) VALUES (?1, ?2)",
        ),
        (
            "INSERT INTO t (a, b) VALUES (?1, ?2)",
            3,
            "INSERT INTO t (a, b) VALUES (?1, ?2),\n(?3, ?4),\n(?5, ?6)",
        ),
        (
            "INSERT INTO t (a, b)\nVALUES (?1, ?2)\n  ON CONFLICT (a) DO NOTHING",
            2,
            "INSERT INTO t (a, b)\nVALUES (?1, ?2),\n(?3, ?4)\n  ON CONFLICT (a) DO NOTHING",
        ),
    ] {
        assert_eq!(
            super::multi_row_sql(single, rows),
            expected,
            "{single} x {rows}"
        );
    }
    // The shipped statements prepare with 64 rows and every parameter their own.
    let store = Store::open_in_memory().expect("store").store;
    for (single, per_row) in [
        (include_str!("sql/insert_card_if_absent.sql"), 12),
        (include_str!("sql/insert_review.sql"), 17),
    ] {
        let statement = store
            .conn
            .prepare(&super::multi_row_sql(single, 64))
            .expect("prepares");
        assert_eq!(statement.parameter_count(), 64 * per_row);
    }
}
