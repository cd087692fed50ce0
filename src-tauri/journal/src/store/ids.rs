//! Ids as people type them: any unambiguous start of an entry's, goal's or milestone's id.

use chrono::{DateTime, TimeZone};
use uuid::{NoContext, Timestamp, Uuid};

use super::Store;
use crate::error::Record;
use crate::{Error, Result};

/// A new record's id: a UUIDv7 (RFC 9562) whose time is `now`, as lower-case hex with dashes. Ids
/// made in one millisecond differ in their 74 random bits.
pub(crate) fn new_id<Tz: TimeZone>(now: &DateTime<Tz>) -> String {
    let seconds = u64::try_from(now.timestamp()).unwrap_or(0);
    let timestamp = Timestamp::from_unix(NoContext, seconds, now.timestamp_subsec_nanos());
    Uuid::new_v7(timestamp).to_string()
}

impl Store {
    /// The full id of the `record` that `prefix` (any unambiguous start of an id, deleted ones
    /// included) names.
    pub fn resolve_id(&self, record: Record, prefix: &str) -> Result<String> {
        let prefix = prefix.trim().to_ascii_lowercase();
        if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(Error::not_found(record, &prefix));
        }
        // Ids are lower-case hex and '-', all of which sort before '~'.
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT id FROM {} WHERE id >= ?1 AND id < ?1 || '~' ORDER BY id LIMIT 2",
            record.table()
        ))?;
        let matches: Vec<String> = statement
            .query_map([&prefix], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match matches.as_slice() {
            [only] => Ok(only.clone()),
            [] => Err(Error::not_found(record, &prefix)),
            _ => Err(Error::AmbiguousId { record, prefix }),
        }
    }

    /// The shortest start of `id` (at least 8 characters) that names no other `record`, for display.
    pub fn short_id(&self, record: Record, id: &str) -> Result<String> {
        let table = record.table();
        let neighbour = |sql: String| -> Result<Option<String>> {
            Ok(self.conn.prepare_cached(&sql)?.query_row([id], |row| row.get(0))?)
        };
        let before = neighbour(format!("SELECT max(id) FROM {table} WHERE id < ?1"))?;
        let after = neighbour(format!("SELECT min(id) FROM {table} WHERE id > ?1"))?;
        let shared = [before, after]
            .iter()
            .flatten()
            .map(|other| id.bytes().zip(other.bytes()).take_while(|(a, b)| a == b).count())
            .max()
            .unwrap_or(0);
        Ok(id[..(shared + 1).clamp(8, id.len())].to_owned())
    }
}
