//! Backups from the window: the day's backup taken once the first screen is up, the backups listed
//! in Settings and restored from there, and the recovery offered for a damaged journal.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{Local, Utc};
use journal::{Backup, Recovery, Rotation, Store, backup_folder};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use ts_rs::TS;

use crate::commands::Reply;
use crate::signals::{Signal, Signals};
use crate::state::JournalState;

/// The backups beside the journal, newest first, and the folder they are kept in.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Backups {
    pub folder: String,
    pub backups: Vec<Backup>,
}

/// What a restore did: where the journal as it was is kept.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Restored {
    pub kept: String,
}

/// Whether the start-up check has run: once per process, however often the window reloads.
#[derive(Default)]
pub struct StartupCheck(AtomicBool);

#[tauri::command(async)]
pub fn list_backups(journal: State<'_, JournalState>) -> Reply<Backups> {
    let (folder, backups) = journal.backups()?;
    Ok(Backups {
        folder: folder.display().to_string(),
        backups,
    })
}

/// Restores one of the listed backups (the window names it from [`list_backups`] or the recovery;
/// any other path is refused). The window reloads afterwards.
#[tauri::command(async)]
pub fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    journal: State<'_, JournalState>,
    path: String,
) -> Reply<Restored> {
    let kept = journal.restore(Path::new(&path), Utc::now())?;
    log::info!("the journal was restored from a backup");
    // A journal damaged at start-up had no reminders running, nor sync; a restored one does.
    if let Err(error) = crate::reminders::start(&app) {
        log::error!("the reminders could not start: {error}");
    }
    if let Err(error) = crate::sync_runner::start(&app) {
        log::error!("sync could not start: {error}");
    }
    Ok(Restored {
        kept: kept.display().to_string(),
    })
}

/// What the window offers when the journal is damaged; `null` when it is not.
#[tauri::command(async)]
pub fn journal_recovery(journal: State<'_, JournalState>) -> Reply<Option<Recovery>> {
    journal.recovery()
}

/// Checks the journal for damage and takes the day's backup, on a thread of its own at low
/// priority, once: called when the first screen is painted (or at once for a start in the
/// background), so the window's first paint never waits for it. Damage closes the journal and
/// brings up the recovery; a failed backup is told to the window quietly; neither stops the app.
pub fn check_at_start<R: Runtime>(app: &AppHandle<R>) {
    // A locked journal is checked once unlocked: the window reports it is ready again then.
    let locked = app.state::<JournalState>().with(|_| Ok(()));
    if locked.is_err_and(|error| crate::encryption::is_locked_error(&error)) {
        return;
    }
    if app.state::<StartupCheck>().0.swap(true, Ordering::SeqCst) {
        return;
    }
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("backup".into())
        .spawn(move || startup_check(&app));
    if let Err(error) = spawned {
        log::error!("the start-up backup could not start: {error}");
    }
}

fn startup_check<R: Runtime>(app: &AppHandle<R>) {
    let journal = app.state::<JournalState>();
    let Some(path) = journal.path().filter(|_| journal.open_error().is_none()) else {
        return;
    };
    let signals = app.state::<Signals>();
    let opened = journal.another_connection(path);
    // Opened first, at the window's priority (opening takes the process's journal registry for a
    // moment); the check then reads every page and the backup copies them, work that must happen
    // but need not compete with the window for the CPU.
    run_at_low_priority();
    match take_daily_backup(path, opened) {
        Ok(Check::Damaged(reason)) => {
            log::error!("the journal is damaged; it is left as it is and nothing more is written to it");
            journal.close_damaged(reason);
            signals.send(Signal::Damaged);
        }
        Ok(Check::Sound(Some(backup))) => log::info!("the day's backup is taken ({} bytes)", backup.bytes),
        Ok(Check::Sound(None)) => {}
        Err(error) => {
            log::warn!("the day's backup failed: {error}");
            signals.send(Signal::BackupFailed {
                message: format!("Today's backup could not be taken: {error}"),
            });
        }
    }
    release_freed_memory();
}

/// Hands back to the OS the memory the check and the backup freed: they read every page of the
/// journal, and glibc keeps what a thread freed in its arena (an arena shrinks only from its top),
/// where the window's idle memory would carry it (12 MiB at 100k entries, `docs/benchmarks.md`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_freed_memory() {
    // SAFETY: malloc_trim only walks glibc's own arenas, under their locks.
    unsafe { libc::malloc_trim(0) };
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_freed_memory() {}

/// Lowers the calling thread's CPU priority to the least, nice 19 (on Linux a nice value is the
/// thread's own, not the process's).
#[cfg(target_os = "linux")]
fn run_at_low_priority() {
    // SAFETY: both calls only read their arguments, and the id is the calling thread's own.
    let lowered = unsafe { libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 19) };
    if lowered != 0 {
        log::info!(
            "the start-up check runs at the window's priority: {}",
            std::io::Error::last_os_error()
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn run_at_low_priority() {}

enum Check {
    Damaged(String),
    Sound(Option<Backup>),
}

/// On a connection of its own, so the window's commands go on meanwhile.
fn take_daily_backup(path: &Path, opened: journal::Result<Store>) -> journal::Result<Check> {
    let store = match opened {
        Ok(store) => store,
        Err(journal::Error::Damaged { reason, .. }) => return Ok(Check::Damaged(reason)),
        Err(error) => return Err(error),
    };
    let damage = store.damage()?;
    if !damage.is_empty() {
        return Ok(Check::Damaged(damage.join("; ")));
    }
    let taken = store.daily_backup(&backup_folder(path), &Local::now(), Rotation::default())?;
    Ok(Check::Sound(taken))
}
