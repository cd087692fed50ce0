//! What a journal entry is, as the front ends see it and as `--json` prints it.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

use crate::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Win,
    Setback,
    Note,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Win, Kind::Setback, Kind::Note];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Win => "win",
            Kind::Setback => "setback",
            Kind::Note => "note",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| Error::invalid("kind", format!("{s:?} is not one of win, setback, note")))
    }
}

/// A stored entry. Times carry the UTC offset the entry was written in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Entry {
    pub id: String,
    pub kind: Kind,
    /// Markdown; the first line is the title.
    pub text: String,
    /// Without sigil, in the spelling first used.
    pub tags: Vec<String>,
    #[serde(serialize_with = "crate::clock::rfc3339")]
    pub occurred_at: DateTime<FixedOffset>,
    #[serde(serialize_with = "crate::clock::rfc3339")]
    pub created_at: DateTime<FixedOffset>,
    #[serde(serialize_with = "crate::clock::rfc3339")]
    pub updated_at: DateTime<FixedOffset>,
    pub mood: Option<u8>,
    pub starred: bool,
    /// What I learned (setbacks).
    pub lesson: Option<String>,
    /// What I will adjust (setbacks).
    pub adjust: Option<String>,
    /// The milestone this entry moved, if it is linked to one.
    pub milestone_id: Option<String>,
    /// People credited (`+Name`), in the spelling first used. Absent in files from before credits.
    #[serde(default)]
    pub people: Vec<String>,
    /// Whether it may appear in a team digest or stand-up; entries are private by default.
    #[serde(default)]
    pub shareable: bool,
}

impl Entry {
    pub fn title(&self) -> &str {
        self.text.lines().next().unwrap_or_default().trim()
    }
}

/// An entry to be written. Tags written inline in the text (`#tag`, `@tag`) are added to `tags`.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(optional_fields)]
pub struct NewEntry {
    pub kind: Kind,
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// When it happened; `None` means now.
    #[serde(default)]
    pub occurred_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub mood: Option<u8>,
    #[serde(default)]
    pub starred: bool,
    #[serde(default)]
    pub lesson: Option<String>,
    #[serde(default)]
    pub adjust: Option<String>,
    /// The milestone this entry moved.
    #[serde(default)]
    pub milestone_id: Option<String>,
    /// People credited besides those written inline (`+Name`) in the text.
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub shareable: bool,
}

impl NewEntry {
    pub fn new(kind: Kind, text: impl Into<String>) -> Self {
        NewEntry {
            kind,
            text: text.into(),
            tags: Vec::new(),
            occurred_at: None,
            mood: None,
            starred: false,
            lesson: None,
            adjust: None,
            milestone_id: None,
            people: Vec::new(),
            shareable: false,
        }
    }
}

/// A change to an entry: every `Some` field is replaced, every `None` left as it is.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, TS)]
#[serde(default)]
#[ts(optional_fields)]
pub struct EntryChanges {
    pub kind: Option<Kind>,
    /// New text; inline tags of the old text are dropped and those of the new one added.
    pub text: Option<String>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
    pub occurred_at: Option<DateTime<FixedOffset>>,
    /// `Some(None)` clears the mood (in JSON: `"mood": null`; leaving it out keeps it).
    #[serde(deserialize_with = "present")]
    #[ts(optional, type = "number | null")]
    pub mood: Option<Option<u8>>,
    pub starred: Option<bool>,
    pub lesson: Option<String>,
    pub adjust: Option<String>,
    /// `Some(None)` unlinks it from its milestone.
    #[serde(deserialize_with = "present")]
    #[ts(optional, type = "string | null")]
    pub milestone_id: Option<Option<String>>,
    /// New text drops the old text's inline credits and adds the new one's, as with tags.
    pub add_people: Vec<String>,
    pub remove_people: Vec<String>,
    pub shareable: Option<bool>,
}

/// Reads a field that is present in JSON, even as `null`, as `Some`: absent fields stay `None`.
pub(crate) fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TagCount {
    pub name: String,
    pub count: u64,
}

/// A person credited on live entries, and on how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonCount {
    pub name: String,
    pub count: u64,
}
