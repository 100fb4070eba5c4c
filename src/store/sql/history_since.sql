SELECT id, card_id, reviewed_at, study_day, grade, kind, response_ms,
       ease_before, reps_before, interval_before, due_before, lapses_before,
       ease_after, reps_after, interval_after, due_after, lapses_after, leech_action
  FROM reviews WHERE study_day >= ?1
 ORDER BY study_day, id
