//! The commands of the Team screen and the people field: the week's team digest and the day's
//! stand-up as the journal renders them (to show and to copy), the digest saved to a file picked
//! in a dialog, and the people already credited (to complete a name).

use chrono::{Local, NaiveDate};
use journal::markdown::to_safe_html;
use journal::{PersonCount, TeamFormat};
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};
use ts_rs::TS;

use crate::commands::Reply;
use crate::picked_paths::{PickedPaths, Purpose, documents_folder, file_dialog};
use crate::state::JournalState;

/// A week's team digest, made only of shareable entries, in the forms the window needs.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TeamDigest {
    /// "Team digest: 6–12 January 2025".
    pub title: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub nothing_shared: bool,
    /// The Markdown rendering as sanitised HTML, to show.
    pub html: String,
    /// Plain text wrapped at 72 columns, to paste into chat or e-mail.
    pub text: String,
    pub markdown: String,
}

/// A day's stand-up as plain text, to paste into the team's chat.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TeamStandup {
    pub text: String,
    /// The day's check-in was saved but is private, so its focus and blockers were left out.
    pub checkin_private: bool,
}

#[tauri::command(async)]
pub fn list_people(journal: State<'_, JournalState>) -> Reply<Vec<PersonCount>> {
    journal.with(|store| store.people())
}

/// The digest of the week holding `date`, or of the week a review written now looks back on.
#[tauri::command(async)]
pub fn team_digest(journal: State<'_, JournalState>, date: Option<NaiveDate>) -> Reply<TeamDigest> {
    let now = Local::now();
    journal.with(|store| {
        let week = store.digest_week(date, &now)?;
        let digest = store.digest(week.first, week.last, false, &now)?;
        let markdown = digest.render(TeamFormat::Markdown);
        Ok(TeamDigest {
            html: to_safe_html(&markdown),
            text: digest.render(TeamFormat::Text),
            markdown,
            nothing_shared: digest.nothing_shared(),
            title: digest.title,
            first: digest.first,
            last: digest.last,
        })
    })
}

/// Opens the save dialog at `~/Documents/team-digest-2025-01-06.md` (or in the home folder) and
/// keeps the pick for [`save_digest`]. Returns the path to show, or `None` when cancelled.
#[tauri::command(async)]
pub fn pick_digest_path<R: Runtime>(
    window: WebviewWindow<R>,
    picked_paths: State<'_, PickedPaths>,
    first: NaiveDate,
    format: TeamFormat,
) -> Reply<Option<String>> {
    let extension = format.extension();
    let picked = file_dialog(&window, "Save the team digest", &documents_folder()?)
        .set_file_name(format!("team-digest-{first}.{extension}"))
        .add_filter(format!(".{extension} files"), &[extension])
        .blocking_save_file();
    picked_paths.keep_answer(Purpose::Digest, picked)
}

/// Writes the digest of the week holding `date` to the path picked with [`pick_digest_path`]; an
/// existing file is replaced only when the person said so. Returns the digest's title.
#[tauri::command(async)]
pub fn save_digest(
    journal: State<'_, JournalState>,
    picked_paths: State<'_, PickedPaths>,
    date: NaiveDate,
    format: TeamFormat,
    replace: bool,
) -> Reply<String> {
    let now = Local::now();
    picked_paths.write_to(Purpose::Digest, replace, |destination| {
        journal.with(|store| {
            let week = store.digest_week(Some(date), &now)?;
            let digest = store.digest(week.first, week.last, false, &now)?;
            journal::export_import::write_text_file(destination, &digest.render(format))?;
            Ok(digest.title)
        })
    })
}

/// The stand-up of local day `date` (today without one): the day before's shared wins, and the
/// day's focus and blockers when its check-in is shared — as `wins standup --date` prints it.
#[tauri::command(async)]
pub fn standup(journal: State<'_, JournalState>, date: Option<NaiveDate>) -> Reply<TeamStandup> {
    let now = Local::now();
    journal.with(|store| {
        let standup = store.standup(date.unwrap_or(now.date_naive()), &now)?;
        Ok(TeamStandup {
            text: standup.render(TeamFormat::Text),
            checkin_private: standup.checkin_private,
        })
    })
}
