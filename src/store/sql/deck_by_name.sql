SELECT id, name, description, new_per_day, bury_siblings FROM decks WHERE name = ?1
