
PRAGMA application_id = 1399674734;

CREATE TABLE entries (
    seq         INTEGER PRIMARY KEY,   -- stable rowid for the full-text index
    id          TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL CHECK (kind IN ('win', 'setback', 'note')),
    text        TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    lesson      TEXT,
    adjust      TEXT,
    occurred_at INTEGER NOT NULL,      -- UTC, milliseconds since the Unix epoch
    utc_offset  INTEGER NOT NULL,      -- seconds east of UTC where it was written
    mood        INTEGER CHECK (mood BETWEEN 1 AND 5),
    starred     INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
) STRICT;

CREATE INDEX entries_timeline ON entries (occurred_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX entries_by_kind ON entries (kind, occurred_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX entries_starred ON entries (occurred_at DESC, id DESC) WHERE deleted_at IS NULL AND starred = 1;

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,         -- lower-cased name: tags match ignoring case
    name TEXT NOT NULL                 -- the spelling first used
) STRICT;

-- occurred_at is copied here so that a tag's page is one walk down one index.
CREATE TABLE entry_tags (
    tag_id      INTEGER NOT NULL REFERENCES tags (id),
    occurred_at INTEGER NOT NULL,
    entry_id    TEXT    NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, occurred_at, entry_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX entry_tags_by_entry ON entry_tags (entry_id);

-- Only live entries are indexed, so a search never has to skip deleted ones.
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    text, lesson, adjust,
    content = 'entries', content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO entries_fts (rowid, text, lesson, adjust) VALUES (new.seq, new.text, new.lesson, new.adjust);
END;

CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries WHEN old.deleted_at IS NULL BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, text, lesson, adjust)
    VALUES ('delete', old.seq, old.text, old.lesson, old.adjust);
END;

CREATE TRIGGER entries_fts_update AFTER UPDATE OF text, lesson, adjust, deleted_at ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, text, lesson, adjust)
    SELECT 'delete', old.seq, old.text, old.lesson, old.adjust WHERE old.deleted_at IS NULL;
    INSERT INTO entries_fts (rowid, text, lesson, adjust)
    SELECT new.seq, new.text, new.lesson, new.adjust WHERE new.deleted_at IS NULL;
END;
