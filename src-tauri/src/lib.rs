//! The Small Wins desktop shell: a window over the journal library, and only what needs Tauri.

mod commands;
mod error;
mod notify;
mod reminders;
mod rhythm;
mod signals;
mod state;
mod transfer;
mod tray;

#[cfg(test)]
mod tests;

use std::time::Instant;

use tauri::{Manager, Runtime};

pub use error::CommandError;
pub use state::JournalState;

/// A journal has no video, 3-D or heavy animation, and WebKitGTK's accelerated compositing costs
/// about 60 MB for it; people who want it back set the variable themselves.
fn prefer_software_compositing() {
    const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if cfg!(target_os = "linux") && std::env::var_os(VARIABLE).is_none() {
        // SAFETY: called first thing in `run`, before Tauri, GTK or any other thread has started,
        // so nothing can be reading the environment at the same time.
        unsafe { std::env::set_var(VARIABLE, "1") };
    }
}

/// The app's commands and state on any runtime: the real one in [`run`], a mock one in tests.
pub fn app_builder<R: Runtime>(builder: tauri::Builder<R>, journal: JournalState) -> tauri::Builder<R> {
    builder
        .manage(journal)
        .manage(signals::Signals::default())
        .manage(reminders::RunnerWake::default())
        .invoke_handler(tauri::generate_handler![
            commands::today,
            commands::list_entries,
            commands::search_entries,
            commands::get_entry,
            commands::add_entry,
            commands::edit_entry,
            commands::delete_entry,
            commands::restore_entry,
            commands::list_tags,
            commands::list_goals,
            commands::add_goal,
            commands::set_goal_status,
            commands::delete_goal,
            commands::restore_goal,
            commands::add_milestone,
            commands::measure_milestone,
            commands::check_milestone,
            transfer::suggest_export_path,
            transfer::export_journal,
            transfer::import_journal,
            rhythm::review,
            rhythm::save_review,
            rhythm::list_followups,
            rhythm::answer_followup,
            rhythm::list_reminders,
            rhythm::add_reminder,
            rhythm::remove_reminder,
            rhythm::restore_reminder,
            rhythm::set_reminder_paused,
            rhythm::snooze_reminder,
            rhythm::get_settings,
            rhythm::save_settings,
            rhythm::set_start_at_login,
            rhythm::set_reminder_quiet_when_done,
            rhythm::set_reminders_when_closed,
            signals::watch_signals,
            commands::app_ready,
        ])
}

pub fn run() {
    let launched = Instant::now();
    prefer_software_compositing();
    let builder = tauri::Builder::default()
        // First, so a second launch hands over to the running window before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, args, _cwd| {
            if !args.iter().any(|arg| arg == tray::BACKGROUND_ARG) {
                signals::open_at(app, signals::Destination::in_args(&args));
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_autostart::Builder::new().arg(tray::BACKGROUND_ARG).build())
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                .target(tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::Stdout))
                .target(tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir {
                    file_name: None,
                }))
                .build(),
        );
    let journal = match journal::default_journal_path() {
        Ok(path) => JournalState::open(&path, launched),
        Err(error) => JournalState::failed(error.into(), launched),
    };
    let app = app_builder(builder, journal)
        .setup(|app| {
            // Logged here, once the log plugin is running; every screen shows it too.
            if let Some(error) = app.state::<JournalState>().open_error() {
                log::error!("the journal cannot be opened: {}", error.message);
            } else {
                reminders::start(app.handle())?;
            }
            tray::install_soon_if_starting_at_login(app.handle())?;
            let args: Vec<String> = std::env::args().collect();
            if let Some(destination) = signals::Destination::in_args(&args) {
                signals::open_at(app.handle(), Some(destination));
            }
            if std::env::args().any(|arg| arg == tray::BACKGROUND_ARG)
                && let Some(window) = app.get_webview_window("main")
            {
                window.hide()?;
            }
            Ok(())
        })
        .on_window_event(tray::on_window_event)
        .run(tauri::generate_context!());
    if let Err(error) = app {
        log::error!("Small Wins could not start: {error}");
        eprintln!("Small Wins could not start: {error}");
        std::process::exit(1);
    }
}
