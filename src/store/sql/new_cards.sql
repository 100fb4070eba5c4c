SELECT id, sibling_group FROM cards
 WHERE deck_id = ?1 AND suspended = 0 AND due_day IS NULL
   AND (buried_until IS NULL OR buried_until <= ?3)
 ORDER BY id
 LIMIT ?2
