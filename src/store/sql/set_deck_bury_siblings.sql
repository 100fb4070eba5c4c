UPDATE decks SET bury_siblings = ?2 WHERE id = ?1
