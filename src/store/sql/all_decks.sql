SELECT id, name, description, new_per_day FROM decks ORDER BY name
