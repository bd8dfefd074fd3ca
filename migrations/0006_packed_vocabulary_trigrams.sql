-- The vocabularies' trigrams as one row per trigram listing its words, instead of one row per
-- trigram and word: 100,000 events gave 2.2 million rows, a third of the import's writing,
-- for lists that are always read whole. Each word's count of holders moves to a row of its
-- own. Derived by the import, so the stored content hash is forgotten again.
DROP TABLE word_trigrams;

-- Every word of each vocabulary (the names' words of each kind; 'text', the events' text),
-- with how many records (events, for 'text') hold it.
CREATE TABLE vocabulary_words (
    kind TEXT NOT NULL,
    word TEXT NOT NULL,
    holders INTEGER NOT NULL,
    PRIMARY KEY (kind, word)
) WITHOUT ROWID;

-- Every trigram of the words of each vocabulary, each word padded as "  word ", with the words
-- holding it in code-point order, one per line (folded words hold no line break).
CREATE TABLE vocabulary_trigrams (
    kind TEXT NOT NULL,
    trigram TEXT NOT NULL,
    words TEXT NOT NULL,
    PRIMARY KEY (kind, trigram)
) WITHOUT ROWID;

DELETE FROM dossier_meta;
