//! What an import reads from a file, before anything is written: the entries, checked, and the
//! goals and rhythm of our own export; handed over whole or one entry at a time.

use chrono::{DateTime, FixedOffset};

use super::{Archive, ArchivedGoal, ArchivedRhythm};
use crate::NewEntry;

/// Everything read from a file, checked and ready to be written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Incoming {
    pub entries: Vec<IncomingEntry>,
    /// Only our own export carries goals.
    pub goals: Vec<ArchivedGoal>,
    /// Only our own export carries the rhythm.
    pub rhythm: Option<ArchivedRhythm>,
}

/// What a file holds besides its entries, known before they are checked one by one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IncomingHead {
    /// How many entries follow.
    pub entries: usize,
    /// Only our own export carries goals.
    pub goals: Vec<ArchivedGoal>,
    /// Only our own export carries the rhythm.
    pub rhythm: Option<ArchivedRhythm>,
}

/// Where a reader hands what it reads as it reads it: the head once, then each checked entry, so
/// that a large file can be written while it is still being read (on another thread). Either
/// answers false when no more is wanted (the writer failed), and the reader stops.
pub trait IncomingSink {
    fn head(&mut self, head: IncomingHead) -> bool;
    fn entry(&mut self, entry: IncomingEntry) -> bool;
}

/// A whole file's reading, collected.
impl IncomingSink for Incoming {
    fn head(&mut self, head: IncomingHead) -> bool {
        self.entries.reserve(head.entries);
        self.goals = head.goals;
        self.rhythm = head.rhythm;
        true
    }

    fn entry(&mut self, entry: IncomingEntry) -> bool {
        self.entries.push(entry);
        true
    }
}

impl Incoming {
    /// Hands what was read whole to `sink`, as a reader of one entry at a time does.
    pub(super) fn hand_to(self, sink: &mut dyn IncomingSink) {
        let head = IncomingHead {
            entries: self.entries.len(),
            goals: self.goals,
            rhythm: self.rhythm,
        };
        if sink.head(head) {
            for entry in self.entries {
                if !sink.entry(entry) {
                    break;
                }
            }
        }
    }
}

/// One entry read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingEntry {
    /// Where it is in the file, for messages: `entry 3`, `line 12`, `2025-01-06-win.md`.
    pub place: String,
    pub entry: NewEntry,
    pub origin: Origin,
}

/// How an imported entry is recognised the next time the same file is imported.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// From our own export: the entry keeps its id and its times.
    Kept {
        id: String,
        created_at: DateTime<FixedOffset>,
        updated_at: DateTime<FixedOffset>,
    },
    /// From another tool: a key made of its id there (Day One's uuid) or a stable hash (jrnl).
    Foreign { key: String },
}

impl From<Archive> for Incoming {
    fn from(archive: Archive) -> Incoming {
        let entries = archive
            .entries
            .into_iter()
            .enumerate()
            .map(|(index, entry)| IncomingEntry {
                place: format!("entry {} ({})", index + 1, entry.id),
                origin: Origin::Kept {
                    id: entry.id,
                    created_at: entry.created_at,
                    updated_at: entry.updated_at,
                },
                entry: NewEntry {
                    kind: entry.kind,
                    text: entry.text,
                    tags: entry.tags,
                    occurred_at: Some(entry.occurred_at),
                    mood: entry.mood,
                    starred: entry.starred,
                    lesson: entry.lesson,
                    adjust: entry.adjust,
                    milestone_id: entry.milestone_id,
                    people: entry.people,
                    shareable: entry.shareable,
                },
            })
            .collect();
        Incoming {
            entries,
            goals: archive.goals,
            rhythm: archive.rhythm,
        }
    }
}
