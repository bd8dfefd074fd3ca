-- Autocomplete's substring stage reads, for the words containing what was typed, the records
-- holding them shortest name first, instead of testing every name of the kind: each record's
-- row for a word gives the length of its shortest name (or other name) holding that word.
-- Derived by the import like the rest of `name_words`, so the stored content hash is
-- forgotten again and the next import fills the column.
ALTER TABLE name_words ADD COLUMN label_length INTEGER NOT NULL DEFAULT 0;
CREATE INDEX name_words_by_label_length ON name_words (kind, word, label_length, record_id);

DELETE FROM dossier_meta;
