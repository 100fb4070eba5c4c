-- A card in a filtered deck keeps its home deck and due in odid and odue. `data` holds the
-- FSRS memory state of cards FSRS schedules ({"s": stability, "d": difficulty, ...}).
SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord, type, queue,
       CASE WHEN odid != 0 THEN odue ELSE due END, ivl, factor, reps, lapses, data
  FROM cards
 ORDER BY nid, ord
