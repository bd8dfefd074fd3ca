-- Per-server (Discord guild) tables: server glossaries with history, settings, usage counts.
-- Every row carries guild_id and every query filters on it. These rows are never touched by
-- a dossier import.

CREATE TABLE guild_settings (
    guild_id INTEGER PRIMARY KEY,
    moderator_role INTEGER -- role allowed to edit the server glossary besides Manage Server
);

-- The live entries of each server's glossary. `name_key` is the folded name.
CREATE TABLE guild_terms (
    guild_id INTEGER NOT NULL,
    name_key TEXT NOT NULL CHECK (length(name_key) > 0),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    definition TEXT NOT NULL CHECK (length(definition) BETWEEN 1 AND 1500),
    aliases TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    version INTEGER NOT NULL CHECK (version >= 1),
    created_by INTEGER NOT NULL, -- Discord user id
    created_at INTEGER NOT NULL, -- unix seconds
    updated_by INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, name_key)
) WITHOUT ROWID;

-- Every folded name and alias of a server's entries: unique per server, so two entries can
-- never answer to the same word.
CREATE TABLE guild_term_names (
    guild_id INTEGER NOT NULL,
    folded TEXT NOT NULL CHECK (length(folded) > 0),
    name_key TEXT NOT NULL,
    label TEXT NOT NULL,
    is_alias INTEGER NOT NULL CHECK (is_alias IN (0, 1)),
    PRIMARY KEY (guild_id, folded),
    FOREIGN KEY (guild_id, name_key) REFERENCES guild_terms (guild_id, name_key) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX guild_term_names_by_entry ON guild_term_names (guild_id, name_key);

-- Every add, edit and remove, kept after removal. Snapshots are JSON objects
-- {"name", "definition", "aliases"}; `before` is NULL for an add, `after` NULL for a remove.
CREATE TABLE guild_term_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id INTEGER NOT NULL,
    name_key TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('add', 'edit', 'remove')),
    version INTEGER NOT NULL, -- the entry's version after an add or edit; the removed one for a remove
    actor_user INTEGER NOT NULL,
    at INTEGER NOT NULL, -- unix seconds
    before TEXT,
    after TEXT
);
CREATE INDEX guild_term_history_by_entry ON guild_term_history (guild_id, name_key, id);

-- Counts only, per server, UTC day, command and subject (the term asked about, '' if none).
-- No user ids are kept here.
CREATE TABLE guild_usage (
    guild_id INTEGER NOT NULL,
    day INTEGER NOT NULL, -- days since 1970-01-01, UTC
    command TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    uses INTEGER NOT NULL CHECK (uses >= 1),
    PRIMARY KEY (guild_id, day, command, subject)
) WITHOUT ROWID;
