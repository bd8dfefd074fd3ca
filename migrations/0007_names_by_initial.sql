-- Autocomplete on one typed letter reads the names starting with it shortest first. A range
-- over `names_by_word_key` finds them, but then every one must be sorted by length: a fifth
-- of all names (20,476 of the names of 100,000 terms start with "k"). Keyed by the first
-- letter and the length, the index hands them over already in order, and only the shortest
-- are read. Only the keys of whole names (`word = 0`) are autocomplete's prefix candidates.
CREATE INDEX names_by_initial
    ON names (kind, substr(folded_key, 1, 1), length(folded_key), record_id)
    WHERE word = 0;
