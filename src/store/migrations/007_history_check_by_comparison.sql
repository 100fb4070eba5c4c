-- The history's rule on `kind` said `kind IN (four values)`, which SQLite checks by building a
-- temporary b-tree of the four values for every row written: an import of a million rows of
-- Anki history spent about a fifth of its time there. The same rule as four comparisons.
-- Only the stored definition changes (every row already satisfies both), so this runs as
-- SQLite's documented in-place edit of a table's definition (writable_schema, then a new
-- schema version), without copying the history.
UPDATE sqlite_schema
   SET sql = replace(sql,
                     'CHECK (kind IN (''scheduled'', ''redrill'', ''cram'', ''imported''))',
                     'CHECK (kind = ''scheduled'' OR kind = ''redrill'' OR kind = ''cram'' OR kind = ''imported'')')
 WHERE type = 'table' AND name = 'reviews';
