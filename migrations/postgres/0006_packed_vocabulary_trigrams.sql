-- The vocabularies' trigrams as one row per trigram listing its words, exactly as on SQLite
-- (../0006_packed_vocabulary_trigrams.sql). Derived by the import, so the stored content hash
-- is forgotten again.
DROP TABLE word_trigrams;

CREATE TABLE vocabulary_words (
    kind TEXT NOT NULL,
    word TEXT COLLATE "C" NOT NULL,
    holders BIGINT NOT NULL,
    PRIMARY KEY (kind, word)
);

CREATE TABLE vocabulary_trigrams (
    kind TEXT NOT NULL,
    trigram TEXT COLLATE "C" NOT NULL,
    words TEXT NOT NULL,
    PRIMARY KEY (kind, trigram)
);

DELETE FROM dossier_meta;
