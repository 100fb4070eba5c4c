INSERT INTO day_summary (deck_id, study_day, imported) VALUES (?1, ?2, ?3)
    ON CONFLICT (deck_id, study_day) DO UPDATE SET imported = imported + excluded.imported
