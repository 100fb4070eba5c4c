INSERT INTO day_summary (deck_id, study_day, scheduled, passed, new_seen, redrill, cram, imported)
SELECT 0, study_day, scheduled, passed, new_seen, redrill, cram, imported
  FROM day_summary WHERE deck_id = ?1
    ON CONFLICT (deck_id, study_day) DO UPDATE SET
       scheduled = scheduled + excluded.scheduled,
       passed = passed + excluded.passed,
       new_seen = new_seen + excluded.new_seen,
       redrill = redrill + excluded.redrill,
       cram = cram + excluded.cram,
       imported = imported + excluded.imported
