UPDATE reviews SET card_id = -?2 WHERE card_id = ?1
