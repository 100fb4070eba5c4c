SELECT count(*) FROM reviews
 WHERE study_day = ?1 AND kind = 'scheduled' AND due_before IS NULL
