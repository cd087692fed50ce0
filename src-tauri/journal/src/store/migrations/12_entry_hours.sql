
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
