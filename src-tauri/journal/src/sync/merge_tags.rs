//! Merging an entry's tags and credits (by key: added or removed, the later change wins) and the
//! spelling of a tag's or a person's name (the earliest written, everywhere).

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::Value;

use super::merge::{Author, Merged, NAME_UNTIL_NAMED, Version, current_version, record};
use super::tables::{Links, TAG_LINKS};
use crate::Result;

#[allow(clippy::too_many_arguments)]
pub(super) fn merge_link(
    tx: &Transaction<'_>,
    author: &Author<'_>,
    links: &Links,
    entry_id: &str,
    key: &str,
    incoming: &Version,
    value: &Value,
    merged: &mut Merged,
) -> Result<()> {
    let current = current_version(tx, links.table, entry_id, key)?.unwrap_or_else(|| Version::original(author.here));
    if !incoming.is_later_than(&current) {
        return Ok(());
    }
    match value.as_str() {
        Some(name) => link(tx, author, links, entry_id, name)?,
        None => {
            tx.prepare_cached(&format!(
                "DELETE FROM {} WHERE entry_id = ?1 AND {} = (SELECT id FROM {} WHERE key = ?2)",
                links.table, links.name_column, links.names
            ))?
            .execute([entry_id, key])?;
        }
    }
    record(tx, links.table, entry_id, key, incoming)?;
    merged.changed_fields += 1;
    Ok(())
}

/// Links an entry to the tag or person named `name`, made when new.
pub(super) fn link(tx: &Transaction<'_>, author: &Author<'_>, links: &Links, entry_id: &str, name: &str) -> Result<()> {
    let key = if links.names == "tags" {
        crate::tags::tag_key(name)
    } else {
        crate::people::person_key(name)
    };
    let known: Option<i64> = tx
        .prepare_cached(&format!("SELECT id FROM {} WHERE key = ?1", links.names))?
        .query_row([&key], |row| row.get(0))
        .optional()?;
    let name_id = match known {
        Some(id) => id,
        None => {
            tx.prepare_cached(&format!("INSERT INTO {} (key, name) VALUES (?1, ?2)", links.names))?
                .execute([&key, name])?;
            record(tx, links.names, &key, "name", &Version::by(author, NAME_UNTIL_NAMED))?;
            tx.last_insert_rowid()
        }
    };
    let sql = if links.table == TAG_LINKS.table {
        "INSERT INTO entry_tags (tag_id, occurred_at, entry_id, kind, live) \
         SELECT ?1, occurred_at, id, kind, deleted_at IS NULL FROM entries WHERE id = ?2 ON CONFLICT DO NOTHING"
    } else {
        "INSERT INTO entry_people (person_id, occurred_at, entry_id) \
         SELECT ?1, occurred_at, id FROM entries WHERE id = ?2 ON CONFLICT DO NOTHING"
    };
    tx.prepare_cached(sql)?.execute(params![name_id, entry_id])?;
    Ok(())
}

/// A tag's or a person's spelling: the one with the earliest clock (then the smaller) everywhere.
pub(super) fn merge_name(
    tx: &Transaction<'_>,
    author: &Author<'_>,
    names: &str,
    key: &str,
    name: &str,
    clock: i64,
) -> Result<()> {
    if names != "tags" && names != "people" {
        return Ok(());
    }
    let local: Option<String> = tx
        .prepare_cached(&format!("SELECT name FROM {names} WHERE key = ?1"))?
        .query_row([key], |row| row.get(0))
        .optional()?;
    let Some(local) = local else {
        tx.prepare_cached(&format!("INSERT INTO {names} (key, name) VALUES (?1, ?2)"))?
            .execute([key, name])?;
        return record(tx, names, key, "name", &Version::by(author, clock));
    };
    let local_clock = current_version(tx, names, key, "name")?.map_or(0, |version| version.clock);
    if (clock, name) < (local_clock, local.as_str()) {
        tx.prepare_cached(&format!("UPDATE {names} SET name = ?2 WHERE key = ?1"))?
            .execute([key, name])?;
        record(tx, names, key, "name", &Version::by(author, clock))?;
    }
    Ok(())
}
