//! Writing entries: add, edit, soft delete and restore, each in one durable transaction.

use chrono::{DateTime, FixedOffset, TimeZone};
use rusqlite::{OptionalExtension, ToSql, Transaction, params, params_from_iter};

use super::Store;
use super::entry_fields::Fields;
use super::goal_reads::live_row;
use super::ids::new_id;
use super::row::{ENTRY_COLUMN_COUNT, ENTRY_COLUMNS, entry_from_row};
use crate::error::Record;
use crate::model::{Entry, EntryChanges, NewEntry, PersonCount, TagCount};
use crate::people::person_key;
use crate::tags::tag_key;
use crate::{Error, Result};

/// Both take the entry's columns as ?1 (id) to ?12, with ?10 the time it is written; INSERT also
/// takes ?13 (when it was created, which an import keeps) and ?14 (its import key). See
/// [`Fields::write`].
const INSERT: &str = "INSERT INTO entries (id, kind, text, lesson, adjust, occurred_at, utc_offset, mood, starred, \
                      updated_at, milestone_id, shareable, created_at, import_key) \
                      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
/// [`INSERT`]'s row in a large import's staging table (see `super::export_import`).
const STAGE: &str = "INSERT INTO temp.staged_entries (id, kind, text, lesson, adjust, occurred_at, utc_offset, mood, \
                     starred, updated_at, milestone_id, shareable, created_at, import_key) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
const UPDATE: &str = "UPDATE entries SET kind = ?2, text = ?3, lesson = ?4, adjust = ?5, occurred_at = ?6, \
                      utc_offset = ?7, mood = ?8, starred = ?9, updated_at = ?10, milestone_id = ?11, \
                      shareable = ?12 WHERE id = ?1";

/// Where a new entry comes from: written now, or kept from a file with its times and import key.
pub(super) struct Provenance<'a> {
    pub(super) created_at: i64,
    pub(super) updated_at: i64,
    pub(super) import_key: Option<&'a str>,
}

impl Provenance<'_> {
    pub(super) fn now(millis: i64) -> Provenance<'static> {
        Provenance {
            created_at: millis,
            updated_at: millis,
            import_key: None,
        }
    }
}

/// What is written to an entry: its changes at a time, or a new entry with its provenance, into
/// the journal or into a large import's staging tables.
enum Write<'a> {
    New(&'a Provenance<'a>),
    Staged(&'a Provenance<'a>),
    Changes { now_millis: i64 },
}

/// Where an entry's tag and credit rows go: (tag row, credit row) statements.
const ROWS: (&str, &str) = (
    "INSERT INTO entry_tags (tag_id, occurred_at, entry_id, kind, live) VALUES (?1, ?2, ?3, ?4, 1)",
    "INSERT INTO entry_people (person_id, occurred_at, entry_id) VALUES (?1, ?2, ?3)",
);
const STAGED_ROWS: (&str, &str) = (
    "INSERT INTO temp.staged_tags (tag_id, occurred_at, entry_id, kind) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO temp.staged_people (person_id, occurred_at, entry_id) VALUES (?1, ?2, ?3)",
);

impl Fields {
    /// Inserts or updates the entry's row with these fields, then sets its tags to match.
    fn write(&self, tx: &Transaction<'_>, id: &str, write: Write<'_>) -> Result<()> {
        if let Some(milestone_id) = &self.milestone_id {
            live_row(tx, Record::Milestone, milestone_id)?;
        }
        let occurred_at = self.occurred_at.timestamp_millis();
        let offset = self.occurred_at.offset().local_minus_utc();
        let kind = self.kind.as_str();
        let mut values: Vec<&dyn ToSql> = vec![
            &id,
            &kind,
            &self.text,
            &self.lesson,
            &self.adjust,
            &occurred_at,
            &offset,
            &self.mood,
            &self.starred,
        ];
        let (sql, is_new, rows) = match &write {
            Write::New(provenance) | Write::Staged(provenance) => {
                values.extend::<[&dyn ToSql; 5]>([
                    &provenance.updated_at,
                    &self.milestone_id,
                    &self.shareable,
                    &provenance.created_at,
                    &provenance.import_key,
                ]);
                match write {
                    Write::Staged(_) => (STAGE, true, STAGED_ROWS),
                    _ => (INSERT, true, ROWS),
                }
            }
            Write::Changes { now_millis } => {
                values.extend::<[&dyn ToSql; 3]>([now_millis, &self.milestone_id, &self.shareable]);
                (UPDATE, false, ROWS)
            }
        };
        tx.prepare_cached(sql)?.execute(params_from_iter(values))?;
        write_tags(tx, id, self, is_new, rows.0)?;
        write_people(tx, id, self, is_new, rows.1)
    }
}

impl Store {
    /// Writes one entry, made `now`, and returns it as stored. Once this returns, the entry is on
    /// disk.
    pub fn add<Tz: TimeZone>(&mut self, draft: NewEntry, now: &DateTime<Tz>) -> Result<Entry> {
        let ids = self.add_many([draft], now)?;
        self.get(&ids[0])
    }

    /// Writes many entries, made `now`, in one transaction: all of them, or (on any error) none.
    pub fn add_many<Tz: TimeZone>(
        &mut self,
        drafts: impl IntoIterator<Item = NewEntry>,
        now: &DateTime<Tz>,
    ) -> Result<Vec<String>> {
        let now = now.fixed_offset();
        self.add_each_made(drafts.into_iter().map(|draft| (draft, now)))
    }

    /// Writes many entries, each made at the time paired with it (its id and `created_at` are of
    /// that time), in one transaction: all of them, or (on any error) none.
    pub fn add_each_made(
        &mut self,
        drafts: impl IntoIterator<Item = (NewEntry, DateTime<FixedOffset>)>,
    ) -> Result<Vec<String>> {
        let tx = self.conn.transaction()?;
        let mut ids = Vec::new();
        for (draft, made) in drafts {
            // An entry logged without a time happened when it was written.
            let draft = NewEntry {
                occurred_at: Some(draft.occurred_at.unwrap_or(made)),
                ..draft
            };
            ids.push(insert_entry(
                &tx,
                draft,
                new_id(&made),
                &Provenance::now(made.timestamp_millis()),
            )?);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Changes a live entry `now` and returns it as stored.
    pub fn edit<Tz: TimeZone>(&mut self, id: &str, changes: EntryChanges, now: &DateTime<Tz>) -> Result<Entry> {
        let tx = self.conn.transaction()?;
        let fields = Fields::from_changes(live_entry(&tx, id)?, changes)?;
        let now_millis = now.timestamp_millis();
        fields.write(&tx, id, Write::Changes { now_millis })?;
        tx.commit()?;
        self.get(id)
    }

    /// Soft-deletes an entry (it leaves lists and search) and returns it, so it can be restored.
    pub fn remove<Tz: TimeZone>(&mut self, id: &str, now: &DateTime<Tz>) -> Result<Entry> {
        let entry = self.get(id)?;
        self.conn.execute(
            "UPDATE entries SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, now.timestamp_millis()],
        )?;
        Ok(entry)
    }

    /// Brings a soft-deleted entry back.
    pub fn restore<Tz: TimeZone>(&mut self, id: &str, now: &DateTime<Tz>) -> Result<Entry> {
        let restored = self.conn.execute(
            "UPDATE entries SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id, now.timestamp_millis()],
        )?;
        if restored == 0 {
            self.get(id)?;
            return Err(Error::NotDeleted {
                record: Record::Entry,
                id: id.to_owned(),
            });
        }
        self.get(id)
    }

    /// A live entry by its full id.
    pub fn get(&self, id: &str) -> Result<Entry> {
        live_entry(&self.conn, id)
    }

    /// Every tag on a live entry, most used first.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT t.name, count(*) AS uses FROM entry_tags et JOIN tags t ON t.id = et.tag_id \
             WHERE et.live = 1 GROUP BY t.id ORDER BY uses DESC, t.key",
        )?;
        let counts = statement
            .query_map([], |row| {
                Ok(TagCount {
                    name: row.get(0)?,
                    count: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(counts)
    }

    /// Every person credited on a live entry, most credited first.
    pub fn people(&self) -> Result<Vec<PersonCount>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT p.name, count(*) AS uses FROM entry_people ep JOIN people p ON p.id = ep.person_id \
             WHERE ep.live = 1 GROUP BY p.id ORDER BY uses DESC, p.key",
        )?;
        let counts = statement
            .query_map([], |row| {
                Ok(PersonCount {
                    name: row.get(0)?,
                    count: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(counts)
    }
}

/// Writes a new entry under `id` inside `tx` and returns the id.
pub(super) fn insert_entry(
    tx: &Transaction<'_>,
    draft: NewEntry,
    id: String,
    provenance: &Provenance<'_>,
) -> Result<String> {
    Fields::from_new(draft)?.write(tx, &id, Write::New(provenance))?;
    Ok(id)
}

/// Checks a new entry as [`insert_entry`] does and writes it, with its tag and credit rows, to a
/// large import's staging tables under `id` (see `super::export_import`).
pub(super) fn stage_entry(tx: &Transaction<'_>, draft: NewEntry, id: &str, provenance: &Provenance<'_>) -> Result<()> {
    Fields::from_new(draft)?.write(tx, id, Write::Staged(provenance))
}

fn live_entry(conn: &rusqlite::Connection, id: &str) -> Result<Entry> {
    let found = conn
        .prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS}, e.deleted_at IS NOT NULL FROM entries e WHERE e.id = ?1"
        ))?
        .query_row([id], |row| {
            Ok((entry_from_row(row)?, row.get::<_, bool>(ENTRY_COLUMN_COUNT)?))
        })
        .optional()?;
    match found {
        Some((entry, false)) => Ok(entry),
        Some((_, true)) => Err(Error::Deleted {
            record: Record::Entry,
            id: id.to_owned(),
        }),
        None => Err(Error::not_found(Record::Entry, id)),
    }
}

fn write_tags(tx: &Transaction<'_>, entry_id: &str, fields: &Fields, is_new: bool, row: &str) -> Result<()> {
    let kept = if is_new {
        Vec::new()
    } else {
        keep_only_listed(
            tx,
            "entry_tags",
            "tag_id",
            "tags",
            entry_id,
            fields.tags.iter().map(|t| tag_key(t)),
        )?
    };
    for name in &fields.tags {
        let key = tag_key(name);
        if kept.contains(&key) {
            continue;
        }
        let tag_id = named_row_id(tx, TAG_BY_KEY, &key, name)?;
        // Only live entries are written (an edit refuses a deleted one).
        tx.prepare_cached(row)?.execute(params![
            tag_id,
            fields.occurred_at.timestamp_millis(),
            entry_id,
            fields.kind.as_str()
        ])?;
    }
    Ok(())
}

/// Removes an edited entry's tag (or credit) rows whose key is not in `listed`, and returns the
/// keys it keeps. Rows that stay are not rewritten: a synced journal would tell the other devices
/// of a removal and an addition. (Their time follows the entry's: see migration 14.)
fn keep_only_listed(
    tx: &Transaction<'_>,
    links: &str,
    name_column: &str,
    names: &str,
    entry_id: &str,
    listed: impl Iterator<Item = String>,
) -> Result<Vec<String>> {
    let listed: Vec<String> = listed.collect();
    let current: Vec<(i64, String)> = tx
        .prepare_cached(&format!(
            "SELECT n.id, n.key FROM {links} l JOIN {names} n ON n.id = l.{name_column} WHERE l.entry_id = ?1"
        ))?
        .query_map([entry_id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut kept = Vec::new();
    for (name_id, key) in current {
        if listed.contains(&key) {
            kept.push(key);
        } else {
            tx.prepare_cached(&format!(
                "DELETE FROM {links} WHERE entry_id = ?1 AND {name_column} = ?2"
            ))?
            .execute(params![entry_id, name_id])?;
        }
    }
    Ok(kept)
}

/// How a tag, or a person, is found by its key and added: (look-up, insert).
const TAG_BY_KEY: (&str, &str) = (
    "SELECT id FROM tags WHERE key = ?1",
    "INSERT INTO tags (key, name) VALUES (?1, ?2)",
);
const PERSON_BY_KEY: (&str, &str) = (
    "SELECT id FROM people WHERE key = ?1",
    "INSERT INTO people (key, name) VALUES (?1, ?2)",
);

/// The id of the tag or person whose key is `key`, added with the spelling `name` when it is new.
/// A look-up first: most names are there already, and an upsert with RETURNING would rewrite the
/// row and fill a temporary table with its one id every time.
fn named_row_id(tx: &Transaction<'_>, (find, add): (&str, &str), key: &str, name: &str) -> Result<i64> {
    let found: Option<i64> = tx.prepare_cached(find)?.query_row([key], |row| row.get(0)).optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    tx.prepare_cached(add)?.execute(params![key, name])?;
    Ok(tx.last_insert_rowid())
}

fn write_people(tx: &Transaction<'_>, entry_id: &str, fields: &Fields, is_new: bool, row: &str) -> Result<()> {
    let kept = if is_new {
        Vec::new()
    } else {
        keep_only_listed(
            tx,
            "entry_people",
            "person_id",
            "people",
            entry_id,
            fields.people.iter().map(|p| person_key(p)),
        )?
    };
    for name in &fields.people {
        let key = person_key(name);
        if kept.contains(&key) {
            continue;
        }
        let person_id = named_row_id(tx, PERSON_BY_KEY, &key, name)?;
        tx.prepare_cached(row)?
            .execute(params![person_id, fields.occurred_at.timestamp_millis(), entry_id])?;
    }
    Ok(())
}
