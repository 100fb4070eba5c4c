SELECT id, name, description FROM decks WHERE name = ?1
