-- Version 5: the EF and interval distributions `stats` draws, kept per deck by triggers, so
-- statistics read a few dozen rows instead of every reviewed card.

-- Cards under review (not suspended, with a due day) per deck, EF bucket and interval bucket.
-- EF buckets are 0.40 wide from 1.30 (1.30-1.69, ..., 2.90 and more: 0-4); interval buckets
-- end at 1, 3, 7, 21, 60, 180 and 365 days, then more than a year (0-7). The same buckets as
-- `commands/stats.rs` draws; a test compares the table with a count over the cards.
CREATE TABLE card_histogram (
    deck_id         INTEGER NOT NULL,
    ease_bucket     INTEGER NOT NULL,
    interval_bucket INTEGER NOT NULL,
    cards           INTEGER NOT NULL,
    PRIMARY KEY (deck_id, ease_bucket, interval_bucket)
) WITHOUT ROWID;

INSERT INTO card_histogram (deck_id, ease_bucket, interval_bucket, cards)
SELECT deck_id,
       min(4, max(0, (ease - 130) / 40)),
       CASE WHEN interval_days <= 1 THEN 0 WHEN interval_days <= 3 THEN 1
            WHEN interval_days <= 7 THEN 2 WHEN interval_days <= 21 THEN 3
            WHEN interval_days <= 60 THEN 4 WHEN interval_days <= 180 THEN 5
            WHEN interval_days <= 365 THEN 6 ELSE 7 END,
       count(*)
  FROM cards
 WHERE suspended = 0 AND due_day IS NOT NULL
 GROUP BY 1, 2, 3;

-- Cards come in by the hundred thousand on an import: `Store::insert_cards` and the import's
-- sink add their scheduled cards to the histogram in one statement per bucket, as they do to
-- deck_counts (a trigger per inserted row made a 100,000-line import half again as slow).

CREATE TRIGGER cards_histogram_delete AFTER DELETE ON cards
WHEN OLD.suspended = 0 AND OLD.due_day IS NOT NULL
BEGIN
    UPDATE card_histogram SET cards = cards - 1
     WHERE deck_id = OLD.deck_id
       AND ease_bucket = min(4, max(0, (OLD.ease - 130) / 40))
       AND interval_bucket =
           CASE WHEN OLD.interval_days <= 1 THEN 0 WHEN OLD.interval_days <= 3 THEN 1
                WHEN OLD.interval_days <= 7 THEN 2 WHEN OLD.interval_days <= 21 THEN 3
                WHEN OLD.interval_days <= 60 THEN 4 WHEN OLD.interval_days <= 180 THEN 5
                WHEN OLD.interval_days <= 365 THEN 6 ELSE 7 END;
END;

-- An answer, a suspension, a move: the card leaves its old bucket and enters its new one.
CREATE TRIGGER cards_histogram_update_old AFTER UPDATE OF deck_id, ease, interval_days, due_day, suspended ON cards
WHEN OLD.suspended = 0 AND OLD.due_day IS NOT NULL
BEGIN
    UPDATE card_histogram SET cards = cards - 1
     WHERE deck_id = OLD.deck_id
       AND ease_bucket = min(4, max(0, (OLD.ease - 130) / 40))
       AND interval_bucket =
           CASE WHEN OLD.interval_days <= 1 THEN 0 WHEN OLD.interval_days <= 3 THEN 1
                WHEN OLD.interval_days <= 7 THEN 2 WHEN OLD.interval_days <= 21 THEN 3
                WHEN OLD.interval_days <= 60 THEN 4 WHEN OLD.interval_days <= 180 THEN 5
                WHEN OLD.interval_days <= 365 THEN 6 ELSE 7 END;
END;

CREATE TRIGGER cards_histogram_update_new AFTER UPDATE OF deck_id, ease, interval_days, due_day, suspended ON cards
WHEN NEW.suspended = 0 AND NEW.due_day IS NOT NULL
BEGIN
    INSERT INTO card_histogram (deck_id, ease_bucket, interval_bucket, cards)
    VALUES (NEW.deck_id,
            min(4, max(0, (NEW.ease - 130) / 40)),
            CASE WHEN NEW.interval_days <= 1 THEN 0 WHEN NEW.interval_days <= 3 THEN 1
                 WHEN NEW.interval_days <= 7 THEN 2 WHEN NEW.interval_days <= 21 THEN 3
                 WHEN NEW.interval_days <= 60 THEN 4 WHEN NEW.interval_days <= 180 THEN 5
                 WHEN NEW.interval_days <= 365 THEN 6 ELSE 7 END,
            1)
    ON CONFLICT (deck_id, ease_bucket, interval_bucket) DO UPDATE SET cards = cards + 1;
END;

-- A deck's rows go with it.
CREATE TRIGGER decks_histogram_delete AFTER DELETE ON decks
BEGIN
    DELETE FROM card_histogram WHERE deck_id = OLD.id;
END;
