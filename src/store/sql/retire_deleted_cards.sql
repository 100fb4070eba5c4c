UPDATE deleted_cards SET deck_id = 0 WHERE deck_id = ?1
