SELECT study_day FROM day_totals
 WHERE (scheduled + redrill + cram) > 0
 ORDER BY study_day
