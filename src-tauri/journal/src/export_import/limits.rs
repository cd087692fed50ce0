//! How much of a file an import reads: only regular files (a FIFO or `/dev/zero` would never end),
//! no more than [`MAX_IMPORT_BYTES`], and a zip's members no larger inflated than that either —
//! checked before reading, and counted while reading since sizes in a file can lie.

use std::fs::{self, File};
use std::io::Read;
use std::path::Path;

use super::io_error;
use crate::{Error, Result};

/// The most an import reads, from one file or from the journals in one zip: far more than the
/// largest journal people keep (100,000 entries of Day One JSON are about 100 MB).
pub const MAX_IMPORT_BYTES: u64 = 256 << 20;

/// Opens `path` for an import when it is a regular file of a size an import reads.
pub(super) fn open_regular(path: &Path) -> Result<File> {
    let metadata = fs::metadata(path).map_err(io_error(path))?;
    if !metadata.is_file() {
        return Err(Error::invalid(
            "file",
            format!(
                "{} is not a regular file (a device, pipe or socket is not imported)",
                path.display()
            ),
        ));
    }
    check_size(metadata.len(), &path.display().to_string())?;
    File::open(path).map_err(io_error(path))
}

/// Refuses `size` bytes of `what` when they are more than an import reads.
pub(super) fn check_size(size: u64, what: &str) -> Result<()> {
    if size > MAX_IMPORT_BYTES {
        return Err(Error::invalid(
            "file",
            format!(
                "{what} would be {} MB; an import reads at most {} MB",
                size >> 20,
                MAX_IMPORT_BYTES >> 20
            ),
        ));
    }
    Ok(())
}

/// Reads `reader` to its end, refusing it as soon as it passes [`MAX_IMPORT_BYTES`].
pub(super) fn read_bounded(reader: impl Read, what: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::invalid("file", format!("{what}: cannot be read: {e}")))?;
    check_size(bytes.len() as u64, what)?;
    Ok(bytes)
}
