//! The commands of the Settings screen: reminder rules, the journal's settings, starting at login
//! and the reminder timer. Every change to rules or settings wakes the reminder runner.

use std::path::PathBuf;

use chrono::Local;
use journal::timer::{ReminderTimer, systemd_is_init};
use journal::{NewReminder, Reminder, Settings, Snooze, Store};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use crate::commands::Reply;
use crate::error::CommandError;
use crate::reminders::RunnerWake;
use crate::state::JournalState;
use crate::tray;

#[tauri::command(async)]
pub fn list_reminders(journal: State<'_, JournalState>) -> Reply<Vec<Reminder>> {
    journal.with(|store| store.reminders())
}

#[tauri::command(async)]
pub fn add_reminder(
    journal: State<'_, JournalState>,
    wake: State<'_, RunnerWake>,
    reminder: NewReminder,
) -> Reply<Reminder> {
    changing_rules(&journal, &wake, |store| store.add_reminder(reminder, &Local::now()))
}

#[tauri::command(async)]
pub fn remove_reminder(journal: State<'_, JournalState>, wake: State<'_, RunnerWake>, id: String) -> Reply<Reminder> {
    changing_rules(&journal, &wake, |store| store.remove_reminder(&id, &Local::now()))
}

#[tauri::command(async)]
pub fn restore_reminder(journal: State<'_, JournalState>, wake: State<'_, RunnerWake>, id: String) -> Reply<Reminder> {
    changing_rules(&journal, &wake, |store| store.restore_reminder(&id, &Local::now()))
}

#[tauri::command(async)]
pub fn set_reminder_paused(
    journal: State<'_, JournalState>,
    wake: State<'_, RunnerWake>,
    id: String,
    paused: bool,
) -> Reply<Reminder> {
    changing_rules(&journal, &wake, |store| {
        store.set_reminder_paused(&id, paused, &Local::now())
    })
}

#[tauri::command(async)]
pub fn snooze_reminder(
    journal: State<'_, JournalState>,
    wake: State<'_, RunnerWake>,
    id: String,
    snooze: Snooze,
) -> Reply<Reminder> {
    changing_rules(&journal, &wake, |store| {
        store.snooze_reminder(&id, snooze, &Local::now())
    })
}

/// The journal's settings, whether Small Wins starts at login (`None` where it cannot tell), and
/// whether the systemd timer shows reminders with the app closed (`None` where systemd is not the
/// init system).
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppSettings {
    pub settings: Settings,
    pub start_at_login: Option<bool>,
    pub reminders_when_closed: Option<bool>,
}

#[tauri::command(async)]
pub fn get_settings<R: Runtime>(app: AppHandle<R>, journal: State<'_, JournalState>) -> Reply<AppSettings> {
    Ok(AppSettings {
        settings: journal.with(|store| store.settings())?,
        start_at_login: tray::starts_at_login(&app),
        reminders_when_closed: reminders_when_closed(),
    })
}

#[tauri::command(async)]
pub fn set_reminder_quiet_when_done(
    journal: State<'_, JournalState>,
    id: String,
    quiet_when_done: bool,
) -> Reply<Reminder> {
    journal.with(|store| store.set_reminder_quiet_when_done(&id, quiet_when_done, &Local::now()))
}

fn reminders_when_closed() -> Option<bool> {
    let timer = ReminderTimer::in_user_config().ok()?;
    systemd_is_init().then(|| timer.is_installed())
}

/// Installs or removes the timer that runs `wins remind run` every minute, as `wins remind install`
/// does, on the journal this window uses; returns whether it is installed now.
#[tauri::command(async)]
pub fn set_reminders_when_closed(enabled: bool) -> Reply<bool> {
    let timer = ReminderTimer::in_user_config()?;
    if enabled {
        let journal = std::env::var_os("SMALL_WINS_DB")
            .filter(|path| !path.is_empty())
            .map(PathBuf::from);
        let journal = journal
            .map(std::path::absolute)
            .transpose()
            .map_err(|e| not_set_up(&e))?;
        timer.install(&wins_path()?, journal.as_deref())?;
    } else {
        timer.uninstall()?;
    }
    Ok(timer.is_installed())
}

/// `wins`, installed beside the app.
fn wins_path() -> Reply<PathBuf> {
    let app = std::env::current_exe().map_err(|e| not_set_up(&e))?;
    let wins = app.with_file_name("wins");
    if wins.is_file() {
        Ok(wins)
    } else {
        Err(not_set_up(&format!("{} is missing", wins.display())))
    }
}

fn not_set_up(why: &dyn std::fmt::Display) -> CommandError {
    CommandError::from(journal::Error::Systemd(format!(
        "reminders with Small Wins closed cannot be set up: {why}"
    )))
}

#[tauri::command(async)]
pub fn save_settings(
    journal: State<'_, JournalState>,
    wake: State<'_, RunnerWake>,
    settings: Settings,
) -> Reply<Settings> {
    changing_rules(&journal, &wake, |store| store.save_settings(settings))
}

/// Starts Small Wins at login (in the tray, so reminders arrive with the window closed), or stops it.
#[tauri::command(async)]
pub fn set_start_at_login<R: Runtime>(app: AppHandle<R>, enabled: bool) -> Reply<bool> {
    tray::set_start_at_login(&app, enabled)
}

fn changing_rules<T>(
    journal: &JournalState,
    wake: &RunnerWake,
    change: impl FnOnce(&mut Store) -> journal::Result<T>,
) -> Reply<T> {
    let changed = journal.with(change)?;
    wake.nudge();
    Ok(changed)
}
