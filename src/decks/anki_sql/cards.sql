-- A card in a filtered deck keeps its home deck and due in odid and odue.
SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord, type, queue,
       CASE WHEN odid != 0 THEN odue ELSE due END, ivl, factor, reps, lapses
  FROM cards
 ORDER BY nid, ord
