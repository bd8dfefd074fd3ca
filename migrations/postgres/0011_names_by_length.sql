-- Every name row carries the length of its whole folded name, and whole names and later words
-- are indexed by it, as on SQLite (../0011_names_by_length.sql).
ALTER TABLE names ADD COLUMN label_length INTEGER;
UPDATE names SET label_length = char_length(whole.folded_key)
FROM names AS whole
WHERE whole.kind = names.kind AND whole.record_id = names.record_id
  AND whole.ordinal = names.ordinal AND whole.word = 0;
ALTER TABLE names ALTER COLUMN label_length SET NOT NULL;
CREATE INDEX names_whole_by_length ON names (kind, label_length, folded_key, record_id)
    WHERE word = 0;
CREATE INDEX names_later_by_length ON names (kind, label_length, folded_key, record_id)
    WHERE word > 0;
DROP INDEX names_by_initial;
