-- A card in a filtered deck keeps its home deck and due in odid and odue. `data` holds the
-- FSRS memory state of cards FSRS schedules ({"s": stability, "d": difficulty, ...}). Each card
-- comes with its note (NULL when the note is missing), a note's cards one after another, so
-- that one note at a time is held while its cards are rendered.
SELECT c.id, c.nid, CASE WHEN c.odid != 0 THEN c.odid ELSE c.did END, c.ord, c.type, c.queue,
       CASE WHEN c.odid != 0 THEN c.odue ELSE c.due END, c.ivl, c.factor, c.reps, c.lapses,
       c.data, n.guid, n.mid, n.tags, n.flds
  FROM cards c
  LEFT JOIN notes n ON n.id = c.nid
 ORDER BY c.nid, c.ord
