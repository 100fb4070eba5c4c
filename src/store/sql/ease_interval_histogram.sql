SELECT ease_bucket, interval_bucket, cards FROM card_histogram
 WHERE deck_id = ?1 AND cards > 0
