-- In the table's own order (by id, which is the time): a sequential read, and each card's
-- reviews still come oldest first.
SELECT id, cid, ease, ivl, lastIvl, factor, time FROM revlog ORDER BY id
