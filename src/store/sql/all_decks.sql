SELECT id, name, description FROM decks ORDER BY name
