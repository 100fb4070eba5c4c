//! `cargo bench`: builds a synthetic collection (100,000 cards, 1,000,000 history rows, fixed
//! seed) and prints how long `decks`, `stats` and one durable answer take, in process and as a
//! whole `recall` process. Figures, not pass/fail: the README quotes them.

use recall::clock::FixedClock;
use recall::commands::{self, Context};
use recall::decks::{DeckCard, DeckData, sync_deck};
use recall::scheduler::{CardState, EaseFactor, Grade, StudyDay};
use recall::session::{AnswerTime, Prompter, Reply, record_answer};
use recall::settings::Settings;
use recall::store::{Review, ReviewKind, Store};
use std::time::{Duration, Instant};

mod common;

const CARDS: usize = 100_000;
const DECKS: usize = 20;
const HISTORY: usize = 1_000_000;
/// 2026-12-01, the bench's "today".
const TODAY: StudyDay = StudyDay::from_days_since_epoch(20_788);

/// xorshift64*: a fixed, dependency-free stream of numbers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct NoInput;

impl Prompter for NoInput {
    fn ask(&mut self, _prompt: &str) -> std::io::Result<Reply> {
        Ok(Reply::End)
    }
}

fn build(store: &Store) -> recall::Result<()> {
    let mut rng = Rng(0x5EED_2026);
    let per_deck = CARDS / DECKS;
    for deck in 0..DECKS {
        let cards = (0..per_deck)
            .map(|i| DeckCard {
                key: format!("c{i}"),
                front: format!("Question {i} of deck {deck}: what is {}?", rng.next()),
                back: format!("Answer {i}: {}", rng.next()),
                tags: vec![format!("t{}", i % 50)],
                line: i + 1,
                sibling: None,
            })
            .collect();
        let data = DeckData {
            name: format!("Bench::Deck {deck:02}"),
            description: String::new(),
            cards,
        };
        store.write(|s| sync_deck(s, &data).map(|_| ()))?;
    }
    // Schedules: 85% of cards reviewed, due from 30 days ago to a year ahead.
    let first_card: i64 = 1;
    store.write(|s| {
        for id in first_card..first_card + i64::try_from(CARDS).unwrap_or(0) {
            if rng.below(100) < 15 {
                continue;
            }
            let interval = 1 + u32::try_from(rng.below(365)).unwrap_or(1);
            let due_offset = i32::try_from(rng.below(395)).unwrap_or(0) - 30;
            let state = CardState {
                ease_factor: EaseFactor::from_hundredths(
                    130 + u32::try_from(rng.below(200)).unwrap_or(0),
                ),
                repetitions: 1 + u32::try_from(rng.below(10)).unwrap_or(0),
                interval_days: interval,
                due_day: Some(StudyDay::from_days_since_epoch(
                    TODAY.days_since_epoch() + due_offset,
                )),
                lapses: u32::try_from(rng.below(4)).unwrap_or(0),
            };
            s.save_schedule(id, &state)?;
        }
        Ok(())
    })?;
    // History: 1,000,000 answers over the last two years.
    let chunk = 100_000;
    for start in (0..HISTORY).step_by(chunk) {
        store.write(|s| {
            for _ in start..(start + chunk).min(HISTORY) {
                let card = first_card + i64::try_from(rng.below(CARDS as u64)).unwrap_or(0);
                let day = StudyDay::from_days_since_epoch(
                    TODAY.days_since_epoch() - i32::try_from(rng.below(730)).unwrap_or(0),
                );
                let grade =
                    Grade::new(u8::try_from(rng.below(6)).unwrap_or(5)).unwrap_or(Grade::PERFECT);
                let state = CardState {
                    ease_factor: EaseFactor::INITIAL,
                    repetitions: 1,
                    interval_days: 3,
                    due_day: Some(day),
                    lapses: 0,
                };
                s.insert_review(&Review {
                    id: 0,
                    card_id: card,
                    reviewed_at_ms: i64::from(day.days_since_epoch()) * 86_400_000,
                    study_day: day,
                    grade,
                    kind: ReviewKind::Scheduled,
                    response_ms: 4000,
                    before: state,
                    after: state,
                    leech_action: Default::default(),
                })?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index.min(samples.len() - 1)]
}

fn report(name: &str, samples: &mut [Duration]) {
    let p50 = percentile(samples, 0.5);
    let p99 = percentile(samples, 0.99);
    println!(
        "{name:<44} median {:>8.3} ms   p99 {:>8.3} ms   ({} runs)",
        p50.as_secs_f64() * 1000.0,
        p99.as_secs_f64() * 1000.0,
        samples.len()
    );
}

/// The store's own statements, run by the floors below exactly as recall runs them.
macro_rules! store_sql {
    ($name:literal) => {
        include_str!(concat!("../src/store/sql/", $name, ".sql"))
    };
}

/// A plain rusqlite connection with recall's pragmas: the floors' program.
fn floor_connection(db: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).expect("opens");
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -8192;",
    )
    .expect("pragmas");
    // As recall's store: a cached statement keeps its plan whatever values are bound to it.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )
    .expect("query planner stability");
    conn
}

/// The floor of `decks`: its two statements, every row read.
fn decks_floor(conn: &rusqlite::Connection) -> u64 {
    let mut total = 0u64;
    let mut decks = conn
        .prepare_cached(store_sql!("deck_counts"))
        .expect("prepare");
    let ids: Vec<i64> = decks
        .query_map([], |row| row.get(0))
        .expect("decks")
        .map(|id| id.expect("id"))
        .collect();
    let mut due = conn
        .prepare_cached(store_sql!("due_count"))
        .expect("prepare");
    for id in ids {
        total += due
            .query_row(rusqlite::params![id, TODAY.days_since_epoch()], |row| {
                row.get::<_, i64>(0)
            })
            .expect("due")
            .unsigned_abs();
    }
    total
}

/// Every deck's id, by `sql`.
fn deck_ids(conn: &rusqlite::Connection, sql: &str) -> Vec<i64> {
    conn.prepare_cached(sql)
        .expect("prepare")
        .query_map([], |row| row.get(0))
        .expect("ids")
        .map(|id| id.expect("id"))
        .collect()
}

/// Runs `sql` and reads every row it returns (the sum of its first column).
fn read_all(conn: &rusqlite::Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> u64 {
    let mut sum = 0;
    let mut stmt = conn.prepare_cached(sql).expect("prepare");
    let mut rows = stmt.query(params).expect("query");
    while let Some(row) = rows.next().expect("row") {
        sum += row.get::<_, i64>(0).unwrap_or(0).unsigned_abs();
    }
    sum
}

/// The floor of the greeting: the statements it runs (the decks, each one's due count, the
/// work done today, each deck's first new cards within the day's limit and today's unfinished
/// re-drills), every row read.
fn greeting_floor(conn: &rusqlite::Connection) -> u64 {
    let today = i64::from(TODAY.days_since_epoch());
    let mut sum = decks_floor(conn);
    sum += read_all(conn, store_sql!("work_done_by_deck"), &[&today]);
    for id in deck_ids(conn, store_sql!("all_decks")) {
        // The default limit of 20 new cards a day, and the 4 more read past siblings.
        sum += read_all(conn, store_sql!("new_cards"), &[&id, &24, &today]);
    }
    sum + read_all(conn, store_sql!("unfinished_today"), &[&today])
}

/// The floor of `stats`: the greeting's statements (stats shows what waits today too), then
/// its own over every deck (deleted decks' too), every row read and summed.
fn stats_floor(conn: &rusqlite::Connection) -> u64 {
    let today = i64::from(TODAY.days_since_epoch());
    let mut sum = greeting_floor(conn);
    let ids = deck_ids(conn, store_sql!("all_decks"));
    for id in ids.iter().chain([&0]) {
        sum += read_all(conn, store_sql!("deleted_in_deck"), &[id]);
    }
    sum += read_all(conn, store_sql!("day_totals"), &[&(today - 364), &today]);
    sum += read_all(conn, store_sql!("active_days_total"), &[]);
    for id in ids {
        sum += read_all(
            conn,
            store_sql!("forecast"),
            &[&id, &(today + 1), &(today + 30)],
        );
        sum += read_all(conn, store_sql!("ease_interval_histogram"), &[&id]);
    }
    sum
}

fn time_floor(runs: usize, mut work: impl FnMut() -> u64) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(work());
            start.elapsed()
        })
        .collect()
}

fn time_command(ctx: &Context<'_>, command: &recall::cli::Command, runs: usize) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            commands::run(command, ctx, &mut std::io::sink(), &mut NoInput).expect("command runs");
            start.elapsed()
        })
        .collect()
}

fn time_process(db: &std::path::Path, args: &[&str], runs: usize) -> Vec<Duration> {
    (0..runs)
        .map(|_| common::recall_at(db, args).elapsed)
        .collect()
}

fn report_with_memory(name: &str, db: &std::path::Path, args: &[&str], runs: usize) {
    let runs: Vec<common::Run> = (0..runs).map(|_| common::recall_at(db, args)).collect();
    let peak = runs.iter().map(|run| run.peak_mib).fold(0.0, f64::max);
    report(
        name,
        &mut runs.iter().map(|run| run.elapsed).collect::<Vec<_>>(),
    );
    println!("{:<44} peak RSS {peak:>7.1} MiB", "");
}

fn main() {
    // `cargo test` runs benches in test mode with --bench absent: keep that instant.
    if !std::env::args().any(|arg| arg == "--bench") {
        return;
    }
    let scratch = tempfile::tempdir().expect("temp dir");
    // RECALL_BENCH_KEEP=DIR keeps the collection (bench.db) for a closer look.
    let keep = std::env::var_os("RECALL_BENCH_KEEP").map(std::path::PathBuf::from);
    let dir = keep.as_deref().unwrap_or(scratch.path());
    std::fs::create_dir_all(dir).expect("bench dir");
    let db = dir.join("bench.db");
    let _ = std::fs::remove_file(&db);
    let store = Store::open(&db).expect("opens").store;
    let start = Instant::now();
    build(&store).expect("builds the collection");
    println!(
        "built {CARDS} cards in {DECKS} decks and {HISTORY} history rows in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let clock = FixedClock(
        chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00+00:00").expect("time"),
    );
    let ctx = Context {
        store: &store,
        clock: &clock,
        style: recall::text::Style::default(),
    };
    let decks = recall::cli::Command::Decks(recall::commands::decks::Args::default());
    let stats = recall::cli::Command::Stats(recall::commands::stats::Args::default());
    let floor = floor_connection(&db);
    report("decks (in process)", &mut time_command(&ctx, &decks, 50));
    report(
        "  floor: its statements, plain rusqlite",
        &mut time_floor(50, || decks_floor(&floor)),
    );
    let mut greetings = (0..50)
        .map(|_| {
            let start = Instant::now();
            commands::greeting(&ctx, &mut std::io::sink(), None).expect("greets");
            start.elapsed()
        })
        .collect::<Vec<_>>();
    report("the greeting (in process)", &mut greetings);
    report(
        "  floor: its statements, plain rusqlite",
        &mut time_floor(50, || greeting_floor(&floor)),
    );
    report(
        "stats over a year (in process)",
        &mut time_command(&ctx, &stats, 20),
    );
    report(
        "  floor: its statements, plain rusqlite",
        &mut time_floor(20, || stats_floor(&floor)),
    );
    report(
        "recall decks (whole process)",
        &mut time_process(&db, &["decks"], 30),
    );
    report(
        "recall stats (whole process)",
        &mut time_process(&db, &["stats"], 20),
    );
    // Listings that stream: memory stays flat however large the collection.
    report_with_memory(
        "recall cards --json, 100,000 cards (process)",
        &db,
        &["cards", "--json"],
        3,
    );
    report_with_memory(
        "recall export-history, 1,000,000 rows (process)",
        &db,
        &["export-history"],
        3,
    );

    // One durable answer: card state, history row, summary, fsync.
    let settings = Settings::default();
    let mut answers = Vec::new();
    let due: Vec<i64> = store
        .all_decks()
        .expect("decks")
        .iter()
        .flat_map(|deck| store.due_cards(deck.id, TODAY, TODAY).expect("due"))
        .map(|(card, _)| card)
        .take(5000)
        .collect();
    for (n, card) in due.iter().enumerate() {
        let when = AnswerTime {
            at_ms: 1_796_126_400_000 + i64::try_from(n).unwrap_or(0),
            study_day: TODAY,
            response_ms: 3000,
        };
        let grade = Grade::new(3 + u8::try_from(n % 3).unwrap_or(0)).expect("grade");
        let start = Instant::now();
        record_answer(
            &store,
            *card,
            ReviewKind::Scheduled,
            grade,
            &when,
            &settings,
        )
        .expect("answer");
        answers.push(start.elapsed());
    }
    report("one durable answer (synchronous=FULL)", &mut answers);
    // Its floor: the same card update and history row in one transaction, plain rusqlite,
    // its statements prepared once as recall's are.
    let mut floor = floor_connection(&db);
    let mut bare = Vec::new();
    for (n, card) in due.iter().enumerate().take(2000) {
        let start = Instant::now();
        let tx = floor.transaction().expect("tx");
        tx.prepare_cached(store_sql!("save_schedule"))
            .expect("prepare")
            .execute(rusqlite::params![
                card,
                250,
                3,
                15,
                TODAY.days_since_epoch() + 15,
                0
            ])
            .expect("schedule");
        tx.prepare_cached(store_sql!("insert_review"))
            .expect("prepare")
            .execute(rusqlite::params![
                card,
                1_796_126_500_000i64 + i64::try_from(n).unwrap_or(0),
                TODAY.days_since_epoch(),
                4,
                "scheduled",
                3000,
                250,
                3,
                15,
                TODAY.days_since_epoch() + 15,
                0,
                250,
                3,
                15,
                TODAY.days_since_epoch() + 15,
                0,
                0
            ])
            .expect("review");
        tx.commit().expect("commit");
        bare.push(start.elapsed());
    }
    report("  floor: update and insert, plain rusqlite", &mut bare);

    // Importing a 100,000-line TSV as a whole process, into a new collection each time.
    let tsv = dir.join("big.tsv");
    let mut text = String::with_capacity(6_000_000);
    for i in 0..100_000 {
        text.push_str(&format!(
            "word number {i}\tmeaning of word {i}, with a comma\ttag{}\n",
            i % 7
        ));
    }
    std::fs::write(&tsv, text).expect("write tsv");
    let binary = env!("CARGO_BIN_EXE_recall");
    let mut imports = Vec::new();
    for run in 0..5 {
        let fresh = dir.join(format!("import-{run}.db"));
        let start = Instant::now();
        let output = std::process::Command::new(binary)
            .arg("--db")
            .arg(&fresh)
            .arg("import")
            .arg(&tsv)
            .output()
            .expect("recall runs");
        imports.push(start.elapsed());
        assert!(output.status.success(), "{output:?}");
    }
    report(
        "recall import of a 100,000-line TSV (process)",
        &mut imports,
    );
}
