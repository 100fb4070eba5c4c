-- The objects recall reads from a collection that are something other than a plain table: a
-- view (which a hostile package can make recursive and unbounded) is refused before any read.
SELECT name, type FROM sqlite_master
 WHERE name IN ('col', 'notes', 'cards', 'revlog', 'notetypes', 'fields', 'templates', 'decks')
   AND type <> 'table'
 ORDER BY name
