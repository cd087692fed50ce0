//! Journals syncing through real folders: what each device sees after the others' segments arrive.

mod replicas;
mod scenarios;

use chrono::{DateTime, Duration, FixedOffset};
use tempfile::TempDir;

use crate::crypto::{Argon2Cost, Passphrase};
use crate::{EntryChanges, Kind, NewEntry, Store};

/// Argon2id's smallest cost: these tests check sync, not the KDF's strength.
const CHEAP: Argon2Cost = Argon2Cost {
    memory_kib: 8,
    passes: 1,
    lanes: 1,
};

fn passphrase() -> Passphrase {
    Passphrase::new(zeroize::Zeroizing::new("correct horse battery".to_owned()))
}

/// Noon on 2025-06-01 in Berlin, plus `minutes`.
fn at(minutes: i64) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-06-01T12:00:00+02:00").unwrap() + Duration::minutes(minutes)
}

/// One device's journal, in a folder of its own.
struct Device {
    _dir: TempDir,
    store: Store,
}

impl Device {
    fn new() -> Device {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("journal.sqlite3")).unwrap();
        Device { _dir: dir, store }
    }

    fn add(&mut self, text: &str, minute: i64) -> String {
        let mut draft = NewEntry::new(Kind::Win, text);
        draft.occurred_at = Some(at(minute));
        self.store.add(draft, &at(minute)).unwrap().id
    }

    fn edit_text(&mut self, id: &str, text: &str, minute: i64) {
        let changes = EntryChanges {
            text: Some(text.to_owned()),
            ..EntryChanges::default()
        };
        self.store.edit(id, changes, &at(minute)).unwrap();
    }

    fn text_of(&self, id: &str) -> String {
        self.store.get(id).unwrap().text
    }

    fn sync(&mut self, minute: i64) -> super::Synced {
        self.store.sync(&at(minute)).unwrap()
    }

    /// Every synced table as it reads here (deleted rows, tags by name and conflicts included),
    /// without what belongs to one device: two devices that merged the same changes print the
    /// same.
    fn contents(&self) -> String {
        let conn = &self.store.conn;
        let mut out = String::new();
        for table in super::tables::TABLES {
            let columns: Vec<&str> = if table.columns.is_empty() {
                std::iter::once(table.key)
                    .chain(table.fields.iter().flat_map(|(_, columns)| columns.iter().copied()))
                    .collect()
            } else {
                table.columns.iter().copied().filter(|c| *c != "next_due_at").collect()
            };
            let json: String = conn
                .query_row(
                    &format!(
                        "SELECT json_group_array({}) FROM (SELECT * FROM {} ORDER BY {})",
                        super::tables::Table::json_of(&columns),
                        table.name,
                        table.key
                    ),
                    [],
                    |row| row.get(0),
                )
                .unwrap();
            out.push_str(&format!("{}: {json}\n", table.name));
        }
        for sql in [
            "SELECT json_group_array(json_array(entry_id, name, occurred_at, kind, live)) FROM \
             (SELECT l.entry_id, t.name, l.occurred_at, l.kind, l.live FROM entry_tags l JOIN tags t ON t.id = l.tag_id \
              ORDER BY l.entry_id, t.key)",
            "SELECT json_group_array(json_array(entry_id, name, occurred_at, live)) FROM \
             (SELECT l.entry_id, p.name, l.occurred_at, l.live FROM entry_people l JOIN people p ON p.id = l.person_id \
              ORDER BY l.entry_id, p.key)",
            "SELECT json_group_array(json_array(entry_id, field, clock, device, value)) FROM \
             (SELECT * FROM sync_conflicts ORDER BY entry_id, field, clock, device)",
        ] {
            let json: String = conn.query_row(sql, [], |row| row.get(0)).unwrap();
            out.push_str(&json);
            out.push('\n');
        }
        out
    }
}

/// A sync folder and a first device that set it up, with `others` devices joined.
fn devices(others: usize) -> (TempDir, Vec<Device>) {
    let folder = tempfile::tempdir().unwrap();
    let mut first = Device::new();
    first
        .store
        .sync_init(folder.path(), &passphrase(), CHEAP, &at(0))
        .unwrap();
    let mut all = vec![first];
    for _ in 0..others {
        let mut device = Device::new();
        device.store.sync_join(folder.path(), &passphrase(), &at(0)).unwrap();
        all.push(device);
    }
    (folder, all)
}
