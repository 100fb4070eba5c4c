SELECT card_id, grade, kind FROM reviews WHERE study_day = ?1 ORDER BY study_day, id
