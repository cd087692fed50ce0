//! The commands of the Reflect screen: the check-in and the weekly and monthly reviews, and the
//! follow-ups that ask whether a setback's adjustment worked.

use chrono::{Local, NaiveDate};
use journal::period::PeriodKind;
use journal::{Entry, Followup, FollowupAnswer, RenderedReview, Worked};
use tauri::State;

use crate::commands::Reply;
use crate::error::CommandError;
use crate::state::JournalState;

#[tauri::command(async)]
pub fn review(journal: State<'_, JournalState>, kind: PeriodKind, date: Option<NaiveDate>) -> Reply<RenderedReview> {
    let now = Local::now();
    journal.with(|store| {
        let day = date.map_or_else(|| store.review_day(kind, &now), Ok)?;
        store.review(kind, day, &now).map(RenderedReview::from)
    })
}

/// Saves the review of `kind` holding `date` (or the one a review written now looks back on) with
/// the user's answers under its prompts.
#[tauri::command(async)]
pub fn save_review(
    journal: State<'_, JournalState>,
    kind: PeriodKind,
    date: Option<NaiveDate>,
    answers: Vec<String>,
) -> Reply<Entry> {
    if answers.iter().all(|answer| answer.trim().is_empty()) {
        return Err(CommandError::from(journal::Error::Invalid {
            field: "answers",
            message: "write something under at least one prompt before saving".to_owned(),
        }));
    }
    let now = Local::now();
    journal.with(|store| {
        let day = date.map_or_else(|| store.review_day(kind, &now), Ok)?;
        let review = store.review(kind, day, &now)?;
        store.save_reflection(kind, review.compose(&answers), &now)
    })
}

#[tauri::command(async)]
pub fn list_followups(journal: State<'_, JournalState>) -> Reply<Vec<Followup>> {
    journal.with(|store| store.followups_due(&Local::now()))
}

#[tauri::command(async)]
pub fn answer_followup(
    journal: State<'_, JournalState>,
    setback_id: String,
    worked: Worked,
    note: Option<String>,
) -> Reply<FollowupAnswer> {
    journal.with(|store| store.answer_followup(&setback_id, worked, note, &Local::now()))
}
