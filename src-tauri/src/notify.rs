//! Showing a reminder as a system notification, and hearing when it is clicked.
//!
//! On Linux this talks to the notification daemon through notify-rust, the library
//! tauri-plugin-notification wraps: the plugin drops the daemon's answer and offers no click, and
//! a reminder needs both (a banner in the window when no daemon answers; the right screen on a
//! click). Elsewhere the plugin is used as it is.

use journal::Firing;
#[cfg(target_os = "linux")]
use journal::Snooze;
#[cfg(not(target_os = "linux"))]
use tauri::{AppHandle, Runtime};

use crate::error::{CommandError, ShellErrorCode};

/// What a person did with a shown reminder.
#[cfg(target_os = "linux")]
pub enum Response {
    Open,
    Snooze(Snooze),
}

/// Shows `firing`; an error means no notification daemon took it. `respond` hears a click on it
/// or on one of its snooze buttons.
#[cfg(target_os = "linux")]
pub fn show(firing: &Firing, respond: impl FnOnce(Response) + Send + 'static) -> Result<(), CommandError> {
    const TEN_MINUTES: &str = "snooze-10m";
    const ONE_HOUR: &str = "snooze-1h";
    let handle = notify_rust::Notification::new()
        .appname("Small Wins")
        .summary(&firing.title)
        // Daemons may read the body as markup; an entry's title is text.
        .body(&escape_markup(&firing.body))
        .action("default", "Open")
        .action(TEN_MINUTES, "Snooze 10 min")
        .action(ONE_HOUR, "Snooze 1 hour")
        .show()
        .map_err(not_shown)?;
    // Waits for the click (or the close) on a thread of its own: at most a few a day.
    std::thread::Builder::new()
        .name("notification".into())
        .spawn(move || {
            handle.wait_for_action(|action| match action {
                "default" => respond(Response::Open),
                TEN_MINUTES => respond(Response::Snooze(Snooze::TenMinutes)),
                ONE_HOUR => respond(Response::Snooze(Snooze::OneHour)),
                _ => {}
            })
        })
        .map_err(not_shown)?;
    Ok(())
}

#[cfg(not(target_os = "linux"))]
pub fn show<R: Runtime>(app: &AppHandle<R>, firing: &Firing) -> Result<(), CommandError> {
    use tauri_plugin_notification::NotificationExt;
    app.notification()
        .builder()
        .title(&firing.title)
        .body(&firing.body)
        .show()
        .map_err(not_shown)
}

fn not_shown(error: impl std::fmt::Display) -> CommandError {
    CommandError::shell(
        ShellErrorCode::Notification,
        format!("the notification could not be shown: {error}"),
    )
}

#[cfg(target_os = "linux")]
fn escape_markup(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
