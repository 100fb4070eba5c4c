SELECT study_day FROM day_summary
 WHERE deck_id = ?1 AND (scheduled + redrill + cram) > 0
 ORDER BY study_day
