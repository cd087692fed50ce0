//! Showing a reminder as a system notification, and hearing when it is clicked.
//!
//! On Linux this talks to the notification daemon through notify-rust, the library
//! tauri-plugin-notification wraps: the plugin drops the daemon's answer and offers no click, and
//! a reminder needs both (a banner in the window when no daemon answers; the right screen on a
//! click). Elsewhere the plugin is used as it is.

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

/// Shows a reminder; an error means no notification daemon took it. `respond` hears a click on it
/// or on one of its snooze buttons (offered when `snoozable`).
#[cfg(target_os = "linux")]
pub fn show(
    title: &str,
    body: &str,
    snoozable: bool,
    respond: impl FnOnce(Response) + Send + 'static,
) -> Result<(), CommandError> {
    const TEN_MINUTES: &str = "snooze-10m";
    const ONE_HOUR: &str = "snooze-1h";
    let mut notification = notify_rust::Notification::new();
    notification
        .appname("Small Wins")
        .summary(title)
        // Daemons may read the body as markup; an entry's title is text.
        .body(&escape_markup(body))
        .action("default", "Open");
    if snoozable {
        notification
            .action(TEN_MINUTES, "Snooze 10 min")
            .action(ONE_HOUR, "Snooze 1 hour");
    }
    let handle = notification.show().map_err(not_shown)?;
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
pub fn show<R: Runtime>(app: &AppHandle<R>, title: &str, body: &str) -> Result<(), CommandError> {
    use tauri_plugin_notification::NotificationExt;
    app.notification()
        .builder()
        .title(title)
        .body(body)
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
