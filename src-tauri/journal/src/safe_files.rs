//! Creating the files an export writes the safe way: never through a symlink someone planted,
//! never onto a FIFO or device, never over a file the journal did not write, and whole or not at all.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use tempfile::NamedTempFile;

use crate::export_import::io_error;
use crate::{Error, Result};

mod folder_export;
pub(crate) use folder_export::FolderExport;

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
/// renamed into place once complete and on disk. Errors name `path`, never the temporary file.
pub(crate) fn write_whole(
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
