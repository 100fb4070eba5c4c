SELECT card_id, grade FROM reviews WHERE study_day = ?1 ORDER BY id
