-- Version 4: cards and decks can be deleted while their answers stay in the history (as Anki
-- keeps its review log), and a card remembers the text its file gave it when it is edited here.

-- The review log no longer requires its card to exist. A deleted card's rows hold the negated
-- id of its `deleted_cards` row: live cards have positive ids, so no card added later ever
-- inherits a deleted card's history. (SQLite cannot drop a foreign key: the table is rebuilt,
-- with its indexes and triggers as versions 1-3 left them.)
CREATE TABLE reviews_kept (
    id              INTEGER PRIMARY KEY,
    card_id         INTEGER NOT NULL,
    reviewed_at     INTEGER NOT NULL,
    study_day       INTEGER NOT NULL,
    grade           INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
    kind            TEXT NOT NULL CHECK (kind IN ('scheduled', 'redrill', 'cram', 'imported')),
    response_ms     INTEGER NOT NULL DEFAULT 0,
    ease_before     INTEGER NOT NULL,
    reps_before     INTEGER NOT NULL,
    interval_before INTEGER NOT NULL,
    due_before      INTEGER,
    lapses_before   INTEGER NOT NULL,
    ease_after      INTEGER NOT NULL,
    reps_after      INTEGER NOT NULL,
    interval_after  INTEGER NOT NULL,
    due_after       INTEGER,
    lapses_after    INTEGER NOT NULL,
    leech_action    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO reviews_kept (id, card_id, reviewed_at, study_day, grade, kind, response_ms,
                          ease_before, reps_before, interval_before, due_before, lapses_before,
                          ease_after, reps_after, interval_after, due_after, lapses_after,
                          leech_action)
SELECT id, card_id, reviewed_at, study_day, grade, kind, response_ms,
       ease_before, reps_before, interval_before, due_before, lapses_before,
       ease_after, reps_after, interval_after, due_after, lapses_after, leech_action
  FROM reviews ORDER BY id;
DROP TABLE reviews;
ALTER TABLE reviews_kept RENAME TO reviews;

CREATE INDEX reviews_card ON reviews (card_id, id);
CREATE INDEX reviews_day_id ON reviews (study_day, id);
CREATE INDEX reviews_own ON reviews (id) WHERE kind <> 'imported';

CREATE TRIGGER reviews_summary_insert AFTER INSERT ON reviews
WHEN NEW.kind <> 'imported'
BEGIN
    INSERT INTO day_summary (deck_id, study_day, scheduled, passed, new_seen, redrill, cram, imported)
    VALUES ((SELECT deck_id FROM cards WHERE id = NEW.card_id), NEW.study_day,
            NEW.kind = 'scheduled',
            NEW.kind = 'scheduled' AND NEW.grade >= 3,
            NEW.kind = 'scheduled' AND NEW.due_before IS NULL,
            NEW.kind = 'redrill',
            NEW.kind = 'cram',
            0)
    ON CONFLICT (deck_id, study_day) DO UPDATE SET
        scheduled = scheduled + excluded.scheduled,
        passed = passed + excluded.passed,
        new_seen = new_seen + excluded.new_seen,
        redrill = redrill + excluded.redrill,
        cram = cram + excluded.cram;
END;

CREATE TRIGGER reviews_summary_delete AFTER DELETE ON reviews
BEGIN
    UPDATE day_summary SET
        scheduled = scheduled - (OLD.kind = 'scheduled'),
        passed = passed - (OLD.kind = 'scheduled' AND OLD.grade >= 3),
        new_seen = new_seen - (OLD.kind = 'scheduled' AND OLD.due_before IS NULL),
        redrill = redrill - (OLD.kind = 'redrill'),
        cram = cram - (OLD.kind = 'cram'),
        imported = imported - (OLD.kind = 'imported')
     WHERE deck_id = (SELECT deck_id FROM cards WHERE id = OLD.card_id)
       AND study_day = OLD.study_day;
END;

-- What a deleted card was, so its history still names it. Its answers stay counted in the
-- per-day summary of the deck it was deleted from; a deleted deck's summary rows and deleted
-- cards move to deck 0, which only the whole collection's statistics read.
CREATE TABLE deleted_cards (
    id         INTEGER PRIMARY KEY,
    -- The card's id while it existed (its history rows hold -id of this row).
    card_id    INTEGER NOT NULL,
    deck_id    INTEGER NOT NULL,
    deck       TEXT NOT NULL,
    key        TEXT NOT NULL,
    front      TEXT NOT NULL,
    back       TEXT NOT NULL,
    deleted_at INTEGER NOT NULL
);
CREATE INDEX deleted_cards_deck ON deleted_cards (deck_id);

-- A hash of the front, back and tags a file last gave this card, set when the card is edited
-- here (NULL: the card's text is its file's). A re-import keeps an edit made here while the
-- file's text has not changed, and reports a conflict when both changed.
ALTER TABLE cards ADD COLUMN source_hash INTEGER;
