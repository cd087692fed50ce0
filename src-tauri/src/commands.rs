//! The commands the window may call: each parses, calls the journal, and maps the error.

use std::collections::HashSet;

use chrono::Local;
use journal::{
    Cursor, Entry, EntryChanges, Filter, GoalStatus, GoalUpdate, Measurement, Milestone, NewEntry, NewGoal,
    NewMeasurement, NewMilestone, Page, Progressed, RenderedEntry, RenderedGoal, SearchHit, TagCount, TodayView,
};
use tauri::{AppHandle, Runtime, State};

use crate::error::CommandError;
use crate::state::JournalState;

pub(crate) type Reply<T> = Result<T, CommandError>;

#[tauri::command(async)]
pub fn today(journal: State<'_, JournalState>) -> Reply<TodayView> {
    journal.with(|store| store.today_view(&Local::now()))
}

/// Whether `wins`, the reminder runner or another process wrote to the journal since the window
/// last asked (on the first ask, since the journal was opened): coming back into focus, the window
/// reads its screens again only when one did.
#[tauri::command(async)]
pub fn journal_written_elsewhere(journal: State<'_, JournalState>) -> Reply<bool> {
    journal.with(|store| store.written_elsewhere())
}

#[tauri::command(async)]
pub fn list_entries(
    journal: State<'_, JournalState>,
    filter: Filter,
    limit: usize,
    after: Option<Cursor>,
) -> Reply<Page> {
    journal.with(|store| store.list(&filter, limit, after.as_ref()))
}

#[tauri::command(async)]
pub fn search_entries(
    journal: State<'_, JournalState>,
    query: String,
    filter: Filter,
    limit: usize,
) -> Reply<Vec<SearchHit>> {
    journal.with(|store| store.search(&query, &filter, limit))
}

#[tauri::command(async)]
pub fn get_entry(journal: State<'_, JournalState>, id: String) -> Reply<RenderedEntry> {
    journal.with(|store| store.get(&id).map(RenderedEntry::from))
}

#[tauri::command(async)]
pub fn add_entry(journal: State<'_, JournalState>, entry: NewEntry) -> Reply<Entry> {
    journal.with(|store| store.add(entry, &Local::now()))
}

#[tauri::command(async)]
pub fn edit_entry(journal: State<'_, JournalState>, id: String, changes: EntryChanges) -> Reply<RenderedEntry> {
    journal.with(|store| store.edit(&id, changes, &Local::now()).map(RenderedEntry::from))
}

#[tauri::command(async)]
pub fn delete_entry(journal: State<'_, JournalState>, id: String) -> Reply<Entry> {
    journal.with(|store| store.remove(&id, &Local::now()))
}

#[tauri::command(async)]
pub fn restore_entry(journal: State<'_, JournalState>, id: String) -> Reply<Entry> {
    journal.with(|store| store.restore(&id, &Local::now()))
}

#[tauri::command(async)]
pub fn list_tags(journal: State<'_, JournalState>) -> Reply<Vec<TagCount>> {
    journal.with(|store| store.tags())
}

/// The Goals screen's goals, each metric's chart as the points it draws; the goals whose
/// fingerprint the window already holds (`known`) come without their content.
#[tauri::command(async)]
pub fn list_goals(journal: State<'_, JournalState>, known: HashSet<String>) -> Reply<Vec<GoalUpdate>> {
    journal.with(|store| store.goals_screen(&known, &Local::now()))
}

/// Every measurement of one milestone, oldest first: the Goals screen lists them only on request.
#[tauri::command(async)]
pub fn list_measurements(journal: State<'_, JournalState>, milestone_id: String) -> Reply<Vec<Measurement>> {
    journal.with(|store| Ok(store.milestone(&milestone_id, &Local::now())?.measurements))
}

#[tauri::command(async)]
pub fn add_goal(journal: State<'_, JournalState>, goal: NewGoal) -> Reply<RenderedGoal> {
    journal.with(|store| store.add_goal(goal, &Local::now()).map(RenderedGoal::from))
}

#[tauri::command(async)]
pub fn set_goal_status(journal: State<'_, JournalState>, id: String, status: GoalStatus) -> Reply<RenderedGoal> {
    journal.with(|store| {
        store
            .set_goal_status(&id, status, &Local::now())
            .map(RenderedGoal::from)
    })
}

#[tauri::command(async)]
pub fn delete_goal(journal: State<'_, JournalState>, id: String) -> Reply<RenderedGoal> {
    journal.with(|store| store.remove_goal(&id, &Local::now()).map(RenderedGoal::from))
}

#[tauri::command(async)]
pub fn restore_goal(journal: State<'_, JournalState>, id: String) -> Reply<RenderedGoal> {
    journal.with(|store| store.restore_goal(&id, &Local::now()).map(RenderedGoal::from))
}

#[tauri::command(async)]
pub fn add_milestone(journal: State<'_, JournalState>, goal_id: String, milestone: NewMilestone) -> Reply<Milestone> {
    journal.with(|store| store.add_milestone(&goal_id, milestone, &Local::now()))
}

#[tauri::command(async)]
pub fn measure_milestone(
    journal: State<'_, JournalState>,
    milestone_id: String,
    measurement: NewMeasurement,
) -> Reply<Progressed> {
    journal.with(|store| store.measure(&milestone_id, measurement, &Local::now()))
}

#[tauri::command(async)]
pub fn check_milestone(journal: State<'_, JournalState>, milestone_id: String) -> Reply<Progressed> {
    journal.with(|store| store.check(&milestone_id, &Local::now()))
}

/// The UI calls this once its first timeline is on screen; the log line is what the start-up
/// benchmark reads. The start-up check and the day's backup begin only now.
#[tauri::command]
pub fn app_ready<R: Runtime>(app: AppHandle<R>, journal: State<'_, JournalState>) {
    log::info!(
        "first timeline painted {} ms after launch",
        journal.launched.elapsed().as_millis()
    );
    crate::backups::check_at_start(&app);
}
