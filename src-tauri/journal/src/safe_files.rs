//! Creating the files an export writes the safe way: never through a symlink someone planted,
//! never onto a FIFO or device, never over a file the journal did not write, and whole or not at all.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

use tempfile::NamedTempFile;

use crate::export_import::io_error;
use crate::{Error, Result};

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

/// Writes `contents` as `folder/name`: a new file is created exclusively; an existing one is
/// replaced only when `is_ours` recognises its first bytes as an earlier export of the same
/// record, and never when it is a symlink or not a regular file.
pub(crate) fn write_in_folder(
    folder: &Path,
    name: &str,
    contents: &[u8],
    is_ours: impl Fn(&[u8]) -> bool,
) -> Result<()> {
    let path = folder.join(name);
    let mut temporary = NamedTempFile::new_in(folder)
        .map_err(without_temporary_name)
        .map_err(io_error(&path))?;
    temporary.write_all(contents).map_err(io_error(&path))?;
    temporary.as_file().sync_all().map_err(io_error(&path))?;
    // Linking the finished file to its name fails when anything (a symlink too) is there already.
    let temporary = match temporary.persist_noclobber(&path) {
        Ok(_) => return Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => e.file,
        Err(e) => return Err(io_error(&path)(without_temporary_name(e.error))),
    };
    let existing = std::fs::symlink_metadata(&path).map_err(io_error(&path))?;
    let foreign = || {
        Error::invalid(
            "out",
            format!(
                "{} is there already and was not written by Small Wins; move it away or export to another folder",
                path.display()
            ),
        )
    };
    if !existing.file_type().is_file() || !is_ours(&first_bytes(&path)?) {
        return Err(foreign());
    }
    // A rename replaces the name itself, so a symlink swapped in meanwhile is replaced, not followed.
    temporary
        .persist(&path)
        .map_err(|e| without_temporary_name(e.error))
        .map_err(io_error(&path))?;
    Ok(())
}

/// The first bytes of a file; only read, so a symlink swapped in meanwhile does no harm.
fn first_bytes(path: &Path) -> Result<Vec<u8>> {
    let file = File::open(path).map_err(io_error(path))?;
    let mut head = Vec::new();
    file.take(256).read_to_end(&mut head).map_err(io_error(path))?;
    Ok(head)
}

/// The operating system's own words for an error, without the ` at path "…"` naming the
/// temporary file that `tempfile` adds: the user named another path, and the message names that.
fn without_temporary_name(error: std::io::Error) -> std::io::Error {
    if error.raw_os_error().is_some() {
        return error;
    }
    let message = error.to_string();
    match message.split_once(" at path \"") {
        Some((words, _)) => std::io::Error::new(error.kind(), words.to_owned()),
        None => error,
    }
}
