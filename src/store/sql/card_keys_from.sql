SELECT key FROM cards WHERE deck_id = ?1 AND key >= ?2 ORDER BY key LIMIT ?3
