//! The commands the window may call: each parses, calls the journal, and maps the error.

use chrono::Local;
use journal::{Cursor, Entry, EntryChanges, Filter, NewEntry, Page, RenderedEntry, SearchHit, TagCount, TodayView};
use tauri::State;

use crate::error::CommandError;
use crate::state::JournalState;

type Reply<T> = Result<T, CommandError>;

#[tauri::command(async)]
pub fn today(journal: State<'_, JournalState>) -> Reply<TodayView> {
    journal.with(|store| store.today_view(&Local::now()))
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
    journal.with(|store| store.add(entry))
}

#[tauri::command(async)]
pub fn edit_entry(journal: State<'_, JournalState>, id: String, changes: EntryChanges) -> Reply<RenderedEntry> {
    journal.with(|store| store.edit(&id, changes).map(RenderedEntry::from))
}

#[tauri::command(async)]
pub fn delete_entry(journal: State<'_, JournalState>, id: String) -> Reply<Entry> {
    journal.with(|store| store.remove(&id))
}

#[tauri::command(async)]
pub fn restore_entry(journal: State<'_, JournalState>, id: String) -> Reply<Entry> {
    journal.with(|store| store.restore(&id))
}

#[tauri::command(async)]
pub fn list_tags(journal: State<'_, JournalState>) -> Reply<Vec<TagCount>> {
    journal.with(|store| store.tags())
}

/// The UI calls this once its first timeline is on screen; the log line is what the start-up
/// benchmark reads.
#[tauri::command]
pub fn app_ready(journal: State<'_, JournalState>) {
    log::info!(
        "first timeline painted {} ms after launch",
        journal.launched.elapsed().as_millis()
    );
}
