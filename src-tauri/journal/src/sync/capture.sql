-- The triggers that record each change while a journal syncs (docs/sync.md), as `sync/capture.rs`
-- installs them: migration 14's rules, with each table's trigger reduced to what is its own (which
-- row, which fields, at what time) and the rest written once, in sync_capture_record. SQLite parses
-- every trigger at every open: these take 46 % less of that work than migration 14's
-- (docs/benchmarks.md, "The capture triggers made smaller").

-- The name of each field an update records, by its bit in sync_capture.changed.
CREATE TABLE sync_fields (
    tbl         TEXT    NOT NULL,
    bit         INTEGER NOT NULL,
    field       TEXT    NOT NULL,
    PRIMARY KEY (tbl, bit)
) STRICT, WITHOUT ROWID;

INSERT INTO sync_fields (tbl, bit, field) VALUES
    ('entries', 1, 'kind'), ('entries', 2, 'text'), ('entries', 4, 'lesson'), ('entries', 8, 'adjust'),
    ('entries', 16, 'occurred_at'), ('entries', 32, 'mood'), ('entries', 64, 'starred'),
    ('entries', 128, 'milestone_id'), ('entries', 256, 'shareable'), ('entries', 512, 'updated_at'),
    ('entries', 1024, 'deleted_at'),
    ('goals', 1, 'title'), ('goals', 2, 'why'), ('goals', 4, 'due_on'), ('goals', 8, 'status'),
    ('goals', 16, 'utc_offset'), ('goals', 32, 'updated_at'), ('goals', 64, 'deleted_at'),
    ('milestones', 1, 'title'), ('milestones', 2, 'dates'), ('milestones', 4, 'metric'),
    ('milestones', 8, 'done_at'), ('milestones', 16, 'utc_offset'), ('milestones', 32, 'updated_at'),
    ('milestones', 64, 'deleted_at'),
    ('measurements', 1, 'value'), ('measurements', 2, 'measured_at'), ('measurements', 4, 'note'),
    ('measurements', 8, 'deleted_at'),
    ('reminders', 1, 'schedule'), ('reminders', 2, 'quiet_when_done'), ('reminders', 4, 'updated_at'),
    ('reminders', 8, 'deleted_at');

-- One change as a table's trigger sees it: the row, the field (a row made: ''), or the fields of an
-- update as bits of `changed`; the time it was written (UTC ms; 0 for a spelling or a setting, which
-- have none: the clock only ticks, as the clock is never below 0); and which rule records it:
--   made    a row or a value written whole: its clock replaces the one before;
--   edited  fields of a row changed: the clock each replaces becomes its base, unless that one is
--           this device's own and not yet in a segment;
--   linked  as made, unless the entry is this device's own and not yet in a segment, which carries
--           its tags and credits with it;
--   first   a spelling: the first one written wins everywhere.
CREATE VIEW sync_capture (tbl, row_id, field, changed, at, rule) AS SELECT '', '', '', 0, 0, '' WHERE false;

-- Nothing is recorded while others' changes are being merged (merging = 1).
CREATE TRIGGER sync_capture_record INSTEAD OF INSERT ON sync_capture WHEN (SELECT merging FROM sync_state) = 0
AND (new.rule <> 'linked' OR NOT EXISTS (SELECT 1 FROM sync_changes c, sync_state s WHERE c.tbl = 'entries'
     AND c.row_id = new.row_id AND c.field = '' AND c.device = 0 AND c.clock > s.published)) BEGIN
    UPDATE sync_state SET clock = max(clock + 1, new.at * 65536);
    INSERT INTO sync_changes (tbl, row_id, field, clock, device, base)
    SELECT new.tbl, new.row_id, coalesce(f.field, new.field), s.clock, 0, 0
    FROM sync_state s LEFT JOIN sync_fields f ON f.tbl = new.tbl AND new.changed & f.bit
    WHERE new.rule <> 'edited' OR f.field IS NOT NULL
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET
        base = CASE WHEN new.rule = 'edited'
                    AND NOT (sync_changes.device = 0 AND sync_changes.clock > (SELECT published FROM sync_state))
                    THEN sync_changes.clock ELSE sync_changes.base END,
        clock = excluded.clock, device = 0
    WHERE new.rule <> 'first';
END;

-- entries ----------------------------------------------------------------------------------------

CREATE TRIGGER sync_entries_insert AFTER INSERT ON entries BEGIN
    INSERT INTO sync_capture VALUES ('entries', new.id, '', 0, new.updated_at, 'made');
END;

CREATE TRIGGER sync_entries_update AFTER UPDATE ON entries BEGIN
    INSERT INTO sync_capture VALUES ('entries', new.id, NULL, (old.kind IS NOT new.kind)
        + 2 * (old.text IS NOT new.text) + 4 * (old.lesson IS NOT new.lesson) + 8 * (old.adjust IS NOT new.adjust)
        + 16 * (old.occurred_at IS NOT new.occurred_at OR old.utc_offset IS NOT new.utc_offset)
        + 32 * (old.mood IS NOT new.mood) + 64 * (old.starred IS NOT new.starred)
        + 128 * (old.milestone_id IS NOT new.milestone_id) + 256 * (old.shareable IS NOT new.shareable)
        + 512 * (old.updated_at IS NOT new.updated_at) + 1024 * (old.deleted_at IS NOT new.deleted_at),
        new.updated_at, 'edited');
END;

-- An entry's tags and credits travel by key.
CREATE TRIGGER sync_entry_tags_insert AFTER INSERT ON entry_tags BEGIN
    INSERT INTO sync_capture VALUES ('entry_tags', new.entry_id, (SELECT key FROM tags WHERE id = new.tag_id), 0,
        coalesce((SELECT updated_at FROM entries WHERE id = new.entry_id), 0), 'linked');
END;

CREATE TRIGGER sync_entry_tags_delete AFTER DELETE ON entry_tags BEGIN
    INSERT INTO sync_capture VALUES ('entry_tags', old.entry_id, (SELECT key FROM tags WHERE id = old.tag_id), 0,
        coalesce((SELECT updated_at FROM entries WHERE id = old.entry_id), 0), 'linked');
END;

CREATE TRIGGER sync_entry_people_insert AFTER INSERT ON entry_people BEGIN
    INSERT INTO sync_capture VALUES ('entry_people', new.entry_id, (SELECT key FROM people WHERE id = new.person_id), 0,
        coalesce((SELECT updated_at FROM entries WHERE id = new.entry_id), 0), 'linked');
END;

CREATE TRIGGER sync_entry_people_delete AFTER DELETE ON entry_people BEGIN
    INSERT INTO sync_capture VALUES ('entry_people', old.entry_id, (SELECT key FROM people WHERE id = old.person_id), 0,
        coalesce((SELECT updated_at FROM entries WHERE id = old.entry_id), 0), 'linked');
END;

CREATE TRIGGER sync_tags_insert AFTER INSERT ON tags BEGIN
    INSERT INTO sync_capture VALUES ('tags', new.key, 'name', 0, 0, 'first');
END;

CREATE TRIGGER sync_people_insert AFTER INSERT ON people BEGIN
    INSERT INTO sync_capture VALUES ('people', new.key, 'name', 0, 0, 'first');
END;

-- goals, milestones and measurements ---------------------------------------------------------------

CREATE TRIGGER sync_goals_insert AFTER INSERT ON goals BEGIN
    INSERT INTO sync_capture VALUES ('goals', new.id, '', 0, new.updated_at, 'made');
END;

CREATE TRIGGER sync_goals_update AFTER UPDATE ON goals BEGIN
    INSERT INTO sync_capture VALUES ('goals', new.id, NULL, (old.title IS NOT new.title)
        + 2 * (old.why IS NOT new.why) + 4 * (old.due_on IS NOT new.due_on) + 8 * (old.status IS NOT new.status)
        + 16 * (old.utc_offset IS NOT new.utc_offset) + 32 * (old.updated_at IS NOT new.updated_at)
        + 64 * (old.deleted_at IS NOT new.deleted_at), new.updated_at, 'edited');
END;

CREATE TRIGGER sync_milestones_insert AFTER INSERT ON milestones BEGIN
    INSERT INTO sync_capture VALUES ('milestones', new.id, '', 0, new.updated_at, 'made');
END;

-- A milestone's dates, and its metric, each change as one field: their CHECKs hold them together.
CREATE TRIGGER sync_milestones_update AFTER UPDATE ON milestones BEGIN
    INSERT INTO sync_capture VALUES ('milestones', new.id, NULL, (old.title IS NOT new.title)
        + 2 * (old.started_on IS NOT new.started_on OR old.due_on IS NOT new.due_on)
        + 4 * (old.baseline IS NOT new.baseline OR old.target IS NOT new.target OR old.unit IS NOT new.unit)
        + 8 * (old.done_at IS NOT new.done_at) + 16 * (old.utc_offset IS NOT new.utc_offset)
        + 32 * (old.updated_at IS NOT new.updated_at) + 64 * (old.deleted_at IS NOT new.deleted_at),
        new.updated_at, 'edited');
END;

CREATE TRIGGER sync_measurements_insert AFTER INSERT ON measurements BEGIN
    INSERT INTO sync_capture VALUES ('measurements', new.id, '', 0, new.created_at, 'made');
END;

CREATE TRIGGER sync_measurements_update AFTER UPDATE ON measurements BEGIN
    INSERT INTO sync_capture VALUES ('measurements', new.id, NULL, (old.value IS NOT new.value)
        + 2 * (old.measured_at IS NOT new.measured_at OR old.utc_offset IS NOT new.utc_offset)
        + 4 * (old.note IS NOT new.note) + 8 * (old.deleted_at IS NOT new.deleted_at),
        coalesce(new.deleted_at, 0), 'edited');
END;

-- reminders, follow-up answers and settings --------------------------------------------------------
-- When a reminder is next due and when it last fired belong to each device: they never travel
-- but with the rule that sets them.

CREATE TRIGGER sync_reminders_insert AFTER INSERT ON reminders BEGIN
    INSERT INTO sync_capture VALUES ('reminders', new.id, '', 0, new.updated_at, 'made');
END;

CREATE TRIGGER sync_reminders_update AFTER UPDATE ON reminders
WHEN old.at_time IS NOT new.at_time OR old.weekday IS NOT new.weekday OR old.month_day IS NOT new.month_day
     OR old.paused IS NOT new.paused OR old.quiet_when_done IS NOT new.quiet_when_done
     OR old.deleted_at IS NOT new.deleted_at BEGIN
    INSERT INTO sync_capture VALUES ('reminders', new.id, NULL, (old.at_time IS NOT new.at_time
        OR old.weekday IS NOT new.weekday OR old.month_day IS NOT new.month_day OR old.paused IS NOT new.paused)
        + 2 * (old.quiet_when_done IS NOT new.quiet_when_done) + 4 * (old.updated_at IS NOT new.updated_at)
        + 8 * (old.deleted_at IS NOT new.deleted_at), new.updated_at, 'edited');
END;

-- A follow-up's answer travels as one value; when a reminder asked is this device's own.
CREATE TRIGGER sync_followups_insert AFTER INSERT ON followups WHEN new.answered_at IS NOT NULL BEGIN
    INSERT INTO sync_capture VALUES ('followups', new.setback_id, 'answer', 0, new.answered_at, 'made');
END;

CREATE TRIGGER sync_followups_update AFTER UPDATE ON followups
WHEN old.worked IS NOT new.worked OR old.note IS NOT new.note OR old.answered_at IS NOT new.answered_at
     OR old.utc_offset IS NOT new.utc_offset BEGIN
    INSERT INTO sync_capture VALUES ('followups', new.setback_id, 'answer', 0, coalesce(new.answered_at, 0), 'made');
END;

CREATE TRIGGER sync_settings_insert AFTER INSERT ON settings BEGIN
    INSERT INTO sync_capture VALUES ('settings', new.key, 'value', 0, 0, 'made');
END;

CREATE TRIGGER sync_settings_update AFTER UPDATE ON settings WHEN old.value IS NOT new.value BEGIN
    INSERT INTO sync_capture VALUES ('settings', new.key, 'value', 0, 0, 'made');
END;
