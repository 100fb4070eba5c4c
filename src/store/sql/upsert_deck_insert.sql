INSERT INTO decks (name, description) VALUES (?1, ?2)
