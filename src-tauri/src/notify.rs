//! Showing a reminder as a system notification, and hearing when it is clicked.
//!
//! On Linux this talks to the notification daemon through notify-rust, the library
//! tauri-plugin-notification wraps: the plugin drops the daemon's answer and offers no click, and
//! a reminder needs both (a banner in the window when no daemon answers; the right screen on a
//! click). Elsewhere the plugin is used as it is.

use journal::Firing;
use tauri::{AppHandle, Runtime};

use crate::signals::Destination;

/// Shows `firing`; an error means no notification daemon took it.
#[cfg(target_os = "linux")]
pub fn show<R: Runtime>(app: &AppHandle<R>, firing: &Firing, destination: Destination) -> Result<(), String> {
    let handle = notify_rust::Notification::new()
        .appname("Small Wins")
        .summary(&firing.title)
        // Daemons may read the body as markup; an entry's title is text.
        .body(&escape_markup(&firing.body))
        .action("default", "Open")
        .show()
        .map_err(|error| error.to_string())?;
    let app = app.clone();
    // Waits for the click (or the close) on a thread of its own: at most a few a day.
    std::thread::Builder::new()
        .name("notification".into())
        .spawn(move || {
            handle.wait_for_action(|action| {
                if action == "default" {
                    crate::signals::open_at(&app, Some(destination));
                }
            })
        })
        .map_err(|error| error.to_string())?;
    Ok(())
}

#[cfg(not(target_os = "linux"))]
pub fn show<R: Runtime>(app: &AppHandle<R>, firing: &Firing, _destination: Destination) -> Result<(), String> {
    use tauri_plugin_notification::NotificationExt;
    app.notification()
        .builder()
        .title(&firing.title)
        .body(&firing.body)
        .show()
        .map_err(|error| error.to_string())
}

#[cfg(target_os = "linux")]
fn escape_markup(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
