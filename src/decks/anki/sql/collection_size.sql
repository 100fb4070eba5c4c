-- How many cards the collection holds and how many answers its review log holds, for the
-- importer to know a bulk import ahead.
SELECT (SELECT count(*) FROM cards),
       (SELECT count(*) FROM revlog WHERE ease BETWEEN 1 AND 4 AND type < 4)
