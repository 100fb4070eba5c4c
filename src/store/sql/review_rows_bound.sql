-- At least as many as the history holds (ids only grow): a bound read from the end of the table.
SELECT coalesce(max(id), 0) FROM reviews
