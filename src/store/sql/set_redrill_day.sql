UPDATE cards SET redrill_day = ?2 WHERE id = ?1
