DELETE FROM cards WHERE id = ?1
