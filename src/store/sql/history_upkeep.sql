-- The history's upkeep a bulk import of imported history suspends: the insert triggers (they
-- never act on imported rows) and the indexes imported rows enter out of order, as the
-- migrations made them, to be run again once the rows are in. Left live: `reviews_card`
-- (imported rows come card by card, each card newer than any before it: they append to it)
-- and `reviews_own` (imported rows never enter it).
SELECT type, name, sql FROM sqlite_master
 WHERE tbl_name = 'reviews' AND sql IS NOT NULL
   AND ((type = 'index' AND name NOT IN ('reviews_card', 'reviews_own'))
        OR (type = 'trigger' AND sql LIKE '%AFTER INSERT ON reviews%'))
 ORDER BY type, name
