-- Version 2: burying, per-deck new-card limits, leech bookkeeping, and a per-day summary of the
-- history so that statistics never read the whole log.

-- The study day from which a buried card may be shown again (NULL: not buried).
ALTER TABLE cards ADD COLUMN buried_until INTEGER;
-- A deck's own new-cards-per-day limit (NULL: only the collection's limit applies).
ALTER TABLE decks ADD COLUMN new_per_day INTEGER CHECK (new_per_day IS NULL OR new_per_day >= 0);
-- What this answer did beyond the schedule, so undo can take it back exactly:
-- 1 = tagged the card a leech, 2 = tagged and suspended it.
ALTER TABLE reviews ADD COLUMN leech_action INTEGER NOT NULL DEFAULT 0;

-- Due cards are counted and listed from this index alone, burying included.
DROP INDEX cards_due;
CREATE INDEX cards_due ON cards (deck_id, due_day, buried_until)
    WHERE suspended = 0 AND due_day IS NOT NULL;
DROP INDEX cards_new;
CREATE INDEX cards_new ON cards (deck_id, id, buried_until)
    WHERE suspended = 0 AND due_day IS NULL;

-- Undo walks back through one day's answers, newest first; the day's answers are read in
-- order. This index serves both and replaces reviews_day (counts now come from day_summary).
CREATE INDEX reviews_day_id ON reviews (study_day, id);
DROP INDEX reviews_day;

-- One row per deck and study day; kept by the triggers below.
CREATE TABLE day_summary (
    deck_id   INTEGER NOT NULL,
    study_day INTEGER NOT NULL,
    -- Scheduled reviews, and how many of them were graded 3 or more.
    scheduled INTEGER NOT NULL DEFAULT 0,
    passed    INTEGER NOT NULL DEFAULT 0,
    -- Scheduled reviews of new cards (first answers).
    new_seen  INTEGER NOT NULL DEFAULT 0,
    redrill   INTEGER NOT NULL DEFAULT 0,
    cram      INTEGER NOT NULL DEFAULT 0,
    imported  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (deck_id, study_day)
) WITHOUT ROWID;

CREATE INDEX day_summary_day ON day_summary (study_day);

INSERT INTO day_summary (deck_id, study_day, scheduled, passed, new_seen, redrill, cram, imported)
SELECT c.deck_id, r.study_day,
       sum(r.kind = 'scheduled'),
       sum(r.kind = 'scheduled' AND r.grade >= 3),
       sum(r.kind = 'scheduled' AND r.due_before IS NULL),
       sum(r.kind = 'redrill'),
       sum(r.kind = 'cram'),
       sum(r.kind = 'imported')
  FROM reviews r JOIN cards c ON c.id = r.card_id
 GROUP BY c.deck_id, r.study_day;

CREATE TRIGGER reviews_summary_insert AFTER INSERT ON reviews
BEGIN
    INSERT INTO day_summary (deck_id, study_day, scheduled, passed, new_seen, redrill, cram, imported)
    VALUES ((SELECT deck_id FROM cards WHERE id = NEW.card_id), NEW.study_day,
            NEW.kind = 'scheduled',
            NEW.kind = 'scheduled' AND NEW.grade >= 3,
            NEW.kind = 'scheduled' AND NEW.due_before IS NULL,
            NEW.kind = 'redrill',
            NEW.kind = 'cram',
            NEW.kind = 'imported')
    ON CONFLICT (deck_id, study_day) DO UPDATE SET
        scheduled = scheduled + excluded.scheduled,
        passed = passed + excluded.passed,
        new_seen = new_seen + excluded.new_seen,
        redrill = redrill + excluded.redrill,
        cram = cram + excluded.cram,
        imported = imported + excluded.imported;
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

-- EF and interval distributions read this index alone.
CREATE INDEX cards_ease_interval ON cards (deck_id, ease, interval_days)
    WHERE suspended = 0 AND due_day IS NOT NULL;

-- Card inserts come in bulk (an import adds 100,000 at once): `Store::insert_cards` adds its
-- whole batch to deck_counts in one statement instead of a trigger firing per row.
DROP TRIGGER cards_count_insert;
