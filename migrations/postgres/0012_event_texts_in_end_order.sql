-- Each event's text also carries its place in the order of the events' ends (end, start, id),
-- as on SQLite (../0012_event_texts_in_end_order.sql), so both engines write the same rows.
-- SQLite counts a text's events that ended before a date range through an index of words
-- under that number; here the timeline reads a text's candidates through the search index.
ALTER TABLE event_texts ADD COLUMN end_position BIGINT;
UPDATE event_texts SET end_position = ordered.end_position
FROM (
    SELECT event_id, row_number() OVER (ORDER BY latest, earliest, event_id) AS end_position
    FROM event_texts
) AS ordered
WHERE ordered.event_id = event_texts.event_id;
ALTER TABLE event_texts ALTER COLUMN end_position SET NOT NULL;
