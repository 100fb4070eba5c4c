SELECT conf FROM col
