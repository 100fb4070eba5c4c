-- Cards whose last scheduled or re-drill answer on study day ?1 was graded below 4 (SM-2 wants
-- them again that day), kept in `redrill_day` by every answer and undo: read through its index.
SELECT id, deck_id, suspended, buried_until, due_day FROM cards
 WHERE redrill_day = ?1
 ORDER BY id
