-- The history's indexes and insert triggers, as the migrations made them: a bulk import of
-- imported history drops them and runs these definitions again once its rows are in.
SELECT type, name, sql FROM sqlite_master
 WHERE tbl_name = 'reviews' AND sql IS NOT NULL
   AND (type = 'index' OR (type = 'trigger' AND sql LIKE '%AFTER INSERT ON reviews%'))
 ORDER BY type, name
