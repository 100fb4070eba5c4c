-- Counting what waits today (the greeting, `stats`, the end of a session) reads indexes only:
-- the new cards' index carries each card's sibling group (one new card per group a day), and
-- the re-drill index carries what decides whether a card marked for today still counts (its
-- deck, suspension, burial and due day). Before, each counted card's row was read from the
-- table: a page read per card, most of a cold `stats` process's reads. (An index covers a
-- query only when it holds every column the query names, even those its WHERE fixes: hence
-- `suspended` and `due_day`, always 0 and NULL here, which take no bytes beyond their type.)
DROP INDEX cards_new;
CREATE INDEX cards_new ON cards (deck_id, id, buried_until, sibling_group, suspended, due_day)
    WHERE suspended = 0 AND due_day IS NULL;
DROP INDEX cards_redrill;
CREATE INDEX cards_redrill ON cards (redrill_day, deck_id, suspended, buried_until, due_day)
    WHERE redrill_day IS NOT NULL;
