//! Segments on real files: what is written, what reads back, and what is refused, with which fault.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::*;

const JOURNAL: &str = "0193a1b2-0000-7000-8000-000000000001";
const DEVICE: &str = "laptop-7f3a";
const CANARY: &str = "zebracanary";

fn sync_key(byte: u8) -> SyncKey {
    SyncKey::from_bytes(&[byte; 32]).unwrap()
}

fn key() -> SegmentKey {
    SegmentKey::derive(&sync_key(7), JOURNAL)
}

fn header(seq: u64) -> SegmentHeader {
    SegmentHeader {
        journal_id: JOURNAL.to_owned(),
        device_id: DEVICE.to_owned(),
        seq,
        applied: BTreeMap::from([
            (DEVICE.to_owned(), seq.saturating_sub(1)),
            ("desktop-01bc".to_owned(), 41),
        ]),
        changes: 3,
    }
}

fn body(seq: u64) -> Vec<u8> {
    format!("[{{\"change\": {seq}, \"text\": \"a win with the {CANARY}\"}}]").into_bytes()
}

/// A journal's folder in a sync folder, with the device's folder in it.
fn device_folder() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let device_dir = dir.path().join("devices").join(DEVICE);
    std::fs::create_dir_all(&device_dir).unwrap();
    (dir, device_dir)
}

fn read(path: &Path) -> Result<(SegmentHeader, Vec<u8>)> {
    read_segment(path, &key(), JOURNAL, DEVICE)
}

/// The fault a refused read gives, after checking that its message names the file.
fn fault(path: &Path, result: Result<(SegmentHeader, Vec<u8>)>) -> SegmentFault {
    match result {
        Err(error @ Error::Segment { fault, .. }) => {
            assert!(error.to_string().contains(&path.display().to_string()), "{error}");
            assert_eq!(error.code(), crate::ErrorCode::SyncSegment);
            fault
        }
        Err(other) => panic!("not a segment error: {other}"),
        Ok((header, _)) => panic!("segment {} was read", header.seq),
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn a_segment_reads_back_as_written_and_hides_every_word() {
    let (_dir, device_dir) = device_folder();
    let path = write_segment(&device_dir, &key(), &header(7), &body(7)).unwrap();
    assert_eq!(path, device_dir.join("0000000007.seg"));
    assert_eq!(names(&device_dir), ["0000000007.seg"], "no temporary file is left");
    let (read_header, read_body) = read(&path).unwrap();
    assert_eq!(read_header, header(7));
    assert_eq!(read_body, body(7));

    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"SWSEG\0\0\x01"));
    assert!(!bytes.windows(CANARY.len()).any(|w| w == CANARY.as_bytes()));
    assert!(
        bytes.windows(JOURNAL.len()).any(|w| w == JOURNAL.as_bytes()),
        "the header is readable"
    );
    #[cfg(unix)]
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&path).unwrap().permissions()) & 0o777,
        0o600
    );
}

#[test]
fn an_empty_body_and_a_large_seq_round_trip() {
    let (_dir, device_dir) = device_folder();
    let path = write_segment(&device_dir, &key(), &header(12_345_678_901), b"").unwrap();
    assert_eq!(path, device_dir.join("12345678901.seg"));
    assert_eq!(read(&path).unwrap(), (header(12_345_678_901), Vec::new()));
}

#[test]
fn every_byte_changed_is_refused() {
    let (_dir, device_dir) = device_folder();
    let path = write_segment(&device_dir, &key(), &header(1), &body(1)).unwrap();
    let original = std::fs::read(&path).unwrap();
    // 0xff makes any header byte invalid JSON; 0x01 keeps most of them valid (a digit stays a
    // digit), so that only the associated data can tell.
    for flip in [0xff, 0x01] {
        for at in 0..original.len() {
            let mut changed = original.clone();
            changed[at] ^= flip;
            std::fs::write(&path, &changed).unwrap();
            let fault = fault(&path, read(&path));
            // Only a header length made larger can pass for a file still being copied.
            if flip == 0xff && !(9..PREFIX_LEN).contains(&at) {
                assert_ne!(fault, SegmentFault::Incomplete, "byte {at}");
            }
        }
    }
    std::fs::write(&path, &original).unwrap();
    assert!(read(&path).is_ok());
}

#[test]
fn a_truncated_segment_is_incomplete_and_a_longer_one_damaged() {
    let (_dir, device_dir) = device_folder();
    let path = write_segment(&device_dir, &key(), &header(1), &body(1)).unwrap();
    let original = std::fs::read(&path).unwrap();
    let header_len = u32::from_le_bytes(original[8..12].try_into().unwrap()) as usize;
    let header_end = PREFIX_LEN + header_len;
    for cut in [
        0,
        3,
        8,
        11,
        PREFIX_LEN,
        PREFIX_LEN + header_len / 2,
        header_end,
        header_end + 1,
        original.len() - 1,
    ] {
        std::fs::write(&path, &original[..cut]).unwrap();
        assert_eq!(fault(&path, read(&path)), SegmentFault::Incomplete, "cut at {cut}");
    }
    let mut longer = original.clone();
    longer.push(0);
    std::fs::write(&path, &longer).unwrap();
    assert_eq!(fault(&path, read(&path)), SegmentFault::Damaged);
}

#[test]
fn another_key_another_format_or_no_segment_at_all_is_refused() {
    let (_dir, device_dir) = device_folder();
    let path = write_segment(&device_dir, &key(), &header(1), &body(1)).unwrap();
    let other_key = SegmentKey::derive(&sync_key(8), JOURNAL);
    let refused = read_segment(&path, &other_key, JOURNAL, DEVICE);
    assert!(
        refused
            .as_ref()
            .is_err_and(|e| e.to_string().contains("another sync key"))
    );
    assert_eq!(fault(&path, refused), SegmentFault::Damaged);

    let mut newer = std::fs::read(&path).unwrap();
    newer[7] = 2;
    std::fs::write(&path, &newer).unwrap();
    let refused = read(&path);
    assert!(refused.as_ref().is_err_and(|e| e.to_string().contains("version 2")));
    assert_eq!(fault(&path, refused), SegmentFault::Unsupported);

    std::fs::write(&path, b"hello, I am a text file\n").unwrap();
    assert_eq!(fault(&path, read(&path)), SegmentFault::Damaged);
}

#[test]
fn another_journal_s_or_device_s_segment_or_a_renamed_one_is_foreign() {
    let (dir, device_dir) = device_folder();
    let path = write_segment(&device_dir, &key(), &header(2), &body(2)).unwrap();

    let other_journal = "0193a1b2-0000-7000-8000-000000000002";
    let other_key = SegmentKey::derive(&sync_key(7), other_journal);
    let refused = read_segment(&path, &other_key, other_journal, DEVICE);
    assert!(
        refused
            .as_ref()
            .is_err_and(|e| e.to_string().contains("belongs to journal"))
    );
    assert_eq!(fault(&path, refused), SegmentFault::Foreign);

    let other_device = dir.path().join("devices").join("desktop-01bc");
    std::fs::create_dir_all(&other_device).unwrap();
    let copied = other_device.join("0000000002.seg");
    std::fs::copy(&path, &copied).unwrap();
    let refused = read_segment(&copied, &key(), JOURNAL, "desktop-01bc");
    assert_eq!(fault(&copied, refused), SegmentFault::Foreign);

    let renamed = device_dir.join("0000000003.seg");
    std::fs::rename(&path, &renamed).unwrap();
    assert_eq!(fault(&renamed, read(&renamed)), SegmentFault::Foreign);

    let misnamed = device_dir.join("3.seg");
    std::fs::rename(&renamed, &misnamed).unwrap();
    assert_eq!(fault(&misnamed, read(&misnamed)), SegmentFault::Foreign);
}

#[test]
fn a_segment_is_never_overwritten_and_a_killed_write_leaves_nothing_in_the_way() {
    let (_dir, device_dir) = device_folder();
    // What a write killed before its rename leaves behind.
    std::fs::write(device_dir.join(".0000000001.seg.tmp"), b"half a segm").unwrap();
    let path = write_segment(&device_dir, &key(), &header(1), &body(1)).unwrap();
    assert_eq!(names(&device_dir), ["0000000001.seg"]);
    let written = std::fs::read(&path).unwrap();

    let again = write_segment(&device_dir, &key(), &header(1), b"other changes");
    match again {
        Err(Error::Segment { fault, path: named, .. }) => {
            assert_eq!(fault, SegmentFault::Exists);
            assert_eq!(named, path);
        }
        other => panic!("a segment was overwritten: {other:?}"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), written);
    assert_eq!(names(&device_dir), ["0000000001.seg"]);
}

#[test]
fn a_segment_is_written_only_into_its_device_s_folder_and_within_the_size_limit() {
    let (dir, device_dir) = device_folder();
    let refused = write_segment(dir.path(), &key(), &header(1), &body(1));
    assert!(refused.is_err_and(|e| e.is_usage() && e.to_string().contains(DEVICE)));

    let too_large = vec![0u8; MAX_SEGMENT_BYTES as usize];
    let refused = write_segment(&device_dir, &key(), &header(1), &too_large);
    assert!(refused.is_err_and(|e| e.is_usage() && e.to_string().contains("64 MiB")));
    assert!(names(&device_dir).is_empty());
}

#[test]
fn a_file_over_the_limit_or_not_a_file_is_refused_before_it_is_read() {
    let (_dir, device_dir) = device_folder();
    let path = device_dir.join("0000000001.seg");
    // Sparse: refused by its size, which no read of it could take that long to find.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAX_SEGMENT_BYTES + 1)
        .unwrap();
    let refused = read(&path);
    assert!(refused.as_ref().is_err_and(|e| e.to_string().contains("64 MiB")));
    assert_eq!(fault(&path, refused), SegmentFault::Damaged);

    let folder = device_dir.join("0000000002.seg");
    std::fs::create_dir(&folder).unwrap();
    assert_eq!(fault(&folder, read(&folder)), SegmentFault::Damaged);
}

#[test]
fn listing_gives_segments_by_seq_and_leaves_out_temporary_and_conflict_files() {
    let (_dir, device_dir) = device_folder();
    for seq in [10, 1, 2] {
        write_segment(&device_dir, &key(), &header(seq), &body(seq)).unwrap();
    }
    for other in [
        ".0000000003.seg.tmp",
        ".syncthing.0000000004.seg.tmp",
        "~syncthing~0000000004.seg.tmp",
        "0000000001.sync-conflict-20261130-120000-ABCDEFG.seg",
        "1.seg",
        "00000000005.seg",
        "0000000005.seg.part",
        "snapshot-1.seg",
        "device.json",
    ] {
        std::fs::write(device_dir.join(other), b"not a segment").unwrap();
    }
    std::fs::create_dir(device_dir.join("0000000006.seg")).unwrap();
    let listed = list_segments(&device_dir).unwrap();
    let expected: Vec<(u64, PathBuf)> = [1, 2, 10].map(|seq| (seq, segment_path(&device_dir, seq))).into();
    assert_eq!(listed, expected);

    let missing = device_dir.with_file_name("never-synced");
    assert!(list_segments(&missing).is_err_and(|e| e.code() == crate::ErrorCode::Io));
}
