SELECT study_day, scheduled, passed, new_seen, redrill, cram, imported
  FROM day_summary
 WHERE deck_id = ?1 AND study_day BETWEEN ?2 AND ?3
 ORDER BY study_day
