SELECT count(*) FROM cards
 WHERE deck_id = ?1 AND suspended = 0 AND due_day <= ?2
   AND (buried_until IS NULL OR buried_until <= ?2)
