
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
