-- Each event's text carries its place in the timeline's order (start, end, id), as on SQLite
-- (../0010_event_texts_in_timeline_order.sql), so both engines write the same rows.
ALTER TABLE event_texts ADD COLUMN position BIGINT;
UPDATE event_texts SET position = ordered.position
FROM (
    SELECT event_id, row_number() OVER (ORDER BY earliest, latest, event_id) AS position
    FROM event_texts
) AS ordered
WHERE ordered.event_id = event_texts.event_id;
ALTER TABLE event_texts ALTER COLUMN position SET NOT NULL;
CREATE UNIQUE INDEX event_texts_by_position ON event_texts (position);
