SELECT count(*) FROM cards
 WHERE deck_id = ?1 AND buried_until > ?2 AND due_day IS NULL AND suspended = 0
