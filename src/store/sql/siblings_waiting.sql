-- The siblings of card ?1 (group ?2) that a session today would show: not suspended, new or
-- due by ?3, not buried past it.
SELECT id, buried_until FROM cards
 WHERE sibling_group = ?2 AND id <> ?1 AND suspended = 0
   AND (due_day IS NULL OR due_day <= ?3)
   AND (buried_until IS NULL OR buried_until <= ?3)
 ORDER BY id
