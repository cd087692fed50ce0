//! The reminder runner: a thread that fires due rules and sleeps until the next one, re-reading the
//! wall clock at least every half minute, because a sleeping timer stops while the machine does.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use chrono::{Local, Utc};
use journal::Firing;
#[cfg(target_os = "linux")]
use journal::Snooze;
use tauri::{AppHandle, Manager, Runtime};

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
            match journal.with(|store| store.fire_due_reminders(&Local::now())) {
                Ok(firings) => firings.into_iter().for_each(|firing| deliver(&app, firing)),
                Err(error) => log::error!("reminders could not be read: {}", error.message),
            }
            let next_due = journal.with(|store| store.next_reminder_due()).ok().flatten();
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
        notify::show(&firing, move |response| match response {
            Response::Open => open_at(&app, Some(destination)),
            Response::Snooze(snooze) => snooze_from_notification(&app, &reminder_id, snooze),
        })
    };
    #[cfg(not(target_os = "linux"))]
    let shown = notify::show(app, &firing);
    match shown {
        // The reminder's kind only: its title and body may quote the journal, which logs never do.
        Ok(()) => log::info!("a {:?} reminder was shown", firing.kind),
        Err(error) => {
            log::warn!("{}; showing the reminder in the window", error.message);
            app.state::<Signals>().send(Signal::Reminder { firing });
        }
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
