DELETE FROM day_summary WHERE deck_id = ?1
