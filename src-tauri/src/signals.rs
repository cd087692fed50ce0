//! What the backend tells the window without being asked: a reminder to show as a banner when no
//! notification daemon could, and a screen to open when a notification or the tray was clicked.

use std::sync::Mutex;

use journal::{Firing, ReminderKind};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};
use ts_rs::TS;

use crate::commands::Reply;

/// A place in the window a signal can lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// Today's capture box, ready for a win.
    Capture,
    Checkin,
    WeeklyReview,
    MonthlyReview,
    Followups,
    /// The Team digest, to copy or save the week's.
    Team,
}

impl Destination {
    /// The screen a reminder leads to, named by the journal so `wins remind run` agrees.
    pub fn of_reminder(kind: ReminderKind) -> Destination {
        Destination::named(kind.screen()).unwrap_or(Destination::Capture)
    }

    /// A destination by its name, as in `small-wins --open checkin`.
    pub fn named(name: &str) -> Option<Destination> {
        serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Signal {
    /// A reminder that no notification daemon took: the window shows it as a banner.
    Reminder { firing: Firing },
    /// Show this screen.
    Open { destination: Destination },
    /// The journal locked without the window asking (session lock, suspend): show the unlock screen.
    Locked,
    /// The start-up check found the journal damaged: show the recovery.
    Damaged,
    /// The day's backup failed; the window says so quietly.
    BackupFailed { message: String },
    /// A sync ran (or failed): the sync status is new, and with `changed` the journal too.
    Synced { changed: bool },
}

/// The window's signal channel, and the signals sent before the window was listening (a reminder
/// caught up at start-up fires before the page has loaded).
#[derive(Default)]
pub struct Signals {
    listener: Mutex<Listener>,
}

#[derive(Default)]
struct Listener {
    channel: Option<Channel<Signal>>,
    waiting: Vec<Signal>,
}

impl Signals {
    pub fn send(&self, signal: Signal) {
        let Ok(mut listener) = self.listener.lock() else {
            return;
        };
        let delivered = match &listener.channel {
            Some(channel) => channel.send(signal.clone()).is_ok(),
            None => false,
        };
        if !delivered {
            listener.waiting.push(signal);
        }
    }

    fn attach(&self, channel: Channel<Signal>) {
        let Ok(mut listener) = self.listener.lock() else {
            return;
        };
        let waiting = std::mem::take(&mut listener.waiting);
        let unsent: Vec<Signal> = waiting
            .into_iter()
            .filter(|signal| channel.send(signal.clone()).is_err())
            .collect();
        listener.waiting = unsent;
        listener.channel = Some(channel);
    }
}

/// The window listens for signals; a reloaded page listens again with a new channel.
#[tauri::command]
pub fn watch_signals(signals: State<'_, Signals>, channel: Channel<Signal>) -> Reply<()> {
    signals.attach(channel);
    Ok(())
}

/// Brings the window to the front (from the tray, or hidden) and opens `destination` in it.
pub fn open_at<R: Runtime>(app: &AppHandle<R>, destination: Option<Destination>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    if let Some(destination) = destination {
        app.state::<Signals>().send(Signal::Open { destination });
    }
}
