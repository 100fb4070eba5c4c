SELECT CAST(val AS TEXT) FROM config WHERE key = ?1
