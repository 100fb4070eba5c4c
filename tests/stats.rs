//! `stats` on a hand-made history with known answers: streaks, retention, today's numbers, and
//! the charts compared with the expected text.

mod common;

use common::{Sandbox, deck_toml};
use recall::scheduler::{Grade, StudyDay};
use recall::session::{AnswerTime, record_answer};
use recall::settings::Settings;
use recall::store::ReviewKind;

fn day(text: &str) -> StudyDay {
    StudyDay::from_date(chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date"))
}

/// Card `a`: six days in a row (Nov 10-15) graded 5 5 2 4 3 1, a cram on Nov 20, then four days
/// in a row (Nov 28 - Dec 1) graded 5 2 4 5 with a re-drill 4 on Nov 29. Card `b`: one answer
/// on Nov 30, graded 4.
fn hand_made_history() -> Sandbox {
    let sandbox = Sandbox::new();
    let file = sandbox.write(
        "s.toml",
        &deck_toml("S", &[("a", "A?", "a"), ("b", "B?", "b"), ("c", "C?", "c")]),
    );
    sandbox.import("2026-11-01", &file);
    let store = sandbox.store();
    let deck = store.deck_by_name("S").expect("query").expect("deck");
    let id = |key: &str| {
        store
            .card_by_key(deck.id, key)
            .expect("query")
            .expect("card")
            .id
    };
    let answers = [
        ("a", "2026-11-10", 5, ReviewKind::Scheduled),
        ("a", "2026-11-11", 5, ReviewKind::Scheduled),
        ("a", "2026-11-12", 2, ReviewKind::Scheduled),
        ("a", "2026-11-13", 4, ReviewKind::Scheduled),
        ("a", "2026-11-14", 3, ReviewKind::Scheduled),
        ("a", "2026-11-15", 1, ReviewKind::Scheduled),
        ("a", "2026-11-20", 2, ReviewKind::Cram),
        ("a", "2026-11-28", 5, ReviewKind::Scheduled),
        ("a", "2026-11-29", 2, ReviewKind::Scheduled),
        ("a", "2026-11-29", 4, ReviewKind::Redrill),
        ("a", "2026-11-30", 4, ReviewKind::Scheduled),
        ("b", "2026-11-30", 4, ReviewKind::Scheduled),
        ("a", "2026-12-01", 5, ReviewKind::Scheduled),
    ];
    for (key, when, grade, kind) in answers {
        let study_day = day(when);
        let at_ms = i64::from(study_day.days_since_epoch()) * 86_400_000 + 12 * 3_600_000;
        record_answer(
            &store,
            id(key),
            kind,
            Grade::new(grade).expect("grade"),
            &AnswerTime {
                at_ms,
                study_day,
                response_ms: 3000,
            },
            &Settings::default(),
        )
        .expect("answer");
    }
    sandbox
}

#[test]
fn streaks_retention_and_today_match_the_hand_count() {
    let sandbox = hand_made_history();
    let output = sandbox
        .recall("2026-12-01T20:00", &["stats", "S", "--json"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    // Active days: Nov 10-15 (6), Nov 20 (cram), Nov 28 - Dec 1 (4): current 4, longest 6.
    assert_eq!(stats["current_streak"], 4);
    assert_eq!(stats["longest_streak"], 6);
    // Today: one scheduled answer, no new card (a was new on Nov 10).
    assert_eq!(stats["answered_today"], 1);
    assert_eq!(stats["new_seen_today"], 0);
    // Last 7 days (Nov 25 - Dec 1): scheduled 5 2 4 4 5 -> 4 of 5 graded 3+.
    // Last 30 days (Nov 2 - Dec 1): 5 5 2 4 3 1 and 5 2 4 4 5 -> 8 of 11.
    let retention: Vec<(u64, u64, u64)> = stats["retention"]
        .as_array()
        .expect("array")
        .iter()
        .map(|r| {
            (
                r["days"].as_u64().expect("days"),
                r["passed"].as_u64().expect("passed"),
                r["reviews"].as_u64().expect("reviews"),
            )
        })
        .collect();
    assert_eq!(retention, vec![(7, 4, 5), (30, 8, 11), (365, 8, 11)]);
    assert_eq!(stats["retention"][0]["rate"], 0.8);
    // Nov 29 had a scheduled answer and a re-drill.
    let per_day = stats["reviews_per_day"].as_array().expect("array");
    assert!(
        per_day.contains(&serde_json::json!(["2026-11-29", 2])),
        "{per_day:?}"
    );
    assert!(
        per_day.contains(&serde_json::json!(["2026-11-20", 1])),
        "{per_day:?}"
    );
    assert_eq!(per_day.len(), 11);

    // A day later with nothing answered yet, the streak still stands; two days later it is gone.
    let later = |now: &str| -> serde_json::Value {
        let output = sandbox
            .recall(now, &["stats", "--json"])
            .output()
            .expect("runs");
        serde_json::from_slice(&output.stdout).expect("json")
    };
    assert_eq!(later("2026-12-02")["current_streak"], 4);
    assert_eq!(later("2026-12-03")["current_streak"], 0);
    assert_eq!(later("2026-12-03")["longest_streak"], 6);
}

const EXPECTED_ASCII: &str = include_str!("fixtures/stats-ascii.txt");
const EXPECTED_UNICODE: &str = include_str!("fixtures/stats-unicode.txt");

#[test]
fn the_charts_render_as_expected_for_a_fixed_history() {
    let sandbox = hand_made_history();
    let ascii = sandbox
        .recall("2026-12-01T20:00", &["stats", "S"])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8(ascii.stdout).expect("utf-8"),
        EXPECTED_ASCII
    );
    let unicode = sandbox
        .recall("2026-12-01T20:00", &["stats", "S"])
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8(unicode.stdout).expect("utf-8"),
        EXPECTED_UNICODE
    );
}

/// (deck, EF bucket, interval bucket, cards) rows.
type Histogram = Vec<(i64, usize, usize, i64)>;

/// The histogram the triggers keep, and the one counted from the cards with `stats`' own
/// buckets.
fn histograms(sandbox: &Sandbox) -> (Histogram, Histogram) {
    let conn = rusqlite::Connection::open(&sandbox.db).expect("opens");
    let mut kept: Histogram = conn
        .prepare("SELECT deck_id, ease_bucket, interval_bucket, cards FROM card_histogram WHERE cards != 0")
        .expect("prepare")
        .query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as usize, row.get::<_, i64>(2)? as usize, row.get(3)?)))
        .expect("query")
        .map(|row| row.expect("row"))
        .collect();
    let mut counted = std::collections::BTreeMap::new();
    let mut stmt = conn
        .prepare("SELECT deck_id, ease, interval_days FROM cards WHERE suspended = 0 AND due_day IS NOT NULL")
        .expect("prepare");
    let rows = stmt
        .query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, u32>(1)?,
                row.get::<_, u32>(2)?,
            ))
        })
        .expect("query");
    for row in rows {
        let (deck, ease, interval) = row.expect("row");
        // The buckets as `stats` labels them: EF 0.40 wide from 1.30, intervals ending at
        // the listed days.
        let ease_bucket = ((ease.max(130) - 130) / 40).min(4) as usize;
        let interval_bucket = recall::store::INTERVAL_BUCKET_ENDS
            .iter()
            .position(|end| interval <= *end)
            .unwrap_or(7);
        *counted
            .entry((deck, ease_bucket, interval_bucket))
            .or_insert(0i64) += 1;
    }
    kept.sort();
    let counted = counted
        .into_iter()
        .map(|((d, e, i), n)| (d, e, i, n))
        .collect();
    (kept, counted)
}

#[test]
fn the_kept_histogram_always_equals_a_count_over_the_cards() {
    let sandbox = hand_made_history();
    let check = |when: &str| {
        let (kept, counted) = histograms(&sandbox);
        assert!(!counted.is_empty(), "{when}: cards under review");
        assert_eq!(kept, counted, "{when}");
    };
    check("a history of answers");
    // Answers of every grade, a suspension, a deletion, cards imported with Anki schedules.
    sandbox.session("2026-12-20", &["review"], &"\n1\n\n5\n\n3\n".repeat(20));
    check("after a session");
    let cards = sandbox.cards_json("2026-12-20", "S");
    let reviewed: Vec<&serde_json::Value> = cards.iter().filter(|c| !c["due"].is_null()).collect();
    let first = reviewed[0]["id"].as_str().expect("id").to_string();
    let second = reviewed[1]["id"].as_str().expect("id").to_string();
    sandbox.session("2026-12-20", &["suspend", &first], "");
    check("after a suspension");
    sandbox.session("2026-12-20", &["delete", &second, "--yes"], "");
    check("after a deletion");
    let package =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/anki/fsrs.apkg");
    sandbox.import("2026-12-20", &package);
    check("after an import with schedules");
}
