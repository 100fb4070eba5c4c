SELECT count(*), coalesce(sum((SELECT count(*) FROM reviews r WHERE r.card_id = -x.id)), 0)
  FROM deleted_cards x WHERE x.deck_id = ?1
