INSERT INTO cards (deck_id, key, front, back, tags) VALUES (?1, ?2, ?3, ?4, ?5)
    ON CONFLICT (deck_id, key) DO NOTHING
