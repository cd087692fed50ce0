
CREATE TABLE settings (
    key         TEXT    PRIMARY KEY,
    value       TEXT    NOT NULL
) STRICT;

CREATE TABLE reminders (
    seq         INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL CHECK (kind IN ('daily', 'weekly', 'monthly', 'followup')),
    at_time     TEXT    NOT NULL CHECK (time(at_time) IS at_time || ':00'),   -- local HH:MM
    weekday     INTEGER CHECK (weekday BETWEEN 1 AND 7),                      -- ISO: 1 is Monday
    month_day   INTEGER CHECK (month_day BETWEEN 1 AND 31),
    paused      INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    next_due_at INTEGER NOT NULL,      -- UTC milliseconds: a wall-clock instant survives sleep
    last_fired_at INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER,
    CHECK ((kind = 'weekly') = (weekday IS NOT NULL)),
    CHECK ((kind = 'monthly') = (month_day IS NOT NULL))
) STRICT;

CREATE TABLE followups (
    setback_id  TEXT    PRIMARY KEY REFERENCES entries (id),
    asked_at    INTEGER,               -- when a reminder asked about it
    worked      TEXT    CHECK (worked IN ('yes', 'partly', 'no')),
    note        TEXT,
    answered_at INTEGER,
    utc_offset  INTEGER,
    CHECK ((worked IS NULL) = (answered_at IS NULL))
) STRICT, WITHOUT ROWID;
