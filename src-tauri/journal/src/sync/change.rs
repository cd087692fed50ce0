//! The changes a segment carries, as JSON: what one device did, for every other to merge.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One change, as written in a segment's body (a JSON array of them, in the author's order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub(crate) enum Change {
    /// A row made on the author's device, with every column (see [`super::tables::Table::columns`]);
    /// an entry's also carries `tags` and `people`, each a list of names.
    Row {
        table: String,
        clock: i64,
        values: Map<String, Value>,
    },
    /// A field's new value: an object of its columns (see [`super::tables::Table::fields`]); for
    /// an entry's tag or credit (`table` "entry_tags" or "entry_people", `field` its key) the
    /// name, or null once removed. `base` is the clock of the value it replaced (0: a value from
    /// before the journal synced, or from when its row was made).
    Field {
        table: String,
        id: String,
        field: String,
        clock: i64,
        base: i64,
        value: Value,
    },
    /// How a tag or a person is spelt where it was first written (`table` "tags" or "people").
    Name {
        table: String,
        key: String,
        name: String,
        clock: i64,
    },
    /// What the author calls itself (its host name), so that people see "laptop", not an id.
    Device { name: String },
    /// An entry's words kept from an edit on another device, put aside by the person.
    Dismiss {
        entry_id: String,
        field: String,
        clock: i64,
        device: String,
    },
}

impl Change {
    /// The clock of the change, which the reader's clock moves past.
    pub(crate) fn clock(&self) -> i64 {
        match self {
            Change::Row { clock, .. }
            | Change::Field { clock, .. }
            | Change::Name { clock, .. }
            | Change::Dismiss { clock, .. } => *clock,
            Change::Device { .. } => 0,
        }
    }
}
