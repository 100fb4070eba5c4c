//! `cargo bench --bench imports`: how long importing takes as a whole `recall` process, and how
//! much memory it peaks at, each beside a floor measured in the same run: a plain rusqlite
//! program with recall's schema, pragmas and durability doing the same inserts as one bare
//! statement sequence. Figures, not pass/fail: the README quotes them.
//!
//! Workloads: a 100,000-line and a 1,000,000-line TSV; a 100,000-card Anki package with
//! 1,000,000 review-log rows (built from the legacy fixture's collection, so Anki itself imports
//! it too); the 100,000-card and 1,000,000-card decks exported by recall as TOML and as
//! Markdown, imported again. Every timed run starts after `sync` (no dirty pages of the run
//! before it).
//! Set `RECALL_BENCH_KEEP=DIR` to keep the generated files (the README's Anki comparison imports
//! the same files with `benches/anki_compare.py`).

mod common;

use common::{Run, median, recall, settle};
use recall::store::Store;
use rusqlite::{Connection, params};
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const TSV_LINES: usize = 100_000;
const BIG_TSV_LINES: usize = 1_000_000;
const PACKAGE_CARDS: usize = 100_000;
const REVIEWS_PER_CARD: i64 = 10;
/// The "Basic" note type and the default deck of `tests/fixtures/anki/legacy.apkg`.
const BASIC_NOTE_TYPE: i64 = 1_795_822_784_894;
const DEFAULT_DECK: i64 = 1;

fn import_into_fresh(dir: &Path, name: &str, file: &Path, runs: usize) -> Vec<Run> {
    (0..runs)
        .map(|run| {
            let db = dir.join(format!("{name}-{run}.db"));
            remove_db(&db);
            settle();
            recall(&[
                "--db".as_ref(),
                db.as_os_str(),
                "--now".as_ref(),
                "2026-12-01T12:00:00+00:00".as_ref(),
                "import".as_ref(),
                file.as_os_str(),
            ])
        })
        .collect()
}

fn report(name: &str, runs: &[Run], floor: Duration) {
    let time = median(runs.iter().map(|run| run.elapsed).collect());
    let peak = runs.iter().map(|run| run.peak_mib).fold(0.0, f64::max);
    println!(
        "{name:<46} median {:>9.3} s  peak {:>6.1} MiB  floor {:>7.3} s  ({:.2}x the floor, {} runs)",
        time.as_secs_f64(),
        peak,
        floor.as_secs_f64(),
        time.as_secs_f64() / floor.as_secs_f64(),
        runs.len()
    );
}

/// A kept directory (RECALL_BENCH_KEEP) may hold the last run's database: each floor and import
/// starts from none.
fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
}

/// An empty collection with recall's schema, opened as a plain connection with recall's pragmas.
fn floor_connection(path: &Path) -> Connection {
    drop(Store::open(path).expect("schema"));
    let conn = Connection::open(path).expect("opens");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
    )
    .expect("pragmas");
    conn
}

fn write_tsv(path: &Path, lines: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    for i in 0..lines {
        writeln!(
            out,
            "word number {i}\tmeaning of word {i}, with a comma\ttag{}",
            i % 7
        )
        .expect("write");
    }
    out.flush().expect("flush");
}

/// The floor for a TSV import: read the lines, insert one card per line in one transaction.
fn tsv_floor(dir: &Path, tsv: &Path, name: &str) -> Duration {
    let path = dir.join(format!("{name}-floor.db"));
    remove_db(&path);
    settle();
    let start = Instant::now();
    let mut conn = floor_connection(&path);
    let tx = conn.transaction().expect("tx");
    tx.execute("INSERT INTO decks (name) VALUES ('big')", [])
        .expect("deck");
    let deck = tx.last_insert_rowid();
    let mut count = 0i64;
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO cards (deck_id, key, front, back, tags) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .expect("prepare");
        let reader = std::io::BufReader::new(std::fs::File::open(tsv).expect("open"));
        for line in reader.lines() {
            let line = line.expect("line");
            let mut cells = line.split('\t');
            let front = cells.next().unwrap_or_default();
            let back = cells.next().unwrap_or_default();
            let tags = cells.next().unwrap_or_default();
            count += 1;
            insert
                .execute(params![deck, format!("t-{count:016x}"), front, back, tags])
                .expect("insert");
        }
    }
    tx.execute(
        "UPDATE deck_counts SET total = total + ?2, new = new + ?2 WHERE deck_id = ?1",
        params![deck, count],
    )
    .expect("count");
    tx.commit().expect("commit");
    start.elapsed()
}

/// A legacy Anki package (collection.anki21 + media) holding `PACKAGE_CARDS` Basic notes under
/// review and `REVIEWS_PER_CARD` review-log rows each, built on the fixture's collection so that
/// its note types, decks and schema are Anki's own.
fn write_package(dir: &Path, path: &Path) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/anki/legacy.apkg");
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(fixture).expect("fixture")).expect("zip");
    let collection = dir.join("collection.anki21");
    {
        let mut entry = archive.by_name("collection.anki21").expect("collection");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        std::fs::write(&collection, bytes).expect("write");
    }
    let mut conn = Connection::open(&collection).expect("opens");
    conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        .expect("pragmas");
    let crt: i64 = conn
        .query_row("SELECT crt FROM col", [], |row| row.get(0))
        .expect("crt");
    let tx = conn.transaction().expect("tx");
    tx.execute_batch("DELETE FROM notes; DELETE FROM cards; DELETE FROM revlog;")
        .expect("empty");
    {
        let mut note = tx
            .prepare(
                "INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
                 VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, 0, 0, '')",
            )
            .expect("notes");
        let mut card = tx
            .prepare(
                "INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor,
                                    reps, lapses, left, odue, odid, flags, data)
                 VALUES (?1, ?1, ?2, 0, ?3, -1, 2, 2, ?4, ?5, 2500, ?6, 1, 0, 0, 0, 0, '{}')",
            )
            .expect("cards");
        let mut review = tx
            .prepare(
                "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
                 VALUES (?1, ?2, -1, ?3, ?4, ?5, 2500, 4000, 1)",
            )
            .expect("revlog");
        let base_ms = crt * 1000;
        for i in 0..PACKAGE_CARDS {
            let n = i64::try_from(i).expect("small");
            let id = 1_700_000_000_000 + n;
            let front = format!("Question {i}: what is {}?", n * 7919 % 100_003);
            let back = format!("Answer {i}");
            note.execute(params![
                id,
                format!("g{i:08}"),
                BASIC_NOTE_TYPE,
                crt,
                format!(" t{} ", i % 50),
                format!("{front}\u{1f}{back}"),
                front
            ])
            .expect("note");
            let interval = 1 + n % 200;
            card.execute(params![
                id,
                DEFAULT_DECK,
                crt,
                300 + n % 90,
                interval,
                REVIEWS_PER_CARD
            ])
            .expect("card");
            for r in 0..REVIEWS_PER_CARD {
                // Unique millisecond ids spread over the collection's life, per card in order.
                let at = base_ms + r * 86_400_000 * 20 + n * 17;
                review
                    .execute(params![at, id, 1 + (n + r) % 4, interval, interval / 2])
                    .expect("review");
            }
        }
    }
    tx.commit().expect("commit");
    conn.execute_batch("VACUUM").expect("vacuum");
    drop(conn);

    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("package"));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    zip.start_file("collection.anki21", stored).expect("entry");
    std::io::copy(
        &mut std::fs::File::open(&collection).expect("collection"),
        &mut zip,
    )
    .expect("copy");
    zip.start_file("media", stored).expect("media");
    zip.write_all(b"{}").expect("media");
    zip.finish().expect("zip");
    collection
}

/// The floor for the package: recall's schema filled straight from the attached collection by
/// `INSERT ... SELECT` (one deck, one card per note, one history row per review-log row).
fn package_floor(dir: &Path, collection: &Path) -> Duration {
    let path = dir.join("package-floor.db");
    remove_db(&path);
    settle();
    let start = Instant::now();
    let conn = floor_connection(&path);
    conn.execute("ATTACH ?1 AS anki", [collection.to_string_lossy()])
        .expect("attach");
    conn.execute_batch(
        "BEGIN;
         INSERT INTO decks (name) VALUES ('Default');
         INSERT INTO cards (id, deck_id, key, front, back, tags, ease, reps, interval_days,
                            due_day, lapses)
         SELECT c.id, 1, n.guid, n.sfld, substr(n.flds, instr(n.flds, char(31)) + 1), trim(n.tags),
                c.factor / 10, c.reps, c.ivl, 20000 + c.due, c.lapses
           FROM anki.cards c JOIN anki.notes n ON n.id = c.nid ORDER BY c.id;
         INSERT INTO reviews (card_id, reviewed_at, study_day, grade, kind, response_ms,
                              ease_before, reps_before, interval_before, due_before, lapses_before,
                              ease_after, reps_after, interval_after, due_after, lapses_after)
         SELECT cid, id, id / 86400000, ease + 1, 'imported', time, factor / 10, 0, lastIvl,
                NULL, 0, factor / 10, 1, ivl, id / 86400000 + ivl, 0
           FROM anki.revlog ORDER BY cid, id;
         COMMIT;",
    )
    .expect("copy");
    start.elapsed()
}

/// Hostile fields that once took quadratic time: the same work at twice the size must take
/// about twice as long.
/// A field of about the given size.
type MakeField = fn(usize) -> String;

fn hostile_inputs() {
    let inputs: [(&str, MakeField); 4] = [
        ("bare '&'", |n| "&".repeat(n)),
        ("unclosed '<a'", |n| "<a".repeat(n / 2)),
        ("'<style>' without an end", |n| "<style>x".repeat(n / 8)),
        ("cloze markers", |n| "{{c1::x}} ".repeat(n / 10)),
    ];
    for (name, make) in inputs {
        let time = |size: usize| {
            let field = make(size);
            let start = Instant::now();
            let converted = recall::decks::html::to_text(&field);
            let numbers = recall::decks::anki::cloze::numbers(&field);
            std::hint::black_box((converted, numbers));
            start.elapsed()
        };
        let (small, large) = (time(256 * 1024), time(512 * 1024));
        println!(
            "to text: {name:<28} 256 KiB {:>8.2} ms   512 KiB {:>8.2} ms   ({:.2}x for 2x the input)",
            small.as_secs_f64() * 1000.0,
            large.as_secs_f64() * 1000.0,
            large.as_secs_f64() / small.as_secs_f64()
        );
    }
}

fn main() {
    // `cargo test` runs benches in test mode with --bench absent: keep that instant.
    if !std::env::args().any(|arg| arg == "--bench") {
        return;
    }
    // RECALL_BENCH_ONLY=tsv|apkg runs one workload (with its floor) instead of all.
    let only = std::env::var("RECALL_BENCH_ONLY").ok();
    let wanted = |name: &str| only.as_deref().is_none_or(|only| only == name);
    if wanted("hostile") {
        hostile_inputs();
    }
    let scratch = tempfile::tempdir().expect("temp dir");
    let keep = std::env::var_os("RECALL_BENCH_KEEP").map(PathBuf::from);
    let dir = keep.as_deref().unwrap_or(scratch.path());
    std::fs::create_dir_all(dir).expect("bench dir");

    if wanted("apkg") {
        let package = dir.join("collection-100k.apkg");
        let collection = write_package(dir, &package);
        report(
            "import a 100,000-card package, 1,000,000 reviews",
            &import_into_fresh(dir, "apkg", &package, 3),
            package_floor(dir, &collection),
        );
    }
    if !wanted("tsv") {
        return;
    }
    let tsv = dir.join("cards-100k.tsv");
    write_tsv(&tsv, TSV_LINES);
    let tsv_runs = import_into_fresh(dir, "tsv", &tsv, 5);
    report(
        "import a 100,000-line TSV",
        &tsv_runs,
        tsv_floor(dir, &tsv, "tsv"),
    );

    let big = dir.join("cards-1m.tsv");
    write_tsv(&big, BIG_TSV_LINES);
    report(
        "import a 1,000,000-line TSV",
        &import_into_fresh(dir, "big", &big, 1),
        tsv_floor(dir, &big, "big"),
    );

    // Re-import the 100,000-card and the 1,000,000-card decks as recall exported them (the
    // larger as TOML is 6,000,000 lines, as Markdown 7,000,000: memory must stay flat).
    for (source_db, deck, size, floor_tsv, runs) in [
        (dir.join("tsv-0.db"), "cards-100k", "100,000-card", &tsv, 3),
        (dir.join("big-0.db"), "cards-1m", "1,000,000-card", &big, 1),
    ] {
        for format in ["toml", "md"] {
            let exported = dir.join(format!("exported-{deck}.{format}"));
            recall(&[
                "--db".as_ref(),
                source_db.as_os_str(),
                "export".as_ref(),
                deck.as_ref(),
                "--format".as_ref(),
                format.as_ref(),
                "-o".as_ref(),
                exported.as_os_str(),
            ]);
            report(
                &format!("import the {size} deck exported as {format}"),
                &import_into_fresh(dir, format, &exported, runs),
                tsv_floor(dir, floor_tsv, format),
            );
        }
    }
}
