INSERT INTO cards (deck_id, key, front, back, tags, ease, reps, interval_days, due_day, lapses,
                   suspended, sibling_group)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
