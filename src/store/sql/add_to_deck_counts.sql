UPDATE deck_counts SET total = total + ?2, new = new + ?3, suspended = suspended + ?4
 WHERE deck_id = ?1
