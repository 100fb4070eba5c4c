SELECT id FROM cards
 WHERE deck_id = ?1 AND suspended = 0 AND due_day IS NULL
 ORDER BY id
 LIMIT ?2
