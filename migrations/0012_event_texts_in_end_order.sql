-- A timeline filtered by text and dates listed the text's events in the timeline's order and
-- looked up each one's dates until the page was full and the count at its cap: the events that
-- ended before the range cannot be told from those still running into it without reading
-- their row, so a word in 8,000 of a million events cost 19–23 ms with a year. Numbering the
-- events' texts also by their end (end, start, id) and indexing their words under that number
-- lets an index count the text's events that ended before the range, with no row read; with
-- the index in the timeline's order counting those that began before it, the difference is the
-- events that run into the range from before it.
ALTER TABLE event_texts ADD COLUMN end_position INTEGER;
CREATE TEMP TABLE event_ends AS
SELECT position, row_number() OVER (ORDER BY latest, earliest, event_id) AS end_position
FROM event_texts;
UPDATE event_texts SET end_position = event_ends.end_position
FROM event_ends
WHERE event_ends.position = event_texts.position;
DROP TABLE event_ends;
CREATE UNIQUE INDEX event_texts_by_end ON event_texts (latest, end_position);

-- The words of each event's folded text under its place in the end's order, tokenized as
-- `event_text_words` (migration 0010) is, so a phrase matches the same events in both.
CREATE VIRTUAL TABLE event_text_words_by_end USING fts5 (
    words,
    content = '',
    columnsize = 0,
    tokenize = "ascii tokenchars '|'"
);
INSERT INTO event_text_words_by_end (rowid, words) SELECT end_position, folded_text FROM event_texts;
