//! The UI's TypeScript types, generated from the Rust types the commands exchange.
//!
//! `ui/src/lib/bindings.ts` is checked in; the test fails when it no longer matches the Rust
//! types. `UPDATE_BINDINGS=1 cargo test -p small-wins bindings` writes it anew.

use std::path::PathBuf;

use journal::clock::DayOfWeek;
use journal::export_import::{ExportFormat, ExportReport, ImportFormat, ImportReport};
use journal::period::{Period, PeriodKind};
use journal::progress::{Direction, PaceStatus};
use journal::schedule::QuietHours;
use journal::{
    Backup, BestWeek, ChartLine, ChartPoint, Cursor, DayCount, Entry, EntryChanges, Filter, Firing, Followup,
    FollowupAnswer, FollowupCounts, Goal, GoalChanges, GoalStatus, GoalUpdate, Insights, Kind, Lesson, Lookback,
    Measurement, MeasurementChanges, Metric, Milestone, MilestoneChange, MilestoneChanges, MilestoneDue,
    MilestoneInsights, MilestonePace, NewEntry, NewGoal, NewMeasurement, NewMilestone, NewReminder, OnThisDay, Page,
    PersonCount, Progressed, Recovery, Reminder, ReminderKind, RenderedEntry, RenderedGoal, RenderedReview, Review,
    ReviewedSetback, ScreenGoal, ScreenMilestone, SearchHit, Settings, SnippetPart, Snooze, Streaks, TagCount,
    TagFollowups, TagInsights, TeamFormat, TodayView, WeekCount, Worked,
};
use ts_rs::{Config, TS};

use crate::CommandError;
use crate::backups::{Backups, Restored};
use crate::encryption::EncryptionStatus;
use crate::error::{ErrorCode, ShellErrorCode};
use crate::export_import::ImportProgress;
use crate::first_reads::FirstReads;
use crate::settings::AppSettings;
use crate::signals::{Destination, Signal};
use crate::sync::{SyncDevice, SyncOverview};
use crate::team::{TeamDigest, TeamStandup};
use journal::sync::SyncConflict;

fn typescript() -> String {
    let config = Config::new().with_large_int("number");
    let declarations = [
        Kind::decl(&config),
        Entry::decl(&config),
        NewEntry::decl(&config),
        EntryChanges::decl(&config),
        Filter::decl(&config),
        Cursor::decl(&config),
        Page::decl(&config),
        SnippetPart::decl(&config),
        SearchHit::decl(&config),
        TagCount::decl(&config),
        RenderedEntry::decl(&config),
        TodayView::decl(&config),
        MilestoneDue::decl(&config),
        GoalStatus::decl(&config),
        Direction::decl(&config),
        PaceStatus::decl(&config),
        Metric::decl(&config),
        Measurement::decl(&config),
        Milestone::decl(&config),
        Goal::decl(&config),
        RenderedGoal::decl(&config),
        ChartPoint::decl(&config),
        ChartLine::decl(&config),
        ScreenMilestone::decl(&config),
        ScreenGoal::decl(&config),
        GoalUpdate::decl(&config),
        NewGoal::decl(&config),
        NewMilestone::decl(&config),
        NewMeasurement::decl(&config),
        Progressed::decl(&config),
        GoalChanges::decl(&config),
        MilestoneChanges::decl(&config),
        MeasurementChanges::decl(&config),
        ExportFormat::decl(&config),
        ImportFormat::decl(&config),
        ExportReport::decl(&config),
        ImportReport::decl(&config),
        ImportProgress::decl(&config),
        PeriodKind::decl(&config),
        Period::decl(&config),
        Review::decl(&config),
        ReviewedSetback::decl(&config),
        MilestoneChange::decl(&config),
        RenderedReview::decl(&config),
        Worked::decl(&config),
        FollowupAnswer::decl(&config),
        Followup::decl(&config),
        DayOfWeek::decl(&config),
        ReminderKind::decl(&config),
        NewReminder::decl(&config),
        Reminder::decl(&config),
        Snooze::decl(&config),
        Firing::decl(&config),
        QuietHours::decl(&config),
        Settings::decl(&config),
        AppSettings::decl(&config),
        Destination::decl(&config),
        Signal::decl(&config),
        journal::ErrorCode::decl(&config),
        ShellErrorCode::decl(&config),
        ErrorCode::decl(&config),
        CommandError::decl(&config),
        DayCount::decl(&config),
        WeekCount::decl(&config),
        BestWeek::decl(&config),
        Streaks::decl(&config),
        TagFollowups::decl(&config),
        FollowupCounts::decl(&config),
        MilestonePace::decl(&config),
        MilestoneInsights::decl(&config),
        TagInsights::decl(&config),
        Insights::decl(&config),
        Lookback::decl(&config),
        OnThisDay::decl(&config),
        Lesson::decl(&config),
        PersonCount::decl(&config),
        TeamFormat::decl(&config),
        TeamDigest::decl(&config),
        TeamStandup::decl(&config),
        EncryptionStatus::decl(&config),
        FirstReads::decl(&config),
        Backup::decl(&config),
        Backups::decl(&config),
        Restored::decl(&config),
        Recovery::decl(&config),
        SyncOverview::decl(&config),
        SyncDevice::decl(&config),
        SyncConflict::decl(&config),
    ];
    let mut file = String::from("// Generated from the Rust types by src-tauri/src/tests/bindings.rs. Do not edit.\n");
    for declaration in declarations {
        file.push_str("\nexport ");
        file.push_str(&declaration);
        file.push('\n');
    }
    file
}

#[test]
fn bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
    let expected = typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        found == expected,
        "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p small-wins bindings` and commit it",
        path.display()
    );
}
