UPDATE cards
   SET ease = ?2, reps = ?3, interval_days = ?4, due_day = ?5, lapses = ?6
 WHERE id = ?1
