-- Autocomplete reads the names of one kind at one word position in key order: whole names
-- (word 0) by prefix, shortest first, and by substring. This index answers those scans
-- without touching the table.
CREATE INDEX names_by_word_key ON names (kind, word, folded_key, record_id);
