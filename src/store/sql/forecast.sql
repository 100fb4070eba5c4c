SELECT due_day, count(*) FROM cards
 WHERE deck_id = ?1 AND suspended = 0 AND due_day BETWEEN ?2 AND ?3
 GROUP BY due_day
