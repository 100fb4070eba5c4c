-- In the table's own order (by id, which is the time): a sequential read, and each card's
-- reviews still come oldest first. Manual and rescheduling rows (type 4 and 5, no button
-- pressed) are no answers and are left out.
SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog
 WHERE ease BETWEEN 1 AND 4 AND type < 4
 ORDER BY id
