
CREATE INDEX entries_by_day ON entries (occurred_at, kind, mood) WHERE deleted_at IS NULL;
