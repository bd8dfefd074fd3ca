-- Per-server (Discord guild) tables on PostgreSQL: server glossaries with history, settings,
-- usage counts. Every row carries guild_id and every query filters on it. These rows are never
-- touched by a dossier import. Discord ids are kept bit for bit in signed 64-bit integers.

CREATE TABLE guild_settings (
    guild_id BIGINT PRIMARY KEY,
    moderator_role BIGINT -- role allowed to edit the server glossary besides Manage Server
);

-- The live entries of each server's glossary. `name_key` is the folded name.
CREATE TABLE guild_terms (
    guild_id BIGINT NOT NULL,
    name_key TEXT COLLATE "C" NOT NULL CHECK (char_length(name_key) > 0),
    name TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 64),
    definition TEXT NOT NULL CHECK (char_length(definition) BETWEEN 1 AND 1500),
    aliases TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    version BIGINT NOT NULL CHECK (version >= 1),
    created_by BIGINT NOT NULL, -- Discord user id
    created_at BIGINT NOT NULL, -- unix seconds
    updated_by BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (guild_id, name_key)
);

-- Every folded name and alias of a server's entries: unique per server, so two entries can
-- never answer to the same word.
CREATE TABLE guild_term_names (
    guild_id BIGINT NOT NULL,
    folded TEXT COLLATE "C" NOT NULL CHECK (char_length(folded) > 0),
    name_key TEXT COLLATE "C" NOT NULL,
    label TEXT NOT NULL,
    is_alias BOOLEAN NOT NULL,
    PRIMARY KEY (guild_id, folded),
    FOREIGN KEY (guild_id, name_key) REFERENCES guild_terms (guild_id, name_key) ON DELETE CASCADE
);
CREATE INDEX guild_term_names_by_entry ON guild_term_names (guild_id, name_key);

-- Every add, edit and remove, kept after removal. Snapshots are JSON objects
-- {"name", "definition", "aliases"}; `before` is NULL for an add, `after` NULL for a remove.
CREATE TABLE guild_term_history (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guild_id BIGINT NOT NULL,
    name_key TEXT COLLATE "C" NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('add', 'edit', 'remove')),
    version BIGINT NOT NULL, -- the entry's version after an add or edit; the removed one for a remove
    actor_user BIGINT NOT NULL,
    at BIGINT NOT NULL, -- unix seconds
    before TEXT,
    after TEXT
);
CREATE INDEX guild_term_history_by_entry ON guild_term_history (guild_id, name_key, id);

-- Counts only, per server, UTC day, command and subject (the term asked about, '' if none).
-- No user ids are kept here.
CREATE TABLE guild_usage (
    guild_id BIGINT NOT NULL,
    day BIGINT NOT NULL, -- days since 1970-01-01, UTC
    command TEXT COLLATE "C" NOT NULL,
    subject TEXT COLLATE "C" NOT NULL DEFAULT '',
    uses BIGINT NOT NULL CHECK (uses >= 1),
    PRIMARY KEY (guild_id, day, command, subject)
);
