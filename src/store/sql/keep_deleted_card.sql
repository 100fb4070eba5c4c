INSERT INTO deleted_cards (card_id, deck_id, deck, key, front, back, deleted_at)
SELECT c.id, c.deck_id, d.name, c.key, c.front, c.back, ?2
  FROM cards c JOIN decks d ON d.id = c.deck_id
 WHERE c.id = ?1
