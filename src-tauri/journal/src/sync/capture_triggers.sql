-- The triggers that record, while the journal syncs, which fields of which rows each write
-- changed and when, on a hybrid logical clock, in the write's own transaction (docs/sync.md).
-- Migration 14 gave every journal these; since migration 15 a journal holds them only while it
-- syncs (sync/capture.rs installs them as it starts and removes them as it leaves). Nothing is
-- recorded while others' changes are being merged (merging = 1).

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
