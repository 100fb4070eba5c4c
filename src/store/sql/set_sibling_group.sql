UPDATE cards SET sibling_group = ?2 WHERE id = ?1
