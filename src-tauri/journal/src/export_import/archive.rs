//! Small Wins' own JSON file: every stored field of every live entry, goal, milestone and
//! measurement, and the reflection rhythm (settings, reminder rules, follow-up answers), so that a
//! journal can leave and come back exactly as it was.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::at;

use crate::clock::DayOfWeek;
use crate::goals::GoalStatus;
use crate::{Entry, Error, ReminderKind, Result, Settings, Worked};

/// The value of `"format"` that marks the file as ours.
pub const FORMAT_NAME: &str = "small-wins";
/// The version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// The whole file. Its JSON Schema is `docs/small-wins-export.schema.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<FixedOffset>,
    /// Oldest first.
    pub entries: Vec<Entry>,
    pub goals: Vec<ArchivedGoal>,
    /// Absent from exports of journals that never set the rhythm up (and from files older than it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rhythm: Option<ArchivedRhythm>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedRhythm {
    pub settings: Settings,
    pub reminders: Vec<ArchivedReminder>,
    /// The follow-up answers of the exported setbacks.
    pub followups: Vec<ArchivedFollowup>,
}

/// A reminder rule; when it fires next is worked out again where it is imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedReminder {
    pub id: String,
    pub kind: ReminderKind,
    #[serde(with = "crate::clock::hhmm")]
    pub time: NaiveTime,
    pub weekday: Option<DayOfWeek>,
    pub month_day: Option<u32>,
    pub paused: bool,
    /// Absent in files from before the setting: those rules keep firing when their work is done.
    #[serde(default)]
    pub quiet_when_done: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedFollowup {
    pub setback_id: String,
    pub asked_at: Option<DateTime<Utc>>,
    pub worked: Option<Worked>,
    pub note: Option<String>,
    pub answered_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedGoal {
    pub id: String,
    pub title: String,
    pub why: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub status: GoalStatus,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    pub milestones: Vec<ArchivedMilestone>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedMilestone {
    pub id: String,
    pub title: String,
    pub started_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    /// Baseline, target and unit are all present for a metric and all absent for a done-check.
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub unit: Option<String>,
    pub done_at: Option<DateTime<FixedOffset>>,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    /// Oldest first.
    pub measurements: Vec<ArchivedMeasurement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedMeasurement {
    pub id: String,
    pub value: f64,
    pub measured_at: DateTime<FixedOffset>,
    pub note: Option<String>,
    pub created_at: DateTime<FixedOffset>,
}

impl Archive {
    /// Reads our JSON, refusing another program's file or a newer version with a message that says
    /// which; a malformed file is named by line and column.
    pub fn from_json(text: &str) -> Result<Archive> {
        #[derive(Deserialize)]
        struct Header {
            format: Option<String>,
            version: Option<u32>,
        }
        let header: Header = serde_json::from_str(text).map_err(|e| json_error(&e))?;
        if header.format.as_deref() != Some(FORMAT_NAME) {
            return Err(Error::invalid(
                "format",
                "this is not a Small Wins export (no \"format\": \"small-wins\")",
            ));
        }
        match header.version {
            Some(version) if version > FORMAT_VERSION => {
                return Err(Error::invalid(
                    "version",
                    format!(
                        "this export is version {version}; this Small Wins reads up to {FORMAT_VERSION}: update it"
                    ),
                ));
            }
            None => return Err(Error::invalid("version", "the export has no \"version\"")),
            Some(_) => {}
        }
        let archive: Archive = serde_json::from_str(text).map_err(|e| json_error(&e))?;
        archive.validate()?;
        Ok(archive)
    }

    /// Checks the file as a whole before anything is written: every id a UUID and used once, and
    /// every link (an entry's milestone, a follow-up's setback) to something in the file.
    fn validate(&self) -> Result<()> {
        let mut ids = Ids::default();
        let mut milestones = HashSet::new();
        for (g, goal) in self.goals.iter().enumerate() {
            let place = format!("goal {} ({:?})", g + 1, goal.title);
            ids.claim(&goal.id, "goal", &place)?;
            for (m, milestone) in goal.milestones.iter().enumerate() {
                let place = format!("{place}, milestone {} ({:?})", m + 1, milestone.title);
                ids.claim(&milestone.id, "milestone", &place)?;
                milestones.insert(milestone.id.as_str());
                for (x, measurement) in milestone.measurements.iter().enumerate() {
                    ids.claim(
                        &measurement.id,
                        "measurement",
                        &format!("{place}, measurement {}", x + 1),
                    )?;
                }
            }
        }
        let mut entries = HashSet::new();
        for (index, entry) in self.entries.iter().enumerate() {
            let place = format!("entry {}", index + 1);
            ids.claim(&entry.id, "entry", &place)?;
            entries.insert(entry.id.as_str());
            if let Some(milestone) = &entry.milestone_id
                && !milestones.contains(milestone.as_str())
            {
                return Err(at(
                    place,
                    Error::invalid(
                        "milestone_id",
                        format!("no milestone in the file has the id {milestone:?}"),
                    ),
                ));
            }
        }
        if let Some(rhythm) = &self.rhythm {
            for (index, reminder) in rhythm.reminders.iter().enumerate() {
                ids.claim(&reminder.id, "reminder", &format!("reminder {}", index + 1))?;
            }
            for (index, followup) in rhythm.followups.iter().enumerate() {
                if !entries.contains(followup.setback_id.as_str()) {
                    return Err(at(
                        format!("follow-up {}", index + 1),
                        Error::invalid(
                            "setback_id",
                            format!("no entry in the file has the id {:?}", followup.setback_id),
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The ids of a file seen so far, each of which must be a UUID as Small Wins writes them.
#[derive(Default)]
struct Ids<'a> {
    seen: HashMap<&'a str, String>,
}

impl<'a> Ids<'a> {
    fn claim(&mut self, id: &'a str, what: &str, place: &str) -> Result<()> {
        let canonical = Uuid::parse_str(id).is_ok_and(|uuid| uuid.hyphenated().to_string() == id);
        if !canonical {
            return Err(at(
                place,
                Error::invalid("id", format!("{id:?} is not a {what} id (a lower-case UUID)")),
            ));
        }
        if let Some(first) = self.seen.insert(id, place.to_owned()) {
            return Err(at(
                place,
                Error::invalid("id", format!("{id:?} is already the id of {first}")),
            ));
        }
        Ok(())
    }
}

/// A JSON error as a message that points at the place in the file.
pub(crate) fn json_error(error: &serde_json::Error) -> Error {
    Error::invalid(
        "file",
        format!(
            "line {}, column {}: {}",
            error.line(),
            error.column(),
            strip_position(error)
        ),
    )
}

/// serde_json's message without the " at line L column C" it appends (we say it first).
fn strip_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}
