SELECT c.id, c.deck_id, d.name, c.key, c.front, c.back, c.tags,
       c.ease, c.reps, c.interval_days, c.due_day, c.lapses, c.suspended,
       c.buried_until
  FROM cards c JOIN decks d ON d.id = c.deck_id
 WHERE c.front LIKE ?1 ESCAPE '\' OR c.back LIKE ?1 ESCAPE '\' OR c.tags LIKE ?1 ESCAPE '\'
 ORDER BY c.id
 LIMIT ?2
