INSERT INTO cards (deck_id, key, front, back, tags) VALUES (?1, ?2, ?3, ?4, ?5)
