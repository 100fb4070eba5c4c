-- The one column list of a card, in the order `card_from_row` reads it. Callers append their
-- WHERE / ORDER BY (Anki's storage/card/get_card.sql does the same).
SELECT c.id, c.deck_id, d.name, c.key, c.front, c.back, c.tags,
       c.ease, c.reps, c.interval_days, c.due_day, c.lapses, c.suspended,
       c.buried_until, c.source_hash, c.sibling_group
  FROM cards c JOIN decks d ON d.id = c.deck_id
