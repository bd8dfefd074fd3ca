-- Counting the events that overlap a date range reads the events by their end and then their
-- start, as on SQLite (../0009_events_by_latest_and_earliest.sql).
DROP INDEX events_by_latest;
CREATE INDEX events_by_latest_and_earliest ON events (latest, earliest);
