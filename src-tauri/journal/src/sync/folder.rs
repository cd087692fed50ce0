//! Where a journal's files sit in a sync folder: `<folder>/small-wins/<journal-id>/` holds the
//! folder key (`keys`) and one folder per device (`devices/<device-id>/`) of its segments.

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The folder of the journal `journal_id` inside the sync folder `folder`.
pub(crate) fn journal_dir(folder: &Path, journal_id: &str) -> PathBuf {
    folder.join("small-wins").join(journal_id)
}

pub(crate) fn devices_dir(journal_dir: &Path) -> PathBuf {
    journal_dir.join("devices")
}

pub(crate) fn device_dir(journal_dir: &Path, device_id: &str) -> PathBuf {
    devices_dir(journal_dir).join(device_id)
}

/// The one journal a sync folder holds (a `small-wins/<id>/keys` file), to join it.
pub(crate) fn only_journal(folder: &Path) -> Result<String> {
    let root = folder.join("small-wins");
    let refuse = |reason: &str| Error::SyncFolder {
        path: folder.to_owned(),
        reason: reason.to_owned(),
    };
    let listing = std::fs::read_dir(&root).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => refuse(
            "it holds no Small Wins journal yet (set one up with `wins sync init`, or wait until the folder has \
             arrived)",
        ),
        _ => Error::Io {
            path: root.clone(),
            source,
        },
    })?;
    let mut journals = Vec::new();
    for item in listing {
        let item = item.map_err(|source| Error::Io {
            path: root.clone(),
            source,
        })?;
        if item.path().join("keys").is_file()
            && let Some(name) = item.file_name().to_str()
        {
            journals.push(name.to_owned());
        }
    }
    match journals.as_slice() {
        [only] => Ok(only.clone()),
        [] => Err(refuse(
            "it holds no Small Wins journal with its key file yet (wait until the folder has arrived)",
        )),
        _ => Err(refuse(&format!(
            "it holds {} journals; keep one Small Wins journal per sync folder",
            journals.len()
        ))),
    }
}

/// The devices with a folder of segments beside ours, by id.
pub(crate) fn device_ids(journal_dir: &Path) -> Result<Vec<String>> {
    let dir = devices_dir(journal_dir);
    let listing = match std::fs::read_dir(&dir) {
        Ok(listing) => listing,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::Io { path: dir, source }),
    };
    let mut ids = Vec::new();
    for item in listing {
        let item = item.map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
        // A device's folder is named by its id; anything else (a replicator's own files) is not one.
        if let Some(name) = item.file_name().to_str()
            && uuid::Uuid::try_parse(name).is_ok()
            && item.path().is_dir()
        {
            ids.push(name.to_owned());
        }
    }
    ids.sort();
    Ok(ids)
}
