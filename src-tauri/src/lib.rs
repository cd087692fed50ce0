//! The Small Wins desktop shell: a window over the journal library, and only what needs Tauri.

#[macro_use]
mod command_list;
mod backups;
mod commands;
mod corrections;
mod date_formats;
mod drafts;
mod encryption;
mod error;
mod export_import;
mod first_reads;
mod first_show;
mod insights;
mod launch;
mod locked_reminders;
mod navigation;
mod notify;
mod picked_paths;
mod reflect;
mod reminders;
#[cfg(target_os = "linux")]
mod session_lock;
mod settings;
mod signals;
mod state;
mod sync;
mod sync_runner;
mod team;
mod tray;

#[cfg(test)]
mod tests;

use std::time::Instant;

use tauri::{Manager, Runtime};
use tauri_plugin_window_state::StateFlags;

pub use error::CommandError;

/// The name of every command the window may call, as the capability and `ui/src/lib/api.ts` name them.
pub const COMMAND_NAMES: &[&str] = app_commands!(command_names);
pub use state::JournalState;

/// How WebKitGTK runs the window, as environment variables its processes read at start; people who
/// want a default back set the variable themselves.
/// - A journal has no video, 3-D or heavy animation, and accelerated compositing costs about 60 MB
///   for it.
/// - The page's scripts run in JavaScriptCore's interpreter. They are small and run on a click or
///   a keystroke; the JIT compilers cost the page's process 5–11 MiB of code and executable memory
///   (`docs/benchmarks.md`) and are the part of a browser engine most often exploited, which is why
///   hardened browsers and Apple's Lockdown Mode switch them off. Every screen stays within its
///   target without them.
fn configure_webkit() {
    const SETTINGS: [(&str, &str); 2] = [("WEBKIT_DISABLE_COMPOSITING_MODE", "1"), ("JSC_useJIT", "0")];
    if !cfg!(target_os = "linux") {
        return;
    }
    for (variable, value) in SETTINGS {
        if std::env::var_os(variable).is_none() {
            // SAFETY: called first thing in `run`, before Tauri, GTK or any other thread has
            // started, so nothing can be reading the environment at the same time.
            unsafe { std::env::set_var(variable, value) };
        }
    }
}

/// The app's commands and state on any runtime: the real one in [`run`], a mock one in tests.
pub fn app_builder<R: Runtime>(builder: tauri::Builder<R>, journal: JournalState) -> tauri::Builder<R> {
    builder
        .manage(journal)
        .manage(signals::Signals::default())
        .manage(reminders::RunnerWake::default())
        .manage(locked_reminders::LockedReminders::default())
        .manage(backups::StartupCheck::default())
        .manage(picked_paths::PickedPaths::default())
        .manage(sync_runner::SyncRunner::default())
        .invoke_handler(with_sync_after_writes(app_commands!(tauri::generate_handler)))
}

/// `handler`, and a sync a moment later after each command that may have changed what syncs.
fn with_sync_after_writes<R: Runtime>(
    handler: impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke| {
        if sync_runner::may_change_synced(invoke.message.command())
            && let Some(runner) = invoke.message.webview_ref().try_state::<sync_runner::SyncRunner>()
        {
            runner.after_write();
        }
        handler(invoke)
    }
}

pub fn run() {
    let launched = Instant::now();
    let launch = launch::Launch::from_args();
    configure_webkit();
    let builder = tauri::Builder::default()
        // First, so a second launch hands over to the running window before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, args, _cwd| {
            let second = launch::Launch::of_second_instance(&args);
            if !second.as_ref().is_some_and(|second| second.background) {
                signals::open_at(app, second.and_then(|second| second.destination()));
            }
        }))
        .plugin(navigation::guard())
        // Whether the window is shown is decided at each start (see `first_show`), not restored.
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(StateFlags::all() - StateFlags::VISIBLE)
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
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
    // Linux shows reminders through notify-rust (see `notify`); elsewhere through this plugin.
    #[cfg(not(target_os = "linux"))]
    let builder = builder.plugin(tauri_plugin_notification::init());
    let journal = match journal::default_journal_path() {
        Ok(path) => JournalState::open(&path, launched),
        Err(error) => JournalState::failed(error.into(), launched),
    };
    let background = launch.background;
    let mut context = tauri::generate_context!();
    first_reads::send_with_page(&mut context);
    let app = app_builder(builder, journal)
        .setup(move |app| {
            // Logged here, once the log plugin is running; every screen shows it too.
            if let Some(error) = app.state::<JournalState>().open_error() {
                log::error!("the journal cannot be opened: {}", error.message);
            } else {
                reminders::start(app.handle())?;
                sync_runner::start(app.handle())?;
            }
            #[cfg(target_os = "linux")]
            session_lock::watch(app.handle());
            tray::install_soon_if_starting_at_login(app.handle())?;
            if let Some(destination) = launch.destination() {
                // Not `signals::open_at`: the window shows itself once its page has loaded.
                app.state::<signals::Signals>()
                    .send(signals::Signal::Open { destination });
            }
            if background {
                // No screen is painted in the background: the start-up check need not wait.
                backups::check_at_start(app.handle());
            }
            Ok(())
        })
        .on_page_load(first_show::show_once_loaded(background))
        .on_window_event(tray::on_window_event)
        .run(context);
    if let Err(error) = app {
        log::error!("Small Wins could not start: {error}");
        eprintln!("Small Wins could not start: {error}");
        std::process::exit(1);
    }
}
