//! The commands of the Insights screen, On this day on Today, and the lessons that come back while
//! a setback is written: thin calls into the journal, computed on demand (never at start-up).

use chrono::{Local, NaiveDate};
use journal::{Insights, Lesson, OnThisDay};
use tauri::State;

use crate::commands::Reply;
use crate::state::JournalState;

/// How many earlier lessons the capture box shows.
const LESSONS_SHOWN: usize = 3;

/// Insights from `since` to `until` (local days; by default the 53 weeks up to today).
#[tauri::command(async)]
pub fn insights(
    journal: State<'_, JournalState>,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Reply<Insights> {
    let now = Local::now();
    journal.with(|store| {
        let last = until.unwrap_or_else(|| now.date_naive());
        let first = match since {
            Some(first) => first,
            None => Insights::default_period(last, store.settings()?.week_start).0,
        };
        store.insights(first, last, &now)
    })
}

#[tauri::command(async)]
pub fn on_this_day(journal: State<'_, JournalState>, date: Option<NaiveDate>) -> Reply<OnThisDay> {
    let now = Local::now();
    journal.with(|store| store.on_this_day(date.unwrap_or_else(|| now.date_naive()), &now))
}

/// Earlier setbacks like the one being written (`text` with `tags`).
#[tauri::command(async)]
pub fn lessons_for(journal: State<'_, JournalState>, text: String, tags: Vec<String>) -> Reply<Vec<Lesson>> {
    journal.with(|store| store.lessons_for(&text, &tags, None, LESSONS_SHOWN))
}
