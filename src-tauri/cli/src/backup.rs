//! `wins backup` and `wins verify`: copies of the journal that can be restored, and a check that
//! the journal is sound.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};
use journal::{Rotation, backup_folder, backups};

use crate::args::BackupCommand;
use crate::error::{CliError, Result};
use crate::output::Output;

pub fn backup(
    command: Option<BackupCommand>,
    path: &Path,
    to: Option<PathBuf>,
    rotation: Rotation,
    json: bool,
    now: &DateTime<Local>,
    out: &mut Output,
) -> Result<()> {
    let folder = backup_folder(path);
    match command {
        None => {
            let store = crate::unlock::open(path)?;
            let written = match to {
                Some(to) => {
                    store.backup_to(&to)?;
                    to.display().to_string()
                }
                None => store.backup_rotated(&folder, now.to_utc(), rotation)?.path,
            };
            if json {
                return out.json(&serde_json::json!({ "path": written }));
            }
            out.line(&format!("Backed up the journal to {written}."))
        }
        Some(BackupCommand::List { json }) => {
            let found = backups(&folder)?;
            if json {
                return out.json(&found);
            }
            if found.is_empty() && out.is_terminal() {
                eprintln!("No backups yet in {}. Take one:  wins backup", folder.display());
            }
            for backup in found {
                let taken: DateTime<Local> = backup.taken_at.with_timezone(&Local);
                out.line(&format!(
                    "{}  {:>8} KB  {}",
                    taken.format("%a %Y-%m-%d %H:%M"),
                    backup.bytes.div_ceil(1024),
                    backup.path
                ))?;
            }
            Ok(())
        }
        Some(BackupCommand::Restore { backup }) => {
            if !backup.is_file() {
                return Err(CliError::Journal(journal::Error::Invalid {
                    field: "backup",
                    message: format!("{} is not a backup file", backup.display()),
                }));
            }
            let kept = match crate::unlock::open(path) {
                Ok(mut store) => store.restore_backup(&backup, &folder, now.to_utc())?.path,
                // A damaged journal is moved aside, never written to: the backup takes its place.
                Err(CliError::Journal(journal::Error::Damaged { .. })) => {
                    crate::unlock::with_key(path, |key| journal::restore_damaged(path, &backup, key, now.to_utc()))?
                        .display()
                        .to_string()
                }
                Err(error) => return Err(error),
            };
            out.line(&format!(
                "Restored the journal from {}. The journal as it was is kept in {kept}.",
                backup.display(),
            ))
        }
    }
}

pub fn verify(path: &Path, json: bool, out: &mut Output) -> Result<()> {
    let found = crate::unlock::open(path)?.verify()?;
    if json {
        out.json(&found)?;
    } else {
        out.line(if found.database.is_empty() {
            "Database: ok (SQLite's integrity check found nothing wrong)."
        } else {
            "Database: damaged. Restore the newest good backup: wins backup list, then wins backup restore FILE"
        })?;
        for problem in &found.database {
            out.line(&format!("  {problem}"))?;
        }
        out.line(if found.search_index_ok {
            "Search index: ok (it matches the entries)."
        } else {
            "Search index: out of step with the entries."
        })?;
    }
    if found.ok {
        Ok(())
    } else {
        Err(CliError::Failed("the journal failed its check"))
    }
}
