-- The index is named: it alone covers every column here, and the planner would rather pick
-- cards_due, then read each card's row.
SELECT ease, interval_days FROM cards INDEXED BY cards_ease_interval
 WHERE deck_id = ?1 AND suspended = 0 AND due_day IS NOT NULL
