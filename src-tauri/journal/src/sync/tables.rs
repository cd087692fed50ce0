//! What of each table travels between devices: a made row's columns, and the fields a change can
//! carry, each one or more columns that change together. The triggers of migration 14 record the
//! same fields (a test holds them to these lists).

/// One table's part in sync.
pub(crate) struct Table {
    pub(crate) name: &'static str,
    /// The column that names a row on every device.
    pub(crate) key: &'static str,
    /// Every column a new row is made with, the key first; empty when rows are never made whole
    /// (a follow-up's answer and a setting travel as one field, written over what is there).
    pub(crate) columns: &'static [&'static str],
    /// Each field that a change carries, and its columns.
    pub(crate) fields: &'static [(&'static str, &'static [&'static str])],
}

pub(crate) const ENTRIES: Table = Table {
    name: "entries",
    key: "id",
    columns: &[
        "id",
        "kind",
        "text",
        "lesson",
        "adjust",
        "occurred_at",
        "utc_offset",
        "mood",
        "starred",
        "milestone_id",
        "shareable",
        "import_key",
        "created_at",
        "updated_at",
        "deleted_at",
    ],
    fields: &[
        ("kind", &["kind"]),
        ("text", &["text"]),
        ("lesson", &["lesson"]),
        ("adjust", &["adjust"]),
        ("occurred_at", &["occurred_at", "utc_offset"]),
        ("mood", &["mood"]),
        ("starred", &["starred"]),
        ("milestone_id", &["milestone_id"]),
        ("shareable", &["shareable"]),
        ("updated_at", &["updated_at"]),
        ("deleted_at", &["deleted_at"]),
    ],
};

pub(crate) const GOALS: Table = Table {
    name: "goals",
    key: "id",
    columns: &[
        "id",
        "title",
        "why",
        "due_on",
        "status",
        "utc_offset",
        "created_at",
        "updated_at",
        "deleted_at",
    ],
    fields: &[
        ("title", &["title"]),
        ("why", &["why"]),
        ("due_on", &["due_on"]),
        ("status", &["status"]),
        ("utc_offset", &["utc_offset"]),
        ("updated_at", &["updated_at"]),
        ("deleted_at", &["deleted_at"]),
    ],
};

pub(crate) const MILESTONES: Table = Table {
    name: "milestones",
    key: "id",
    columns: &[
        "id",
        "goal_id",
        "title",
        "started_on",
        "due_on",
        "baseline",
        "target",
        "unit",
        "done_at",
        "utc_offset",
        "created_at",
        "updated_at",
        "deleted_at",
    ],
    fields: &[
        ("title", &["title"]),
        ("dates", &["started_on", "due_on"]),
        ("metric", &["baseline", "target", "unit"]),
        ("done_at", &["done_at"]),
        ("utc_offset", &["utc_offset"]),
        ("updated_at", &["updated_at"]),
        ("deleted_at", &["deleted_at"]),
    ],
};

pub(crate) const MEASUREMENTS: Table = Table {
    name: "measurements",
    key: "id",
    columns: &[
        "id",
        "milestone_id",
        "value",
        "measured_at",
        "utc_offset",
        "note",
        "created_at",
        "deleted_at",
    ],
    fields: &[
        ("value", &["value"]),
        ("measured_at", &["measured_at", "utc_offset"]),
        ("note", &["note"]),
        ("deleted_at", &["deleted_at"]),
    ],
};

/// A reminder's schedule travels with the rule that sets it; when it last fired never travels.
pub(crate) const REMINDERS: Table = Table {
    name: "reminders",
    key: "id",
    columns: &[
        "id",
        "kind",
        "at_time",
        "weekday",
        "month_day",
        "paused",
        "quiet_when_done",
        "next_due_at",
        "created_at",
        "updated_at",
        "deleted_at",
    ],
    fields: &[
        (
            "schedule",
            &["at_time", "weekday", "month_day", "paused", "next_due_at"],
        ),
        ("quiet_when_done", &["quiet_when_done"]),
        ("updated_at", &["updated_at"]),
        ("deleted_at", &["deleted_at"]),
    ],
};

/// A follow-up's answer; when a reminder asked stays on the device that asked.
pub(crate) const FOLLOWUPS: Table = Table {
    name: "followups",
    key: "setback_id",
    columns: &[],
    fields: &[("answer", &["worked", "note", "answered_at", "utc_offset"])],
};

pub(crate) const SETTINGS: Table = Table {
    name: "settings",
    key: "key",
    columns: &[],
    fields: &[("value", &["value"])],
};

/// Every table whose rows travel, in an order in which a row never comes before one it refers to.
pub(crate) const TABLES: [&Table; 7] = [
    &GOALS,
    &MILESTONES,
    &MEASUREMENTS,
    &ENTRIES,
    &REMINDERS,
    &FOLLOWUPS,
    &SETTINGS,
];

/// The fields whose concurrent edits are kept as conflicts rather than decided silently: a person's
/// words.
pub(crate) const PROSE: [&str; 3] = ["text", "lesson", "adjust"];

/// The tables of an entry's tags and credits, the table of their names, and the column of that name.
pub(crate) struct Links {
    pub(crate) table: &'static str,
    pub(crate) names: &'static str,
    pub(crate) name_column: &'static str,
}

pub(crate) const TAG_LINKS: Links = Links {
    table: "entry_tags",
    names: "tags",
    name_column: "tag_id",
};

pub(crate) const PEOPLE_LINKS: Links = Links {
    table: "entry_people",
    names: "people",
    name_column: "person_id",
};

pub(crate) fn table(name: &str) -> Option<&'static Table> {
    TABLES.into_iter().find(|table| table.name == name)
}

impl Table {
    pub(crate) fn field(&self, name: &str) -> Option<&'static [&'static str]> {
        self.fields
            .iter()
            .find(|(field, _)| *field == name)
            .map(|(_, columns)| *columns)
    }

    /// `json_object('a', a, 'b', b, …)` of `columns`, as SQL.
    pub(crate) fn json_of(columns: &[&str]) -> String {
        let pairs: Vec<String> = columns.iter().map(|c| format!("'{c}', {c}")).collect();
        format!("json_object({})", pairs.join(", "))
    }
}
