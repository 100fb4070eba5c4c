SELECT ntid, ord, name FROM fields
