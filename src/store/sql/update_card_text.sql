UPDATE cards SET front = ?2, back = ?3, tags = ?4 WHERE id = ?1
