//! What this device has to tell the others: its changes since its last segment, read from the
//! clocks the triggers recorded and the rows as they are now, or the whole journal when it first
//! joins a folder.

use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};

use super::change::Change;
use super::tables::{self, Links, PEOPLE_LINKS, TABLES, TAG_LINKS, Table};
use crate::Result;

/// How much one segment carries: this many changes, or about this many bytes of them, whichever
/// comes first (a segment is read and checked whole, and may not pass 64 MiB).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    pub(crate) changes: usize,
    pub(crate) bytes: usize,
}

impl Budget {
    /// Whether a batch of `changes` changes and `bytes` bytes is full.
    pub(crate) fn is_spent(&self, changes: usize, bytes: usize) -> bool {
        changes >= self.changes || bytes >= self.bytes
    }
}

/// The bytes a change takes in a segment's body.
pub(crate) fn size_of(change: &Change) -> usize {
    serde_json::to_vec(change).map_or(0, |bytes| bytes.len() + 1)
}

/// This device's changes recorded after clock `after` and up to `through`, in clock order: one
/// segment's worth by `budget` (never splitting one clock between two batches), with the latest
/// clock among them. `None` when there is nothing new.
pub(crate) fn changes_after(
    conn: &Connection,
    after: i64,
    through: i64,
    budget: Budget,
) -> Result<Option<(Vec<Change>, i64)>> {
    let mut recorded = conn.prepare_cached(
        "SELECT tbl, row_id, field, clock, base FROM sync_changes WHERE device = 0 AND clock > ?1 AND clock <= ?2 \
         ORDER BY clock, tbl, row_id, field",
    )?;
    let mut rows = recorded.query([after, through])?;
    let mut changes = Vec::new();
    let mut bytes = 0;
    let mut last = after;
    while let Some(row) = rows.next()? {
        let clock: i64 = row.get(3)?;
        if budget.is_spent(changes.len(), bytes) && clock != last {
            break;
        }
        last = clock;
        let (tbl, row_id, field): (String, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        if let Some(change) = change_now(conn, &tbl, &row_id, &field, clock, row.get(4)?)? {
            bytes += size_of(&change);
            changes.push(change);
        }
    }
    Ok((last > after).then_some((changes, last)))
}

/// The change that a recorded clock stands for, with the value the row holds now; `None` for a row
/// that is no longer there.
fn change_now(
    conn: &Connection,
    tbl: &str,
    row_id: &str,
    field: &str,
    clock: i64,
    base: i64,
) -> Result<Option<Change>> {
    if let Some(table) = tables::table(tbl) {
        if field.is_empty() {
            return Ok(row_values(conn, table, row_id)?.map(|values| Change::Row {
                table: tbl.to_owned(),
                clock,
                values,
            }));
        }
        let Some(columns) = table.field(field) else {
            return Ok(None);
        };
        let value: Option<String> = conn
            .prepare_cached(&format!(
                "SELECT {} FROM {} WHERE {} = ?1",
                Table::json_of(columns),
                table.name,
                table.key
            ))?
            .query_row([row_id], |row| row.get(0))
            .optional()?;
        return Ok(value.map(|json| Change::Field {
            table: tbl.to_owned(),
            id: row_id.to_owned(),
            field: field.to_owned(),
            clock,
            base,
            value: parse(&json),
            device: None,
        }));
    }
    Ok(match tbl {
        "entry_tags" | "entry_people" => {
            let links = if tbl == "entry_tags" { &TAG_LINKS } else { &PEOPLE_LINKS };
            let name: Option<String> = conn
                .prepare_cached(&format!(
                    "SELECT n.name FROM {} l JOIN {} n ON n.id = l.{} WHERE l.entry_id = ?1 AND n.key = ?2",
                    links.table, links.names, links.name_column
                ))?
                .query_row([row_id, field], |row| row.get(0))
                .optional()?;
            Some(Change::Field {
                table: tbl.to_owned(),
                id: row_id.to_owned(),
                field: field.to_owned(),
                clock,
                base,
                value: name.map_or(Value::Null, Value::String),
                device: None,
            })
        }
        "tags" | "people" => conn
            .prepare_cached(&format!("SELECT name FROM {tbl} WHERE key = ?1"))?
            .query_row([row_id], |row| row.get::<_, String>(0))
            .optional()?
            .map(|name| Change::Name {
                table: tbl.to_owned(),
                key: row_id.to_owned(),
                name,
                clock,
            }),
        "conflicts" => dismissal(row_id, field),
        _ => None,
    })
}

/// A dismissed conflict as recorded: the entry, and `field/clock/device` of the words put aside.
fn dismissal(entry_id: &str, recorded: &str) -> Option<Change> {
    let mut parts = recorded.splitn(3, '/');
    let (field, clock, device) = (parts.next()?, parts.next()?.parse().ok()?, parts.next()?);
    Some(Change::Dismiss {
        entry_id: entry_id.to_owned(),
        field: field.to_owned(),
        clock,
        device: device.to_owned(),
    })
}

/// How a dismissed conflict is recorded in `sync_changes.field` (see [`dismissal`]).
pub(crate) fn dismissal_field(field: &str, clock: i64, device: &str) -> String {
    format!("{field}/{clock}/{device}")
}

/// A row's columns as JSON values; an entry's with its tags' and credits' names.
fn row_values(conn: &Connection, table: &Table, id: &str) -> Result<Option<Map<String, Value>>> {
    let json: Option<String> = conn
        .prepare_cached(&format!(
            "SELECT {} FROM {} WHERE {} = ?1",
            Table::json_of(table.columns),
            table.name,
            table.key
        ))?
        .query_row([id], |row| row.get(0))
        .optional()?;
    let Some(Value::Object(mut values)) = json.as_deref().map(parse) else {
        return Ok(None);
    };
    if table.name == tables::ENTRIES.name {
        values.insert("tags".to_owned(), linked_names(conn, &TAG_LINKS, id)?);
        values.insert("people".to_owned(), linked_names(conn, &PEOPLE_LINKS, id)?);
    }
    Ok(Some(values))
}

fn linked_names(conn: &Connection, links: &Links, entry_id: &str) -> Result<Value> {
    let names: String = conn
        .prepare_cached(&format!(
            "SELECT json_group_array(n.name) FROM {} l JOIN {} n ON n.id = l.{} WHERE l.entry_id = ?1",
            links.table, links.names, links.name_column
        ))?
        .query_row([entry_id], |row| row.get(0))?;
    Ok(parse(&names))
}

/// The whole journal as changes, as a device that joins a folder tells it: every tag's and person's
/// name (with the clock of its spelling, 0 when from before sync), then every row of every table in
/// an order in which nothing comes before what it refers to, each as it is now with clock 0 (a
/// snapshot adds the clocks of the fields changed since: see [`changed_fields`]). `each` takes them
/// one at a time.
pub(crate) fn whole_journal(conn: &Connection, each: &mut dyn FnMut(Change) -> Result<()>) -> Result<()> {
    for names in ["tags", "people"] {
        let mut statement = conn.prepare(&format!(
            "SELECT n.key, n.name, coalesce(c.clock, 0) FROM {names} n LEFT JOIN sync_changes c \
             ON c.tbl = '{names}' AND c.row_id = n.key AND c.field = 'name' ORDER BY n.id"
        ))?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            each(Change::Name {
                table: names.to_owned(),
                key: row.get(0)?,
                name: row.get(1)?,
                clock: row.get(2)?,
            })?;
        }
    }
    for table in TABLES {
        // Rows in the order they were made; a table without whole rows has no rowid to keep.
        let order = if table.columns.is_empty() { table.key } else { "rowid" };
        let mut statement = conn.prepare(&format!("SELECT {} FROM {} ORDER BY {order}", table.key, table.name))?;
        let ids: Vec<String> = statement
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            if table.columns.is_empty() {
                for (field, _) in table.fields {
                    // A follow-up that was asked but never answered has nothing to tell.
                    match change_now(conn, table.name, &id, field, 0, 0)? {
                        Some(Change::Field { value, .. }) if all_null(&value) => {}
                        Some(change) => each(change)?,
                        None => {}
                    }
                }
            } else if let Some(change) = change_now(conn, table.name, &id, "", 0, 0)? {
                each(change)?;
            }
        }
    }
    Ok(())
}

/// Every field changed since the journal began to sync, with its value now and the device and
/// clock that wrote it, as a snapshot carries them after the rows; and every conflict put aside.
pub(crate) fn changed_fields(conn: &Connection, each: &mut dyn FnMut(Change) -> Result<()>) -> Result<()> {
    let mut statement = conn.prepare(
        "SELECT c.tbl, c.row_id, c.field, c.clock, c.base, d.id FROM sync_changes c \
         JOIN sync_devices d ON d.num = c.device \
         WHERE c.field <> '' AND c.tbl NOT IN ('tags', 'people') ORDER BY c.clock",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let (tbl, row_id, field): (String, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        let writer: String = row.get(5)?;
        if let Some(mut change) = change_now(conn, &tbl, &row_id, &field, row.get(3)?, row.get(4)?)? {
            if let Change::Field { device, .. } = &mut change {
                *device = Some(writer);
            }
            each(change)?;
        }
    }
    Ok(())
}

fn all_null(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|columns| columns.values().all(Value::is_null))
}

fn parse(json: &str) -> Value {
    // SQLite's json_object and json_group_array write valid JSON.
    serde_json::from_str(json).unwrap_or(Value::Null)
}
