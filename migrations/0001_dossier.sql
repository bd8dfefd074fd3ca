-- The report's records. Each record is kept whole as JSON (`payload`, decoded into the core
-- types) beside the columns queries filter, join and sort on. An import replaces every row of
-- these tables in one transaction.

-- One row: which dossier is loaded.
CREATE TABLE dossier_meta (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    content_hash TEXT NOT NULL,
    imported_at INTEGER NOT NULL -- unix seconds
);

CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL, -- order in sources.json
    payload TEXT NOT NULL
);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    part_of TEXT REFERENCES actors (id) DEFERRABLE INITIALLY DEFERRED,
    payload TEXT NOT NULL
);
CREATE INDEX actors_by_part_of ON actors (part_of);

-- Dates are stored as day numbers (days since 1970-01-01) of the EDTF bounds.
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    earliest INTEGER NOT NULL,
    latest INTEGER NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX events_by_date ON events (earliest, latest, id);
CREATE INDEX events_by_latest ON events (latest);

CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors (id),
    PRIMARY KEY (event_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX event_actors_by_actor ON event_actors (actor_id, event_id);

CREATE TABLE measures (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    payload TEXT NOT NULL
);

CREATE TABLE estimates (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    measure_id TEXT NOT NULL REFERENCES measures (id),
    assessed_by TEXT REFERENCES actors (id),
    payload TEXT NOT NULL
);
CREATE INDEX estimates_by_measure ON estimates (measure_id);
CREATE INDEX estimates_by_assessor ON estimates (assessed_by);

CREATE TABLE terms (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    payload TEXT NOT NULL
);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES actors (id),
    earliest INTEGER, -- NULL when undated
    latest INTEGER,
    payload TEXT NOT NULL
);
CREATE INDEX claims_by_actor ON claims (actor_id);

-- Each claim's listed counter-claims, so the claims answering one are found from either side.
CREATE TABLE claim_counters (
    claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    counter_id TEXT NOT NULL REFERENCES claims (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (claim_id, counter_id)
) WITHOUT ROWID;
CREATE INDEX claim_counters_by_counter ON claim_counters (counter_id, claim_id);

-- Every name and other name (alias, expansion, id) users may type for terms, actors, events
-- and measures, folded (dossier_core::fold). One row per word start: "Kursk Region" gives the
-- keys "kursk region" (word 0) and "region" (word 1), so prefix and word-prefix candidates are
-- one range scan on (kind, folded_key). Rows with word 0 list each record's names in order
-- (ordinal 0 is the display name).
CREATE TABLE names (
    kind TEXT NOT NULL CHECK (kind IN ('term', 'actor', 'event', 'measure')),
    record_id TEXT NOT NULL,
    record_position INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    label TEXT NOT NULL, -- the name as written
    word INTEGER NOT NULL, -- index of the word the key starts at
    folded_key TEXT NOT NULL
);
CREATE INDEX names_by_key ON names (kind, folded_key, record_id);
CREATE INDEX names_by_record ON names (kind, record_id, word);
CREATE INDEX names_in_order ON names (kind, word, record_position, ordinal);

-- Full-text search over events, estimates, terms, claims and actors. `title` and `body` hold
-- the text shown (snippets come from them); `keys` holds the same text folded so that "UN"
-- finds "U.N." and "Pyongyangs" finds "Pyongyang’s".
CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    record_id UNINDEXED,
    title,
    body,
    keys,
    tokenize = 'unicode61 remove_diacritics 2'
);
