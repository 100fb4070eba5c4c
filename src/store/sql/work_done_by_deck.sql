SELECT deck_id, new_seen, scheduled - new_seen FROM day_summary WHERE study_day = ?1
