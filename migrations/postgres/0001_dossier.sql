-- The report's records on PostgreSQL: the same tables as the SQLite schema (../0001_dossier.sql)
-- where the dialects agree. Each record is kept whole as JSON text (`payload`, decoded into the
-- core types) beside the columns queries filter, join and sort on. An import replaces every row
-- of these tables in one transaction.
--
-- Text that is sorted or compared by range uses the "C" collation, so the order is by code
-- point, as in SQLite, whatever the database's own collation.

-- One row: which dossier is loaded.
CREATE TABLE dossier_meta (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    content_hash TEXT NOT NULL,
    imported_at BIGINT NOT NULL -- unix seconds
);

CREATE TABLE sources (
    id TEXT COLLATE "C" PRIMARY KEY,
    position BIGINT NOT NULL, -- order in sources.json
    payload TEXT NOT NULL
);

CREATE TABLE actors (
    id TEXT COLLATE "C" PRIMARY KEY,
    position BIGINT NOT NULL,
    part_of TEXT COLLATE "C" REFERENCES actors (id) DEFERRABLE INITIALLY DEFERRED,
    payload TEXT NOT NULL
);
CREATE INDEX actors_by_part_of ON actors (part_of);

-- Dates are stored as day numbers (days since 1970-01-01) of the EDTF bounds.
CREATE TABLE events (
    id TEXT COLLATE "C" PRIMARY KEY,
    position BIGINT NOT NULL,
    earliest BIGINT NOT NULL,
    latest BIGINT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX events_by_date ON events (earliest, latest, id);
CREATE INDEX events_by_latest ON events (latest);

CREATE TABLE event_actors (
    event_id TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    actor_id TEXT COLLATE "C" NOT NULL REFERENCES actors (id),
    PRIMARY KEY (event_id, actor_id)
);
CREATE INDEX event_actors_by_actor ON event_actors (actor_id, event_id);

CREATE TABLE measures (
    id TEXT COLLATE "C" PRIMARY KEY,
    position BIGINT NOT NULL,
    payload TEXT NOT NULL
);

CREATE TABLE estimates (
    id TEXT COLLATE "C" PRIMARY KEY,
    position BIGINT NOT NULL,
    measure_id TEXT COLLATE "C" NOT NULL REFERENCES measures (id),
    assessed_by TEXT COLLATE "C" REFERENCES actors (id),
    payload TEXT NOT NULL
);
CREATE INDEX estimates_by_measure ON estimates (measure_id);
CREATE INDEX estimates_by_assessor ON estimates (assessed_by);

CREATE TABLE terms (
    id TEXT COLLATE "C" PRIMARY KEY,
    position BIGINT NOT NULL,
    payload TEXT NOT NULL
);

CREATE TABLE claims (
    id TEXT COLLATE "C" PRIMARY KEY,
    position BIGINT NOT NULL,
    actor_id TEXT COLLATE "C" NOT NULL REFERENCES actors (id),
    earliest BIGINT, -- NULL when undated
    latest BIGINT,
    payload TEXT NOT NULL
);
CREATE INDEX claims_by_actor ON claims (actor_id);

-- Each claim's listed counter-claims, so the claims answering one are found from either side.
CREATE TABLE claim_counters (
    claim_id TEXT COLLATE "C" NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    counter_id TEXT COLLATE "C" NOT NULL REFERENCES claims (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (claim_id, counter_id)
);
CREATE INDEX claim_counters_by_counter ON claim_counters (counter_id, claim_id);

-- Every name and other name (alias, expansion, id) users may type for terms, actors, events
-- and measures, folded (dossier_core::fold), one row per word start, exactly as on SQLite:
-- prefix and word-prefix candidates are one range scan on (kind, folded_key), which the "C"
-- collation makes a plain code-point range.
CREATE TABLE names (
    kind TEXT NOT NULL CHECK (kind IN ('term', 'actor', 'event', 'measure')),
    record_id TEXT COLLATE "C" NOT NULL,
    record_position BIGINT NOT NULL,
    ordinal BIGINT NOT NULL,
    label TEXT NOT NULL, -- the name as written
    word BIGINT NOT NULL, -- index of the word the key starts at
    folded_key TEXT COLLATE "C" NOT NULL
);
CREATE INDEX names_by_key ON names (kind, folded_key, record_id);
CREATE INDEX names_by_record ON names (kind, record_id, word);
CREATE INDEX names_in_order ON names (kind, word, record_position, ordinal);

-- Full-text search over events, estimates, terms, claims and actors. `title` and `body` hold
-- the text shown (headlines come from `body`); `document` holds the folded words of the title
-- (weight A), the body (B) and the other searchable names (C), built by the store so that
-- words are split and folded exactly as on SQLite; `length` is the document's length in words
-- as SQLite's BM25 counts it (title and body twice: as shown and folded).
CREATE TABLE search_index (
    kind TEXT COLLATE "C" NOT NULL,
    record_id TEXT COLLATE "C" NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    document TSVECTOR NOT NULL,
    length BIGINT NOT NULL
);
CREATE INDEX search_index_by_document ON search_index USING GIN (document);
