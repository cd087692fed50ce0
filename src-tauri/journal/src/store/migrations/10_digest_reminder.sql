
CREATE TABLE reminders_v8 (
    seq         INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL CHECK (kind IN ('daily', 'weekly', 'monthly', 'followup', 'nudge', 'digest')),
    at_time     TEXT    NOT NULL CHECK (time(at_time) IS at_time || ':00'),   -- local HH:MM
    weekday     INTEGER CHECK (weekday BETWEEN 1 AND 7),                      -- ISO: 1 is Monday
    month_day   INTEGER CHECK (month_day BETWEEN 1 AND 31),
    paused      INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    quiet_when_done INTEGER NOT NULL DEFAULT 0 CHECK (quiet_when_done IN (0, 1)),
    next_due_at INTEGER NOT NULL,      -- UTC milliseconds: a wall-clock instant survives sleep
    last_fired_at INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER,
    CHECK ((kind IN ('weekly', 'digest')) = (weekday IS NOT NULL)),
    CHECK ((kind = 'monthly') = (month_day IS NOT NULL)),
    -- follow-ups, nudges and the digest have no "always": nothing done makes them quiet but their own
    CHECK (quiet_when_done = 1 OR kind IN ('daily', 'weekly', 'monthly'))
) STRICT;

INSERT INTO reminders_v8 (seq, id, kind, at_time, weekday, month_day, paused, quiet_when_done, next_due_at,
                          last_fired_at, created_at, updated_at, deleted_at)
SELECT seq, id, kind, at_time, weekday, month_day, paused, quiet_when_done, next_due_at,
       last_fired_at, created_at, updated_at, deleted_at
FROM reminders;

DROP TABLE reminders;
ALTER TABLE reminders_v8 RENAME TO reminders;
