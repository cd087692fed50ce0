//! The timeline: newest first, filtered, paged by keyset so page 1,000 costs what page 1 does.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params_from_iter};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use super::row::{ENTRY_COLUMNS, entry_from_row};
use crate::model::{Entry, Kind};
use crate::people::{normalize_person, person_key};
use crate::tags::{normalize_tag, tag_key};
use crate::{Error, Result};

/// Which entries to show; every field narrows the set, and all combine.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct Filter {
    pub kind: Option<Kind>,
    /// Entries carrying every one of these tags.
    pub tags: Vec<String>,
    pub starred_only: bool,
    /// Entries that happened at or after this instant.
    pub since: Option<DateTime<FixedOffset>>,
    /// Entries that happened before this instant.
    pub until: Option<DateTime<FixedOffset>>,
    /// Words the entry contains (as in search).
    pub text: Option<String>,
    /// Entries crediting this person (any spelling of the name).
    pub person: Option<String>,
}

/// Where a page ends: the last entry's time and id. Its text form (`millis:id`) is opaque to users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(into = "String", try_from = "String")]
#[ts(type = "string")]
pub struct Cursor {
    occurred_at: i64,
    id: String,
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.occurred_at, self.id)
    }
}

impl FromStr for Cursor {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        text.split_once(':')
            .and_then(|(millis, id)| {
                Some(Cursor {
                    occurred_at: millis.parse().ok()?,
                    id: id.to_owned(),
                })
            })
            .ok_or_else(|| Error::invalid("cursor", format!("{text:?} is not a page cursor")))
    }
}

impl From<Cursor> for String {
    fn from(cursor: Cursor) -> String {
        cursor.to_string()
    }
}

impl TryFrom<String> for Cursor {
    type Error = Error;

    fn try_from(text: String) -> Result<Self> {
        text.parse()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Page {
    pub entries: Vec<Entry>,
    /// Where the next page starts, when there is one.
    pub next: Option<Cursor>,
}

impl Store {
    /// Up to `limit` entries matching `filter`, newest first, starting after `after`.
    pub fn list(&self, filter: &Filter, limit: usize, after: Option<&Cursor>) -> Result<Page> {
        let Some(mut sql) = FilterSql::new(self, filter)? else {
            return Ok(Page {
                entries: Vec::new(),
                next: None,
            });
        };
        let (time, id) = sql.order_columns;
        if let Some(cursor) = after {
            sql.push_condition(&format!("({time}, {id}) < (?, ?)"));
            sql.params.push(Value::Integer(cursor.occurred_at));
            sql.params.push(Value::Text(cursor.id.clone()));
        }
        // One more than asked tells whether another page follows.
        sql.params
            .push(Value::Integer(limit.saturating_add(1).try_into().unwrap_or(i64::MAX)));
        let query = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e {} WHERE {} ORDER BY {time} DESC, {id} DESC LIMIT ?",
            sql.joins, sql.conditions
        );
        let mut statement = self.conn.prepare_cached(&query)?;
        let mut entries: Vec<Entry> = statement
            .query_map(params_from_iter(&sql.params), entry_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let next = if entries.len() > limit {
            entries.truncate(limit);
            entries.last().map(|last| Cursor {
                occurred_at: last.occurred_at.timestamp_millis(),
                id: last.id.clone(),
            })
        } else {
            None
        };
        Ok(Page { entries, next })
    }
}

/// A filter as SQL over `entries AS e`, with its parameters in order.
/// The condition every listing starts from: deleted entries are never shown.
const LIVE: &str = "e.deleted_at IS NULL";

pub(super) struct FilterSql {
    /// Joins after `entries e`.
    pub(super) joins: &'static str,
    pub(super) conditions: String,
    pub(super) params: Vec<Value>,
    /// The (time, id) columns to order and page by: a tag's own index when a tag is asked for.
    pub(super) order_columns: (&'static str, &'static str),
}

impl FilterSql {
    /// `None` when the filter names a tag nobody has used, so nothing can match.
    pub(super) fn new(store: &Store, filter: &Filter) -> Result<Option<FilterSql>> {
        let mut tag_ids = Vec::with_capacity(filter.tags.len());
        for tag in &filter.tags {
            let key = tag_key(&normalize_tag(tag)?);
            let id: Option<i64> = store
                .conn
                .prepare_cached("SELECT id FROM tags WHERE key = ?1")?
                .query_row([key], |row| row.get(0))
                .optional()?;
            match id {
                Some(id) => tag_ids.push(id),
                None => return Ok(None),
            }
        }
        let person_id = match &filter.person {
            Some(person) => {
                let key = person_key(&normalize_person(person)?);
                let id: Option<i64> = store
                    .conn
                    .prepare_cached("SELECT id FROM people WHERE key = ?1")?
                    .query_row([key], |row| row.get(0))
                    .optional()?;
                match id {
                    Some(id) => Some(id),
                    None => return Ok(None),
                }
            }
            None => None,
        };
        let mut sql = FilterSql {
            joins: "",
            conditions: LIVE.to_owned(),
            params: Vec::new(),
            order_columns: ("e.occurred_at", "e.id"),
        };
        if let Some((first, others)) = tag_ids.split_first() {
            sql.joins = "JOIN entry_tags k ON k.entry_id = e.id";
            sql.order_columns = ("k.occurred_at", "k.entry_id");
            sql.push_condition("k.tag_id = ?");
            sql.params.push(Value::Integer(*first));
            for other in others {
                sql.push_condition("EXISTS (SELECT 1 FROM entry_tags x WHERE x.entry_id = e.id AND x.tag_id = ?)");
                sql.params.push(Value::Integer(*other));
            }
        }
        if let Some(person_id) = person_id {
            sql.push_condition("EXISTS (SELECT 1 FROM entry_people y WHERE y.entry_id = e.id AND y.person_id = ?)");
            sql.params.push(Value::Integer(person_id));
        }
        if let Some(kind) = filter.kind {
            sql.push_condition("e.kind = ?");
            sql.params.push(Value::Text(kind.as_str().to_owned()));
        }
        if filter.starred_only {
            sql.push_condition("e.starred = 1");
        }
        let (time, _) = sql.order_columns;
        if let Some(since) = filter.since {
            sql.push_condition(&format!("{time} >= ?"));
            sql.params.push(Value::Integer(since.timestamp_millis()));
        }
        if let Some(until) = filter.until {
            sql.push_condition(&format!("{time} < ?"));
            sql.params.push(Value::Integer(until.timestamp_millis()));
        }
        if let Some(words) = match filter.text.as_deref() {
            Some(text) => store.match_expression(text)?,
            None => None,
        } {
            sql.push_condition("e.seq IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)");
            sql.params.push(Value::Text(words));
        }
        Ok(Some(sql))
    }

    /// True when the filter asks for nothing but live entries (every entry a list shows).
    pub(super) fn is_only_live(&self) -> bool {
        self.joins.is_empty() && self.conditions == LIVE
    }

    pub(super) fn push_condition(&mut self, condition: &str) {
        self.conditions.push_str(" AND ");
        self.conditions.push_str(condition);
    }
}
