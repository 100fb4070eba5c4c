use super::queue::gather_new;
use super::*;
use crate::clock::FixedClock;
use crate::decks::{DeckCard, DeckData, sync_deck};
use crate::scheduler::{self, CardState, Grade};
use crate::settings::{NewOrder, Settings};
use crate::store::{Card, CardId, Deck, LeechAction, Review, ReviewKind, Store};
use crate::text::Style;
use chrono::DateTime;
use std::collections::VecDeque;

/// Replies typed in advance.
struct Script(VecDeque<Reply>);

impl Script {
    fn lines(lines: &[&str]) -> Script {
        Script(lines.iter().map(|l| Reply::Line(l.to_string())).collect())
    }
}

impl Prompter for Script {
    fn ask(&mut self, _prompt: &str) -> std::io::Result<Reply> {
        Ok(self.0.pop_front().unwrap_or(Reply::End))
    }
}

const TODAY: StudyDay = StudyDay::from_days_since_epoch(20_000);

fn store_with(keys: &[&str]) -> (Store, Vec<Deck>) {
    let store = Store::open_in_memory().expect("store").store;
    let data = DeckData {
        name: "D".into(),
        description: String::new(),
        cards: keys
            .iter()
            .map(|key| DeckCard {
                key: key.to_string(),
                front: format!("front {key}"),
                back: format!("back {key}"),
                tags: Vec::new(),
                line: 1,
                sibling: None,
            })
            .collect(),
    };
    store.write(|s| sync_deck(s, &data)).expect("deck");
    let decks = store.all_decks().expect("decks");
    (store, decks)
}

fn settings(new_per_day: u32) -> Settings {
    Settings {
        new_per_day,
        ..Settings::default()
    }
}

fn queue(store: &Store, decks: &[Deck], today: StudyDay, new_per_day: u32) -> VecDeque<QueueItem> {
    build_queue(
        store,
        decks,
        None,
        today,
        &settings(new_per_day),
        Mode::Today,
    )
    .expect("queue")
}

fn run_session(
    store: &Store,
    decks: &[Deck],
    new_per_day: u32,
    script: &mut Script,
) -> (Summary, String) {
    let clock =
        FixedClock(DateTime::parse_from_rfc3339("2024-10-04T12:00:00+00:00").expect("time"));
    let ctx = SessionContext {
        store,
        clock: &clock,
        today: TODAY,
        style: Style::default(),
        settings: settings(new_per_day),
    };
    let waiting = queue(store, decks, TODAY, new_per_day);
    let mut out = Vec::new();
    let summary = run(&ctx, waiting, &mut out, script).expect("session");
    (summary, String::from_utf8(out).expect("utf-8"))
}

fn history(store: &Store, decks: &[Deck], key: &str) -> Vec<Review> {
    let card = store
        .card_by_key(decks[0].id, key)
        .expect("q")
        .expect("card");
    store.reviews_of_card(card.id).expect("reviews")
}

#[test]
fn a_grade_below_four_comes_back_as_a_redrill_that_does_not_move_the_schedule() {
    let (store, decks) = store_with(&["a"]);
    // Reveal, grade 3 (comes back); reveal, grade 2 (again); reveal, grade 4 (done).
    let mut script = Script::lines(&["", "3", "", "2", "", "4"]);
    let (summary, output) = run_session(&store, &decks, 20, &mut script);
    assert_eq!(summary.reviewed, 1);
    assert_eq!(summary.redrilled, 2);
    assert_eq!(summary.new_seen, 1);
    assert!(output.contains("re-drill"), "{output}");

    let rows = history(&store, &decks, "a");
    let kinds: Vec<(ReviewKind, u8)> = rows.iter().map(|r| (r.kind, r.grade.value())).collect();
    assert_eq!(
        kinds,
        vec![
            (ReviewKind::Scheduled, 3),
            (ReviewKind::Redrill, 2),
            (ReviewKind::Redrill, 4)
        ]
    );
    // The scheduled 3 on a new card: n=1, I=1, EF 2.50-0.14 = 2.36; re-drills change nothing.
    let card = store
        .card_by_key(decks[0].id, "a")
        .expect("q")
        .expect("card");
    assert_eq!(card.state.ease_factor.hundredths(), 236);
    assert_eq!(card.state.interval_days, 1);
    assert_eq!(card.state.due_day, Some(TODAY.plus_days(1)));
    assert!(
        rows[1..]
            .iter()
            .all(|r| r.before == r.after && r.after == card.state)
    );
}

#[test]
fn invalid_grades_are_asked_again() {
    let (store, decks) = store_with(&["a"]);
    let mut script = Script::lines(&["", "7", "x", "", "5"]);
    let (summary, output) = run_session(&store, &decks, 20, &mut script);
    assert_eq!(summary.reviewed, 1);
    assert_eq!(output.matches("is not a grade").count(), 3, "{output}");
    assert_eq!(history(&store, &decks, "a")[0].grade.value(), 5);
}

#[test]
fn q_ends_the_session_and_keeps_what_was_answered() {
    let (store, decks) = store_with(&["a", "b", "c"]);
    let mut script = Script::lines(&["", "5", "q"]);
    let (summary, output) = run_session(&store, &decks, 20, &mut script);
    assert_eq!((summary.reviewed, summary.left), (1, 2));
    assert_eq!(history(&store, &decks, "a").len(), 1);
    assert!(history(&store, &decks, "b").is_empty());
    assert!(
        output.contains("1/3 · 0 again · 0 min · new · D"),
        "{output}"
    );
    assert!(output.contains("2/3 · 0 again"), "{output}");
}

#[test]
fn ctrl_c_abandons_only_the_current_card() {
    let (store, decks) = store_with(&["a", "b"]);
    let mut script = Script(VecDeque::from(vec![
        Reply::Line(String::new()),
        Reply::Interrupted,
        Reply::Line(String::new()),
        Reply::Line("4".into()),
    ]));
    let (summary, _) = run_session(&store, &decks, 20, &mut script);
    assert_eq!((summary.reviewed, summary.skipped), (1, 1));
    assert!(history(&store, &decks, "a").is_empty());
    assert_eq!(history(&store, &decks, "b").len(), 1);
}

#[test]
fn the_new_card_limit_counts_earlier_sessions_of_the_same_day() {
    let (store, decks) = store_with(&["a", "b", "c", "d", "e"]);
    let (first, _) = run_session(&store, &decks, 3, &mut Script::lines(&["", "5", "", "5"]));
    assert_eq!(first.new_seen, 2);
    // One new card is left of today's 3; the next session offers exactly that one.
    assert_eq!(queue(&store, &decks, TODAY, 3).len(), 1);
    let (second, _) = run_session(&store, &decks, 3, &mut Script::lines(&["", "5", "", "5"]));
    assert_eq!(second.new_seen, 1);
    assert!(queue(&store, &decks, TODAY, 3).is_empty());
    // The next study day: the 3 cards answered today are due, and a fresh budget of 3 new
    // cards offers the 2 still new.
    assert_eq!(queue(&store, &decks, TODAY.plus_days(1), 3).len(), 3 + 2);
}

#[test]
fn due_cards_come_most_overdue_first_then_new_cards() {
    let (store, decks) = store_with(&["new1", "late2", "late9", "new2"]);
    let d = decks[0].id;
    for (key, days_late) in [("late2", 2), ("late9", 9)] {
        let card = store.card_by_key(d, key).expect("q").expect("card");
        let mut state = card.state;
        state.repetitions = 1;
        state.interval_days = 1;
        state.due_day = Some(StudyDay::from_days_since_epoch(20_000 - days_late));
        store.save_schedule(card.id, &state).expect("schedule");
    }
    let keys: Vec<String> = queue(&store, &decks, TODAY, 20)
        .iter()
        .map(|item| store.card(item.card).expect("q").expect("card").key)
        .collect();
    assert_eq!(keys, vec!["late9", "late2", "new1", "new2"]);
}

#[test]
fn a_redrill_left_unfinished_comes_back_in_the_next_session_that_day() {
    let (store, decks) = store_with(&["a"]);
    // Grade 2, then quit before the re-drill.
    let (_, _) = run_session(&store, &decks, 20, &mut Script::lines(&["", "2", "q"]));
    let waiting = queue(&store, &decks, TODAY, 20);
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].kind, ReviewKind::Redrill);
    let (summary, _) = run_session(&store, &decks, 20, &mut Script::lines(&["", "5"]));
    assert_eq!((summary.reviewed, summary.redrilled), (0, 1));
    assert!(queue(&store, &decks, TODAY, 20).is_empty());
}

#[test]
fn card_text_is_cleaned_before_it_is_shown() {
    let store = Store::open_in_memory().expect("store").store;
    let data = DeckData {
        name: "Hostile".into(),
        description: String::new(),
        cards: vec![DeckCard {
            key: "x".into(),
            front: "\u{1b}]0;owned\u{7}\u{1b}[2Jfront".into(),
            back: "back\u{1b}[31m red".into(),
            tags: Vec::new(),
            line: 1,
            sibling: None,
        }],
    };
    store.write(|s| sync_deck(s, &data)).expect("deck");
    let decks = store.all_decks().expect("decks");
    let (_, output) = run_session(&store, &decks, 20, &mut Script::lines(&["", "5"]));
    assert!(!output.contains('\u{1b}'), "{output:?}");
    assert!(
        output.contains("Q: front") && output.contains("A: back red"),
        "{output}"
    );
}

#[test]
fn summary_says_how_it_went_and_what_comes_next() {
    let summary = Summary {
        reviewed: 3,
        new_seen: 1,
        redrilled: 2,
        crammed: 3,
        passed: 6,
        response_ms: 252_000,
        ..Summary::default()
    };
    let written = |waiting: u32| {
        let mut out = Vec::new();
        write_summary(&mut out, &summary, waiting, Some(TODAY.plus_days(1)), TODAY).expect("write");
        String::from_utf8(out).expect("utf-8")
    };
    let text = written(0);
    assert!(
        text.contains("3 reviewed (1 new), 2 re-drilled, 3 crammed"),
        "{text}"
    );
    // 6 of 8 answers graded 3 or more; 252 s over 8 answers.
    assert!(
        text.contains("8 answers: 75% graded 3 or more; 4 min 12 s, 31.5 s per card."),
        "{text}"
    );
    assert!(text.contains("Next cards due tomorrow"), "{text}");
    let text = written(4);
    assert!(text.contains("4 cards are still waiting today."), "{text}");
    assert!(!text.contains("tomorrow"), "{text}");
    // Nothing answered: no share and no time.
    let mut out = Vec::new();
    write_summary(&mut out, &Summary::default(), 0, None, TODAY).expect("write");
    let text = String::from_utf8(out).expect("utf-8");
    assert!(!text.contains("graded"), "{text}");
}

fn answer_at(store: &Store, card: CardId, kind: ReviewKind, grade: u8, day: StudyDay) -> Answered {
    let when = AnswerTime {
        at_ms: i64::from(day.days_since_epoch()) * 86_400_000,
        study_day: day,
        response_ms: 1000,
    };
    record_answer(
        store,
        card,
        kind,
        Grade::new(grade).expect("grade"),
        &when,
        &settings(20),
    )
    .expect("answer")
}

/// Every card equals the `after` state of its newest history row (or is new without one).
fn assert_cards_follow_their_history(store: &Store, decks: &[Deck]) {
    for card in store.cards_in_deck(decks[0].id).expect("cards") {
        let newest = store.last_review_of_card(card.id).expect("q");
        let expected = newest.map_or(CardState::NEW, |review| review.after);
        assert_eq!(card.state, expected, "card {}", card.key);
    }
}

#[test]
fn undo_never_takes_back_imported_history() {
    let (store, decks) = store_with(&["a"]);
    let card = store.card_by_key(decks[0].id, "a").expect("q").expect("a");
    let imported_state = scheduler::review(CardState::NEW, Grade::PERFECT, TODAY);
    store
        .write(|s| {
            s.save_schedule(card.id, &imported_state)?;
            let mut batch = s.review_batch();
            batch.push(
                decks[0].id,
                Review {
                    id: 0,
                    card_id: card.id,
                    reviewed_at_ms: 0,
                    study_day: TODAY,
                    grade: Grade::PERFECT,
                    kind: ReviewKind::Imported,
                    response_ms: 0,
                    before: CardState::NEW,
                    after: imported_state,
                    leech_action: LeechAction::None,
                },
            )?;
            batch.finish().map(|_| ())
        })
        .expect("imported row of today");
    assert_eq!(undo_last(&store, TODAY).expect("undo"), None);
    assert_eq!(history(&store, &decks, "a").len(), 1);
    let kept = store.card(card.id).expect("q").expect("card");
    assert_eq!(kept.state, imported_state);
}

#[test]
fn undo_follows_the_order_answers_were_recorded_when_the_clock_goes_back() {
    let (store, decks) = store_with(&["a", "b"]);
    let id = |key| {
        store
            .card_by_key(decks[0].id, key)
            .expect("q")
            .expect("card")
            .id
    };
    let (a, b) = (id("a"), id("b"));
    let day9 = TODAY;
    let day10 = TODAY.plus_days(1);
    answer_at(&store, a, ReviewKind::Scheduled, 5, day9);
    answer_at(&store, b, ReviewKind::Scheduled, 4, day9);
    // The clock moves forward a day and a is reviewed early, then it moves back to day 9.
    answer_at(&store, a, ReviewKind::Scheduled, 3, day10);
    let (undone, card) = undo_last(&store, day9).expect("undo").expect("an answer");
    assert_eq!(
        (undone.card_id, undone.study_day, undone.grade.value()),
        (a, day10, 3),
        "the newest answer, not the newest of day 9"
    );
    assert_eq!(card.state, undone.before);
    assert_cards_follow_their_history(&store, &decks);
    let (undone, _) = undo_last(&store, day9).expect("undo").expect("an answer");
    assert_eq!((undone.card_id, undone.grade.value()), (b, 4));
    assert_cards_follow_their_history(&store, &decks);
    // Answers of a day before today are never taken back.
    assert_eq!(undo_last(&store, day10).expect("undo"), None);
}

#[test]
fn a_card_answered_in_two_sessions_is_scheduled_once_a_day() {
    let (store, decks) = store_with(&["a"]);
    let a = store
        .card_by_key(decks[0].id, "a")
        .expect("q")
        .expect("a")
        .id;
    // Two terminals built their queues before either answered: both hold a as scheduled.
    let first = queue(&store, &decks, TODAY, 20);
    let second = queue(&store, &decks, TODAY, 20);
    assert_eq!(first, second);
    let once = answer_at(&store, a, first[0].kind, 5, TODAY);
    let twice = answer_at(&store, a, second[0].kind, 3, TODAY);
    assert_eq!(once.kind, ReviewKind::Scheduled);
    assert_eq!(twice.kind, ReviewKind::Redrill, "the second is a re-drill");
    assert_eq!(twice.after, once.after, "the schedule moved once");
    let rows = history(&store, &decks, "a");
    assert_eq!(
        rows.iter().map(|r| r.kind).collect::<Vec<_>>(),
        vec![ReviewKind::Scheduled, ReviewKind::Redrill]
    );
    assert_cards_follow_their_history(&store, &decks);
}

#[derive(Debug, Clone)]
enum Op {
    Answer {
        card: usize,
        grade: u8,
    },
    Undo,
    Suspend {
        card: usize,
    },
    /// The clock moves by this many study days (back too: a correction, the date line).
    Clock(i32),
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    use proptest::prelude::*;
    prop_oneof![
        4 => (0usize..3, 0u8..=5).prop_map(|(card, grade)| Op::Answer { card, grade }),
        2 => Just(Op::Undo),
        1 => (0usize..3).prop_map(|card| Op::Suspend { card }),
        2 => (-2i32..=2).prop_map(Op::Clock),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any sequence of answers, undos, suspensions and clock moves leaves every card equal to
    /// the `after` state of its newest history row (or new, with none).
    #[test]
    fn every_card_follows_its_newest_history_row(ops in proptest::collection::vec(op(), 1..40)) {
        let (store, decks) = store_with(&["a", "b", "c"]);
        let ids: Vec<CardId> = ["a", "b", "c"]
            .iter()
            .map(|key| store.card_by_key(decks[0].id, key).expect("q").expect("card").id)
            .collect();
        let mut day = TODAY;
        for op in ops {
            match op {
                Op::Answer { card, grade } => {
                    answer_at(&store, ids[card], ReviewKind::Scheduled, grade, day);
                }
                Op::Undo => {
                    undo_last(&store, day).expect("undo");
                }
                Op::Suspend { card } => {
                    store
                        .write(|s| s.set_suspended(ids[card], true))
                        .expect("suspend");
                }
                Op::Clock(days) => {
                    day = StudyDay::from_days_since_epoch(day.days_since_epoch() + days);
                }
            }
            assert_cards_follow_their_history(&store, &decks);
        }
    }
}

#[test]
fn new_cards_come_from_each_deck_in_turn_or_deck_by_deck() {
    let ids = |deck: i64, n: i64| (0..n).map(|i| deck * 100 + i).collect::<Vec<_>>();
    // A big old deck and a small one imported today: today's deck is not held back.
    let by_deck = vec![ids(1, 4), ids(2, 2), ids(3, 1)];
    assert_eq!(
        gather_new(by_deck.clone(), NewOrder::Interleaved),
        vec![100, 200, 300, 101, 201, 102, 103]
    );
    assert_eq!(
        gather_new(by_deck, NewOrder::DeckByDeck),
        vec![100, 101, 102, 103, 200, 201, 300]
    );
    assert!(gather_new(Vec::new(), NewOrder::Interleaved).is_empty());
}

#[test]
fn the_grade_preview_is_what_each_grade_records() {
    let today = StudyDay::from_days_since_epoch(20_000);
    // A card in each of SM-2's situations: new, after one success, after two, mature.
    for successes in 0..4u8 {
        let mut outcomes = Vec::new();
        for grade in 0..=5u8 {
            let (store, decks) = store_with(&["k"]);
            let card = store
                .card_by_key(decks[0].id, "k")
                .expect("q")
                .expect("card");
            for day in 0..successes {
                let earlier = StudyDay::from_days_since_epoch(19_000 + i32::from(day) * 30);
                answer_at(&store, card.id, ReviewKind::Scheduled, 5, earlier);
            }
            let card = store.card(card.id).expect("q").expect("card");
            let preview = scheduler::preview(card.state, today);
            let recorded = answer_at(&store, card.id, ReviewKind::Scheduled, grade, today);
            let shown = preview
                .iter()
                .find(|(low, high, _, _)| (*low..=*high).contains(&grade))
                .expect("every grade previewed");
            assert_eq!(
                (shown.2, shown.3),
                (
                    recorded.after.interval_days,
                    scheduler::needs_redrill(Grade::new(grade).expect("grade"))
                ),
                "{successes} successes, grade {grade}"
            );
            outcomes.push(grade_preview(&card, ReviewKind::Scheduled, today));
        }
        // The line is the same whatever grade is then given.
        assert!(outcomes.windows(2).all(|w| w[0] == w[1]));
    }
    let (store, decks) = store_with(&["k"]);
    let card = store
        .card_by_key(decks[0].id, "k")
        .expect("q")
        .expect("card");
    assert_eq!(
        grade_preview(&card, ReviewKind::Scheduled, today),
        "0-3 1d, again today · 4-5 1d"
    );
    assert_eq!(
        grade_preview(&card, ReviewKind::Redrill, today),
        "any grade: the schedule stays as it is"
    );
}

/// A deck `D` whose cards are (key, sibling group).
fn store_with_groups(cards: &[(&str, Option<&str>)]) -> (Store, Vec<Deck>) {
    let store = Store::open_in_memory().expect("store").store;
    let data = DeckData {
        name: "D".into(),
        description: String::new(),
        cards: cards
            .iter()
            .map(|(key, group)| DeckCard {
                key: key.to_string(),
                front: format!("front {key}"),
                back: format!("back {key}"),
                tags: Vec::new(),
                line: 1,
                sibling: group.map(str::to_string),
            })
            .collect(),
    };
    store.write(|s| sync_deck(s, &data)).expect("deck");
    let decks = store.all_decks().expect("decks");
    (store, decks)
}

fn card_of(store: &Store, decks: &[Deck], key: &str) -> Card {
    store
        .card_by_key(decks[0].id, key)
        .expect("q")
        .expect("card")
}

fn keys_of(store: &Store, queue: &VecDeque<QueueItem>) -> Vec<String> {
    queue
        .iter()
        .map(|item| store.card(item.card).expect("q").expect("card").key)
        .collect()
}

/// The fronts in the order a session showed them.
fn shown(output: &str) -> Vec<&str> {
    output
        .lines()
        .filter_map(|line| line.strip_prefix("Q: front "))
        .collect()
}

const ROWS: [(&str, Option<&str>); 5] = [
    ("a1", Some("A")),
    ("a2", Some("A")),
    ("b1", Some("B")),
    ("b2", Some("B")),
    ("c", None),
];

#[test]
fn a_days_new_cards_take_one_card_of_each_sibling_group() {
    let (store, decks) = store_with_groups(&ROWS);
    let waiting = queue(&store, &decks, TODAY, 20);
    assert_eq!(keys_of(&store, &waiting), ["a1", "b1", "c"]);
    // The limit is met from further down the deck, not spent on siblings.
    let waiting = queue(&store, &decks, TODAY, 2);
    assert_eq!(keys_of(&store, &waiting), ["a1", "b1"]);
    // Answering a1 buries a2 (new) to the next day; the next day a2 and b2 come.
    let (summary, output) = run_session(&store, &decks, 20, &mut Script::lines(&["", "5"]));
    // b1 is shown next (the script ends there).
    assert_eq!(shown(&output), ["a1", "b1"]);
    assert_eq!(summary.siblings_buried, 1);
    assert!(output.contains("1 sibling buried to tomorrow."), "{output}");
    let a2 = card_of(&store, &decks, "a2");
    assert_eq!(a2.buried_until, Some(TODAY.plus_days(1)));
    let next_day = queue(&store, &decks, TODAY.plus_days(1), 20);
    assert_eq!(keys_of(&store, &next_day), ["a1", "a2", "b1", "c"]);
}

#[test]
fn with_burying_off_siblings_all_come_but_never_back_to_back() {
    let (store, decks) = store_with_groups(&ROWS);
    store
        .write(|s| crate::settings::set(s, "bury_siblings", "off").map(|_| ()))
        .expect("setting");
    let off = Settings {
        bury_siblings: false,
        ..settings(20)
    };
    let waiting = build_queue(&store, &decks, None, TODAY, &off, Mode::Today).expect("queue");
    assert_eq!(keys_of(&store, &waiting), ["a1", "a2", "b1", "b2", "c"]);
    let clock =
        FixedClock(DateTime::parse_from_rfc3339("2024-10-04T12:00:00+00:00").expect("time"));
    let ctx = SessionContext {
        store: &store,
        clock: &clock,
        today: TODAY,
        style: Style::default(),
        settings: off,
    };
    let mut out = Vec::new();
    let mut script = Script::lines(&["", "5"].repeat(5));
    run(&ctx, waiting, &mut out, &mut script).expect("session");
    let output = String::from_utf8(out).expect("utf-8");
    let order = shown(&output);
    assert_eq!(order, ["a1", "b1", "a2", "b2", "c"], "{output}");
    for pair in order.windows(2) {
        assert_ne!(pair[0].chars().next(), pair[1].chars().next(), "{order:?}");
    }
    // Nothing was buried.
    assert!(
        store
            .cards_in_deck(decks[0].id)
            .expect("cards")
            .iter()
            .all(|card| card.buried_until.is_none())
    );
}

#[test]
fn a_deck_of_its_own_mind_overrides_the_collection() {
    let (store, decks) = store_with_groups(&ROWS);
    store
        .write(|s| s.set_deck_bury_siblings(decks[0].id, Some(false)))
        .expect("deck setting");
    let decks = store.all_decks().expect("decks");
    let waiting = queue(&store, &decks, TODAY, 20);
    assert_eq!(waiting.len(), 5);
    let a1 = card_of(&store, &decks, "a1");
    let answered = answer_at(&store, a1.id, ReviewKind::Scheduled, 5, TODAY);
    assert!(answered.buried_siblings.is_empty());
}

#[test]
fn answering_a_due_card_buries_its_due_sibling_and_undo_brings_it_back() {
    let (store, decks) = store_with_groups(&ROWS);
    let two_days_ago = StudyDay::from_days_since_epoch(TODAY.days_since_epoch() - 2);
    for key in ["a1", "a2"] {
        let card = card_of(&store, &decks, key);
        answer_at(&store, card.id, ReviewKind::Scheduled, 5, two_days_ago);
    }
    // Both learned, both due today (interval 1 from two days ago).
    let waiting = queue(&store, &decks, TODAY, 0);
    assert_eq!(keys_of(&store, &waiting), ["a1", "a2"]);
    // a1 answered: a2 waits for tomorrow and is not shown; `u` takes the answer back and a2
    // returns to the queue, unburied.
    let mut script = Script::lines(&["", "4", "", "4"]);
    let (summary, output) = run_session(&store, &decks, 0, &mut script);
    assert_eq!(shown(&output), ["a1"], "{output}");
    assert_eq!(summary.siblings_buried, 1);
    let a2 = card_of(&store, &decks, "a2");
    assert_eq!(a2.buried_until, Some(TODAY.plus_days(1)));

    // With c due too, `u` at c's prompt takes a1's answer back: a2 is unburied and queued
    // again, a1 is shown again, and its new answer buries a2 once more.
    let (store, decks) = store_with_groups(&ROWS);
    for key in ["a1", "a2", "c"] {
        let card = card_of(&store, &decks, key);
        answer_at(&store, card.id, ReviewKind::Scheduled, 5, two_days_ago);
    }
    let mut script = Script::lines(&["", "4", "u", "", "4", "q"]);
    let (summary, output) = run_session(&store, &decks, 0, &mut script);
    assert_eq!(shown(&output), ["a1", "c", "a1", "c"], "{output}");
    assert_eq!((summary.undone, summary.siblings_buried), (1, 1));
    let a2 = card_of(&store, &decks, "a2");
    assert_eq!(a2.buried_until, Some(TODAY.plus_days(1)));
}

#[test]
fn undo_restores_the_siblings_an_answer_buried() {
    let (store, decks) = store_with_groups(&ROWS);
    // Answer a1 (buries a2), then take it back at b1's prompt; quit there.
    let mut script = Script::lines(&["", "5", "u", "q"]);
    let (summary, _) = run_session(&store, &decks, 20, &mut script);
    assert_eq!((summary.reviewed, summary.undone), (0, 1));
    let a2 = card_of(&store, &decks, "a2");
    assert_eq!(
        a2.buried_until, None,
        "the burial was taken back with the answer"
    );
    assert!(history(&store, &decks, "a1").is_empty());
}

#[test]
fn every_count_of_what_waits_is_the_queue_a_session_would_show() {
    let (store, decks) = store_with_groups(&[
        ("a1", Some("A")),
        ("a2", Some("A")),
        ("b1", Some("B")),
        ("c", None),
        ("d", None),
        ("e", None),
    ]);
    let check = |store: &Store, day: StudyDay, limit: u32, when: &str| {
        let decks = store.all_decks().expect("decks");
        let counts = today_counts(store, &decks, day, &settings(limit)).expect("counts");
        let waiting =
            build_queue(store, &decks, None, day, &settings(limit), Mode::Today).expect("queue");
        assert_eq!(counts.total() as usize, waiting.len(), "{when}: {counts:?}");
        counts
    };
    check(&store, TODAY, 20, "all new");
    check(&store, TODAY, 3, "a small limit");
    // A session answers a1 (5), c (2: a re-drill waits) and buries d; e is suspended.
    let (c, d, e) = (
        card_of(&store, &decks, "c"),
        card_of(&store, &decks, "d"),
        card_of(&store, &decks, "e"),
    );
    let a1 = card_of(&store, &decks, "a1");
    answer_at(&store, a1.id, ReviewKind::Scheduled, 5, TODAY);
    answer_at(&store, c.id, ReviewKind::Scheduled, 2, TODAY);
    store
        .write(|s| {
            s.set_buried_until(d.id, Some(TODAY.plus_days(1)))?;
            s.set_suspended(e.id, true)
        })
        .expect("bury and suspend");
    let counts = check(&store, TODAY, 20, "after a session");
    assert_eq!((counts.due, counts.new, counts.redrill), (0, 1, 1));
    check(&store, TODAY.plus_days(1), 20, "the next day");
    check(&store, TODAY.plus_days(6), 20, "a week on");
}

#[test]
fn a_typed_answer_is_compared_and_never_taken_as_a_key() {
    let (store, decks) = store_with(&["a", "b", "c"]);
    // `t` opens the answer line: `s` typed there is an answer, not a suspension.
    let mut script = Script::lines(&["t", "s", "1", "t", "BACK  b", "5", "t", "bak c", "4"]);
    let (summary, output) = run_session(&store, &decks, 20, &mut script);
    assert_eq!(summary.suspended, 0, "{output}");
    assert!(output.contains("You typed: s  (differs)"), "{output}");
    assert!(output.contains("You typed: BACK b  (match)"), "{output}");
    assert!(output.contains("You typed: bak c  (differs)"), "{output}");
    assert!(output.contains("Diff:      ba(c)k c"), "{output}");
    assert!(!card_of(&store, &decks, "a").suspended);
    assert_eq!(history(&store, &decks, "a")[0].grade.value(), 1);
}

#[test]
fn undo_takes_back_a_burial_or_a_suspension_not_the_grade_before_it() {
    let (store, decks) = store_with(&["a", "b", "c"]);
    // Grade a, bury b; at c undo (b is unburied and shown again); suspend b; at c undo again;
    // grade b; quit at c.
    let mut script = Script::lines(&["", "5", "b", "u", "s", "u", "", "4", "q"]);
    let (summary, output) = run_session(&store, &decks, 20, &mut script);
    assert_eq!(
        shown(&output),
        ["a", "b", "c", "b", "c", "b", "c"],
        "{output}"
    );
    assert!(
        output.contains("Undone: the burial of “front b”"),
        "{output}"
    );
    assert!(
        output.contains("Undone: the suspension of “front b”"),
        "{output}"
    );
    assert_eq!((summary.reviewed, summary.undone), (2, 2));
    assert_eq!((summary.buried, summary.suspended), (0, 0));
    let b = card_of(&store, &decks, "b");
    assert!(!b.suspended && b.buried_until.is_none());
    // a's grade stands: the undos took back what came after it.
    assert_eq!(history(&store, &decks, "a").len(), 1);
    assert_eq!(history(&store, &decks, "b")[0].grade.value(), 4);
}

#[test]
fn the_unfinished_mark_follows_answers_and_undo_and_the_migration_rebuilds_it() {
    let (store, decks) = store_with(&["a", "b", "c"]);
    let (a, b, c) = (
        card_of(&store, &decks, "a").id,
        card_of(&store, &decks, "b").id,
        card_of(&store, &decks, "c").id,
    );
    let marks = |store: &Store| -> Vec<Option<StudyDay>> {
        [a, b, c]
            .iter()
            .map(|id| {
                store
                    .unfinished_on(TODAY)
                    .expect("q")
                    .iter()
                    .find(|u| u.card == *id)
                    .map(|_| TODAY)
            })
            .collect()
    };
    answer_at(&store, a, ReviewKind::Scheduled, 2, TODAY);
    answer_at(&store, c, ReviewKind::Scheduled, 5, TODAY);
    answer_at(&store, b, ReviewKind::Scheduled, 3, TODAY);
    answer_at(&store, b, ReviewKind::Redrill, 5, TODAY);
    assert_eq!(marks(&store), [Some(TODAY), None, None]);
    // Undo of b's 5 brings back its 3: b is wanted again.
    undo_last(&store, TODAY).expect("undo");
    assert_eq!(marks(&store), [Some(TODAY), Some(TODAY), None]);
    // The migration's backfill, run over the same history, finds the same cards.
    let script = include_str!("../store/migrations/006_siblings.sql");
    let backfill = &script[script
        .find("UPDATE cards SET redrill_day")
        .expect("backfill")..];
    store
        .write(|s| {
            for id in [a, b, c] {
                s.set_redrill_day(id, None)?;
            }
            s.execute_script(backfill)
        })
        .expect("backfill");
    assert_eq!(marks(&store), [Some(TODAY), Some(TODAY), None]);
}
