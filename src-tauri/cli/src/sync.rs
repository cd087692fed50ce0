//! `wins sync`: setting up, running and leaving sync through a folder a file replicator shares, and
//! saying plainly what came in and what waits.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};
use journal::crypto::{Argon2Cost, Passphrase};
use journal::sync::{SyncStatus, Synced, Warning};

use crate::args::{KeepWhich, SyncArgs, SyncCommand};
use crate::error::{CliError, Result};
use crate::output::Output;
use crate::unlock;

/// The environment variable that names a file holding the sync folder's passphrase.
const SYNC_PASSPHRASE_FILE_VAR: &str = "SMALL_WINS_SYNC_PASSPHRASE_FILE";

pub fn run(path: &Path, args: SyncArgs, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    let Some(command) = args.command else {
        let synced = unlock::open(path)?.sync(now)?;
        return if args.json {
            out.json(&synced_json(&synced))
        } else {
            report(&synced, out)
        };
    };
    match command {
        SyncCommand::Init { folder, passphrase } => {
            let passphrase = unlock::new_passphrase(passphrase_file(passphrase.sync_passphrase_file).as_deref())?;
            let recovery = unlock::open(path)?.sync_init(&folder, &passphrase, Argon2Cost::default(), now)?;
            out.line(&format!(
                "This journal now syncs through {}. On each other device: wins sync join {}",
                folder.display(),
                folder.display()
            ))?;
            out.line(
                "The sync folder's recovery key (shown this once; it opens the folder if the passphrase is lost):",
            )?;
            out.line(&format!("  {}", recovery.display().as_str()))?;
            out.line("Everything written to the folder is encrypted; the passphrase never is.")
        }
        SyncCommand::Join {
            folder,
            passphrase,
            json,
        } => {
            let passphrase = folder_passphrase(passphrase.sync_passphrase_file)?;
            let synced = unlock::open(path)?.sync_join(&folder, &passphrase, now)?;
            if json {
                return out.json(&synced_json(&synced));
            }
            out.line(&format!("This journal now syncs through {}.", folder.display()))?;
            report(&synced, out)
        }
        SyncCommand::Status { json } => {
            let status = unlock::open(path)?.sync_status()?.ok_or(journal::Error::NotSyncing)?;
            if json {
                out.json(&status)
            } else {
                print_status(&status, now, out)
            }
        }
        SyncCommand::Conflicts { json } => {
            let store = unlock::open(path)?;
            let conflicts = store.sync_conflicts()?;
            if json {
                return out.json(&conflicts);
            }
            if conflicts.is_empty() {
                return out.line("No conflicts: no entry was edited on two devices at once.");
            }
            for conflict in &conflicts {
                let short = store.short_id(journal::Record::Entry, &conflict.entry_id)?;
                out.line(&format!(
                    "Entry {short} ({}), edited on two devices — keep which? wins sync keep {short} shown|other",
                    conflict.field
                ))?;
                out.line(&format!("  shown:      {}", conflict.current.as_deref().unwrap_or("")))?;
                out.line(&format!("  also kept:  {}", conflict.other.as_deref().unwrap_or("")))?;
            }
            Ok(())
        }
        SyncCommand::Keep { id, which, field } => {
            let mut store = unlock::open(path)?;
            let id = store.resolve_id(journal::Record::Entry, &id)?;
            let kept: Vec<_> = store
                .sync_conflicts()?
                .into_iter()
                .filter(|conflict| conflict.entry_id == id && conflict.field == field)
                .collect();
            if kept.is_empty() {
                return Err(CliError::Failed(
                    "that entry has no conflict to settle (wins sync conflicts lists them)",
                ));
            }
            match which {
                KeepWhich::Shown => {
                    for conflict in &kept {
                        store.resolve_conflict(&id, &field, &conflict.version, false, now)?;
                    }
                    out.line("Kept the words shown; the other version is put aside on every device.")
                }
                KeepWhich::Other => {
                    // Listed newest first.
                    store.resolve_conflict(&id, &field, &kept[0].version, true, now)?;
                    out.line("The entry takes the other device's words, on every device with the next sync.")
                }
            }
        }
        SyncCommand::Leave => {
            let folder = unlock::open(path)?.sync_leave()?;
            out.line(&format!(
                "This journal no longer syncs. It keeps every entry; {} keeps what it wrote for the other devices.",
                folder.display()
            ))
        }
    }
}

/// `--sync-passphrase-file`, or else `SMALL_WINS_SYNC_PASSPHRASE_FILE`.
fn passphrase_file(given: Option<PathBuf>) -> Option<PathBuf> {
    given.or_else(|| {
        std::env::var_os(SYNC_PASSPHRASE_FILE_VAR)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

fn folder_passphrase(given: Option<PathBuf>) -> Result<Passphrase> {
    unlock::existing_passphrase(passphrase_file(given).as_deref(), "The sync folder's passphrase")
}

fn report(synced: &Synced, out: &mut Output) -> Result<()> {
    let merged = &synced.merged;
    if synced.published == 0 && synced.segments_merged == 0 {
        out.line("Up to date: nothing new to write or to merge.")?;
    }
    if synced.published > 0 {
        out.line(&format!(
            "Wrote {} (in {}).",
            plural(synced.published, "change"),
            plural(synced.segments_written, "segment")
        ))?;
    }
    if synced.segments_merged > 0 {
        let parts: Vec<String> = [
            (merged.new_entries, "new entry"),
            (merged.new_rows, "other new row"),
            (merged.changed_fields, "changed field"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(n, word))
        .collect();
        let what = if parts.is_empty() {
            "nothing new".to_owned()
        } else {
            parts.join(", ")
        };
        out.line(&format!(
            "Merged {} from other devices: {what}.",
            plural(synced.segments_merged, "segment")
        ))?;
    }
    if merged.conflicts > 0 {
        out.line(&format!(
            "{} edited on two devices: both versions are kept (wins sync conflicts).",
            plural(merged.conflicts, "entry was")
        ))?;
    }
    for warning in &synced.warnings {
        eprintln!("warning: {}", warning_text(warning));
    }
    Ok(())
}

fn warning_text(warning: &Warning) -> String {
    match warning {
        Warning::BeingCopied { path } => {
            format!("{} is still being copied; it is merged once whole", path.display())
        }
        Warning::Unreadable { path, reason } => {
            format!(
                "{} was not merged ({reason}); it is tried again next time",
                path.display()
            )
        }
        Warning::Waiting { device, seq } => {
            format!("device {device}'s segment {seq} waits for changes that have not arrived yet")
        }
        Warning::ClockAhead { device, minutes } => {
            format!("device {device}'s clock runs about {minutes} minutes ahead of this one's; check its time")
        }
        Warning::NewDeviceId { old, new } => {
            format!("this journal is a copy of one that syncs as device {old}: it syncs as device {new} from now on")
        }
    }
}

/// A device whose latest change is dated this far ahead of this computer's clock gets a warning.
const CLOCK_AHEAD_MINUTES: i64 = 10;

fn print_status(status: &SyncStatus, now: &DateTime<Local>, out: &mut Output) -> Result<()> {
    out.line(&format!("Syncing through {}", status.folder.display()))?;
    out.line(&format!("Journal {}", status.journal_id))?;
    out.line("Devices:")?;
    for device in &status.devices {
        let last = device
            .last_change
            .map(|at| format!(", latest change {}", at.with_timezone(&Local).format("%Y-%m-%d %H:%M")))
            .unwrap_or_default();
        let ahead = device
            .last_change
            .map(|at| (at - now.to_utc()).num_minutes())
            .filter(|minutes| *minutes > CLOCK_AHEAD_MINUTES)
            .map(|minutes| format!(" (its clock runs about {minutes} minutes ahead of this one's: check its time)"))
            .unwrap_or_default();
        let named = match &device.name {
            Some(name) => format!("{name} ({})", device.id),
            None => device.id.clone(),
        };
        if device.this_device {
            out.line(&format!(
                "  {named}, this device: {} written",
                plural_u64(device.segments)
            ))?;
        } else {
            out.line(&format!(
                "  {named}: {} merged{last}{ahead}",
                plural_u64(device.segments)
            ))?;
        }
    }
    out.line(&format!(
        "Waiting: {} to write, {} to merge",
        plural(status.unwritten_changes, "change"),
        plural(status.waiting_segments, "segment")
    ))?;
    out.line(&format!("Conflicts: {}", status.conflicts))
}

fn synced_json(synced: &Synced) -> serde_json::Value {
    serde_json::json!({
        "published": synced.published,
        "segments_written": synced.segments_written,
        "segments_merged": synced.segments_merged,
        "new_entries": synced.merged.new_entries,
        "new_rows": synced.merged.new_rows,
        "changed_fields": synced.merged.changed_fields,
        "conflicts": synced.merged.conflicts,
        "warnings": synced.warnings.iter().map(warning_text).collect::<Vec<_>>(),
    })
}

fn plural(n: usize, word: &str) -> String {
    let word = match (n, word) {
        (1, word) => word.to_owned(),
        (_, "new entry") => "new entries".to_owned(),
        (_, "entry was") => "entries were".to_owned(),
        (_, word) => format!("{word}s"),
    };
    format!("{n} {word}")
}

fn plural_u64(segments: u64) -> String {
    plural(usize::try_from(segments).unwrap_or(usize::MAX), "segment")
}
