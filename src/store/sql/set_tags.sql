UPDATE cards SET tags = ?2 WHERE id = ?1
