SELECT study_day, scheduled, passed, new_seen, redrill, cram, imported
  FROM day_totals
 WHERE study_day BETWEEN ?1 AND ?2
 ORDER BY study_day
