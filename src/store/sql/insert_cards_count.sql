UPDATE deck_counts SET total = total + ?2, new = new + ?2 WHERE deck_id = ?1
