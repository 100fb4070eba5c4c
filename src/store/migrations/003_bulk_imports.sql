-- Version 3: imports write history in bulk, statistics read one covering index, and undo
-- finds the newest own answer directly.

-- History brought in by an import is summarised by the import itself, per deck and day
-- (ReviewBatch::finish), not row by row: the trigger skips those rows.
DROP TRIGGER reviews_summary_insert;
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

-- The EF and interval distributions read this index alone: it holds every column their query
-- names, due_day included (the partial index's own condition is not enough for SQLite).
DROP INDEX cards_ease_interval;
CREATE INDEX cards_ease_interval ON cards (deck_id, ease, interval_days, due_day)
    WHERE suspended = 0 AND due_day IS NOT NULL;

-- Undo takes back the learner's newest own answer by the order answers were recorded: this
-- index finds it at once, however much imported history was written after it.
CREATE INDEX reviews_own ON reviews (id) WHERE kind <> 'imported';
