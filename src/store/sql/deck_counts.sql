SELECT d.id, d.name, c.total, c.new, c.suspended
  FROM decks d JOIN deck_counts c ON c.deck_id = d.id
 ORDER BY d.name
