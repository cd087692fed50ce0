
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
