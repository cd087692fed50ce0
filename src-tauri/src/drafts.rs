//! The commands that keep what a form holds before it is saved (see `journal::Store::draft`), so
//! that no typed word is lost to a tab, a period, a screen switch or a restart.

use chrono::Local;
use tauri::State;

use crate::commands::Reply;
use crate::state::JournalState;

#[tauri::command(async)]
pub fn get_draft(journal: State<'_, JournalState>, key: String) -> Reply<Option<String>> {
    journal.with(|store| store.draft(&key))
}

/// Keeps `text` under `key`; a blank `text` discards the draft.
#[tauri::command(async)]
pub fn save_draft(journal: State<'_, JournalState>, key: String, text: String) -> Reply<()> {
    journal.with(|store| store.save_draft(&key, &text, &Local::now()))
}

#[tauri::command(async)]
pub fn discard_draft(journal: State<'_, JournalState>, key: String) -> Reply<()> {
    journal.with(|store| store.discard_draft(&key))
}
