//! An import into a journal that does not exist yet is written to a file of its own beside the
//! journal's path and moved there only once it is whole: a failed import leaves nothing behind, as
//! a failed import into an existing journal leaves that journal unchanged.

use std::ffi::OsString;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::error::{CliError, Result};

/// A journal being made at a temporary path, removed (with its `-wal` and `-shm`) unless kept.
pub struct FreshJournal {
    journal: PathBuf,
    temporary: PathBuf,
}

impl FreshJournal {
    /// `Some` when nothing is at `journal` yet: the import then writes to [`FreshJournal::path`].
    pub fn at(journal: &Path) -> Result<Option<FreshJournal>> {
        match std::fs::symlink_metadata(journal) {
            Ok(_) => Ok(None),
            Err(error) if error.kind() == ErrorKind::NotFound => Ok(Some(FreshJournal {
                journal: journal.to_owned(),
                temporary: with_suffix(journal, &format!(".importing-{}", std::process::id())),
            })),
            Err(source) => Err(io_error(journal, source)),
        }
    }

    /// Where the import writes.
    pub fn path(&self) -> &Path {
        &self.temporary
    }

    /// Moves the finished journal, closed, to the journal's path. A journal that appeared there
    /// meanwhile is never replaced: the import is refused and its file removed.
    pub fn keep(self) -> Result<()> {
        // Closed, the journal is whole in its main file: a -wal left means it is not closed.
        if with_suffix(&self.temporary, "-wal").exists() {
            return Err(CliError::Failed(
                "the new journal could not be closed; nothing was imported",
            ));
        }
        // A hard link, unlike a rename, fails rather than replace a file that is there. A folder
        // without hard links (FAT on a USB stick) gets a rename once nothing is found there.
        match std::fs::hard_link(&self.temporary, &self.journal) {
            Ok(()) => {}
            Err(source) if source.kind() == ErrorKind::AlreadyExists => return Err(io_error(&self.journal, source)),
            Err(_) if std::fs::symlink_metadata(&self.journal).is_err() => {
                std::fs::rename(&self.temporary, &self.journal).map_err(|source| io_error(&self.journal, source))?;
            }
            Err(source) => return Err(io_error(&self.journal, source)),
        }
        let folder = self
            .journal
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::File::open(folder)
            .and_then(|folder| folder.sync_all())
            .map_err(|source| io_error(folder, source))
    }
}

impl Drop for FreshJournal {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            // Nothing to remove is fine; a file that cannot be removed is left for the user to see.
            let _ = std::fs::remove_file(with_suffix(&self.temporary, suffix));
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

fn io_error(path: &Path, source: std::io::Error) -> CliError {
    CliError::Journal(journal::Error::Io {
        path: path.to_owned(),
        source,
    })
}
