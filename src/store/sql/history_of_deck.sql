SELECT r.id, r.card_id, r.reviewed_at, r.study_day, r.grade, r.kind, r.response_ms,
       r.ease_before, r.reps_before, r.interval_before, r.due_before, r.lapses_before,
       r.ease_after, r.reps_after, r.interval_after, r.due_after, r.lapses_after, r.leech_action
  FROM reviews r JOIN cards c ON c.id = r.card_id
 WHERE c.deck_id = ?1 AND r.study_day >= ?2
 ORDER BY r.id
