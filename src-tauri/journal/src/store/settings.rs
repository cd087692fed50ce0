//! Reading and saving the user's settings: one JSON value, so a save is whole, and defaults until then.

use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::settings::Settings;
use crate::{Error, Result};

const KEY: &str = "rhythm";

impl Store {
    /// The saved settings, or the defaults when none were saved.
    pub fn settings(&self) -> Result<Settings> {
        let saved: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([KEY], |row| row.get(0))
            .optional()?;
        match saved {
            None => Ok(Settings::default()),
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| Error::invalid("settings", format!("the saved settings cannot be read: {e}"))),
        }
    }

    /// Checks and saves `settings` whole, returning them as stored.
    pub fn save_settings(&self, settings: Settings) -> Result<Settings> {
        let settings = settings.checked()?;
        let json = serde_json::to_string(&settings).map_err(|e| Error::invalid("settings", e.to_string()))?;
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![KEY, json],
        )?;
        Ok(settings)
    }
}
