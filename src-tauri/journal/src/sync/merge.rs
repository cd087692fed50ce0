//! Merging another device's changes: each field keeps the value of the later clock, rows are made
//! once, and words edited on two devices from the same version keep the losing version as a
//! conflict. Every rule is commutative, associative and idempotent, so devices that have merged
//! the same changes, in any order, hold the same journal.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::{Map, Value};

use super::change::Change;
use super::emit::dismissal_field;
use super::merge_tags::{link, merge_link, merge_name};
use super::tables::{self, PEOPLE_LINKS, PROSE, TAG_LINKS, Table};
use crate::Result;

/// The device whose changes are merged: its number in `sync_devices` and its id; and `here`, the
/// id of this device.
pub(crate) struct Author<'a> {
    pub(crate) num: i64,
    pub(crate) id: &'a str,
    pub(crate) here: &'a str,
}

/// What a merge changed in this journal.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    /// Entries that were not here before.
    pub new_entries: usize,
    /// Other rows that were not here before: goals, milestones, measurements, reminders.
    pub new_rows: usize,
    /// Fields that took another device's value.
    pub changed_fields: usize,
    /// Words edited on two devices from one version, kept for the person to choose.
    pub conflicts: usize,
}

impl Merged {
    pub(crate) fn add(&mut self, other: &Merged) {
        self.new_entries += other.new_entries;
        self.new_rows += other.new_rows;
        self.changed_fields += other.changed_fields;
        self.conflicts += other.conflicts;
    }
}

/// The clock that placeholds a name made by a row before its own name change arrives: any real
/// clock is earlier, so the name the author gave wins.
pub(crate) const NAME_UNTIL_NAMED: i64 = i64::MAX;

/// Merges `changes`, all written by `author`, in the order given. The caller holds the transaction
/// with `sync_state.merging` set, so the triggers do not record these writes as this device's.
pub(crate) fn merge(tx: &Transaction<'_>, author: &Author<'_>, changes: &[Change], merged: &mut Merged) -> Result<()> {
    for change in changes {
        match change {
            Change::Row {
                table,
                clock: _,
                values,
            } => merge_row(tx, author, table, values, merged)?,
            Change::Field {
                table,
                id,
                field,
                clock,
                base,
                value,
                device,
            } => {
                if let Some(device) = device {
                    tx.prepare_cached("INSERT INTO sync_devices (id) VALUES (?1) ON CONFLICT (id) DO NOTHING")?
                        .execute([device])?;
                }
                let incoming = Version {
                    clock: *clock,
                    base: *base,
                    device: device.as_deref().unwrap_or(author.id).to_owned(),
                };
                match table.as_str() {
                    "entry_tags" => merge_link(tx, author, &TAG_LINKS, id, field, &incoming, value, merged)?,
                    "entry_people" => merge_link(tx, author, &PEOPLE_LINKS, id, field, &incoming, value, merged)?,
                    name => {
                        if let Some(table) = tables::table(name) {
                            merge_field(tx, author, table, id, field, &incoming, value, merged)?;
                        }
                    }
                }
            }
            Change::Name {
                table,
                key,
                name,
                clock,
            } => merge_name(tx, author, table, key, name, *clock)?,
            Change::Device { name } => {
                tx.prepare_cached("UPDATE sync_devices SET name = ?2 WHERE num = ?1")?
                    .execute(params![author.num, name])?;
            }
            Change::Conflict {
                entry_id,
                field,
                clock,
                device,
                value,
            } => {
                tx.prepare_cached(
                    "INSERT INTO sync_conflicts (entry_id, field, clock, device, value) VALUES (?1, ?2, ?3, ?4, ?5) \
                     ON CONFLICT DO NOTHING",
                )?
                .execute(params![entry_id, field, clock, device, value])?;
            }
            Change::Snapshot { .. } => {}
            Change::Dismiss {
                entry_id,
                field,
                clock,
                device,
            } => {
                tx.prepare_cached(
                    "DELETE FROM sync_conflicts WHERE entry_id = ?1 AND field = ?2 AND clock = ?3 AND device = ?4",
                )?
                .execute(params![entry_id, field, clock, device])?;
                record(
                    tx,
                    "conflicts",
                    entry_id,
                    &dismissal_field(field, *clock, device),
                    &Version::by(author, *clock),
                )?;
            }
        }
    }
    Ok(())
}

/// The version of a field's value: its clock, the device that wrote it, and the clock of the value
/// it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Version {
    pub(super) clock: i64,
    base: i64,
    device: String,
}

impl Version {
    /// A value written here before the journal synced, or with its row: earlier than any change,
    /// and, beside another device's value from before it synced (both clock 0), settled by the
    /// devices' ids alike on both.
    pub(super) fn original(here: &str) -> Version {
        Version {
            clock: 0,
            base: 0,
            device: here.to_owned(),
        }
    }

    /// A change of the segment's author, replacing nothing in particular.
    pub(super) fn by(author: &Author<'_>, clock: i64) -> Version {
        Version {
            clock,
            base: 0,
            device: author.id.to_owned(),
        }
    }

    pub(super) fn is_later_than(&self, other: &Version) -> bool {
        (self.clock, &self.device) > (other.clock, &other.device)
    }

    /// Neither was written on top of the other: both were edits of one earlier version.
    fn is_beside(&self, other: &Version) -> bool {
        self.base != other.clock && other.base != self.clock
    }
}

pub(super) fn current_version(tx: &Transaction<'_>, tbl: &str, row_id: &str, field: &str) -> Result<Option<Version>> {
    Ok(tx
        .prepare_cached(
            "SELECT c.clock, c.base, d.id FROM sync_changes c JOIN sync_devices d ON d.num = c.device \
             WHERE c.tbl = ?1 AND c.row_id = ?2 AND c.field = ?3",
        )?
        .query_row([tbl, row_id, field], |row| {
            Ok(Version {
                clock: row.get(0)?,
                base: row.get(1)?,
                device: row.get(2)?,
            })
        })
        .optional()?)
}

/// Records `version` as the clock of a field's value here. Its device has a row in `sync_devices`.
pub(super) fn record(tx: &Transaction<'_>, tbl: &str, row_id: &str, field: &str, version: &Version) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_changes (tbl, row_id, field, clock, device, base) \
         SELECT ?1, ?2, ?3, ?4, num, ?6 FROM sync_devices WHERE id = ?5 \
         ON CONFLICT (tbl, row_id, field) DO UPDATE SET clock = excluded.clock, device = excluded.device, \
         base = excluded.base",
    )?
    .execute(params![tbl, row_id, field, version.clock, version.device, version.base])?;
    Ok(())
}

fn merge_row(
    tx: &Transaction<'_>,
    author: &Author<'_>,
    table: &str,
    values: &Map<String, Value>,
    merged: &mut Merged,
) -> Result<()> {
    let Some(table) = tables::table(table).filter(|table| !table.columns.is_empty()) else {
        return Ok(());
    };
    let mut values = values.clone();
    if table.name == tables::ENTRIES.name {
        settle_import_twins(tx, &mut values)?;
    }
    let json = Value::Object(values.clone()).to_string();
    let extracted: Vec<String> = table.columns.iter().map(|c| format!("?1 ->> '$.{c}'")).collect();
    let made = tx
        .prepare_cached(&format!(
            "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO NOTHING",
            table.name,
            table.columns.join(", "),
            extracted.join(", "),
            table.key
        ))?
        .execute([&json])?;
    if made == 0 {
        return Ok(());
    }
    if table.name != tables::ENTRIES.name {
        merged.new_rows += 1;
        return Ok(());
    }
    merged.new_entries += 1;
    let id = values.get("id").and_then(Value::as_str).unwrap_or_default();
    for (links, names) in [(&TAG_LINKS, "tags"), (&PEOPLE_LINKS, "people")] {
        for name in values.get(names).and_then(Value::as_array).into_iter().flatten() {
            if let Some(name) = name.as_str() {
                link(tx, author, links, id, name)?;
            }
        }
    }
    Ok(())
}

/// The same entry imported on two devices before they synced has two ids and one import key: the
/// smaller id keeps the key, and the other is put aside as deleted, on every device the same.
/// `values` are the incoming entry's, changed when it is the one put aside.
fn settle_import_twins(tx: &Transaction<'_>, values: &mut Map<String, Value>) -> Result<()> {
    let (Some(id), Some(key)) = (
        values.get("id").and_then(Value::as_str).map(str::to_owned),
        values.get("import_key").and_then(Value::as_str).map(str::to_owned),
    ) else {
        return Ok(());
    };
    let twin: Option<String> = tx
        .prepare_cached("SELECT id FROM entries WHERE import_key = ?1 AND id <> ?2")?
        .query_row([&key, &id], |row| row.get(0))
        .optional()?;
    let Some(twin) = twin else { return Ok(()) };
    if twin < id {
        values.insert("import_key".to_owned(), Value::Null);
        if values.get("deleted_at").is_none_or(Value::is_null) {
            let created = values.get("created_at").cloned().unwrap_or(Value::Null);
            values.insert("deleted_at".to_owned(), created);
        }
    } else {
        tx.prepare_cached(
            "UPDATE entries SET import_key = NULL, deleted_at = coalesce(deleted_at, created_at) WHERE id = ?1",
        )?
        .execute([&twin])?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn merge_field(
    tx: &Transaction<'_>,
    author: &Author<'_>,
    table: &Table,
    id: &str,
    field: &str,
    incoming: &Version,
    value: &Value,
    merged: &mut Merged,
) -> Result<()> {
    let Some(columns) = table.field(field) else {
        return Ok(());
    };
    let current = current_version(tx, table.name, id, field)?.unwrap_or_else(|| Version::original(author.here));
    if *incoming == current {
        return Ok(());
    }
    let wins = incoming.is_later_than(&current);
    if table.name == tables::ENTRIES.name && PROSE.contains(&field) {
        keep_words_beside(tx, id, field, incoming, value, &current, wins, merged)?;
    }
    if !wins {
        return Ok(());
    }
    let json = value.to_string();
    let written = if table.columns.is_empty() {
        let extracted: Vec<String> = columns.iter().map(|c| format!("?1 ->> '$.{c}'")).collect();
        let updates: Vec<String> = columns.iter().map(|c| format!("{c} = excluded.{c}")).collect();
        tx.prepare_cached(&format!(
            "INSERT INTO {} ({}, {}) VALUES (?2, {}) ON CONFLICT ({}) DO UPDATE SET {}",
            table.name,
            table.key,
            columns.join(", "),
            extracted.join(", "),
            table.key,
            updates.join(", ")
        ))?
        .execute([&json, id])?
    } else {
        let updates: Vec<String> = columns.iter().map(|c| format!("{c} = ?1 ->> '$.{c}'")).collect();
        tx.prepare_cached(&format!(
            "UPDATE {} SET {} WHERE {} = ?2",
            table.name,
            updates.join(", "),
            table.key
        ))?
        .execute([&json, id])?
    };
    if written > 0 {
        record(tx, table.name, id, field, incoming)?;
        merged.changed_fields += 1;
    }
    Ok(())
}

/// Words written beside the current ones (both edits of one version) are not decided silently:
/// the version that loses is kept as a conflict, unless it says the same or was put aside. A
/// version another was written on top of is no longer a conflict: it was edited.
#[allow(clippy::too_many_arguments)]
fn keep_words_beside(
    tx: &Transaction<'_>,
    entry_id: &str,
    field: &str,
    incoming: &Version,
    value: &Value,
    current: &Version,
    incoming_wins: bool,
    merged: &mut Merged,
) -> Result<()> {
    tx.prepare_cached("DELETE FROM sync_conflicts WHERE entry_id = ?1 AND field = ?2 AND clock = ?3")?
        .execute(params![entry_id, field, incoming.base])?;
    if !incoming.is_beside(current) {
        return Ok(());
    }
    let incoming_words = value.get(field).and_then(Value::as_str).map(str::to_owned);
    let current_words: Option<String> = tx
        .prepare_cached(&format!("SELECT {field} FROM entries WHERE id = ?1"))?
        .query_row([entry_id], |row| row.get(0))
        .optional()?
        .flatten();
    if incoming_words == current_words {
        return Ok(());
    }
    let (loser, words) = if incoming_wins {
        (current, current_words)
    } else {
        (incoming, incoming_words)
    };
    let dismissed: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sync_changes WHERE tbl = 'conflicts' AND row_id = ?1 AND field = ?2)",
        )?
        .query_row(
            params![entry_id, dismissal_field(field, loser.clock, &loser.device)],
            |row| row.get(0),
        )?;
    if !dismissed {
        merged.conflicts += tx
            .prepare_cached(
                "INSERT INTO sync_conflicts (entry_id, field, clock, device, value) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![entry_id, field, loser.clock, loser.device, words])?;
    }
    Ok(())
}
