//! Two or three devices sharing one folder, step by step.

use super::{Device, at, devices, passphrase};
use crate::sync::Warning;
use crate::sync::folder::{device_dir, journal_dir};
use crate::sync::segment::segment_path;
use crate::{EntryChanges, Error};

#[test]
fn an_entry_added_on_one_device_is_on_the_other_after_both_sync() {
    let (_folder, mut devices) = devices(1);
    let laptop_entry = devices[0].add("Shipped the onboarding flow #work", 1);
    devices[0].sync(2);
    let merged = devices[1].sync(3);
    assert_eq!(merged.merged.new_entries, 1);
    assert_eq!(devices[1].text_of(&laptop_entry), "Shipped the onboarding flow #work");
    assert_eq!(devices[1].store.get(&laptop_entry).unwrap().tags, ["work"]);

    let desk_entry = devices[1].add("Ran the retro with +Dana", 4);
    devices[1].sync(5);
    devices[0].sync(6);
    assert_eq!(devices[0].store.get(&desk_entry).unwrap().people, ["Dana"]);
    assert_eq!(devices[0].contents(), devices[1].contents());
}

#[test]
fn a_device_that_joins_builds_the_whole_journal_from_the_folder() {
    let folder = tempfile::tempdir().unwrap();
    let mut first = Device::new();
    let ids: Vec<String> = (0..12)
        .map(|i| first.add(&format!("Win number {i} #streak"), i))
        .collect();
    first.store.remove(&ids[3], &at(20)).unwrap();
    first
        .store
        .sync_init(folder.path(), &passphrase(), super::CHEAP, &at(21))
        .unwrap();

    let mut second = Device::new();
    let joined = second.store.sync_join(folder.path(), &passphrase(), &at(22)).unwrap();
    assert_eq!(joined.merged.new_entries, 12);
    assert!(second.store.get(&ids[3]).is_err(), "a deleted entry stays deleted");
    assert_eq!(second.contents(), first.contents());
    assert!(
        second.store.verify().unwrap().ok,
        "the search index is whole after a merge: {:?}",
        second.store.verify().unwrap()
    );
}

#[test]
fn later_edits_win_field_by_field() {
    let (_folder, mut devices) = devices(1);
    let id = devices[0].add("Gave the talk", 1);
    devices[0].sync(2);
    devices[1].sync(3);
    // The laptop stars it; the desktop, later, changes its mood: both changes stay.
    devices[0]
        .store
        .edit(
            &id,
            EntryChanges {
                starred: Some(true),
                ..EntryChanges::default()
            },
            &at(4),
        )
        .unwrap();
    devices[1]
        .store
        .edit(
            &id,
            EntryChanges {
                mood: Some(Some(5)),
                ..EntryChanges::default()
            },
            &at(5),
        )
        .unwrap();
    for minute in [6, 7, 8] {
        devices[0].sync(minute);
        devices[1].sync(minute);
    }
    for device in &devices {
        let entry = device.store.get(&id).unwrap();
        assert!(entry.starred);
        assert_eq!(entry.mood, Some(5));
    }
    assert_eq!(devices[0].contents(), devices[1].contents());
}

/// Two devices that synced an entry, then each edited its words before syncing again: the laptop
/// first (minute 4), the desktop after (minute 5). Returns the folder, the devices and the entry.
fn edited_on_both() -> (tempfile::TempDir, Vec<Device>, String) {
    let (folder, mut devices) = devices(1);
    let id = devices[0].add("Demo went fine", 1);
    devices[0].sync(2);
    devices[1].sync(3);
    devices[0].edit_text(&id, "Demo went well: the client signed", 4);
    devices[1].edit_text(&id, "Demo went fine, two questions open", 5);
    for minute in [6, 7] {
        devices[0].sync(minute);
        devices[1].sync(minute);
    }
    (folder, devices, id)
}

#[test]
fn words_edited_on_two_devices_from_one_version_keep_both() {
    let (_folder, devices, id) = edited_on_both();
    for device in &devices {
        // The later edit shows; the other is kept, never dropped.
        assert_eq!(device.text_of(&id), "Demo went fine, two questions open");
        let conflicts = device.store.sync_conflicts().unwrap();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].other.as_deref(), Some("Demo went well: the client signed"));
    }
    assert_eq!(devices[0].contents(), devices[1].contents());
}

#[test]
fn an_edit_on_top_of_another_devices_edit_is_no_conflict() {
    let (_folder, mut devices) = devices(1);
    let id = devices[0].add("Draft", 1);
    devices[0].sync(2);
    devices[1].sync(3);
    devices[1].edit_text(&id, "Draft, reviewed", 4);
    devices[1].sync(5);
    devices[0].sync(6);
    devices[0].edit_text(&id, "Draft, reviewed and sent", 7);
    devices[0].sync(8);
    devices[1].sync(9);
    for device in &devices {
        assert_eq!(device.text_of(&id), "Draft, reviewed and sent");
        assert!(device.store.sync_conflicts().unwrap().is_empty());
    }
}

#[test]
fn a_tag_keeps_the_spelling_first_written_on_every_device() {
    let (_folder, mut devices) = devices(1);
    devices[0].add("Morning pages #Focus", 1);
    devices[1].add("Deep work block #FOCUS", 2);
    for minute in [3, 4] {
        devices[0].sync(minute);
        devices[1].sync(minute);
    }
    for device in &devices {
        let tags = device.store.tags().unwrap();
        assert_eq!(tags.len(), 1, "one tag by its key");
        assert_eq!(tags[0].name, "Focus");
        assert_eq!(tags[0].count, 2);
    }
    assert_eq!(devices[0].contents(), devices[1].contents());
}

#[test]
fn a_half_copied_segment_waits_and_nothing_is_lost() {
    let (folder, mut devices) = devices(1);
    let id = devices[0].add("Closed the quarter", 1);
    devices[0].sync(2);
    // The replicator has written half of the laptop's new segment on the desktop.
    let status = devices[0].store.sync_status().unwrap().unwrap();
    let segment = segment_path(
        &device_dir(&journal_dir(folder.path(), &status.journal_id), &status.device_id),
        status.devices[0].segments,
    );
    let whole = std::fs::read(&segment).unwrap();
    std::fs::write(&segment, &whole[..whole.len() / 2]).unwrap();
    let synced = devices[1].sync(3);
    assert!(
        matches!(synced.warnings.as_slice(), [Warning::BeingCopied { .. }]),
        "{:?}",
        synced.warnings
    );
    assert!(devices[1].store.get(&id).is_err());
    std::fs::write(&segment, &whole).unwrap();
    let synced = devices[1].sync(4);
    assert!(synced.warnings.is_empty(), "{:?}", synced.warnings);
    assert_eq!(devices[1].text_of(&id), "Closed the quarter");
}

#[test]
fn the_wrong_passphrase_joins_nothing() {
    let (folder, _devices) = devices(0);
    let mut other = Device::new();
    let wrong = crate::crypto::Passphrase::new(zeroize::Zeroizing::new("not it at all".to_owned()));
    assert!(matches!(
        other.store.sync_join(folder.path(), &wrong, &at(1)),
        Err(Error::WrongSecret)
    ));
    assert!(other.store.sync_status().unwrap().is_none());
}

#[test]
fn a_journal_that_syncs_writes_each_change_once() {
    let (_folder, mut devices) = devices(1);
    devices[0].add("One", 1);
    let first = devices[0].sync(2);
    assert_eq!((first.segments_written, first.published), (1, 1));
    let again = devices[0].sync(3);
    assert_eq!(
        (again.segments_written, again.published),
        (0, 0),
        "nothing new, nothing written"
    );
    // What the other device merged is not written again as this one's.
    devices[1].sync(4);
    let after_merge = devices[1].sync(5);
    assert_eq!(after_merge.segments_written, 0);
}

#[test]
fn a_conflict_settled_on_one_device_is_settled_on_all() {
    let (_folder, mut devices, id) = edited_on_both();
    let conflict = devices[0].store.sync_conflicts().unwrap().remove(0);
    devices[0]
        .store
        .resolve_conflict(&id, "text", &conflict.version, true, &at(8))
        .unwrap();
    assert!(devices[0].store.sync_conflicts().unwrap().is_empty());
    for minute in [9, 10] {
        devices[0].sync(minute);
        devices[1].sync(minute);
    }
    for device in &devices {
        assert_eq!(device.text_of(&id), "Demo went well: the client signed");
        assert!(device.store.sync_conflicts().unwrap().is_empty(), "settled everywhere");
    }
    assert_eq!(devices[0].contents(), devices[1].contents());
}

#[test]
fn a_segment_recorded_but_never_written_is_written_again() {
    let (folder, mut devices) = devices(1);
    let id = devices[0].add("Written before the crash", 1);
    devices[0].sync(2);
    // A crash after the journal recorded the segment and before the file was there.
    let status = devices[0].store.sync_status().unwrap().unwrap();
    let own = device_dir(&journal_dir(folder.path(), &status.journal_id), &status.device_id);
    std::fs::remove_file(segment_path(&own, status.devices[0].segments)).unwrap();
    let again = devices[0].sync(3);
    assert_eq!(again.segments_written, 1, "{again:?}");
    devices[1].sync(4);
    assert_eq!(devices[1].text_of(&id), "Written before the crash");
    assert_eq!(devices[0].contents(), devices[1].contents());
}

#[test]
fn a_copied_journal_syncs_as_a_device_of_its_own() {
    let (_folder, mut devices) = devices(1);
    devices[0].add("Before the copy", 1);
    devices[0].sync(2);
    // The laptop's journal restored elsewhere from a copy, while the laptop goes on writing.
    let copy_dir = tempfile::tempdir().unwrap();
    let copy_path = copy_dir.path().join("journal.sqlite3");
    devices[0].store.backup_to(&copy_path).unwrap();
    devices[0].add("The laptop after the copy", 3);
    devices[0].sync(4);
    let mut copy = super::Device {
        store: crate::Store::open(&copy_path).unwrap(),
        _dir: copy_dir,
    };
    copy.add("The copy after the copy", 5);
    let synced = copy.sync(6);
    assert!(
        synced.warnings.iter().any(|w| matches!(w, Warning::NewDeviceId { .. })),
        "{:?}",
        synced.warnings
    );
    for minute in [7, 8] {
        for device in devices.iter_mut().chain(std::iter::once(&mut copy)) {
            device.sync(minute);
        }
    }
    let mut texts: Vec<String> = copy
        .store
        .export_entries(&crate::Filter::default())
        .unwrap()
        .into_iter()
        .map(|e| e.text)
        .collect();
    texts.sort();
    assert_eq!(
        texts,
        [
            "Before the copy",
            "The copy after the copy",
            "The laptop after the copy"
        ]
    );
    assert_eq!(copy.contents(), devices[0].contents());
    assert_eq!(devices[1].contents(), devices[0].contents());
}

#[test]
fn a_journal_that_left_and_joins_again_adds_nothing_twice() {
    let (folder, mut devices) = devices(1);
    devices[0].add("Shared", 1);
    devices[0].sync(2);
    devices[1].sync(3);
    devices[1].store.sync_leave().unwrap();
    let capture_triggers: i64 = devices[1]
        .store
        .conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name GLOB 'sync_*'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(capture_triggers, 0, "a journal that left keeps no capture triggers");
    devices[1].add("Written while away", 4);
    devices[1]
        .store
        .sync_join(folder.path(), &passphrase(), &at(5))
        .unwrap();
    devices[0].sync(6);
    assert_eq!(
        devices[0]
            .store
            .export_entries(&crate::Filter::default())
            .unwrap()
            .len(),
        2
    );
    assert_eq!(devices[0].contents(), devices[1].contents());
}

#[test]
fn settings_saved_on_two_devices_before_they_synced_settle_alike() {
    let folder = tempfile::tempdir().unwrap();
    let mut laptop = Device::new();
    let mut desktop = Device::new();
    for (device, days) in [(&mut laptop, 3), (&mut desktop, 9)] {
        let settings = crate::Settings {
            followup_days: days,
            ..device.store.settings().unwrap()
        };
        device.store.save_settings(settings).unwrap();
    }
    laptop
        .store
        .sync_init(folder.path(), &passphrase(), super::CHEAP, &at(1))
        .unwrap();
    desktop.store.sync_join(folder.path(), &passphrase(), &at(2)).unwrap();
    laptop.sync(3);
    desktop.sync(4);
    assert_eq!(
        laptop.store.settings().unwrap().followup_days,
        desktop.store.settings().unwrap().followup_days
    );
    assert_eq!(laptop.contents(), desktop.contents());
}
