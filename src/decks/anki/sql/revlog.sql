-- Every card's review log, card by card in the order the cards are read (note, then template:
-- `cards.sql`), each card's answers oldest first. A card without answers gives one row of
-- NULLs, so the reader knows it has none without reading further. Manual and rescheduling rows
-- (type 4 and 5, no button pressed) are no answers and are left out.
SELECT c.id, r.id, r.ease, r.ivl, r.lastIvl, r.factor, r.time, r.type
  FROM cards c
  LEFT JOIN revlog r ON r.cid = c.id AND r.ease BETWEEN 1 AND 4 AND r.type < 4
 ORDER BY c.nid, c.ord, r.id
