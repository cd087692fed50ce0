
CREATE TABLE drafts (
    key      TEXT    NOT NULL PRIMARY KEY, -- which form: "review/week/2025-01-06", "capture", …
    text     TEXT    NOT NULL,             -- what the form holds, as the form writes it
    saved_at INTEGER NOT NULL              -- unix millis of the last change
) STRICT, WITHOUT ROWID;
