-- The one column list of a review, in the order `review_from_row` reads it; the state before
-- and after are five columns each, in `CardState`'s order. Callers append FROM reviews r ...
SELECT r.id, r.card_id, r.reviewed_at, r.study_day, r.grade, r.kind, r.response_ms,
       r.ease_before, r.reps_before, r.interval_before, r.due_before, r.lapses_before,
       r.ease_after, r.reps_after, r.interval_after, r.due_after, r.lapses_after, r.leech_action
