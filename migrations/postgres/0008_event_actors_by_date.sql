-- Each link between an event and an actor carries the event's date bounds, so one index lists
-- an actor's events in the timeline's order, as on SQLite (../0008_event_actors_by_date.sql).
ALTER TABLE event_actors ADD COLUMN earliest BIGINT NOT NULL DEFAULT 0;
ALTER TABLE event_actors ADD COLUMN latest BIGINT NOT NULL DEFAULT 0;
UPDATE event_actors SET earliest = events.earliest, latest = events.latest
    FROM events WHERE events.id = event_actors.event_id;
DROP INDEX event_actors_by_actor;
CREATE INDEX event_actors_by_actor_and_date ON event_actors (actor_id, earliest, latest, event_id);
