
ALTER TABLE entries ADD COLUMN import_key TEXT;

CREATE UNIQUE INDEX entries_by_import_key ON entries (import_key) WHERE import_key IS NOT NULL;
