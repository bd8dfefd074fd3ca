-- Every name row carries the length of its whole folded name and its record's place in the
-- order of folded display names, and whole names and later words are indexed by length, as on
-- SQLite (../0011_names_by_length.sql). The order is by code point, as core's and SQLite's.
ALTER TABLE names ADD COLUMN label_length INTEGER;
ALTER TABLE names ADD COLUMN name_rank INTEGER;
UPDATE names SET label_length = char_length(whole.folded_key)
FROM names AS whole
WHERE whole.kind = names.kind AND whole.record_id = names.record_id
  AND whole.ordinal = names.ordinal AND whole.word = 0;
UPDATE names SET name_rank = ranked.name_rank
FROM (
    SELECT kind, record_id,
           dense_rank() OVER (PARTITION BY kind ORDER BY folded_key COLLATE "C") - 1 AS name_rank
    FROM names WHERE word = 0 AND ordinal = 0
) AS ranked
WHERE ranked.kind = names.kind AND ranked.record_id = names.record_id;
ALTER TABLE names ALTER COLUMN label_length SET NOT NULL;
ALTER TABLE names ALTER COLUMN name_rank SET NOT NULL;
CREATE INDEX names_whole_by_length
    ON names (kind, label_length, folded_key, record_id, name_rank) WHERE word = 0;
CREATE INDEX names_later_by_length
    ON names (kind, label_length, folded_key, record_id, name_rank) WHERE word > 0;
DROP INDEX names_by_initial;
