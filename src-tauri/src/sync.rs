//! Sync in the window: Settings sets it up (a new sync folder, its recovery key shown once), joins
//! a folder another device set up, or leaves; the quiet status and the conflicts to resolve. The
//! folder comes from a folder dialog the shell opens (the window never names a path); the sync
//! folder's passphrase arrives as a command argument, is moved into a zeroizing buffer at once and
//! never logged. The syncing itself is the journal library's; when it runs is `sync_runner`'s.

use std::time::Duration;

use chrono::{DateTime, Local, Utc};
use journal::crypto::{Argon2Cost, Passphrase};
use journal::sync::SyncConflict;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State, WebviewWindow};
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::commands::Reply;
use crate::picked_paths::{PickedPaths, Purpose, documents_folder, file_dialog};
use crate::signals::{Signal, Signals};
use crate::state::JournalState;
use crate::sync_runner::SyncRunner;

/// What Settings › Sync shows of a journal that syncs.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SyncOverview {
    pub folder: String,
    /// Every device that has written to the folder, this one first.
    pub devices: Vec<SyncDevice>,
    /// This device's changes not yet written to the folder.
    pub unwritten_changes: u32,
    /// Other devices' changes in the folder not merged yet (waiting for what they depend on).
    pub waiting_segments: u32,
    /// Entries whose words were edited on two devices, waiting for a choice.
    pub conflicts: u32,
    /// When this window last synced, and why the last try failed (cleared by one that works).
    pub last_synced: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SyncDevice {
    pub id: String,
    /// What the device calls itself (its host name), once one of its segments is merged.
    pub name: Option<String>,
    pub this_device: bool,
    /// Its latest change merged here, by its own clock.
    pub last_change: Option<DateTime<Utc>>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The journal's sync status and this window's last sync; `null` when it does not sync.
#[tauri::command(async)]
pub fn sync_status(journal: State<'_, JournalState>, runner: State<'_, SyncRunner>) -> Reply<Option<SyncOverview>> {
    let Some(status) = journal.with(|store| store.sync_status())? else {
        return Ok(None);
    };
    let last = runner.last();
    Ok(Some(SyncOverview {
        folder: status.folder.display().to_string(),
        devices: status
            .devices
            .into_iter()
            .map(|device| SyncDevice {
                id: device.id,
                name: device.name,
                this_device: device.this_device,
                last_change: device.last_change,
            })
            .collect(),
        unwritten_changes: count(status.unwritten_changes),
        waiting_segments: count(status.waiting_segments),
        conflicts: count(status.conflicts),
        last_synced: last.at,
        last_error: last.error,
    }))
}

/// Syncs now; the window hears the outcome as a `synced` signal.
#[tauri::command(async)]
pub fn sync_now<R: Runtime>(app: AppHandle<R>, runner: State<'_, SyncRunner>) -> Reply<()> {
    match runner.sync_now(&app)? {
        Some(_) => Ok(()),
        None => Err(journal::Error::NotSyncing.into()),
    }
}

/// Opens a folder dialog for the sync folder (the one a replicator such as Syncthing shares) and
/// keeps the pick for [`set_up_sync`] or [`join_sync`]. The path to show, or `null` when cancelled.
#[tauri::command(async)]
pub fn pick_sync_folder<R: Runtime>(
    window: WebviewWindow<R>,
    picked_paths: State<'_, PickedPaths>,
) -> Reply<Option<String>> {
    let picked = file_dialog(&window, "Choose the sync folder", &documents_folder()?).blocking_pick_folder();
    picked_paths.keep_answer(Purpose::SyncFolder, picked)
}

/// Makes the picked folder this journal's sync folder, sealed with `passphrase` (asked twice by
/// the window; the other devices join with it), and returns its recovery key, to be shown once.
#[tauri::command(async)]
pub fn set_up_sync(
    journal: State<'_, JournalState>,
    runner: State<'_, SyncRunner>,
    picked_paths: State<'_, PickedPaths>,
    passphrase: String,
) -> Reply<String> {
    let passphrase = Passphrase::new_to_set(Zeroizing::new(passphrase))?;
    let folder = picked_paths.source(Purpose::SyncFolder)?;
    let recovery = runner
        .alone(|| journal.with(|store| store.sync_init(&folder, &passphrase, Argon2Cost::default(), &Local::now())))?;
    log::info!("this journal now syncs through a folder");
    // The first sync watches the folder for the other devices' files.
    runner.soon(Duration::ZERO);
    Ok(recovery.display().as_str().to_owned())
}

/// Makes this journal take part in the journal the picked folder holds, opened with the folder's
/// `passphrase`; returns how many entries came in.
#[tauri::command(async)]
pub fn join_sync(
    journal: State<'_, JournalState>,
    runner: State<'_, SyncRunner>,
    signals: State<'_, Signals>,
    picked_paths: State<'_, PickedPaths>,
    passphrase: String,
) -> Reply<u32> {
    let passphrase = Passphrase::new(Zeroizing::new(passphrase));
    let folder = picked_paths.source(Purpose::SyncFolder)?;
    let synced = runner.alone(|| journal.with(|store| store.sync_join(&folder, &passphrase, &Local::now())))?;
    log::info!("this journal joined a sync folder");
    signals.send(Signal::Synced { changed: true });
    runner.soon(Duration::ZERO);
    Ok(count(synced.merged.new_entries))
}

/// Stops syncing: the journal keeps every entry, the folder keeps what this device wrote.
/// Returns the folder it synced through.
#[tauri::command(async)]
pub fn leave_sync(
    journal: State<'_, JournalState>,
    runner: State<'_, SyncRunner>,
    signals: State<'_, Signals>,
) -> Reply<String> {
    let folder = runner.alone(|| journal.with(|store| store.sync_leave()))?;
    runner.stop_watching();
    log::info!("this journal no longer syncs");
    signals.send(Signal::Synced { changed: false });
    Ok(folder.display().to_string())
}

/// The words kept from edits on two devices, newest first.
#[tauri::command(async)]
pub fn list_sync_conflicts(journal: State<'_, JournalState>) -> Reply<Vec<SyncConflict>> {
    journal.with(|store| store.sync_conflicts())
}

/// Settles a conflict: with `keep_other` the entry takes the other device's words, else it keeps
/// the ones it shows. The choice reaches the other devices with the next sync, a moment later.
#[tauri::command(async)]
pub fn resolve_sync_conflict(
    journal: State<'_, JournalState>,
    entry_id: String,
    field: String,
    version: String,
    keep_other: bool,
) -> Reply<()> {
    journal.with(|store| store.resolve_conflict(&entry_id, &field, &version, keep_other, &Local::now()))
}
