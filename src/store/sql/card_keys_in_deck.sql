SELECT key FROM cards WHERE deck_id = ?1 ORDER BY id
