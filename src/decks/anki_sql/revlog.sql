SELECT id, cid, ease, ivl, lastIvl, factor, time FROM revlog ORDER BY cid, id
