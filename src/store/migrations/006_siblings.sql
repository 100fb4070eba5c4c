-- Version 6: sibling cards (the cards of one Anki note, the cards of one generated table row,
-- rows of a text file that share a note id or GUID) and the decks' own choice to bury them.

-- The cards one source item gave, as the file or generator named the item: NULL for a card
-- with no siblings. Answering one card buries its new and due siblings to the next day.
ALTER TABLE cards ADD COLUMN sibling_group TEXT;
CREATE INDEX cards_siblings ON cards (sibling_group) WHERE sibling_group IS NOT NULL;

-- NULL: the deck follows the collection's `bury_siblings` setting; 0 or 1: its own choice.
ALTER TABLE decks ADD COLUMN bury_siblings INTEGER;

-- The study day on which a card's last scheduled or re-drill answer was graded below 4: SM-2
-- wants it again that day. Kept by each answer and each undo, so that what waits today is read
-- from today's unfinished cards, never from the whole day's answers.
ALTER TABLE cards ADD COLUMN redrill_day INTEGER;
CREATE INDEX cards_redrill ON cards (redrill_day) WHERE redrill_day IS NOT NULL;
UPDATE cards SET redrill_day = (
    SELECT r.study_day FROM reviews r
     WHERE r.card_id = cards.id AND r.kind IN ('scheduled', 'redrill')
     ORDER BY r.id DESC LIMIT 1)
 WHERE id IN (SELECT card_id FROM reviews
               WHERE study_day >= (SELECT max(study_day) - 1 FROM reviews)
                 AND kind IN ('scheduled', 'redrill'))
   AND (SELECT r.grade FROM reviews r
         WHERE r.card_id = cards.id AND r.kind IN ('scheduled', 'redrill')
         ORDER BY r.id DESC LIMIT 1) < 4;
