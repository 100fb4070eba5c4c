INSERT INTO reviews (
    card_id, reviewed_at, study_day, grade, kind, response_ms,
    ease_before, reps_before, interval_before, due_before, lapses_before,
    ease_after, reps_after, interval_after, due_after, lapses_after, leech_action
) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
