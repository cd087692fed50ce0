//! Sync in the background, on a thread and a connection of its own: at start, every minute, a
//! couple of seconds after the window writes, and a second after another device's files arrive in
//! the sync folder (watched with inotify, so a delivered change shows within seconds). One sync
//! runs at a time, whoever asks; none runs while an encrypted journal is locked.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use chrono::{DateTime, Local, Utc};
use journal::sync::Synced;
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tauri::{AppHandle, Manager, Runtime};

use crate::encryption::is_locked_error;
use crate::error::CommandError;
use crate::signals::{Signal, Signals};
use crate::state::JournalState;

/// A sync every minute while the app runs, whatever else happens.
const EVERY: Duration = Duration::from_secs(60);
/// After a write in the window: a burst of writes makes one sync.
const AFTER_WRITE: Duration = Duration::from_secs(2);
/// After the last file event in the folder: a replicator writes a file in a few steps.
const AFTER_ARRIVAL: Duration = Duration::from_secs(1);
/// However busy the folder or the window, a sync asked for runs within this.
const LONGEST_WAIT: Duration = Duration::from_secs(4);

/// The commands that change nothing another device sees: after any other command the window
/// calls, a sync follows (a command added later syncs by default). `app_ready` is not one: the
/// first sync follows the first paint, as the start-up backup does, never competing with it.
const CHANGE_NOTHING_SYNCED: &[&str] = &[
    "today",
    "journal_written_elsewhere",
    "list_entries",
    "search_entries",
    "get_entry",
    "list_tags",
    "list_goals",
    "list_measurements",
    "pick_export_path",
    "export_journal",
    "pick_import_source",
    "review",
    "list_followups",
    "list_reminders",
    "get_settings",
    "set_start_at_login",
    "set_reminders_when_closed",
    "watch_signals",
    "insights",
    "on_this_day",
    "lessons_for",
    "get_draft",
    "save_draft",
    "discard_draft",
    "list_people",
    "team_digest",
    "pick_digest_path",
    "save_digest",
    "standup",
    "encryption_status",
    "lock_journal",
    "list_backups",
    "journal_recovery",
    "sync_status",
    "sync_now",
    "pick_sync_folder",
    "set_up_sync",
    "join_sync",
    "leave_sync",
    "list_sync_conflicts",
];

/// Whether the window's command `name` may have changed what syncs.
pub fn may_change_synced(name: &str) -> bool {
    !CHANGE_NOTHING_SYNCED.contains(&name)
}

/// When the runner syncs next, what the last sync did, and the watch on the folder.
#[derive(Default)]
pub struct SyncRunner {
    schedule: Mutex<Schedule>,
    wake: Condvar,
    /// Held through every sync, set-up, join and leave: two syncs at once would write this
    /// device's segments twice.
    one_at_a_time: Mutex<()>,
    last: Mutex<LastSync>,
    /// The inotify watch on the other devices' folders of the journal this one syncs with;
    /// dropped (and so ended) when it leaves.
    watch: Mutex<Option<RecommendedWatcher>>,
    started: AtomicBool,
    /// The last sync found that the journal does not sync: writes then ask for none (the minute's
    /// sync still notices a `wins sync init` or `join` made meanwhile).
    not_syncing: AtomicBool,
}

#[derive(Default)]
struct Schedule {
    /// The sync asked for, and when it was first asked (a debounce that never starves).
    due: Option<Instant>,
    first_asked: Option<Instant>,
}

impl Schedule {
    fn ask(&mut self, now: Instant, after: Duration) {
        let first = *self.first_asked.get_or_insert(now);
        self.due = Some((now + after).min(first + LONGEST_WAIT));
    }
}

/// What the window's sync status shows besides the journal's own.
#[derive(Debug, Clone, Default)]
pub struct LastSync {
    pub at: Option<DateTime<Utc>>,
    /// Why the last sync failed; cleared by the next that works.
    pub error: Option<String>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl SyncRunner {
    /// Asks for a sync `after` from now; a later ask within the wait moves it on, up to
    /// [`LONGEST_WAIT`] after the first.
    pub fn soon(&self, after: Duration) {
        lock(&self.schedule).ask(Instant::now(), after);
        self.wake.notify_all();
    }

    /// Asks for a sync a moment after a write, unless the journal is known not to sync.
    pub fn after_write(&self) {
        if !self.not_syncing.load(Ordering::Relaxed) {
            self.soon(AFTER_WRITE);
        }
    }

    pub fn last(&self) -> LastSync {
        lock(&self.last).clone()
    }

    /// Waits until a sync is asked for, or a minute after the last one.
    fn wait_for_turn(&self) {
        let every = Instant::now() + EVERY;
        let mut schedule = lock(&self.schedule);
        loop {
            let until = schedule.due.map_or(every, |due| due.min(every));
            let now = Instant::now();
            if now >= until {
                *schedule = Schedule::default();
                return;
            }
            schedule = self
                .wake
                .wait_timeout(schedule, until - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Runs `work` while no sync runs.
    pub fn alone<T>(&self, work: impl FnOnce() -> T) -> T {
        let _one = lock(&self.one_at_a_time);
        work()
    }

    /// Stops watching the folder (the journal left it).
    pub fn stop_watching(&self) {
        *lock(&self.watch) = None;
    }

    /// One sync now on a connection of its own; `None` when the journal does not sync. Tells the
    /// window, which reloads its screens when something came in.
    pub fn sync_now<R: Runtime>(&self, app: &AppHandle<R>) -> Result<Option<Synced>, CommandError> {
        let journal = app.state::<JournalState>();
        let outcome = self.alone(|| {
            journal.with_own_connection(|store| {
                let synced = match store.sync(&Local::now()) {
                    Err(journal::Error::NotSyncing) => return Ok(None),
                    synced => synced?,
                };
                // The folder's place is read once, to watch it.
                let unwatched = if self.is_watching() {
                    None
                } else {
                    store
                        .sync_status()?
                        .map(|status| (status.devices_dir, status.device_id))
                };
                Ok(Some((synced, unwatched)))
            })
        });
        self.not_syncing.store(matches!(outcome, Ok(None)), Ordering::Relaxed);
        let (synced, unwatched) = match outcome {
            Ok(Some(done)) => done,
            Ok(None) => {
                self.stop_watching();
                return Ok(None);
            }
            // Nothing syncs while locked; the first sync after unlocking catches up.
            Err(error) if is_locked_error(&error) => return Err(error),
            Err(error) => {
                log::warn!("sync failed: {}", error.message);
                lock(&self.last).error = Some(error.message.clone());
                app.state::<Signals>().send(Signal::Synced { changed: false });
                return Err(error);
            }
        };
        *lock(&self.last) = LastSync {
            at: Some(Utc::now()),
            error: None,
        };
        for warning in &synced.warnings {
            log::info!("sync: {warning:?}");
        }
        if let Some((devices, device_id)) = unwatched {
            self.watch_folder(app, &devices, &device_id);
        }
        let merged = &synced.merged;
        let changed = merged.new_entries + merged.new_rows + merged.changed_fields + merged.conflicts > 0;
        app.state::<Signals>().send(Signal::Synced { changed });
        Ok(Some(synced))
    }

    fn is_watching(&self) -> bool {
        lock(&self.watch).is_some()
    }

    /// Watches `devices`, for the files of every device but `device_id`.
    fn watch_folder<R: Runtime>(&self, app: &AppHandle<R>, devices: &Path, device_id: &str) {
        let mut watch = lock(&self.watch);
        match watcher(app, devices, &devices.join(device_id)) {
            Ok(watcher) => *watch = Some(watcher),
            // The minute's sync still brings the other devices' changes.
            Err(error) => log::warn!("the sync folder cannot be watched: {error}"),
        }
    }
}

/// A watch on `devices` that asks for a sync after another device's file arrives; this device's
/// own writes, and the reads of a sync, are not arrivals.
fn watcher<R: Runtime>(app: &AppHandle<R>, devices: &Path, own: &Path) -> notify::Result<RecommendedWatcher> {
    let (app, own) = (app.clone(), own.to_owned());
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let arrived = match event {
            Ok(event) => is_arrival(&event.kind) && event.paths.iter().any(|path| !path.starts_with(&own)),
            // Events were lost (the queue overflowed): look at the folder.
            Err(_) => true,
        };
        if arrived {
            app.state::<SyncRunner>().soon(AFTER_ARRIVAL);
        }
    })?;
    watcher.watch(devices, RecursiveMode::Recursive)?;
    Ok(watcher)
}

/// A file or folder made, written, renamed or removed; not one opened or read.
fn is_arrival(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_)
            | EventKind::Modify(_)
            | EventKind::Remove(_)
            | EventKind::Any
            | EventKind::Access(AccessKind::Close(AccessMode::Write))
    )
}

/// Starts the runner once: it syncs when first asked (the window's first paint), then as asked
/// and every minute.
pub fn start<R: Runtime>(app: &AppHandle<R>) -> std::io::Result<()> {
    let runner = app.state::<SyncRunner>();
    if runner.started.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    let app = app.clone();
    std::thread::Builder::new().name("sync".into()).spawn(move || {
        let runner = app.state::<SyncRunner>();
        loop {
            runner.wait_for_turn();
            // Errors are kept for the window's status and logged by `sync_now`.
            let _ = runner.sync_now(&app);
        }
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_said_to_change_nothing_synced_is_a_command() {
        for name in CHANGE_NOTHING_SYNCED {
            assert!(crate::COMMAND_NAMES.contains(name), "{name} is not a command");
        }
        assert!(may_change_synced("add_entry"));
        assert!(!may_change_synced("today"));
        assert!(may_change_synced("app_ready"), "the first sync follows the first paint");
    }

    #[test]
    fn reading_a_file_is_not_an_arrival_and_writing_one_is() {
        use notify::event::{CreateKind, ModifyKind, RenameMode};
        assert!(!is_arrival(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!is_arrival(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(is_arrival(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(is_arrival(&EventKind::Create(CreateKind::File)));
        assert!(is_arrival(&EventKind::Modify(ModifyKind::Name(RenameMode::To))));
    }

    #[test]
    fn asks_close_together_make_one_sync_that_never_waits_past_the_longest_wait() {
        let mut schedule = Schedule::default();
        let first = Instant::now();
        schedule.ask(first, AFTER_WRITE);
        assert_eq!(schedule.due, Some(first + AFTER_WRITE));
        schedule.ask(first + Duration::from_secs(1), AFTER_WRITE);
        assert_eq!(
            schedule.due,
            Some(first + Duration::from_secs(3)),
            "a later ask moves the sync on"
        );
        schedule.ask(first + Duration::from_secs(3), AFTER_WRITE);
        assert_eq!(
            schedule.due,
            Some(first + LONGEST_WAIT),
            "but not past the longest wait"
        );
    }
}
