//! The reminder runner: a thread that fires due rules and sleeps until the next one, re-reading the
//! wall clock at least every half minute, because a sleeping timer stops while the machine does.
//! While an encrypted journal is locked it fires generic texts at the times known when it locked
//! (`locked_reminders`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use chrono::{Local, Utc};
use journal::Firing;
#[cfg(target_os = "linux")]
use journal::Snooze;
use tauri::{AppHandle, Manager, Runtime};

use crate::encryption::is_locked_error;
use crate::locked_reminders::{LOCKED_BODY, LOCKED_TITLE, LockedReminders};
use crate::notify;
#[cfg(target_os = "linux")]
use crate::notify::Response;
#[cfg(target_os = "linux")]
use crate::signals::{Destination, open_at};
use crate::signals::{Signal, Signals};
use crate::state::JournalState;

/// The longest the runner sleeps before it reads the clock again.
const LONGEST_SLEEP: Duration = Duration::from_secs(30);
/// The shortest, so a rule due "now" by a few milliseconds is not spun on.
const SHORTEST_SLEEP: Duration = Duration::from_millis(200);

/// Wakes the runner early when rules or settings change, so a new rule's time is honoured.
/// It also remembers that the runner was started, so it is started once.
#[derive(Default)]
pub struct RunnerWake {
    changed: Mutex<bool>,
    condvar: Condvar,
    /// Set once the runner runs: it is started at start-up, or after a damaged journal is restored.
    started: AtomicBool,
}

impl RunnerWake {
    pub fn nudge(&self) {
        if let Ok(mut changed) = self.changed.lock() {
            *changed = true;
            self.condvar.notify_all();
        }
    }

    fn sleep(&self, timeout: Duration) {
        let Ok(changed) = self.changed.lock() else {
            return std::thread::sleep(timeout);
        };
        if let Ok((mut changed, _)) = self.condvar.wait_timeout_while(changed, timeout, |changed| !*changed) {
            *changed = false;
        }
    }
}

/// Starts the runner: it fires whatever came due while the app was closed at once, then each rule
/// at its time.
pub fn start<R: Runtime>(app: &AppHandle<R>) -> std::io::Result<()> {
    if app.state::<RunnerWake>().started.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    let app = app.clone();
    std::thread::Builder::new().name("reminders".into()).spawn(move || {
        loop {
            let journal = app.state::<JournalState>();
            let locked = app.state::<LockedReminders>();
            // One connection a round, closed before anything is shown.
            let round = journal.with_own_connection(|store| {
                let firings = store.fire_due_reminders(&Local::now())?;
                Ok((firings, store.next_reminder_due()?))
            });
            let next_due = match round {
                Ok((firings, next_due)) => {
                    firings.into_iter().for_each(|firing| deliver(&app, firing));
                    next_due
                }
                Err(error) => {
                    if !is_locked_error(&error) {
                        log::error!("reminders could not be read: {}", error.message);
                    } else if locked.take_due(Utc::now()) {
                        deliver_while_locked(&app);
                    }
                    locked.next_due()
                }
            };
            let until_due = next_due
                .and_then(|at| (at - Utc::now()).to_std().ok())
                .unwrap_or(LONGEST_SLEEP);
            app.state::<RunnerWake>()
                .sleep(until_due.clamp(SHORTEST_SLEEP, LONGEST_SLEEP));
        }
    })?;
    Ok(())
}

/// Shows a reminder as a notification, or in the window when no notification daemon takes it.
fn deliver<R: Runtime>(app: &AppHandle<R>, firing: Firing) {
    #[cfg(target_os = "linux")]
    let shown = {
        let (app, reminder_id, destination) = (
            app.clone(),
            firing.reminder_id.clone(),
            Destination::of_reminder(firing.kind),
        );
        notify::show(&firing.title, &firing.body, true, move |response| match response {
            Response::Open => open_at(&app, Some(destination)),
            Response::Snooze(snooze) => snooze_from_notification(&app, &reminder_id, snooze),
        })
    };
    #[cfg(not(target_os = "linux"))]
    let shown = notify::show(app, &firing.title, &firing.body);
    match shown {
        // The reminder's kind only: its title and body may quote the journal, which logs never do.
        Ok(()) => log::info!("a {:?} reminder was shown", firing.kind),
        Err(error) => {
            log::warn!("{}; showing the reminder in the window", error.message);
            app.state::<Signals>().send(Signal::Reminder { firing });
        }
    }
}

/// Shows the one generic text a reminder may show while the journal is locked; a click brings
/// the window (its unlock screen) forward. With no notification daemon it is only logged: the
/// window shows nothing of the journal while locked.
fn deliver_while_locked<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(target_os = "linux")]
    let shown = {
        let app = app.clone();
        notify::show(LOCKED_TITLE, LOCKED_BODY, false, move |response| {
            if let Response::Open = response {
                open_at(&app, None);
            }
        })
    };
    #[cfg(not(target_os = "linux"))]
    let shown = notify::show(app, LOCKED_TITLE, LOCKED_BODY);
    match shown {
        Ok(()) => log::info!("a reminder came due while locked; the generic text was shown"),
        Err(error) => log::warn!("{}", error.message),
    }
}

#[cfg(target_os = "linux")]
fn snooze_from_notification<R: Runtime>(app: &AppHandle<R>, reminder_id: &str, snooze: Snooze) {
    match app
        .state::<JournalState>()
        .with(|store| store.snooze_reminder(reminder_id, snooze, &Local::now()))
    {
        Ok(reminder) => {
            log::info!("reminder snoozed until {}", reminder.next_due_at);
            app.state::<RunnerWake>().nudge();
        }
        Err(error) => log::error!("the reminder could not be snoozed: {}", error.message),
    }
}
