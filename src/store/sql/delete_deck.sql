DELETE FROM decks WHERE id = ?1
