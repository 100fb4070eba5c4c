SELECT c.id, c.deck_id, d.name, c.key, c.front, c.back, c.tags,
       c.ease, c.reps, c.interval_days, c.due_day, c.lapses, c.suspended,
       c.buried_until
  FROM cards c JOIN decks d ON d.id = c.deck_id
 WHERE c.deck_id = ?1
 ORDER BY c.id
