SELECT ease, interval_days, count(*) FROM cards
 WHERE deck_id = ?1 AND suspended = 0 AND due_day IS NOT NULL
 GROUP BY ease, interval_days
