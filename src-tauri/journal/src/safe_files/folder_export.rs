//! A folder export's many files written safely at the cost of one sync: each file is written whole
//! into a private staging folder inside the destination, all of them are made durable together,
//! and only then does each get its name. A kill leaves unfinished files in the staging folder,
//! never under an entry's name; a file the journal did not write is never replaced.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use tempfile::{NamedTempFile, TempDir, TempPath};

use super::without_temporary_name;
use crate::export_import::io_error;
use crate::{Error, Result};

/// Where the staging folder's name starts, inside the destination.
const STAGING_PREFIX: &str = ".small-wins-export-";

/// The files of one folder export, written as they come and named all at once by [`finish`].
///
/// [`finish`]: FolderExport::finish
pub(crate) struct FolderExport {
    folder: PathBuf,
    staging: TempDir,
    staged: Vec<Staged>,
    names: HashSet<String>,
    /// The names in the folder when the export began: only these need a look before writing.
    existing: HashSet<std::ffi::OsString>,
}

/// A file written whole under a temporary name, waiting for its own.
struct Staged {
    file: TempPath,
    name: String,
    /// How a file of the same record from an earlier export begins: only such a file is replaced.
    identity: Vec<u8>,
}

impl FolderExport {
    /// Starts an export into `folder`, made if it is not there.
    pub(crate) fn new(folder: &Path) -> Result<FolderExport> {
        fs::create_dir_all(folder).map_err(io_error(folder))?;
        let existing = fs::read_dir(folder)
            .map_err(io_error(folder))?
            .map(|item| item.map(|item| item.file_name()).map_err(io_error(folder)))
            .collect::<Result<_>>()?;
        let staging = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .tempdir_in(folder)
            .map_err(without_temporary_name)
            .map_err(io_error(folder))?;
        Ok(FolderExport {
            folder: folder.to_owned(),
            staging,
            staged: Vec::new(),
            names: HashSet::new(),
            existing,
        })
    }

    /// Writes `contents`, to be named `name`. A file already there under that name is replaced
    /// only when it begins with `identity` (an earlier export of the same record); anything else
    /// there (a file of the user's, a symlink, a folder) is refused now, before any file is named.
    /// Something put there after the export began is refused when the file is named.
    pub(crate) fn add(&mut self, name: &str, contents: &[u8], identity: &[u8]) -> Result<()> {
        let path = self.folder.join(name);
        // Two records of this export under one name: the second would replace the first.
        let taken = self.existing.contains(std::ffi::OsStr::new(name)) && !replaceable(&path, identity)?;
        if !self.names.insert(name.to_owned()) || taken {
            return Err(foreign(&path));
        }
        let mut file = NamedTempFile::new_in(self.staging.path())
            .map_err(without_temporary_name)
            .map_err(io_error(&path))?;
        file.write_all(contents).map_err(io_error(&path))?;
        // Where one sync of the whole file system is not at hand, each file is synced as written.
        #[cfg(not(target_os = "linux"))]
        file.as_file().sync_all().map_err(io_error(&path))?;
        self.staged.push(Staged {
            file: file.into_temp_path(),
            name: name.to_owned(),
            identity: identity.to_vec(),
        });
        Ok(())
    }

    /// Makes every written file durable, then gives each its name, and the names durable too.
    pub(crate) fn finish(self) -> Result<()> {
        #[cfg(target_os = "linux")]
        {
            let staging = File::open(self.staging.path()).map_err(io_error(&self.folder))?;
            rustix::fs::syncfs(&staging)
                .map_err(std::io::Error::from)
                .map_err(io_error(&self.folder))?;
        }
        for staged in self.staged {
            let path = self.folder.join(&staged.name);
            // Naming the finished file fails when anything (a symlink too) took the name meanwhile.
            let file = match staged.file.persist_noclobber(&path) {
                Ok(()) => continue,
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => e.path,
                Err(e) => return Err(io_error(&path)(without_temporary_name(e.error))),
            };
            if !replaceable(&path, &staged.identity)? {
                return Err(foreign(&path));
            }
            // A rename replaces the name itself, so a symlink swapped in meanwhile is replaced, not followed.
            file.persist(&path)
                .map_err(|e| without_temporary_name(e.error))
                .map_err(io_error(&path))?;
        }
        // The new names, all in this one folder, survive power loss once the folder is synced.
        #[cfg(unix)]
        File::open(&self.folder)
            .and_then(|folder| folder.sync_all())
            .map_err(io_error(&self.folder))?;
        Ok(())
    }
}

/// True when nothing is at `path`, or an earlier export's file of the same record (beginning with
/// `identity`): a regular file, never a symlink; only read, so one swapped in meanwhile does no harm.
fn replaceable(path: &Path, identity: &[u8]) -> Result<bool> {
    let existing = match fs::symlink_metadata(path) {
        Ok(existing) => existing,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(io_error(path)(e)),
    };
    if !existing.file_type().is_file() {
        return Ok(false);
    }
    let mut head = Vec::new();
    File::open(path)
        .and_then(|file| file.take(identity.len() as u64).read_to_end(&mut head))
        .map_err(io_error(path))?;
    Ok(head == identity)
}

fn foreign(path: &Path) -> Error {
    Error::invalid(
        "out",
        format!(
            "{} is there already and was not written by Small Wins; move it away or export to another folder",
            path.display()
        ),
    )
}
