//! The journal's schema as a list of migrations; a shipped migration is never edited, only followed.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::Result;

/// Marks a file as a Small Wins journal (`PRAGMA application_id`, "SmWn").
pub(crate) const APPLICATION_ID: i64 = 0x536D_576E;

const MIGRATIONS: &[M<'static>] = &[
    // 1: entries, tags and full-text search.
    M::up(
        r#"
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
"#,
    ),
    // 2: goals, their milestones and measurements; entries may name the milestone they moved.
    M::up(
        r#"
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
"#,
    ),
    // 3: an entry imported from another tool remembers where it came from, so a second import of
    // the same file adds nothing.
    M::up(
        r#"
ALTER TABLE entries ADD COLUMN import_key TEXT;

CREATE UNIQUE INDEX entries_by_import_key ON entries (import_key) WHERE import_key IS NOT NULL;
"#,
    ),
    // 4: the reflection rhythm: the user's settings, reminder rules with their wall-clock due
    // times, and the answer to each setback's follow-up.
    M::up(
        r#"
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
"#,
    ),
    // 5: insights count a year of entries per local day from this index alone, never reading rows.
    M::up(
        r#"
CREATE INDEX entries_by_day ON entries (occurred_at, kind, mood) WHERE deleted_at IS NULL;
"#,
    ),
    // 6: a rule can stay quiet when its work is done (on for rules added from now on; rules from
    // before keep firing as they did), and the nudge on a day with no win. SQLite cannot change a
    // CHECK in place, so the table is rebuilt with its rows and order.
    M::up(
        r#"
CREATE TABLE reminders_v5 (
    seq         INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL CHECK (kind IN ('daily', 'weekly', 'monthly', 'followup', 'nudge')),
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
    CHECK ((kind = 'weekly') = (weekday IS NOT NULL)),
    CHECK ((kind = 'monthly') = (month_day IS NOT NULL)),
    -- follow-ups and nudges have nothing to say when their work is done
    CHECK (quiet_when_done = 1 OR kind IN ('daily', 'weekly', 'monthly'))
) STRICT;

INSERT INTO reminders_v5 (seq, id, kind, at_time, weekday, month_day, paused, quiet_when_done, next_due_at,
                          last_fired_at, created_at, updated_at, deleted_at)
SELECT seq, id, kind, at_time, weekday, month_day, paused, kind = 'followup', next_due_at,
       last_fired_at, created_at, updated_at, deleted_at
FROM reminders;

DROP TABLE reminders;
ALTER TABLE reminders_v5 RENAME TO reminders;
"#,
    ),
    // 7: people credited on entries (stored like tags), and the flag that lets an entry be shared.
    M::up(
        r#"
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
"#,
    ),
    // migration: window
    // Text typed into a form and not saved yet (a review's answers, the capture box, the entry
    // editor), one row a form, so it survives switching screens and a restart.
    M::up(
        r#"
CREATE TABLE drafts (
    key      TEXT    NOT NULL PRIMARY KEY, -- which form: "review/week/2025-01-06", "capture", …
    text     TEXT    NOT NULL,             -- what the form holds, as the form writes it
    saved_at INTEGER NOT NULL              -- unix millis of the last change
) STRICT, WITHOUT ROWID;
"#,
    ),
    // migration: corrections
    // The words as written, without stemming, so the word being typed matches every word it
    // begins ("delegat" finds "delegation", which the stemmed index holds as "deleg"). Only the
    // list of words is read (through the vocabulary table), so no positions are kept.
    M::up(
        r#"
CREATE VIRTUAL TABLE entries_words USING fts5 (
    text, lesson, adjust,
    content = 'entries', content_rowid = 'seq', detail = 'none',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE entries_words_vocab USING fts5vocab (entries_words, 'row');

INSERT INTO entries_words (rowid, text, lesson, adjust)
SELECT seq, text, lesson, adjust FROM entries WHERE deleted_at IS NULL;

CREATE TRIGGER entries_words_insert AFTER INSERT ON entries WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO entries_words (rowid, text, lesson, adjust) VALUES (new.seq, new.text, new.lesson, new.adjust);
END;

CREATE TRIGGER entries_words_delete AFTER DELETE ON entries WHEN old.deleted_at IS NULL BEGIN
    INSERT INTO entries_words (entries_words, rowid, text, lesson, adjust)
    VALUES ('delete', old.seq, old.text, old.lesson, old.adjust);
END;

CREATE TRIGGER entries_words_update AFTER UPDATE OF text, lesson, adjust, deleted_at ON entries BEGIN
    INSERT INTO entries_words (entries_words, rowid, text, lesson, adjust)
    SELECT 'delete', old.seq, old.text, old.lesson, old.adjust WHERE old.deleted_at IS NULL;
    INSERT INTO entries_words (rowid, text, lesson, adjust)
    SELECT new.seq, new.text, new.lesson, new.adjust WHERE new.deleted_at IS NULL;
END;
"#,
    ),
    // migration: reminders
    // The weekly "send the team digest" reminder, which has a weekday like the weekly review.
    // SQLite cannot change a CHECK in place, so the table is rebuilt with every column, its rows
    // and their order.
    M::up(
        r#"
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
"#,
    ),
    // migration: perf
    // Each tag row carries its entry's kind and whether the entry is live, so insights tally a
    // period's tags from one index range instead of looking up every entry by its id. The writer
    // supplies both; triggers keep them right when an entry's kind changes, it is deleted or
    // restored, or a row arrives without them.
    M::up(
        r#"
ALTER TABLE entry_tags ADD COLUMN kind TEXT CHECK (kind IN ('win', 'setback', 'note'));
ALTER TABLE entry_tags ADD COLUMN live INTEGER NOT NULL DEFAULT 1 CHECK (live IN (0, 1));

UPDATE entry_tags SET (kind, live) =
    (SELECT e.kind, e.deleted_at IS NULL FROM entries e WHERE e.id = entry_tags.entry_id);

-- A tag's live wins (or setbacks) of a period are one range; live is a column rather than a
-- partial index's condition so that the index alone answers.
CREATE INDEX entry_tags_by_kind ON entry_tags (live, kind, tag_id, occurred_at);

CREATE TRIGGER entry_tags_copy_entry AFTER INSERT ON entry_tags WHEN new.kind IS NULL BEGIN
    UPDATE entry_tags SET (kind, live) = (SELECT e.kind, e.deleted_at IS NULL FROM entries e WHERE e.id = new.entry_id)
    WHERE tag_id = new.tag_id AND occurred_at = new.occurred_at AND entry_id = new.entry_id;
END;

CREATE TRIGGER entry_tags_follow_entry AFTER UPDATE OF kind, deleted_at ON entries
WHEN old.kind IS NOT new.kind OR (old.deleted_at IS NULL) IS NOT (new.deleted_at IS NULL) BEGIN
    UPDATE entry_tags SET kind = new.kind, live = new.deleted_at IS NULL WHERE entry_id = new.id;
END;
"#,
    ),
    // migration: perf
    // Live entries tallied per UTC hour (wins, setbacks, notes, moods), kept by triggers, so that a
    // local day whose bounds fall on whole hours (every zone but the half- and quarter-hour ones)
    // is counted from its 23 to 25 hour rows instead of from each of its entries.
    M::up(
        r#"
CREATE TABLE entry_hours (
    hour     INTEGER PRIMARY KEY,          -- whole UTC hours since the Unix epoch, rounded down
    wins     INTEGER NOT NULL,
    setbacks INTEGER NOT NULL,
    notes    INTEGER NOT NULL,
    mood_sum INTEGER NOT NULL,             -- the moods of the hour's entries, added up
    moods    INTEGER NOT NULL              -- how many of its entries have a mood
) STRICT;

INSERT INTO entry_hours (hour, wins, setbacks, notes, mood_sum, moods)
SELECT (occurred_at - (occurred_at % 3600000 + 3600000) % 3600000) / 3600000 AS hour,
       sum(kind = 'win'), sum(kind = 'setback'), sum(kind = 'note'), coalesce(sum(mood), 0), count(mood)
FROM entries WHERE deleted_at IS NULL GROUP BY hour;

CREATE TRIGGER entry_hours_insert AFTER INSERT ON entries WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO entry_hours (hour, wins, setbacks, notes, mood_sum, moods)
    VALUES ((new.occurred_at - (new.occurred_at % 3600000 + 3600000) % 3600000) / 3600000,
            new.kind = 'win', new.kind = 'setback', new.kind = 'note', coalesce(new.mood, 0), new.mood IS NOT NULL)
    ON CONFLICT (hour) DO UPDATE SET wins = wins + excluded.wins, setbacks = setbacks + excluded.setbacks,
        notes = notes + excluded.notes, mood_sum = mood_sum + excluded.mood_sum, moods = moods + excluded.moods;
END;

CREATE TRIGGER entry_hours_delete AFTER DELETE ON entries WHEN old.deleted_at IS NULL BEGIN
    UPDATE entry_hours SET wins = wins - (old.kind = 'win'), setbacks = setbacks - (old.kind = 'setback'),
        notes = notes - (old.kind = 'note'), mood_sum = mood_sum - coalesce(old.mood, 0),
        moods = moods - (old.mood IS NOT NULL)
    WHERE hour = (old.occurred_at - (old.occurred_at % 3600000 + 3600000) % 3600000) / 3600000;
END;

CREATE TRIGGER entry_hours_update AFTER UPDATE OF kind, occurred_at, mood, deleted_at ON entries
WHEN old.kind IS NOT new.kind OR old.occurred_at IS NOT new.occurred_at OR old.mood IS NOT new.mood
    OR (old.deleted_at IS NULL) IS NOT (new.deleted_at IS NULL) BEGIN
    UPDATE entry_hours SET wins = wins - (old.kind = 'win'), setbacks = setbacks - (old.kind = 'setback'),
        notes = notes - (old.kind = 'note'), mood_sum = mood_sum - coalesce(old.mood, 0),
        moods = moods - (old.mood IS NOT NULL)
    WHERE old.deleted_at IS NULL
      AND hour = (old.occurred_at - (old.occurred_at % 3600000 + 3600000) % 3600000) / 3600000;
    INSERT INTO entry_hours (hour, wins, setbacks, notes, mood_sum, moods)
    SELECT (new.occurred_at - (new.occurred_at % 3600000 + 3600000) % 3600000) / 3600000,
           new.kind = 'win', new.kind = 'setback', new.kind = 'note', coalesce(new.mood, 0), new.mood IS NOT NULL
    WHERE new.deleted_at IS NULL
    ON CONFLICT (hour) DO UPDATE SET wins = wins + excluded.wins, setbacks = setbacks + excluded.setbacks,
        notes = notes + excluded.notes, mood_sum = mood_sum + excluded.mood_sum, moods = moods + excluded.moods;
END;
"#,
    ),
    // migration: integrator
    // Each credit row carries whether its entry is live, as tag rows do since migration 11, so the
    // people field's list of everyone credited is counted from one index instead of looking up
    // every credited entry (0.1–0.2 s on 100,000 entries, paid on every screen with the field).
    M::up(
        r#"
ALTER TABLE entry_people ADD COLUMN live INTEGER NOT NULL DEFAULT 1 CHECK (live IN (0, 1));

UPDATE entry_people SET live = 0
WHERE entry_id IN (SELECT id FROM entries WHERE deleted_at IS NOT NULL);

CREATE INDEX entry_people_live ON entry_people (live, person_id);

CREATE TRIGGER entry_people_copy_entry AFTER INSERT ON entry_people
WHEN EXISTS (SELECT 1 FROM entries e WHERE e.id = new.entry_id AND e.deleted_at IS NOT NULL) BEGIN
    UPDATE entry_people SET live = 0
    WHERE person_id = new.person_id AND occurred_at = new.occurred_at AND entry_id = new.entry_id;
END;

CREATE TRIGGER entry_people_follow_entry AFTER UPDATE OF deleted_at ON entries
WHEN (old.deleted_at IS NULL) IS NOT (new.deleted_at IS NULL) BEGIN
    UPDATE entry_people SET live = new.deleted_at IS NULL WHERE entry_id = new.id;
END;
"#,
    ),
    // migration: sync
    // What a journal needs to sync through a replicated folder: its place in the folder, the
    // devices it merges, the clock of each changed field (recorded by triggers), and words kept from
    // edits on two devices.
    M::up(include_str!("migrations/14_sync.sql")),
];

/// Migration 1's trigger that indexes each new live entry for search, as SQLite stores it. A large
/// import drops it for the length of its transaction and indexes the new entries in one statement
/// (several times faster), then puts it back: see [`super::export_import`].
pub(crate) const SEARCH_INDEX_TRIGGER: &str = "CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries WHEN \
new.deleted_at IS NULL BEGIN
    INSERT INTO entries_fts (rowid, text, lesson, adjust) VALUES (new.seq, new.text, new.lesson, new.adjust);
END";

/// Migration 9's trigger that lists each new live entry's words as written; a large import treats
/// it as it treats [`SEARCH_INDEX_TRIGGER`].
pub(crate) const WORDS_INDEX_TRIGGER: &str = "CREATE TRIGGER entries_words_insert AFTER INSERT ON entries WHEN \
new.deleted_at IS NULL BEGIN
    INSERT INTO entries_words (rowid, text, lesson, adjust) VALUES (new.seq, new.text, new.lesson, new.adjust);
END";

/// Migration 12's trigger that tallies each new live entry in its hour; a large import treats it as
/// it treats [`SEARCH_INDEX_TRIGGER`], adding the new entries to the tallies in one statement.
pub(crate) const HOURLY_TALLY_TRIGGER: &str = "CREATE TRIGGER entry_hours_insert AFTER INSERT ON entries WHEN \
new.deleted_at IS NULL BEGIN
    INSERT INTO entry_hours (hour, wins, setbacks, notes, mood_sum, moods)
    VALUES ((new.occurred_at - (new.occurred_at % 3600000 + 3600000) % 3600000) / 3600000,
            new.kind = 'win', new.kind = 'setback', new.kind = 'note', coalesce(new.mood, 0), new.mood IS NOT NULL)
    ON CONFLICT (hour) DO UPDATE SET wins = wins + excluded.wins, setbacks = setbacks + excluded.setbacks,
        notes = notes + excluded.notes, mood_sum = mood_sum + excluded.mood_sum, moods = moods + excluded.moods;
END";

/// The schema version this build writes (`PRAGMA user_version` after all migrations).
pub(crate) const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// Brings the journal's schema up to date, also when other processes open a new journal at the
/// same moment.
///
/// The migration reads the schema version, then runs in a transaction that waits for the write
/// lock; when another process migrated the file in between, the migration fails and rolls back,
/// and the version read again says there is nothing left to do.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let migrations = migrations();
    loop {
        let before = version(conn)?;
        match migrations.to_latest(conn) {
            Ok(()) => return Ok(()),
            Err(error) if version(conn)? == before => return Err(error.into()),
            Err(_) => continue,
        }
    }
}

fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// A journal as an older build left it, for tests of what a migration keeps.
#[cfg(test)]
pub(crate) fn migrate_to(conn: &mut Connection, version: usize) {
    migrations().to_version(conn, version).unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn application_id_in_sql_matches_the_constant() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
        assert_eq!(id, APPLICATION_ID);
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, LATEST_VERSION);
    }

    #[test]
    fn the_search_index_triggers_are_the_ones_the_schema_holds() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        for (name, trigger) in [
            ("entries_fts_insert", SEARCH_INDEX_TRIGGER),
            ("entries_words_insert", WORDS_INDEX_TRIGGER),
            ("entry_hours_insert", HOURLY_TALLY_TRIGGER),
        ] {
            let stored: String = conn
                .query_row("SELECT sql FROM sqlite_schema WHERE name = ?1", [name], |r| r.get(0))
                .unwrap();
            assert_eq!(stored, trigger);
        }
    }

    #[test]
    fn a_first_version_journal_keeps_every_entry_field_when_goals_arrive() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_version(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO entries (id, kind, text, lesson, adjust, occurred_at, utc_offset, mood, starred, \
             created_at, updated_at) VALUES ('e1', 'setback', 'Missed the demo', 'Ask early', 'Noon check-in', \
             1736337900000, 3600, 2, 1, 1736337900001, 1736337900002)",
        )
        .unwrap();
        let before: String = conn
            .query_row(
                "SELECT json_array(id, kind, text, lesson, adjust, occurred_at, utc_offset, mood, starred, \
                        created_at, updated_at, deleted_at) FROM entries",
                [],
                |r| r.get(0),
            )
            .unwrap();
        migrate(&mut conn).unwrap();
        let after: String = conn
            .query_row(
                "SELECT json_array(id, kind, text, lesson, adjust, occurred_at, utc_offset, mood, starred, \
                        created_at, updated_at, deleted_at) FROM entries",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(before, after);
        let link: Option<String> = conn
            .query_row("SELECT milestone_id FROM entries", [], |r| r.get(0))
            .unwrap();
        assert_eq!(link, None);
    }
}
