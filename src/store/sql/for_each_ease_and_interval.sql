SELECT ease, interval_days FROM cards
 WHERE deck_id = ?1 AND suspended = 0 AND due_day IS NOT NULL
