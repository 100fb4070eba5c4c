-- Version 1: decks, cards with their SM-2 state, the review history, settings.
-- Append-only: never edit a migration that has shipped; add the next number instead.

CREATE TABLE decks (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE cards (
    id            INTEGER PRIMARY KEY,
    deck_id       INTEGER NOT NULL REFERENCES decks(id),
    -- The card's stable id inside its deck (from the deck file).
    key           TEXT NOT NULL,
    front         TEXT NOT NULL,
    back          TEXT NOT NULL,
    -- Tags separated by single spaces.
    tags          TEXT NOT NULL DEFAULT '',
    -- SM-2 state: EF in exact hundredths, n, interval, due study day (days since 1970-01-01,
    -- NULL while new), lapses.
    ease          INTEGER NOT NULL DEFAULT 250 CHECK (ease >= 130),
    reps          INTEGER NOT NULL DEFAULT 0 CHECK (reps >= 0),
    interval_days INTEGER NOT NULL DEFAULT 0 CHECK (interval_days >= 0),
    due_day       INTEGER,
    lapses        INTEGER NOT NULL DEFAULT 0 CHECK (lapses >= 0),
    suspended     INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
    UNIQUE (deck_id, key)
);

-- "The next due cards" and "how many are due today in each deck": a range of this index.
CREATE INDEX cards_due ON cards (deck_id, due_day)
    WHERE suspended = 0 AND due_day IS NOT NULL;
-- New cards in the order they were added.
CREATE INDEX cards_new ON cards (deck_id, id)
    WHERE suspended = 0 AND due_day IS NULL;

CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    card_id         INTEGER NOT NULL REFERENCES cards(id),
    -- Milliseconds since 1970-01-01 UTC.
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
    lapses_after    INTEGER NOT NULL
);

CREATE INDEX reviews_card ON reviews (card_id, id);
CREATE INDEX reviews_day ON reviews (study_day, kind);

-- Per-deck totals kept by triggers, so listing decks never counts a whole table.
CREATE TABLE deck_counts (
    deck_id   INTEGER PRIMARY KEY REFERENCES decks(id),
    total     INTEGER NOT NULL DEFAULT 0,
    new       INTEGER NOT NULL DEFAULT 0,
    suspended INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER decks_count_row AFTER INSERT ON decks
BEGIN
    INSERT INTO deck_counts (deck_id) VALUES (NEW.id);
END;

CREATE TRIGGER cards_count_insert AFTER INSERT ON cards
BEGIN
    UPDATE deck_counts
       SET total = total + 1,
           new = new + (NEW.due_day IS NULL AND NEW.suspended = 0),
           suspended = suspended + NEW.suspended
     WHERE deck_id = NEW.deck_id;
END;

CREATE TRIGGER cards_count_delete AFTER DELETE ON cards
BEGIN
    UPDATE deck_counts
       SET total = total - 1,
           new = new - (OLD.due_day IS NULL AND OLD.suspended = 0),
           suspended = suspended - OLD.suspended
     WHERE deck_id = OLD.deck_id;
END;

CREATE TRIGGER cards_count_update AFTER UPDATE OF deck_id, due_day, suspended ON cards
WHEN OLD.deck_id IS NOT NEW.deck_id
  OR (OLD.due_day IS NULL) IS NOT (NEW.due_day IS NULL)
  OR OLD.suspended IS NOT NEW.suspended
BEGIN
    UPDATE deck_counts
       SET total = total - 1,
           new = new - (OLD.due_day IS NULL AND OLD.suspended = 0),
           suspended = suspended - OLD.suspended
     WHERE deck_id = OLD.deck_id;
    UPDATE deck_counts
       SET total = total + 1,
           new = new + (NEW.due_day IS NULL AND NEW.suspended = 0),
           suspended = suspended + NEW.suspended
     WHERE deck_id = NEW.deck_id;
END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
