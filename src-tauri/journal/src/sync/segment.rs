//! One segment: an immutable, encrypted file of one device's changes in the sync folder, which
//! every other device reads and no device ever rewrites, so the replicator has nothing to merge.
//!
//! A segment lies at `<folder>/small-wins/<journal-id>/devices/<device-id>/<seq>.seg`, `<seq>`
//! written with at least ten digits (`0000000007.seg`). Its bytes (format version 1; for people in
//! `docs/sync-folder.md`):
//!
//! ```text
//! magic    8 bytes  "SWSEG\0\0\x01" (the last byte is the format version)
//! length   4 bytes  the header's length in bytes, u32 little-endian, at most 1 MiB
//! header   JSON     journal_id, device_id, seq, applied, changes, nonce (24 bytes, hex), sealed_len
//! sealed   bytes    XChaCha20-Poly1305 of the body, its 16-byte tag included: sealed_len bytes
//! ```
//!
//! Everything before the sealed body (magic, length, header) is its associated data, so a changed
//! byte anywhere fails authentication. The key is the [`SegmentKey`], derived from the folder's
//! [`SyncKey`]. `sealed_len` tells a file still being copied (shorter than it says) from a damaged
//! one. A whole file is at most [`MAX_SEGMENT_BYTES`].

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::folder_key::SyncKey;
use crate::crypto::{KEY_LEN, random};
use crate::safe_files::write_new;
use crate::{Error, Result};

/// The first bytes of every segment; the last one is the format version.
pub const MAGIC: &[u8; 8] = b"SWSEG\0\0\x01";
/// The largest segment file read or written: 64 MiB. A device writes more changes as more segments.
pub const MAX_SEGMENT_BYTES: u64 = 64 * 1024 * 1024;
/// The largest header: 1 MiB, room for the `applied` clocks of thousands of devices.
const MAX_HEADER_BYTES: u32 = 1024 * 1024;
/// Magic and header length, before the header.
const PREFIX_LEN: usize = MAGIC.len() + 4;
/// The magic without its version byte: a file starting so is a segment of another version.
const MAGIC_FAMILY_LEN: usize = MAGIC.len() - 1;
const NONCE_LEN: usize = 24;
const TAG_LEN: u64 = 16;
const KEY_INFO: &[u8] = b"small-wins sync segment v1";
const SUFFIX: &str = ".seg";

/// Why a segment was not read (or not written): the sync skips it with a warning and goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentFault {
    /// Shorter than its own header says: most likely still being copied. Try it again later.
    Incomplete,
    /// Not a segment, changed since it was written, or sealed with another sync key.
    Damaged,
    /// Another journal's, another device's than the folder it lies in, or another `seq` than its name.
    Foreign,
    /// Of a segment format version this Small Wins does not read (a newer Small Wins wrote it).
    Unsupported,
    /// Already there where a new segment was to be written: segments are never rewritten.
    Exists,
}

/// What a segment says about itself, readable without its key, authenticated with its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentHeader {
    pub journal_id: String,
    /// The device that wrote it, which is also the name of the folder it lies in.
    pub device_id: String,
    /// Its number among its device's segments, which is also its file name.
    pub seq: u64,
    /// Device id → the highest `seq` of that device's segments the author had applied when
    /// writing this one (its own previous `seq` included): what must be applied before this one.
    pub applied: BTreeMap<String, u64>,
    /// How many changes the body holds.
    pub changes: u32,
}

/// The header as stored: the caller's fields, the nonce drawn for this file and the sealed length.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredHeader {
    journal_id: String,
    device_id: String,
    seq: u64,
    applied: BTreeMap<String, u64>,
    changes: u32,
    #[serde(with = "hex")]
    nonce: Vec<u8>,
    sealed_len: u64,
}

/// The key segments of one journal are sealed with: HKDF-SHA256 of the [`SyncKey`], salted with
/// the journal id. Wiped from memory when dropped.
pub struct SegmentKey(Zeroizing<[u8; KEY_LEN]>);

impl SegmentKey {
    /// The segment key of the journal `journal_id` whose folder key file holds `sync_key`.
    pub fn derive(sync_key: &SyncKey, journal_id: &str) -> SegmentKey {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        let hkdf = Hkdf::<Sha256>::new(Some(journal_id.as_bytes()), sync_key.as_bytes());
        // HKDF-SHA256 expands to up to 255 × 32 bytes; 32 always fits.
        if hkdf.expand(KEY_INFO, key.as_mut()).is_err() {
            unreachable!("HKDF-SHA256 refused a 32-byte output");
        }
        SegmentKey(key)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&*self.0).into())
    }
}

impl std::fmt::Debug for SegmentKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SegmentKey(…)")
    }
}

/// Where segment `seq` of the device whose folder is `device_dir` lies: `{seq:010}.seg` in it.
pub fn segment_path(device_dir: &Path, seq: u64) -> PathBuf {
    device_dir.join(format!("{seq:010}{SUFFIX}"))
}

/// Writes `body` as segment `header.seq` into `device_dir` (which must exist and be named
/// `header.device_id`) and returns its path. The file appears whole or not at all: written to
/// `.<name>.tmp` beside it (a name no reader takes for a segment), synced, moved into place without
/// replacing anything, and the folder synced.
///
/// Errors: [`SegmentFault::Exists`] when that segment is there already (nothing is written; another
/// copy of this journal may be writing as the same device); [`Error::Invalid`] when `device_dir` is
/// not the device's folder or the segment would be over [`MAX_SEGMENT_BYTES`]; [`Error::Io`].
pub fn write_segment(device_dir: &Path, key: &SegmentKey, header: &SegmentHeader, body: &[u8]) -> Result<PathBuf> {
    if device_dir.file_name() != Some(std::ffi::OsStr::new(&header.device_id)) {
        return Err(Error::invalid(
            "segment",
            format!(
                "{} is not the folder of device {}",
                device_dir.display(),
                header.device_id
            ),
        ));
    }
    let path = segment_path(device_dir, header.seq);
    let nonce = random::<NONCE_LEN>()?;
    let sealed_len = body.len() as u64 + TAG_LEN;
    let stored = StoredHeader {
        journal_id: header.journal_id.clone(),
        device_id: header.device_id.clone(),
        seq: header.seq,
        applied: header.applied.clone(),
        changes: header.changes,
        nonce: nonce.to_vec(),
        sealed_len,
    };
    let header_bytes = serde_json::to_vec(&stored).map_err(|e| Error::invalid("segment", e.to_string()))?;
    let header_len = u32::try_from(header_bytes.len())
        .ok()
        .filter(|len| *len <= MAX_HEADER_BYTES)
        .ok_or_else(|| Error::invalid("segment", "its header would be over 1 MiB"))?;
    let mut bytes = Vec::with_capacity(PREFIX_LEN + header_bytes.len() + body.len() + TAG_LEN as usize);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&header_len.to_le_bytes());
    bytes.extend_from_slice(&header_bytes);
    let total = bytes.len() as u64 + sealed_len;
    if total > MAX_SEGMENT_BYTES {
        return Err(Error::invalid(
            "segment",
            format!("it would have {total} bytes, over the 64 MiB a segment may have: write fewer changes in each"),
        ));
    }
    let sealed = key
        .cipher()
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: body, aad: &bytes })
        .map_err(|_| Error::Crypto("could not seal a sync segment"))?;
    bytes.extend_from_slice(&sealed);
    let temporary = device_dir.join(format!(".{:010}{SUFFIX}.tmp", header.seq));
    write_new(&path, &temporary, &bytes, || {
        refused(
            &path,
            SegmentFault::Exists,
            "it exists already, and segments are never rewritten (is another copy of this journal syncing as the same device?)",
        )
    })?;
    Ok(path)
}

/// Reads the segment at `path` (in the folder of device `expected_device` of journal
/// `expected_journal`) and returns its header and its body, authenticated with `key`.
///
/// Refused with an [`Error::Segment`] naming the file: [`SegmentFault::Incomplete`] when shorter
/// than it says (try again later); [`SegmentFault::Damaged`] when over [`MAX_SEGMENT_BYTES`] (by its
/// size, before reading), not a segment, not a regular file, changed, or sealed with another key;
/// [`SegmentFault::Foreign`] when of another journal or device, or when its name is not its `seq`'s;
/// [`SegmentFault::Unsupported`] for another format version. [`Error::Io`] when it cannot be read.
pub fn read_segment(
    path: &Path,
    key: &SegmentKey,
    expected_journal: &str,
    expected_device: &str,
) -> Result<(SegmentHeader, Vec<u8>)> {
    let io_error = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let named_seq = path
        .file_name()
        .and_then(|name| name.to_str())
        .and_then(parse_segment_name)
        .ok_or_else(|| {
            refused(
                path,
                SegmentFault::Foreign,
                "its name is not a segment's (like 0000000001.seg)",
            )
        })?;
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if !metadata.is_file() {
        return Err(refused(path, SegmentFault::Damaged, "it is not a regular file"));
    }
    if metadata.len() > MAX_SEGMENT_BYTES {
        return Err(too_large(path, metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_SEGMENT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_SEGMENT_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    let (stored, header_end) = parse_header(path, &bytes)?;
    if stored.journal_id != expected_journal {
        let reason = format!("it belongs to journal {}, not {expected_journal}", stored.journal_id);
        return Err(refused(path, SegmentFault::Foreign, reason));
    }
    if stored.device_id != expected_device {
        let reason = format!(
            "it was written by device {}, but lies in the folder of device {expected_device}",
            stored.device_id
        );
        return Err(refused(path, SegmentFault::Foreign, reason));
    }
    if stored.seq != named_seq {
        let reason = format!("its header says it is segment {}, its name {named_seq}", stored.seq);
        return Err(refused(path, SegmentFault::Foreign, reason));
    }
    if stored.nonce.len() != NONCE_LEN {
        return Err(refused(
            path,
            SegmentFault::Damaged,
            "its header's nonce is not 24 bytes",
        ));
    }
    let found = bytes.len() as u64;
    let expected = (header_end as u64).saturating_add(stored.sealed_len);
    if found < expected {
        let reason = format!("it has {found} of its {expected} bytes (still being copied?)");
        return Err(refused(path, SegmentFault::Incomplete, reason));
    }
    if found > expected {
        let reason = format!("it has {found} bytes, {} more than its header says", found - expected);
        return Err(refused(path, SegmentFault::Damaged, reason));
    }
    let (authenticated, sealed) = bytes.split_at(header_end);
    let body = key
        .cipher()
        .decrypt(
            XNonce::from_slice(&stored.nonce),
            Payload {
                msg: sealed,
                aad: authenticated,
            },
        )
        .map_err(|_| {
            refused(
                path,
                SegmentFault::Damaged,
                "it fails authentication: changed since it was written, or sealed with another sync key",
            )
        })?;
    let header = SegmentHeader {
        journal_id: stored.journal_id,
        device_id: stored.device_id,
        seq: stored.seq,
        applied: stored.applied,
        changes: stored.changes,
    };
    Ok((header, body))
}

/// The segments in `device_dir` as (seq, path), by seq. Only names a segment is written under
/// count (`0000000007.seg`): temporary files (`.….seg.tmp`, Syncthing's `.syncthing.….tmp`),
/// Syncthing's conflict copies (`….sync-conflict-….seg`) and anything else are left out.
/// Errors: [`Error::Io`] when the folder cannot be listed (a missing folder included).
pub fn list_segments(device_dir: &Path) -> Result<Vec<(u64, PathBuf)>> {
    let io_error = |source| Error::Io {
        path: device_dir.to_owned(),
        source,
    };
    let mut segments = Vec::new();
    for entry in std::fs::read_dir(device_dir).map_err(io_error)? {
        let entry = entry.map_err(io_error)?;
        let Some(seq) = entry.file_name().to_str().and_then(parse_segment_name) else {
            continue;
        };
        if entry.file_type().map_err(io_error)?.is_dir() {
            continue;
        }
        segments.push((seq, entry.path()));
    }
    segments.sort_unstable_by_key(|(seq, _)| *seq);
    Ok(segments)
}

/// The seq of a segment's file name, only in the one form it is written (`{seq:010}.seg`).
fn parse_segment_name(name: &str) -> Option<u64> {
    let digits = name.strip_suffix(SUFFIX)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seq: u64 = digits.parse().ok()?;
    (format!("{seq:010}") == digits).then_some(seq)
}

/// The stored header of a segment's `bytes`, and where the sealed body starts.
fn parse_header(path: &Path, bytes: &[u8]) -> Result<(StoredHeader, usize)> {
    let present = bytes.len().min(MAGIC.len());
    if bytes[..present] != MAGIC[..present] {
        if present == MAGIC.len() && bytes[..MAGIC_FAMILY_LEN] == MAGIC[..MAGIC_FAMILY_LEN] {
            let reason = format!(
                "it is of segment format version {}, this Small Wins reads version {}",
                bytes[MAGIC_FAMILY_LEN], MAGIC[MAGIC_FAMILY_LEN]
            );
            return Err(refused(path, SegmentFault::Unsupported, reason));
        }
        return Err(refused(
            path,
            SegmentFault::Damaged,
            "it is not a Small Wins sync segment",
        ));
    }
    if bytes.len() < PREFIX_LEN {
        let reason = format!(
            "it has {} bytes, not even its header (still being copied?)",
            bytes.len()
        );
        return Err(refused(path, SegmentFault::Incomplete, reason));
    }
    let header_len = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    if header_len > MAX_HEADER_BYTES {
        let reason = format!("its header length ({header_len} bytes) is more than any segment's");
        return Err(refused(path, SegmentFault::Damaged, reason));
    }
    let header_end = PREFIX_LEN + header_len as usize;
    if bytes.len() < header_end {
        let reason = format!(
            "it has {} bytes, its header alone {header_end} (still being copied?)",
            bytes.len()
        );
        return Err(refused(path, SegmentFault::Incomplete, reason));
    }
    let stored = serde_json::from_slice(&bytes[PREFIX_LEN..header_end])
        .map_err(|_| refused(path, SegmentFault::Damaged, "its header is damaged"))?;
    Ok((stored, header_end))
}

fn refused(path: &Path, fault: SegmentFault, reason: impl Into<String>) -> Error {
    Error::Segment {
        path: path.to_owned(),
        fault,
        reason: reason.into(),
    }
}

fn too_large(path: &Path, len: u64) -> Error {
    let reason = format!("it has {len} bytes, more than the 64 MiB a segment may have");
    refused(path, SegmentFault::Damaged, reason)
}

#[cfg(test)]
#[path = "segment_tests.rs"]
mod tests;
