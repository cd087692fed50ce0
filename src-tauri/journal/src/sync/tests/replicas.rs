//! The property test of sync: two to five devices, each with its own copy of the sync folder, do
//! what people do with a journal (adds far more than edits, then tags, stars, deletes, settings),
//! with clocks up to a day apart; the replicator delivers segments between the copies in any
//! order, twice, half-copied, or not until the end. After a full exchange every device holds the
//! same journal, every version of an entry's words that nobody edited further is shown or kept
//! as a conflict, and a new device that joins rebuilds the same journal from the folder alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use proptest::prelude::*;

use super::{CHEAP, Device, at, passphrase};
use crate::{EntryChanges, Settings};

#[derive(Debug, Clone)]
enum Op {
    /// The replicator copies a file the other copy has already, again.
    Redeliver {
        from: usize,
        to: usize,
        pick: u64,
    },
    Snapshot {
        device: usize,
    },
    AddGoal {
        device: usize,
    },
    Measure {
        device: usize,
        milestone: usize,
        value: u8,
    },
    Settle {
        device: usize,
        pick: usize,
        keep_other: bool,
    },
    Add {
        device: usize,
        tag: Option<usize>,
    },
    EditText {
        device: usize,
        entry: usize,
    },
    Tag {
        device: usize,
        entry: usize,
        tag: usize,
        add: bool,
    },
    Star {
        device: usize,
        entry: usize,
    },
    Delete {
        device: usize,
        entry: usize,
    },
    Restore {
        device: usize,
        entry: usize,
    },
    FollowupDays {
        device: usize,
        days: u32,
    },
    Sync {
        device: usize,
    },
    Deliver {
        from: usize,
        to: usize,
        pick: u64,
        half: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let d = 0..5usize;
    prop_oneof![
        12 => (d.clone(), proptest::option::of(0..4usize)).prop_map(|(device, tag)| Op::Add { device, tag }),
        4 => (d.clone(), 0..40usize).prop_map(|(device, entry)| Op::EditText { device, entry }),
        3 => (d.clone(), 0..40usize, 0..4usize, any::<bool>())
            .prop_map(|(device, entry, tag, add)| Op::Tag { device, entry, tag, add }),
        2 => (d.clone(), 0..40usize).prop_map(|(device, entry)| Op::Star { device, entry }),
        1 => (d.clone(), 0..40usize).prop_map(|(device, entry)| Op::Delete { device, entry }),
        1 => (d.clone(), 0..40usize).prop_map(|(device, entry)| Op::Restore { device, entry }),
        1 => (d.clone(), 1..30u32).prop_map(|(device, days)| Op::FollowupDays { device, days }),
        1 => d.clone().prop_map(|device| Op::AddGoal { device }),
        1 => d.clone().prop_map(|device| Op::Snapshot { device }),
        2 => (d.clone(), d.clone(), any::<u64>()).prop_map(|(from, to, pick)| Op::Redeliver { from, to, pick }),
        2 => (d.clone(), 0..8usize, 0..12u8).prop_map(|(device, milestone, value)| Op::Measure { device, milestone, value }),
        1 => (d.clone(), 0..4usize, any::<bool>()).prop_map(|(device, pick, keep_other)| Op::Settle { device, pick, keep_other }),
        6 => d.clone().prop_map(|device| Op::Sync { device }),
        6 => (d.clone(), d, any::<u64>(), any::<bool>())
            .prop_map(|(from, to, pick, half)| Op::Deliver { from, to, pick, half }),
    ]
}

/// Tag names that differ only in case: one tag by key, spelt as first written.
const TAGS: [&str; 4] = ["focus", "Focus", "team", "health"];

/// Every file under `from` that `to` lacks (or holds only part of), as relative paths.
fn missing_files(from: &Path, to: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![from.to_owned()];
    while let Some(folder) = folders.pop() {
        for item in std::fs::read_dir(&folder).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let relative = path.strip_prefix(from).unwrap().to_owned();
            let there = to.join(&relative);
            let whole = std::fs::metadata(&path).unwrap().len();
            if std::fs::metadata(&there).map_or(true, |m| m.len() < whole) {
                found.push(relative);
            }
        }
    }
    found.sort();
    found
}

/// Copies `relative` from one folder copy to another as a replicator would: whole, or (`half`) its
/// first half, as seen while the copy is under way.
fn deliver(from: &Path, to: &Path, relative: &Path, half: bool) {
    let bytes = std::fs::read(from.join(relative)).unwrap();
    let target = to.join(relative);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let len = if half { bytes.len() / 2 } else { bytes.len() };
    std::fs::write(target, &bytes[..len]).unwrap();
}

struct World {
    folders: Vec<tempfile::TempDir>,
    devices: Vec<Device>,
    /// Each device's clock, in minutes from the tests' noon: up to a day apart.
    skews: Vec<i64>,
    minute: i64,
    entries: Vec<String>,
    milestones: Vec<String>,
    /// Every version of every entry's words, and those a device edited further.
    written: BTreeMap<String, BTreeSet<String>>,
    edited_over: BTreeSet<(String, String)>,
    counter: usize,
}

impl World {
    fn new(skews: Vec<i64>) -> World {
        let count = skews.len();
        let folders: Vec<tempfile::TempDir> = (0..count).map(|_| tempfile::tempdir().unwrap()).collect();
        let mut devices = Vec::new();
        let mut first = Device::new();
        first
            .store
            .sync_init(folders[0].path(), &passphrase(), CHEAP, &at(skews[0]))
            .unwrap();
        devices.push(first);
        for (i, folder) in folders.iter().enumerate().skip(1) {
            // The folder key has reached this device's copy; then it joins.
            for relative in missing_files(folders[0].path(), folder.path()) {
                if relative.ends_with("keys") {
                    deliver(folders[0].path(), folder.path(), &relative, false);
                }
            }
            let mut device = Device::new();
            device
                .store
                .sync_join(folder.path(), &passphrase(), &at(skews[i]))
                .unwrap();
            devices.push(device);
        }
        World {
            folders,
            devices,
            skews,
            minute: 1,
            entries: Vec::new(),
            milestones: Vec::new(),
            written: BTreeMap::new(),
            edited_over: BTreeSet::new(),
            counter: 0,
        }
    }

    fn now(&mut self, device: usize) -> chrono::DateTime<chrono::FixedOffset> {
        self.minute += 1;
        at(self.minute + self.skews[device])
    }

    fn run(&mut self, op: Op) {
        let n = self.devices.len();
        match op {
            Op::Add { device, tag } => {
                let device = device % n;
                self.counter += 1;
                let text = match tag {
                    Some(tag) => format!("Win {} #{}", self.counter, TAGS[tag]),
                    None => format!("Win {}", self.counter),
                };
                let now = self.now(device);
                let mut draft = crate::NewEntry::new(crate::Kind::Win, text.clone());
                draft.occurred_at = Some(now);
                let id = self.devices[device].store.add(draft, &now).unwrap().id;
                self.written.entry(id.clone()).or_default().insert(text);
                self.entries.push(id);
            }
            Op::EditText { device, entry } => {
                let device = device % n;
                let Some(id) = self.entries.get(entry % self.entries.len().max(1)).cloned() else {
                    return;
                };
                let Ok(current) = self.devices[device].store.get(&id) else {
                    return;
                };
                self.counter += 1;
                let text = format!("Edited {} on device {device}", self.counter);
                let now = self.now(device);
                let changes = EntryChanges {
                    text: Some(text.clone()),
                    ..EntryChanges::default()
                };
                if self.devices[device].store.edit(&id, changes, &now).is_ok() {
                    self.edited_over.insert((id.clone(), current.text));
                    self.written.entry(id).or_default().insert(text);
                }
            }
            Op::Tag {
                device,
                entry,
                tag,
                add,
            } => {
                let device = device % n;
                let Some(id) = self.entries.get(entry % self.entries.len().max(1)).cloned() else {
                    return;
                };
                let now = self.now(device);
                let changes = if add {
                    EntryChanges {
                        add_tags: vec![TAGS[tag].to_owned()],
                        ..EntryChanges::default()
                    }
                } else {
                    EntryChanges {
                        remove_tags: vec![TAGS[tag].to_owned()],
                        ..EntryChanges::default()
                    }
                };
                let _ = self.devices[device].store.edit(&id, changes, &now);
            }
            Op::Star { device, entry } => {
                let device = device % n;
                let Some(id) = self.entries.get(entry % self.entries.len().max(1)).cloned() else {
                    return;
                };
                let Ok(current) = self.devices[device].store.get(&id) else {
                    return;
                };
                let now = self.now(device);
                let changes = EntryChanges {
                    starred: Some(!current.starred),
                    ..EntryChanges::default()
                };
                let _ = self.devices[device].store.edit(&id, changes, &now);
            }
            Op::Delete { device, entry } | Op::Restore { device, entry } => {
                let device = device % n;
                let Some(id) = self.entries.get(entry % self.entries.len().max(1)).cloned() else {
                    return;
                };
                let now = self.now(device);
                let store = &mut self.devices[device].store;
                let _ = if matches!(op, Op::Delete { .. }) {
                    store.remove(&id, &now)
                } else {
                    store.restore(&id, &now)
                };
            }
            Op::FollowupDays { device, days } => {
                let device = device % n;
                let store = &mut self.devices[device].store;
                let settings = Settings {
                    followup_days: days,
                    ..store.settings().unwrap()
                };
                store.save_settings(settings).unwrap();
            }
            Op::Redeliver { from, to, pick } => {
                let (from, to) = (from % n, to % n);
                let all = missing_files(self.folders[from].path(), tempfile::tempdir().unwrap().path());
                // A replicator never puts a shorter copy over a longer one.
                let len = |path: std::path::PathBuf| std::fs::metadata(path).map_or(0, |m| m.len());
                let there: Vec<_> = all
                    .iter()
                    .filter(|relative| self.folders[to].path().join(relative).is_file())
                    .filter(|relative| {
                        len(self.folders[from].path().join(relative)) >= len(self.folders[to].path().join(relative))
                    })
                    .collect();
                if from != to && !there.is_empty() {
                    let relative = there[(pick % there.len() as u64) as usize];
                    deliver(self.folders[from].path(), self.folders[to].path(), relative, false);
                }
            }
            Op::Snapshot { device } => {
                let device = device % n;
                let now = self.now(device);
                self.devices[device].store.sync_snapshot(&now).unwrap();
            }
            Op::AddGoal { device } => {
                let device = device % n;
                let now = self.now(device);
                self.counter += 1;
                let goal = crate::NewGoal {
                    title: format!("Goal {}", self.counter),
                    milestones: vec![crate::NewMilestone {
                        title: "Ten demos".to_owned(),
                        baseline: Some(0.0),
                        target: Some(10.0),
                        unit: Some("demos".to_owned()),
                        ..crate::NewMilestone::default()
                    }],
                    ..crate::NewGoal::default()
                };
                let goal = self.devices[device].store.add_goal(goal, &now).unwrap();
                self.milestones.extend(goal.milestones.into_iter().map(|m| m.id));
            }
            Op::Measure {
                device,
                milestone,
                value,
            } => {
                let device = device % n;
                let Some(id) = self.milestones.get(milestone % self.milestones.len().max(1)).cloned() else {
                    return;
                };
                let now = self.now(device);
                let draft = crate::NewMeasurement {
                    value: f64::from(value),
                    measured_at: None,
                    note: None,
                    confirmed: true,
                };
                let _ = self.devices[device].store.measure(&id, draft, &now);
            }
            Op::Settle {
                device,
                pick,
                keep_other,
            } => {
                let device = device % n;
                let conflicts = self.devices[device].store.sync_conflicts().unwrap();
                let Some(conflict) = conflicts.get(pick % conflicts.len().max(1)) else {
                    return;
                };
                let now = self.now(device);
                let (id, field, version) = (
                    conflict.entry_id.clone(),
                    conflict.field.clone(),
                    conflict.version.clone(),
                );
                let shown = conflict.current.clone().unwrap_or_default();
                if self.devices[device]
                    .store
                    .resolve_conflict(&id, &field, &version, keep_other, &now)
                    .is_ok()
                {
                    // Chosen: both versions were seen, and the one not kept was put aside on purpose.
                    self.edited_over.insert((id.clone(), shown));
                    self.edited_over
                        .insert((id, conflict.other.clone().unwrap_or_default()));
                }
            }
            Op::Sync { device } => {
                let device = device % n;
                let now = self.now(device);
                self.devices[device].store.sync(&now).unwrap();
            }
            Op::Deliver { from, to, pick, half } => {
                let (from, to) = (from % n, to % n);
                if from == to {
                    return;
                }
                let missing = missing_files(self.folders[from].path(), self.folders[to].path());
                if !missing.is_empty() {
                    let relative = &missing[(pick % missing.len() as u64) as usize];
                    deliver(self.folders[from].path(), self.folders[to].path(), relative, half);
                }
            }
        }
    }

    /// Every device writes what it has, the replicator delivers every file everywhere, and every
    /// device merges.
    fn exchange_everything(&mut self) {
        for _ in 0..2 {
            for device in 0..self.devices.len() {
                self.run(Op::Sync { device });
            }
            for from in 0..self.folders.len() {
                for to in 0..self.folders.len() {
                    if from != to {
                        for relative in missing_files(self.folders[from].path(), self.folders[to].path()) {
                            deliver(self.folders[from].path(), self.folders[to].path(), &relative, false);
                        }
                    }
                }
            }
            for device in 0..self.devices.len() {
                self.run(Op::Sync { device });
            }
        }
    }
}

proptest! {
    // 24 cases in the suite; PROPTEST_CASES=500 for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    #[test]
    fn devices_that_exchanged_everything_hold_the_same_journal(
        skews in proptest::collection::vec(-1440i64..=1440, 2..=5),
        ops in proptest::collection::vec(op(), 1..60),
    ) {
        let mut world = World::new(skews);
        for op in ops {
            world.run(op);
        }
        world.exchange_everything();

        let first = world.devices[0].contents();
        let export = |device: &Device| {
            let archive = device.store.archive(&crate::Filter::default(), &at(0)).unwrap();
            serde_json::to_string(&archive).unwrap()
        };
        let first_export = export(&world.devices[0]);
        for device in &world.devices[1..] {
            prop_assert_eq!(&device.contents(), &first);
            prop_assert_eq!(&export(device), &first_export);
        }
        for device in &world.devices {
            let verified = device.store.verify().unwrap();
            prop_assert!(verified.ok, "{:?}", verified);
        }
        // Words nobody edited further are shown, or kept as a conflict.
        let store = &world.devices[0].store;
        let kept: BTreeSet<(String, String)> = store
            .sync_conflicts()
            .unwrap()
            .into_iter()
            .filter_map(|conflict| Some((conflict.entry_id, conflict.other?)))
            .collect();
        for (id, texts) in &world.written {
            let shown: String = store.conn.query_row("SELECT text FROM entries WHERE id = ?1", [id], |row| row.get(0)).unwrap();
            for text in texts {
                let pair = (id.clone(), text.clone());
                prop_assert!(
                    *text == shown || kept.contains(&pair) || world.edited_over.contains(&pair),
                    "the words {:?} of {} are lost", text, id
                );
            }
        }
        // A new device rebuilds the same journal from the folder alone: from every device's
        // segments, and from a snapshot and the segments after it.
        world.run(Op::Snapshot { device: 0 });
        let segments_only = tempfile::tempdir().unwrap();
        for relative in missing_files(world.folders[0].path(), segments_only.path()) {
            if !relative.components().any(|part| part.as_os_str() == "snapshots") {
                deliver(world.folders[0].path(), segments_only.path(), &relative, false);
            }
        }
        let mut replaying = Device::new();
        replaying.store.sync_join(segments_only.path(), &passphrase(), &at(world.minute + 1)).unwrap();
        prop_assert_eq!(replaying.contents(), first.clone());
        let mut from_snapshot = Device::new();
        let joined = from_snapshot.store.sync_join(world.folders[0].path(), &passphrase(), &at(world.minute + 1)).unwrap();
        prop_assert_eq!(from_snapshot.contents(), first);
        prop_assert!(joined.warnings.is_empty(), "{:?}", joined.warnings);
    }
}
