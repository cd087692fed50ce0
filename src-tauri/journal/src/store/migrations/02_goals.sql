
CREATE TABLE goals (
    seq         INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    why         TEXT,
    due_on      TEXT    CHECK (due_on IS NULL OR date(due_on) IS due_on),   -- a local day, YYYY-MM-DD
    status      TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done', 'dropped')),
    utc_offset  INTEGER NOT NULL,      -- seconds east of UTC where it was written
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
) STRICT;

CREATE TABLE milestones (
    seq         INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    goal_id     TEXT    NOT NULL REFERENCES goals (id),
    title       TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    started_on  TEXT    NOT NULL CHECK (date(started_on) IS started_on),
    due_on      TEXT    CHECK (due_on IS NULL OR (date(due_on) IS due_on AND due_on >= started_on)),
    -- A metric has a baseline and a target (and a unit, maybe empty); a done-check has none.
    baseline    REAL,
    target      REAL,
    unit        TEXT,
    done_at     INTEGER,               -- first reached or ticked; celebrated once
    utc_offset  INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER,
    CHECK ((baseline IS NULL) = (target IS NULL) AND (baseline IS NULL) = (unit IS NULL)),
    CHECK (baseline IS NULL OR baseline <> target)
) STRICT;

CREATE INDEX milestones_by_goal ON milestones (goal_id, seq) WHERE deleted_at IS NULL;

CREATE TABLE measurements (
    seq         INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    milestone_id TEXT   NOT NULL REFERENCES milestones (id),
    value       REAL    NOT NULL,
    measured_at INTEGER NOT NULL,
    utc_offset  INTEGER NOT NULL,
    note        TEXT,
    created_at  INTEGER NOT NULL,
    deleted_at  INTEGER
) STRICT;

CREATE INDEX measurements_by_milestone ON measurements (milestone_id, measured_at, seq) WHERE deleted_at IS NULL;

ALTER TABLE entries ADD COLUMN milestone_id TEXT REFERENCES milestones (id);

CREATE INDEX entries_by_milestone ON entries (milestone_id, occurred_at DESC)
    WHERE milestone_id IS NOT NULL AND deleted_at IS NULL;
