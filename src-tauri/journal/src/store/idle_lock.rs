//! How long the window waits, idle, before it locks an encrypted journal: kept in the journal
//! itself (encrypted with it) beside the other settings, so each journal carries its own choice.

use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::{Error, Result};

const KEY: &str = "idle_lock";
/// What a journal locks after until the person chooses: ten idle minutes.
const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;
/// From a minute to a day; `None` (off) never locks on idle.
const IDLE_LOCK_MINUTES: std::ops::RangeInclusive<u32> = 1..=1440;

impl Store {
    /// The idle minutes after which the window locks the journal; `None` when it never does.
    pub fn idle_lock_minutes(&self) -> Result<Option<u32>> {
        let saved: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([KEY], |row| row.get(0))
            .optional()?;
        match saved {
            None => Ok(Some(DEFAULT_IDLE_LOCK_MINUTES)),
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| Error::invalid("idle lock", format!("the saved idle lock cannot be read: {e}"))),
        }
    }

    /// Saves the idle minutes after which the window locks the journal (`None`: never).
    pub fn set_idle_lock_minutes(&self, minutes: Option<u32>) -> Result<Option<u32>> {
        if let Some(minutes) = minutes
            && !IDLE_LOCK_MINUTES.contains(&minutes)
        {
            return Err(Error::invalid(
                "idle lock",
                format!(
                    "{minutes} is not between {} and {} minutes",
                    IDLE_LOCK_MINUTES.start(),
                    IDLE_LOCK_MINUTES.end()
                ),
            ));
        }
        let json = serde_json::to_string(&minutes).map_err(|e| Error::invalid("idle lock", e.to_string()))?;
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![KEY, json],
        )?;
        Ok(minutes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_idle_lock_is_ten_minutes_until_chosen_and_may_be_off() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("journal.sqlite3")).unwrap();
        assert_eq!(store.idle_lock_minutes().unwrap(), Some(DEFAULT_IDLE_LOCK_MINUTES));
        assert_eq!(store.set_idle_lock_minutes(Some(1)).unwrap(), Some(1));
        assert_eq!(store.idle_lock_minutes().unwrap(), Some(1));
        assert_eq!(store.set_idle_lock_minutes(None).unwrap(), None);
        assert_eq!(store.idle_lock_minutes().unwrap(), None);
    }

    #[test]
    fn an_idle_lock_outside_a_minute_to_a_day_is_refused_and_the_saved_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("journal.sqlite3")).unwrap();
        store.set_idle_lock_minutes(Some(5)).unwrap();
        for wrong in [0, 1441] {
            let error = store.set_idle_lock_minutes(Some(wrong)).unwrap_err();
            assert!(error.to_string().contains("between 1 and 1440 minutes"), "{error}");
        }
        assert_eq!(store.idle_lock_minutes().unwrap(), Some(5));
    }
}
