-- Cards whose last scheduled or re-drill answer on study day ?1 was graded below ?2 (SM-2 wants
-- them again that day), in the order of their first such answer, with what decides whether a
-- session shows them. Reads that day's answers only (reviews_day_id), never the whole log.
SELECT c.id, c.deck_id, c.suspended, c.buried_until, c.due_day
  FROM (SELECT card_id, min(id) AS first, max(id) AS last
          FROM reviews
         WHERE study_day = ?1 AND kind IN ('scheduled', 'redrill') AND card_id > 0
         GROUP BY card_id) AS answered
  JOIN reviews r ON r.id = answered.last
  JOIN cards c ON c.id = answered.card_id
 WHERE r.grade < ?2
 ORDER BY answered.first
