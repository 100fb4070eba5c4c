SELECT id FROM cards WHERE instr(' ' || tags || ' ', ' ' || ?1 || ' ') > 0 ORDER BY id
