INSERT INTO card_histogram (deck_id, ease_bucket, interval_bucket, cards)
VALUES (?1, ?2, ?3, ?4)
    ON CONFLICT (deck_id, ease_bucket, interval_bucket) DO UPDATE SET cards = cards + excluded.cards
