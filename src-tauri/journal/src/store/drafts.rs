//! Drafts: what a form holds before it is saved (a review's answers, the capture box, the entry
//! editor), kept in the journal so that switching screens, periods or tabs, or a restart, loses no
//! word. A draft is opaque text under a key the front end chooses; saving a blank one discards it.

use chrono::{DateTime, TimeZone};
use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::{Error, Result};

/// The longest key, in characters: it names a form, not its content.
const MAX_KEY_CHARS: usize = 200;
/// The largest draft, in bytes: far more than anyone types, small enough to refuse a runaway form.
pub(crate) const MAX_DRAFT_BYTES: usize = 1 << 20;

impl Store {
    /// The draft saved under `key`, if any.
    pub fn draft(&self, key: &str) -> Result<Option<String>> {
        let key = checked_key(key)?;
        Ok(self
            .conn
            .prepare_cached("SELECT text FROM drafts WHERE key = ?1")?
            .query_row([key], |row| row.get(0))
            .optional()?)
    }

    /// Keeps `text` as the draft under `key` (replacing any), or discards the draft when `text` is
    /// blank: an emptied form has nothing left to restore.
    pub fn save_draft<Tz: TimeZone>(&self, key: &str, text: &str, now: &DateTime<Tz>) -> Result<()> {
        let key = checked_key(key)?;
        if text.trim().is_empty() {
            return self.discard_draft(key);
        }
        if text.len() > MAX_DRAFT_BYTES {
            return Err(Error::invalid(
                "draft",
                format!("a draft is at most {} MiB", MAX_DRAFT_BYTES >> 20),
            ));
        }
        self.conn
            .prepare_cached(
                "INSERT INTO drafts (key, text, saved_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (key) DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at",
            )?
            .execute(params![key, text, now.timestamp_millis()])?;
        Ok(())
    }

    /// Forgets the draft under `key` (the form was saved or cleared); nothing when there is none.
    pub fn discard_draft(&self, key: &str) -> Result<()> {
        let key = checked_key(key)?;
        self.conn
            .prepare_cached("DELETE FROM drafts WHERE key = ?1")?
            .execute([key])?;
        Ok(())
    }
}

fn checked_key(key: &str) -> Result<&str> {
    if key.trim().is_empty() || key.chars().count() > MAX_KEY_CHARS || key.chars().any(char::is_control) {
        return Err(Error::invalid(
            "draft key",
            format!("a draft's key is 1 to {MAX_KEY_CHARS} printable characters"),
        ));
    }
    Ok(key)
}
