INSERT INTO day_summary (deck_id, study_day, imported)
SELECT c.deck_id, r.study_day, count(*)
  FROM reviews r JOIN cards c ON c.id = r.card_id
 WHERE r.id >= ?1 AND r.kind = 'imported'
 GROUP BY c.deck_id, r.study_day
    ON CONFLICT (deck_id, study_day) DO UPDATE SET imported = imported + excluded.imported
