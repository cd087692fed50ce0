
ALTER TABLE entries ADD COLUMN shareable INTEGER NOT NULL DEFAULT 0 CHECK (shareable IN (0, 1));

CREATE INDEX entries_shared ON entries (occurred_at, id) WHERE deleted_at IS NULL AND shareable = 1;

CREATE TABLE people (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,         -- lower-cased name: people match ignoring case
    name TEXT NOT NULL                 -- the spelling first used
) STRICT;

CREATE TABLE entry_people (
    person_id   INTEGER NOT NULL REFERENCES people (id),
    occurred_at INTEGER NOT NULL,
    entry_id    TEXT    NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, occurred_at, entry_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX entry_people_by_entry ON entry_people (entry_id);
