SELECT decks FROM col
