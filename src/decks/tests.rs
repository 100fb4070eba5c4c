use super::*;
use crate::scheduler::{self, Grade, StudyDay};

fn card(key: &str, front: &str, back: &str) -> DeckCard {
    DeckCard {
        key: key.into(),
        front: front.into(),
        back: back.into(),
        tags: vec!["t".into()],
        line: 1,
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
