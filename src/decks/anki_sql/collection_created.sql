SELECT crt FROM col
