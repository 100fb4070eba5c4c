SELECT id, name, description, new_per_day FROM decks WHERE name = ?1
