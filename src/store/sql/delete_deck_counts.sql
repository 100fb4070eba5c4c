DELETE FROM deck_counts WHERE deck_id = ?1
