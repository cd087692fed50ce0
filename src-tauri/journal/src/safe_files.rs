//! Creating the files an export or the sync folder gets the safe way: never through a symlink
//! someone planted, never onto a FIFO or device, never over a file the journal did not write, and
//! whole or not at all.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use tempfile::NamedTempFile;

use crate::export_import::io_error;
use crate::{Error, Result};

mod folder_export;
#[cfg(test)]
mod folder_export_tests;
pub(crate) use folder_export::{ExportFile, FolderExport};

/// Refuses a destination that exists and is not a regular file (a folder, FIFO or device): a
/// rename would replace it, and writing into it would hang or vanish.
pub(crate) fn refuse_special(field: &'static str, path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(metadata) if !metadata.is_file() => Err(Error::invalid(
            field,
            format!("{} is not a regular file", path.display()),
        )),
        _ => Ok(()),
    }
}

/// Writes `path` through a private temporary file beside it (created exclusively, `0600`),
/// renamed into place once complete and on disk. Errors name `path`, never the temporary file;
/// `field` names what the path was given as when it is not a regular file (`invalid_input`).
pub fn write_whole(
    path: &Path,
    field: &'static str,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<()>,
) -> Result<()> {
    refuse_special(field, path)?;
    if path.file_name().is_none() {
        return Err(Error::invalid(field, format!("{} is not a file name", path.display())));
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temporary = NamedTempFile::new_in(folder)
        .map_err(without_temporary_name)
        .map_err(io_error(path))?;
    let (file, temporary_path) = temporary.into_parts();
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    let file = out.into_inner().map_err(|e| e.into_error()).map_err(io_error(path))?;
    file.sync_all().map_err(io_error(path))?;
    NamedTempFile::from_parts(file, temporary_path)
        .persist(path)
        .map_err(|e| without_temporary_name(e.error))
        .map_err(io_error(path))?;
    Ok(())
}

/// The operating system's own words for an error, without the ` at path "…"` naming the
/// temporary file that `tempfile` adds: the user named another path, and the message names that.
pub(crate) fn without_temporary_name(error: std::io::Error) -> std::io::Error {
    if error.raw_os_error().is_some() {
        return error;
    }
    let message = error.to_string();
    match message.split_once(" at path \"") {
        Some((words, _)) => std::io::Error::new(error.kind(), words.to_owned()),
        None => error,
    }
}

/// Puts `bytes` at `path`, which must not exist, whole or not at all: written to `temporary` (a
/// fixed name beside it, so a killed write leaves one file that the next one replaces; mode
/// 0600), synced, moved into place by a rename that replaces nothing, and the folder synced.
/// Errors: `exists()` when `path` is there already (nothing written), [`Error::Io`] naming `path`.
pub(crate) fn write_new(path: &Path, temporary: &Path, bytes: &[u8], exists: impl FnOnce() -> Error) -> Result<()> {
    let io_error = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(exists());
    }
    match std::fs::remove_file(temporary) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io_error(e)),
        _ => {}
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(temporary).map_err(io_error)?;
    // Removes the temporary file when anything below fails.
    let temporary = tempfile::TempPath::try_from_path(temporary).map_err(io_error)?;
    std::io::Write::write_all(&mut file, bytes).map_err(io_error)?;
    file.sync_all().map_err(io_error)?;
    drop(file);
    match temporary.persist_noclobber(path) {
        Ok(()) => {}
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => return Err(exists()),
        // A folder with neither a no-replace rename nor hard links (FAT on a USB stick): a plain
        // rename, now that nothing is found there.
        Err(e) if std::fs::symlink_metadata(path).is_err() => {
            e.path.persist(path).map_err(|e| io_error(e.error))?;
        }
        Err(e) => return Err(io_error(e.error)),
    }
    crate::crypto::sync_folder(path)
}
