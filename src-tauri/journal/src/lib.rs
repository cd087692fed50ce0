//! The Small Wins journal: entries that last, kept in one SQLite file and found in milliseconds.
//!
//! This crate is the product's core and needs no display: the `wins` CLI and the desktop shell are
//! thin front ends over [`Store`].

pub mod clock;
pub mod crypto;
mod error;
pub mod export_import;
mod followups;
mod goals;
mod goals_screen;
mod insights;
mod location;
pub mod markdown;
mod model;
mod people;
pub mod period;
pub mod progress;
mod reminders;
mod review;
mod safe_files;
pub mod schedule;
mod settings;
mod store;
mod streak;
pub mod sync;
#[cfg(feature = "synthetic")]
pub mod synthetic;
mod tags;
mod team;
mod team_render;
pub mod timer;
mod today;
pub mod when;

pub use error::{Error, ErrorCode, Record, Result};
pub use followups::{Followup, FollowupAnswer, Worked};
pub use goals::{
    Goal, GoalChanges, GoalStatus, Measurement, MeasurementChanges, Metric, Milestone, MilestoneChanges, NewGoal,
    NewMeasurement, NewMilestone, Progressed, parse_number,
};
pub use goals_screen::{
    CHART_POINTS, ChartLine, ChartPoint, GoalUpdate, SHOWN_LINKED, ScreenGoal, ScreenMilestone, chart_line,
};
pub use insights::{
    BestWeek, DayCount, FollowupCounts, Insights, Lesson, Lookback, MilestoneInsights, MilestonePace, OnThisDay,
    Streaks, TagFollowups, TagInsights, WeekCount,
};
pub use location::default_journal_path;
pub use markdown::{RenderedEntry, RenderedGoal, RenderedReview};
pub use model::{Entry, EntryChanges, Kind, NewEntry, PersonCount, TagCount};
pub use reminders::{Firing, NewReminder, Reminder, ReminderKind, Snooze};
pub use review::{MilestoneChange, Review, ReviewedSetback};
pub use safe_files::write_whole;
pub use settings::Settings;
pub use store::{
    Backup, Cursor, Filter, Page, Recovery, Rotation, SearchHit, SnippetPart, Store, Verification, backup_folder,
    backups, newest_good_backup, restore_damaged,
};
pub use team::{Digest, Kudos, SharedSetback, Standup, WinGroup};
pub use team_render::TeamFormat;
pub use today::{MilestoneDue, TodayView};
