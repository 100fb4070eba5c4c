SELECT models FROM col
