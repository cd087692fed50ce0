
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
