-- Version 6: sibling cards (the cards of one Anki note, the cards of one generated table row,
-- rows of a text file that share a note id or GUID) and the decks' own choice to bury them.

-- The cards one source item gave, as the file or generator named the item: NULL for a card
-- with no siblings. Answering one card buries its new and due siblings to the next day.
ALTER TABLE cards ADD COLUMN sibling_group TEXT;
CREATE INDEX cards_siblings ON cards (sibling_group) WHERE sibling_group IS NOT NULL;

-- NULL: the deck follows the collection's `bury_siblings` setting; 0 or 1: its own choice.
ALTER TABLE decks ADD COLUMN bury_siblings INTEGER;
