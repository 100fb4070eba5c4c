-- How many answers the review log holds (for the importer to know a bulk import ahead).
SELECT count(*) FROM revlog WHERE ease BETWEEN 1 AND 4 AND type < 4
