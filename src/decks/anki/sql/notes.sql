SELECT id, guid, mid, tags, flds FROM notes
