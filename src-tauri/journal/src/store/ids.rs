//! Ids as people type them: any unambiguous start of an entry's, goal's or milestone's id.

use chrono::{DateTime, TimeZone};
use uuid::timestamp::context::ContextV7;
use uuid::{Timestamp, Uuid};

use super::Store;
use crate::error::Record;
use crate::{Error, Result};

/// A new record's id: a UUIDv7 (RFC 9562) whose time is `now`, as lower-case hex with dashes. Ids
/// made in one millisecond differ in their random bits (each is the first of a sequence of its own).
pub(crate) fn new_id<Tz: TimeZone>(now: &DateTime<Tz>) -> String {
    IdSequence::new().next(now)
}

/// Ids for records made together whose order matters, such as the milestones a goal is broken
/// into: within one millisecond, each id sorts after the one before (RFC 9562 §6.2, method 1: a
/// counter seeded at random each millisecond). Lists ordered by (made-at, id) — the same on every
/// device that syncs — then keep the order the person gave.
pub(crate) struct IdSequence(ContextV7);

impl IdSequence {
    pub(crate) fn new() -> Self {
        Self(ContextV7::new())
    }

    /// The next id, made at `now`: a UUIDv7 as lower-case hex with dashes.
    pub(crate) fn next<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> String {
        let seconds = u64::try_from(now.timestamp()).unwrap_or(0);
        Uuid::new_v7(Timestamp::from_unix(&self.0, seconds, now.timestamp_subsec_nanos())).to_string()
    }
}

/// The id of an entry imported from another tool under `import_key`: a UUIDv7 whose time is when
/// the entry happened and whose other 74 bits come from SHA-256 of the key, so that the same file
/// imported on two devices that sync gives each entry one id, not two.
pub(crate) fn import_id<Tz: TimeZone>(occurred_at: &DateTime<Tz>, import_key: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(import_key.as_bytes());
    let mut bits = [0u8; 10];
    bits.copy_from_slice(&digest[..10]);
    let millis = u64::try_from(occurred_at.timestamp_millis()).unwrap_or(0);
    uuid::Builder::from_unix_timestamp_millis(millis, &bits)
        .into_uuid()
        .to_string()
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
        Ok(self.short_ids(record, &[id])?.remove(0))
    }

    /// [`Store::short_id`] of each of `ids`, in their order, read in one statement: a listing
    /// shows fifty at a time, and a query each for the id before and after cost a `wins list`
    /// more than its own query.
    pub fn short_ids(&self, record: Record, ids: &[&str]) -> Result<Vec<String>> {
        let table = record.table();
        let listed = serde_json::to_string(ids).map_err(|error| Error::invalid("id", error.to_string()))?;
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT (SELECT max(id) FROM {table} WHERE id < j.value), (SELECT min(id) FROM {table} WHERE id > j.value) \
             FROM json_each(?1) j ORDER BY j.key"
        ))?;
        let neighbours = statement
            .query_map([listed], |row| Ok([row.get::<_, Option<String>>(0)?, row.get(1)?]))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ids
            .iter()
            .zip(neighbours)
            .map(|(id, neighbours)| {
                let shared = neighbours
                    .iter()
                    .flatten()
                    .map(|other| id.bytes().zip(other.bytes()).take_while(|(a, b)| a == b).count())
                    .max()
                    .unwrap_or(0);
                id[..(shared + 1).clamp(8, id.len())].to_owned()
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::{IdSequence, import_id};

    #[test]
    fn an_imported_entry_has_one_id_wherever_it_is_imported() {
        let at = DateTime::parse_from_rfc3339("2024-03-01T09:30:00+01:00").unwrap();
        let id = import_id(&at, "jrnl:2024-03-01 09:30:abc");
        assert_eq!(id, import_id(&at, "jrnl:2024-03-01 09:30:abc"));
        assert_ne!(id, import_id(&at, "jrnl:2024-03-01 09:30:abd"));
        let parsed = uuid::Uuid::parse_str(&id).unwrap();
        assert_eq!(parsed.get_version_num(), 7);
        let (seconds, _) = parsed.get_timestamp().unwrap().to_unix();
        assert_eq!(seconds as i64, at.timestamp(), "ids keep the timeline's order");
    }

    #[test]
    fn ids_made_in_one_sequence_sort_in_the_order_they_were_made() {
        let now = DateTime::parse_from_rfc3339("2024-03-01T09:30:00.123+01:00").unwrap();
        let sequence = IdSequence::new();
        let ids: Vec<String> = (0..200).map(|_| sequence.next(&now)).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
        let (seconds, _) = uuid::Uuid::parse_str(&ids[199])
            .unwrap()
            .get_timestamp()
            .unwrap()
            .to_unix();
        assert_eq!(seconds as i64, now.timestamp(), "the time is still when they were made");
    }
}
