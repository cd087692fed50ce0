//! The commands that correct goals, milestones and measurements, and take corrections back.

use chrono::Local;
use journal::{GoalChanges, MeasurementChanges, Milestone, MilestoneChanges, Progressed, RenderedGoal};
use tauri::State;

use crate::commands::Reply;
use crate::state::JournalState;

#[tauri::command(async)]
pub fn edit_goal(journal: State<'_, JournalState>, id: String, changes: GoalChanges) -> Reply<RenderedGoal> {
    journal.with(|store| store.edit_goal(&id, changes, &Local::now()).map(RenderedGoal::from))
}

#[tauri::command(async)]
pub fn edit_milestone(journal: State<'_, JournalState>, id: String, changes: MilestoneChanges) -> Reply<Progressed> {
    journal.with(|store| store.edit_milestone(&id, changes, &Local::now()))
}

#[tauri::command(async)]
pub fn delete_milestone(journal: State<'_, JournalState>, id: String) -> Reply<Milestone> {
    journal.with(|store| store.remove_milestone(&id, &Local::now()))
}

#[tauri::command(async)]
pub fn restore_milestone(journal: State<'_, JournalState>, id: String) -> Reply<Milestone> {
    journal.with(|store| store.restore_milestone(&id, &Local::now()))
}

#[tauri::command(async)]
pub fn edit_measurement(
    journal: State<'_, JournalState>,
    id: String,
    changes: MeasurementChanges,
) -> Reply<Progressed> {
    journal.with(|store| store.edit_measurement(&id, changes, &Local::now()))
}

#[tauri::command(async)]
pub fn delete_measurement(journal: State<'_, JournalState>, id: String) -> Reply<Progressed> {
    journal.with(|store| store.remove_measurement(&id, &Local::now()))
}

#[tauri::command(async)]
pub fn restore_measurement(journal: State<'_, JournalState>, id: String) -> Reply<Progressed> {
    journal.with(|store| store.restore_measurement(&id, &Local::now()))
}
