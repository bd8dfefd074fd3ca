-- Autocomplete on one typed letter reads the names starting with it in order of length, as on
-- SQLite (../0007_names_by_initial.sql).
CREATE INDEX names_by_initial
    ON names (kind, substr(folded_key, 1, 1), length(folded_key), record_id)
    WHERE word = 0;
