//! Reading and saving the user's settings: one JSON value, so a save is whole, and defaults until then.

use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use crate::settings::Settings;
use crate::{Error, Result};

const KEY: &str = "rhythm";

impl Store {
    /// The saved settings, or the defaults when none were saved.
    pub fn settings(&self) -> Result<Settings> {
        Ok(saved_settings(&self.conn)?.unwrap_or_default())
    }

    /// Checks and saves `settings` whole, returning them as stored.
    pub fn save_settings(&self, settings: Settings) -> Result<Settings> {
        write_settings(&self.conn, settings)
    }
}

/// The settings as saved, or `None` when the user never saved any.
pub(super) fn saved_settings(conn: &Connection) -> Result<Option<Settings>> {
    let saved: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([KEY], |row| row.get(0))
        .optional()?;
    saved
        .map(|json| {
            serde_json::from_str(&json)
                .map_err(|e| Error::invalid("settings", format!("the saved settings cannot be read: {e}")))
        })
        .transpose()
}

/// Checks `settings` and writes them over any saved before.
pub(super) fn write_settings(conn: &Connection, settings: Settings) -> Result<Settings> {
    let settings = settings.checked()?;
    let json = serde_json::to_string(&settings).map_err(|e| Error::invalid("settings", e.to_string()))?;
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![KEY, json],
    )?;
    Ok(settings)
}
