UPDATE cards SET key = ?2, front = ?3, back = ?4, tags = ?5, source_hash = ?6 WHERE id = ?1
