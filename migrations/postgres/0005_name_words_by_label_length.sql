-- Autocomplete's substring stage reads, for the words containing what was typed, the records
-- holding them shortest name first, exactly as on SQLite (../0005_name_words_by_label_length.sql).
-- Derived by the import, so the stored content hash is forgotten again.
ALTER TABLE name_words ADD COLUMN label_length BIGINT NOT NULL DEFAULT 0;
CREATE INDEX name_words_by_label_length ON name_words (kind, word, label_length, record_id);

DELETE FROM dossier_meta;
