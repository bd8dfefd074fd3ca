-- Read paths that stay fast on large dossiers, exactly as on SQLite
-- (../0004_word_trigrams_and_event_texts.sql): close spellings found through a vocabulary of
-- folded words and their trigrams, and the timeline's text filter run on each event's folded
-- text. Every row here is derived from the dossier by the import, so the stored content hash
-- is forgotten: the next import writes these tables even for an unchanged dossier.

-- Each record's distinct folded words, with the record's rank in core's tie order for equal
-- scores (its folded display name).
CREATE TABLE name_words (
    kind TEXT NOT NULL CHECK (kind IN ('term', 'actor', 'event', 'measure')),
    word TEXT COLLATE "C" NOT NULL,
    name_rank BIGINT NOT NULL,
    record_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, word, name_rank, record_id)
);

-- The trigrams of each distinct word of the names of each kind, and of the events' folded
-- text ('text'), each word padded as "  word ".
CREATE TABLE word_trigrams (
    kind TEXT NOT NULL,
    trigram TEXT COLLATE "C" NOT NULL,
    word TEXT COLLATE "C" NOT NULL,
    holders BIGINT NOT NULL, -- how many records (events, for 'text') hold the word
    PRIMARY KEY (kind, trigram, word)
);

-- The text core's timeline filter looks in, per event, with the event's date bounds.
CREATE TABLE event_texts (
    event_id TEXT COLLATE "C" PRIMARY KEY,
    earliest BIGINT NOT NULL,
    latest BIGINT NOT NULL,
    folded_text TEXT NOT NULL
);
CREATE INDEX event_texts_by_date ON event_texts (earliest, latest, event_id);

DELETE FROM dossier_meta;
