UPDATE decks SET new_per_day = ?2 WHERE id = ?1
