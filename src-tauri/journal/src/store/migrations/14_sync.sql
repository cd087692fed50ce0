-- Sync through a replicated folder (docs/sync.md). While a journal syncs, triggers record in
-- the same transaction as each write which fields of which rows changed and when, on a hybrid
-- logical clock, so no writer (the CLI, the window, an import, a reminder) can forget one.
-- Nothing is recorded while the journal does not sync (sync_state is empty) or while others'
-- changes are being merged (merging = 1).

-- One row while this journal takes part in a sync folder.
CREATE TABLE sync_state (
    only        INTEGER PRIMARY KEY CHECK (only = 1),
    journal_id  TEXT    NOT NULL,          -- the folder's name for the journal: small-wins/<journal_id>/
    device_id   TEXT    NOT NULL,          -- this device's files: devices/<device_id>/
    folder      TEXT    NOT NULL,          -- the replicated folder, as the user named it
    sync_key    BLOB    NOT NULL,          -- the folder key, which segments' keys come from
    clock       INTEGER NOT NULL,          -- the latest clock issued or seen: UTC ms << 16 | counter
    published   INTEGER NOT NULL,          -- this device's changes up to this clock are in segments
    last_seq    INTEGER NOT NULL,          -- this device's latest segment
    last_from   INTEGER NOT NULL,          -- its changes are those after this clock, up to published
    merging     INTEGER NOT NULL DEFAULT 0 CHECK (merging IN (0, 1))
) STRICT;

-- The devices whose segments this journal reads; number 0 is this device.
CREATE TABLE sync_devices (
    num         INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    name        TEXT,                      -- what the device calls itself (its host name)
    applied     INTEGER NOT NULL DEFAULT 0,-- its segments up to this one are merged
    last_clock  INTEGER NOT NULL DEFAULT 0 -- the latest clock in its merged segments
) STRICT;

-- The clock of each field's current value, for fields changed since the journal began to sync:
-- a field without a row was written before, and any later change replaces it. Field '' is a
-- row made on this device; 'base' is the clock of the value a change replaced, which tells an
-- edit made on top of another from one made beside it.
CREATE TABLE sync_changes (
    tbl         TEXT    NOT NULL,
    row_id      TEXT    NOT NULL,
    field       TEXT    NOT NULL,
    clock       INTEGER NOT NULL,
    device      INTEGER NOT NULL REFERENCES sync_devices (num),
    base        INTEGER NOT NULL,
    PRIMARY KEY (tbl, row_id, field)
) STRICT, WITHOUT ROWID;

-- This device's changes not yet in a segment are one range.
CREATE INDEX sync_changes_by_clock ON sync_changes (device, clock);

-- Words of an entry edited on two devices from the same version: the version that lost, kept until
-- the person chooses.
CREATE TABLE sync_conflicts (
    entry_id    TEXT    NOT NULL REFERENCES entries (id),
    field       TEXT    NOT NULL CHECK (field IN ('text', 'lesson', 'adjust')),
    clock       INTEGER NOT NULL,
    device      TEXT    NOT NULL,
    value       TEXT,
    PRIMARY KEY (entry_id, field, clock, device)
) STRICT, WITHOUT ROWID;

-- entries ----------------------------------------------------------------------------------------

CREATE TRIGGER sync_entries_insert AFTER INSERT ON entries WHEN (SELECT merging FROM sync_state) = 0 BEGIN
    UPDATE sync_state SET clock = max(clock + 1, new.updated_at * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'entries', new.id, '', clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0;
END;

CREATE TRIGGER sync_entries_update AFTER UPDATE ON entries WHEN (SELECT merging FROM sync_state) = 0 BEGIN
    UPDATE sync_state SET clock = max(clock + 1, new.updated_at * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'entries', new.id, f.field, s.clock, 0, 0 FROM sync_state s, (
        SELECT 'kind' AS field WHERE old.kind IS NOT new.kind
        UNION ALL SELECT 'text' WHERE old.text IS NOT new.text
        UNION ALL SELECT 'lesson' WHERE old.lesson IS NOT new.lesson
        UNION ALL SELECT 'adjust' WHERE old.adjust IS NOT new.adjust
        UNION ALL SELECT 'occurred_at' WHERE old.occurred_at IS NOT new.occurred_at OR old.utc_offset IS NOT new.utc_offset
        UNION ALL SELECT 'mood' WHERE old.mood IS NOT new.mood
        UNION ALL SELECT 'starred' WHERE old.starred IS NOT new.starred
        UNION ALL SELECT 'milestone_id' WHERE old.milestone_id IS NOT new.milestone_id
        UNION ALL SELECT 'shareable' WHERE old.shareable IS NOT new.shareable
        UNION ALL SELECT 'updated_at' WHERE old.updated_at IS NOT new.updated_at
        UNION ALL SELECT 'deleted_at' WHERE old.deleted_at IS NOT new.deleted_at
    ) f WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET
        base = CASE WHEN sync_changes.device = 0 AND sync_changes.clock > (SELECT published FROM sync_state)
                    THEN sync_changes.base ELSE sync_changes.clock END,
        clock = excluded.clock, device = 0;
END;

-- An entry's tags and credits travel by key; those of an entry not yet in a segment travel with it.
CREATE TRIGGER sync_entry_tags_insert AFTER INSERT ON entry_tags WHEN (SELECT merging FROM sync_state) = 0
AND NOT EXISTS (SELECT 1 FROM sync_changes c, sync_state s WHERE c.tbl = 'entries' AND c.row_id = new.entry_id
                AND c.field = '' AND c.device = 0 AND c.clock > s.published) BEGIN
    UPDATE sync_state SET clock = max(clock + 1, coalesce((SELECT updated_at FROM entries WHERE id = new.entry_id), 0) * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'entry_tags', new.entry_id, (SELECT key FROM tags WHERE id = new.tag_id), clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0;
END;

CREATE TRIGGER sync_entry_tags_delete AFTER DELETE ON entry_tags WHEN (SELECT merging FROM sync_state) = 0
AND NOT EXISTS (SELECT 1 FROM sync_changes c, sync_state s WHERE c.tbl = 'entries' AND c.row_id = old.entry_id
                AND c.field = '' AND c.device = 0 AND c.clock > s.published) BEGIN
    UPDATE sync_state SET clock = max(clock + 1, coalesce((SELECT updated_at FROM entries WHERE id = old.entry_id), 0) * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'entry_tags', old.entry_id, (SELECT key FROM tags WHERE id = old.tag_id), clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0;
END;

CREATE TRIGGER sync_entry_people_insert AFTER INSERT ON entry_people WHEN (SELECT merging FROM sync_state) = 0
AND NOT EXISTS (SELECT 1 FROM sync_changes c, sync_state s WHERE c.tbl = 'entries' AND c.row_id = new.entry_id
                AND c.field = '' AND c.device = 0 AND c.clock > s.published) BEGIN
    UPDATE sync_state SET clock = max(clock + 1, coalesce((SELECT updated_at FROM entries WHERE id = new.entry_id), 0) * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'entry_people', new.entry_id, (SELECT key FROM people WHERE id = new.person_id), clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0;
END;

CREATE TRIGGER sync_entry_people_delete AFTER DELETE ON entry_people WHEN (SELECT merging FROM sync_state) = 0
AND NOT EXISTS (SELECT 1 FROM sync_changes c, sync_state s WHERE c.tbl = 'entries' AND c.row_id = old.entry_id
                AND c.field = '' AND c.device = 0 AND c.clock > s.published) BEGIN
    UPDATE sync_state SET clock = max(clock + 1, coalesce((SELECT updated_at FROM entries WHERE id = old.entry_id), 0) * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'entry_people', old.entry_id, (SELECT key FROM people WHERE id = old.person_id), clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0;
END;

-- A tag's or a person's spelling: the first one written wins everywhere.
CREATE TRIGGER sync_tags_insert AFTER INSERT ON tags WHEN (SELECT merging FROM sync_state) = 0 BEGIN
    UPDATE sync_state SET clock = clock + 1;
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'tags', new.key, 'name', clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO NOTHING;
END;

CREATE TRIGGER sync_people_insert AFTER INSERT ON people WHEN (SELECT merging FROM sync_state) = 0 BEGIN
    UPDATE sync_state SET clock = clock + 1;
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'people', new.key, 'name', clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO NOTHING;
END;

-- goals, milestones and measurements ---------------------------------------------------------------

CREATE TRIGGER sync_goals_insert AFTER INSERT ON goals WHEN (SELECT merging FROM sync_state) = 0 BEGIN
    UPDATE sync_state SET clock = max(clock + 1, new.updated_at * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'goals', new.id, '', clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0;
END;

CREATE TRIGGER sync_goals_update AFTER UPDATE ON goals WHEN (SELECT merging FROM sync_state) = 0 BEGIN
    UPDATE sync_state SET clock = max(clock + 1, new.updated_at * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'goals', new.id, f.field, s.clock, 0, 0 FROM sync_state s, (
        SELECT 'title' AS field WHERE old.title IS NOT new.title
        UNION ALL SELECT 'why' WHERE old.why IS NOT new.why
        UNION ALL SELECT 'due_on' WHERE old.due_on IS NOT new.due_on
        UNION ALL SELECT 'status' WHERE old.status IS NOT new.status
        UNION ALL SELECT 'utc_offset' WHERE old.utc_offset IS NOT new.utc_offset
        UNION ALL SELECT 'updated_at' WHERE old.updated_at IS NOT new.updated_at
        UNION ALL SELECT 'deleted_at' WHERE old.deleted_at IS NOT new.deleted_at
    ) f WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET
        base = CASE WHEN sync_changes.device = 0 AND sync_changes.clock > (SELECT published FROM sync_state)
                    THEN sync_changes.base ELSE sync_changes.clock END,
        clock = excluded.clock, device = 0;
END;

CREATE TRIGGER sync_milestones_insert AFTER INSERT ON milestones WHEN (SELECT merging FROM sync_state) = 0 BEGIN
    UPDATE sync_state SET clock = max(clock + 1, new.updated_at * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'milestones', new.id, '', clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0;
END;

-- A milestone's dates, and its metric, each change as one field: their CHECKs hold them together.
CREATE TRIGGER sync_milestones_update AFTER UPDATE ON milestones WHEN (SELECT merging FROM sync_state) = 0 BEGIN
    UPDATE sync_state SET clock = max(clock + 1, new.updated_at * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'milestones', new.id, f.field, s.clock, 0, 0 FROM sync_state s, (
        SELECT 'title' AS field WHERE old.title IS NOT new.title
        UNION ALL SELECT 'dates' WHERE old.started_on IS NOT new.started_on OR old.due_on IS NOT new.due_on
        UNION ALL SELECT 'metric' WHERE old.baseline IS NOT new.baseline OR old.target IS NOT new.target
                                     OR old.unit IS NOT new.unit
        UNION ALL SELECT 'done_at' WHERE old.done_at IS NOT new.done_at
        UNION ALL SELECT 'utc_offset' WHERE old.utc_offset IS NOT new.utc_offset
        UNION ALL SELECT 'updated_at' WHERE old.updated_at IS NOT new.updated_at
        UNION ALL SELECT 'deleted_at' WHERE old.deleted_at IS NOT new.deleted_at
    ) f WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET
        base = CASE WHEN sync_changes.device = 0 AND sync_changes.clock > (SELECT published FROM sync_state)
                    THEN sync_changes.base ELSE sync_changes.clock END,
        clock = excluded.clock, device = 0;
END;

CREATE TRIGGER sync_measurements_insert AFTER INSERT ON measurements WHEN (SELECT merging FROM sync_state) = 0 BEGIN
    UPDATE sync_state SET clock = max(clock + 1, new.created_at * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'measurements', new.id, '', clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0;
END;

CREATE TRIGGER sync_measurements_update AFTER UPDATE ON measurements WHEN (SELECT merging FROM sync_state) = 0 BEGIN
    UPDATE sync_state SET clock = max(clock + 1, coalesce(new.deleted_at, 0) * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'measurements', new.id, f.field, s.clock, 0, 0 FROM sync_state s, (
        SELECT 'value' AS field WHERE old.value IS NOT new.value
        UNION ALL SELECT 'measured_at' WHERE old.measured_at IS NOT new.measured_at OR old.utc_offset IS NOT new.utc_offset
        UNION ALL SELECT 'note' WHERE old.note IS NOT new.note
        UNION ALL SELECT 'deleted_at' WHERE old.deleted_at IS NOT new.deleted_at
    ) f WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET
        base = CASE WHEN sync_changes.device = 0 AND sync_changes.clock > (SELECT published FROM sync_state)
                    THEN sync_changes.base ELSE sync_changes.clock END,
        clock = excluded.clock, device = 0;
END;

-- reminders, follow-up answers and settings --------------------------------------------------------
-- When a reminder is next due and when it last fired belong to each device: they never travel
-- but with the rule that sets them.

CREATE TRIGGER sync_reminders_insert AFTER INSERT ON reminders WHEN (SELECT merging FROM sync_state) = 0 BEGIN
    UPDATE sync_state SET clock = max(clock + 1, new.updated_at * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'reminders', new.id, '', clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0;
END;

CREATE TRIGGER sync_reminders_update AFTER UPDATE ON reminders WHEN (SELECT merging FROM sync_state) = 0
AND (old.at_time IS NOT new.at_time OR old.weekday IS NOT new.weekday OR old.month_day IS NOT new.month_day
     OR old.paused IS NOT new.paused OR old.quiet_when_done IS NOT new.quiet_when_done
     OR old.deleted_at IS NOT new.deleted_at) BEGIN
    UPDATE sync_state SET clock = max(clock + 1, new.updated_at * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'reminders', new.id, f.field, s.clock, 0, 0 FROM sync_state s, (
        SELECT 'schedule' AS field WHERE old.at_time IS NOT new.at_time OR old.weekday IS NOT new.weekday
                                      OR old.month_day IS NOT new.month_day OR old.paused IS NOT new.paused
        UNION ALL SELECT 'quiet_when_done' WHERE old.quiet_when_done IS NOT new.quiet_when_done
        UNION ALL SELECT 'updated_at' WHERE old.updated_at IS NOT new.updated_at
        UNION ALL SELECT 'deleted_at' WHERE old.deleted_at IS NOT new.deleted_at
    ) f WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET
        base = CASE WHEN sync_changes.device = 0 AND sync_changes.clock > (SELECT published FROM sync_state)
                    THEN sync_changes.base ELSE sync_changes.clock END,
        clock = excluded.clock, device = 0;
END;

-- A follow-up's answer travels as one value; when a reminder asked is this device's own.
CREATE TRIGGER sync_followups_insert AFTER INSERT ON followups WHEN (SELECT merging FROM sync_state) = 0
AND new.answered_at IS NOT NULL BEGIN
    UPDATE sync_state SET clock = max(clock + 1, new.answered_at * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'followups', new.setback_id, 'answer', clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0;
END;

CREATE TRIGGER sync_followups_update AFTER UPDATE ON followups WHEN (SELECT merging FROM sync_state) = 0
AND (old.worked IS NOT new.worked OR old.note IS NOT new.note OR old.answered_at IS NOT new.answered_at
     OR old.utc_offset IS NOT new.utc_offset) BEGIN
    UPDATE sync_state SET clock = max(clock + 1, coalesce(new.answered_at, 0) * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'followups', new.setback_id, 'answer', clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0;
END;

CREATE TRIGGER sync_settings_insert AFTER INSERT ON settings WHEN (SELECT merging FROM sync_state) = 0 BEGIN
    UPDATE sync_state SET clock = clock + 1;
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'settings', new.key, 'value', clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0;
END;

CREATE TRIGGER sync_settings_update AFTER UPDATE ON settings WHEN (SELECT merging FROM sync_state) = 0
AND old.value IS NOT new.value BEGIN
    UPDATE sync_state SET clock = clock + 1;
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT 'settings', new.key, 'value', clock, 0, 0 FROM sync_state WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = 0;
END;

-- An entry's tag and credit rows follow its time, so that an edit (or a merged change) moves them
-- instead of removing and adding them, which would travel as a removal and an addition.
CREATE TRIGGER entry_links_follow_time AFTER UPDATE OF occurred_at ON entries
WHEN old.occurred_at IS NOT new.occurred_at BEGIN
    UPDATE entry_tags SET occurred_at = new.occurred_at WHERE entry_id = new.id;
    UPDATE entry_people SET occurred_at = new.occurred_at WHERE entry_id = new.id;
END;
