-- Read paths that stay fast on large dossiers: close spellings found through a vocabulary of
-- folded words and their trigrams, and the timeline's text filter run on each event's folded
-- text. Every row here is derived from the dossier by the import, so the stored content hash
-- is forgotten: the next import writes these tables even for an unchanged dossier.

-- Each record's distinct folded words (from its name and other names), with the record's rank
-- in core's tie order for equal scores (its folded display name): the records holding one
-- word, in that order, are one index range.
CREATE TABLE name_words (
    kind TEXT NOT NULL CHECK (kind IN ('term', 'actor', 'event', 'measure')),
    word TEXT NOT NULL,
    name_rank INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (kind, word, name_rank, record_id)
) WITHOUT ROWID;

-- The trigrams of each distinct word: of the names of each kind ('term', 'actor', 'event',
-- 'measure'), and of the events' folded text ('text'). A word is padded as "  word ", so its
-- first letters and its end are trigrams too.
CREATE TABLE word_trigrams (
    kind TEXT NOT NULL,
    trigram TEXT NOT NULL,
    word TEXT NOT NULL,
    holders INTEGER NOT NULL, -- how many records (events, for 'text') hold the word
    PRIMARY KEY (kind, trigram, word)
) WITHOUT ROWID;

-- The text core's timeline filter looks in, per event: the folded headline, summary and tags
-- joined by " | ", with the event's date bounds (day numbers), so that SQL filters, counts and
-- pages text-filtered timelines as core does.
CREATE TABLE event_texts (
    event_id TEXT PRIMARY KEY,
    earliest INTEGER NOT NULL,
    latest INTEGER NOT NULL,
    folded_text TEXT NOT NULL
);
CREATE INDEX event_texts_by_date ON event_texts (earliest, latest, event_id);


DELETE FROM dossier_meta;
