SELECT min(due_day) FROM cards
 WHERE deck_id = ?1 AND suspended = 0 AND due_day > ?2
