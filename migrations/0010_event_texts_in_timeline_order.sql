-- A text-filtered timeline listed every event whose search document held the text's words
-- through `search_index` (reading each hit's kind and id from its content table), looked each
-- one up in `event_texts` by id and sorted them all before showing the first page: 91 ms for a
-- word in 8,000 of a million events. Numbering the events' texts in the timeline's order
-- (start, end, id) and indexing their words under that number lets one index hand over the
-- matching events already in order, so a page reads only as far as it shows and a count reads
-- one list of numbers.
CREATE TABLE event_texts_in_order (
    position INTEGER PRIMARY KEY, -- 1 for the first event of the timeline, and so on
    event_id TEXT NOT NULL UNIQUE,
    earliest INTEGER NOT NULL,
    latest INTEGER NOT NULL,
    folded_text TEXT NOT NULL
);
INSERT INTO event_texts_in_order (position, event_id, earliest, latest, folded_text)
SELECT row_number() OVER (ORDER BY earliest, latest, event_id), event_id, earliest, latest,
       folded_text
FROM event_texts;
DROP TABLE event_texts;
ALTER TABLE event_texts_in_order RENAME TO event_texts;
CREATE INDEX event_texts_by_date ON event_texts (earliest, latest, event_id);

-- The words of each event's folded text under its position, with their places, so that a text
-- of several words is matched as a phrase. The `ascii` tokenizer splits only at ASCII
-- characters other than letters and digits, so its words are exactly the folded text's
-- space-separated words, whatever their script; `|`, which joins the parts of an event's text,
-- is a word of its own, so no phrase runs from one part into the next. The text itself is in
-- `event_texts`; no lengths are kept.
CREATE VIRTUAL TABLE event_text_words USING fts5 (
    words,
    content = '',
    columnsize = 0,
    tokenize = "ascii tokenchars '|'"
);
INSERT INTO event_text_words (rowid, words) SELECT position, folded_text FROM event_texts;
