-- The cards' indexes a bulk import of scheduled cards enters out of order (by due day, by ease
-- and interval, by sibling group), as the migrations made them, to be run again once the cards
-- are in. Left live: the unique key (it refuses duplicates as they come, and re-imports look
-- cards up by it), new cards (in one deck each added card is newer than any before: they
-- append) and re-drills (an import sets none).
SELECT type, name, sql FROM sqlite_master
 WHERE tbl_name = 'cards' AND type = 'index' AND sql IS NOT NULL
   AND name NOT IN ('cards_new', 'cards_redrill')
 ORDER BY name
