-- The whole collection's history per day, kept from the per-deck summary by triggers:
-- `stats` over every deck reads one row a day (the year's figures, and the days with answers
-- for the streaks) instead of one per deck and day, whatever the number of decks.
CREATE TABLE day_totals (
    study_day INTEGER PRIMARY KEY,
    scheduled INTEGER NOT NULL DEFAULT 0,
    passed    INTEGER NOT NULL DEFAULT 0,
    new_seen  INTEGER NOT NULL DEFAULT 0,
    redrill   INTEGER NOT NULL DEFAULT 0,
    cram      INTEGER NOT NULL DEFAULT 0,
    imported  INTEGER NOT NULL DEFAULT 0
);

INSERT INTO day_totals (study_day, scheduled, passed, new_seen, redrill, cram, imported)
SELECT study_day, sum(scheduled), sum(passed), sum(new_seen), sum(redrill), sum(cram),
       sum(imported)
  FROM day_summary
 GROUP BY study_day;

CREATE TRIGGER day_totals_insert AFTER INSERT ON day_summary
BEGIN
    INSERT INTO day_totals (study_day, scheduled, passed, new_seen, redrill, cram, imported)
    VALUES (NEW.study_day, NEW.scheduled, NEW.passed, NEW.new_seen, NEW.redrill, NEW.cram,
            NEW.imported)
    ON CONFLICT (study_day) DO UPDATE SET
        scheduled = scheduled + excluded.scheduled,
        passed = passed + excluded.passed,
        new_seen = new_seen + excluded.new_seen,
        redrill = redrill + excluded.redrill,
        cram = cram + excluded.cram,
        imported = imported + excluded.imported;
END;

-- A summary row changes its counts in place (its day never changes: the key is the deck and
-- the day, and no statement sets either).
CREATE TRIGGER day_totals_update AFTER UPDATE ON day_summary
BEGIN
    UPDATE day_totals SET
        scheduled = scheduled - OLD.scheduled + NEW.scheduled,
        passed = passed - OLD.passed + NEW.passed,
        new_seen = new_seen - OLD.new_seen + NEW.new_seen,
        redrill = redrill - OLD.redrill + NEW.redrill,
        cram = cram - OLD.cram + NEW.cram,
        imported = imported - OLD.imported + NEW.imported
     WHERE study_day = NEW.study_day;
END;

CREATE TRIGGER day_totals_delete AFTER DELETE ON day_summary
BEGIN
    UPDATE day_totals SET
        scheduled = scheduled - OLD.scheduled,
        passed = passed - OLD.passed,
        new_seen = new_seen - OLD.new_seen,
        redrill = redrill - OLD.redrill,
        cram = cram - OLD.cram,
        imported = imported - OLD.imported
     WHERE study_day = OLD.study_day;
END;
