//! The weekly "send the team digest" reminder: what it says (counts of what is shared, never an
//! entry's text), the screen it opens, and the migration that lets the reminders table hold it.

use rusqlite::Connection;

use super::rhythm::{berlin, reminder};
use super::{journal, now, win};
use crate::export_import::{ExportFormat, export, read_source};
use crate::{Error, Filter, Kind, NewEntry, NewReminder, ReminderKind, Store};

fn shared(draft: NewEntry) -> NewEntry {
    NewEntry {
        shareable: true,
        ..draft
    }
}

#[test]
fn a_digest_reminder_counts_what_is_shared_and_shows_no_entry_text() {
    let (_dir, mut store) = journal();
    // 2025-01-10 is a Friday; weeks start on Monday.
    let rule = store
        .add_reminder(
            reminder(ReminderKind::Digest, "16:00", Some("fri")),
            &berlin("2025-01-06 12:00"),
        )
        .unwrap();
    assert_eq!(rule.description, "Team digest every Friday at 16:00");
    assert_eq!(rule.next_due_at, berlin("2025-01-10 16:00").to_utc());
    store
        .add(
            shared(win("Shipped the parser with +Ana", "2025-01-07T10:00:00+01:00")),
            &now(),
        )
        .unwrap();
    store
        .add(win("Asked for the raise", "2025-01-08T10:00:00+01:00"), &now())
        .unwrap();
    let setback = NewEntry {
        kind: Kind::Setback,
        lesson: Some("Ask for review sooner".into()),
        ..win("Missed the demo", "2025-01-09T10:00:00+01:00")
    };
    store.add(shared(setback), &now()).unwrap();
    // Last week's shared win is not this week's.
    store
        .add(shared(win("Old news", "2025-01-03T10:00:00+01:00")), &now())
        .unwrap();

    let fired = store.fire_due_reminders(&berlin("2025-01-10 16:00")).unwrap();
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0].kind, ReminderKind::Digest);
    assert_eq!(fired[0].kind.screen(), "team");
    assert_eq!(fired[0].title, "Team digest");
    assert_eq!(
        fired[0].body,
        "This week: 1 win and 1 setback shared. Copy the digest for the team."
    );

    // A week with nothing shared still reminds, and says what to do.
    let fired = store.fire_due_reminders(&berlin("2025-01-17 16:00")).unwrap();
    assert_eq!(
        fired[0].body,
        "This week: nothing is shared yet. Mark the wins worth telling the team as shareable, then send the digest."
    );
    assert_eq!(
        store.reminder(&rule.id).unwrap().next_due_at,
        berlin("2025-01-24 16:00").to_utc()
    );
}

#[test]
fn a_digest_reminder_needs_a_day_and_has_no_always() {
    let (_dir, store) = journal();
    let at = berlin("2025-01-06 12:00");
    let refused = store.add_reminder(reminder(ReminderKind::Digest, "16:00", None), &at);
    assert!(
        matches!(&refused, Err(Error::Invalid { message, .. }) if message == "a digest reminder needs a day, e.g. fri"),
        "{refused:?}"
    );
    let always = NewReminder {
        quiet_when_done: Some(false),
        ..reminder(ReminderKind::Digest, "16:00", Some("fri"))
    };
    let refused = store.add_reminder(always, &at);
    assert!(
        matches!(&refused, Err(Error::Invalid { message, .. }) if message.contains("fires every week")),
        "{refused:?}"
    );
    assert!(store.reminders().unwrap().is_empty());
}

#[test]
fn a_digest_reminder_travels_in_the_json_export() {
    let (dir, store) = journal();
    store
        .add_reminder(
            reminder(ReminderKind::Digest, "16:00", Some("fri")),
            &berlin("2025-01-06 12:00"),
        )
        .unwrap();
    let file = dir.path().join("export.json");
    export(&store, ExportFormat::Json, &file, &Filter::default(), &now()).unwrap();
    let (_copy_dir, mut copy) = journal();
    let (_, incoming) = read_source(&file, None, None, &chrono_tz::Europe::Berlin).unwrap();
    copy.import(incoming, false, &berlin("2025-01-06 12:00"), &mut |_, _| {})
        .unwrap();
    let rules = copy.reminders().unwrap();
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0].kind, ReminderKind::Digest);
    assert_eq!(rules[0].description, "Team digest every Friday at 16:00");
    assert_eq!(rules[0].next_due_at, berlin("2025-01-10 16:00").to_utc());
}

/// Every column of every rule, in table order, as one JSON text.
fn every_field(conn: &Connection) -> String {
    conn.query_row(
        "SELECT json_group_array(json_array(seq, id, kind, at_time, weekday, month_day, paused, quiet_when_done, \
         next_due_at, last_fired_at, created_at, updated_at, deleted_at)) FROM (SELECT * FROM reminders ORDER BY seq)",
        [],
        |row| row.get(0),
    )
    .unwrap()
}

fn columns(conn: &Connection) -> String {
    conn.query_row(
        "SELECT group_concat(name || ' ' || type || ' ' || \"notnull\" || ' ' || coalesce(dflt_value, ''), ', ') \
         FROM pragma_table_info('reminders')",
        [],
        |row| row.get(0),
    )
    .unwrap()
}

#[test]
fn the_digest_kind_migration_keeps_every_rule_with_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    let (before, columns_before) = {
        let mut conn = Connection::open(&path).unwrap();
        super::super::schema::migrate_to(&mut conn, 7);
        // Every kind, paused and deleted rules, fired and never fired, quiet and not; seq has a gap.
        conn.execute_batch(
            "INSERT INTO reminders (seq, id, kind, at_time, weekday, month_day, paused, quiet_when_done, next_due_at, \
             last_fired_at, created_at, updated_at, deleted_at) VALUES \
             (1, '0193a1b2-0000-7000-8000-000000000001', 'daily', '09:00', NULL, NULL, 0, 1, 1736323200000, \
              1736236800000, 1736000000001, 1736000000002, NULL), \
             (2, '0193a1b2-0000-7000-8000-000000000002', 'weekly', '16:30', 5, NULL, 1, 0, 1736521200000, \
              NULL, 1736000000003, 1736000000004, NULL), \
             (4, '0193a1b2-0000-7000-8000-000000000004', 'monthly', '08:15', NULL, 31, 0, 0, 1738307700000, \
              1735635300000, 1736000000005, 1736000000006, 1736000000007), \
             (5, '0193a1b2-0000-7000-8000-000000000005', 'followup', '18:00', NULL, NULL, 0, 1, 1736355600000, \
              NULL, 1736000000008, 1736000000009, NULL), \
             (6, '0193a1b2-0000-7000-8000-000000000006', 'nudge', '20:00', NULL, NULL, 1, 1, 1736362800000, \
              1736276400000, 1736000000010, 1736000000011, NULL)",
        )
        .unwrap();
        (every_field(&conn), columns(&conn))
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(every_field(&store.conn), before);
    assert_eq!(columns(&store.conn), columns_before);
    let kinds: Vec<ReminderKind> = store.reminders().unwrap().iter().map(|rule| rule.kind).collect();
    assert_eq!(
        kinds,
        [
            ReminderKind::Daily,
            ReminderKind::Weekly,
            ReminderKind::Followup,
            ReminderKind::Nudge
        ]
    );

    // The rebuilt table takes the new kind, after the rows it kept, and keeps its rules' rules.
    let digest = store
        .add_reminder(
            reminder(ReminderKind::Digest, "16:00", Some("fri")),
            &berlin("2025-01-06 12:00"),
        )
        .unwrap();
    let seq: i64 = store
        .conn
        .query_row("SELECT seq FROM reminders WHERE id = ?1", [&digest.id], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(seq, 7);
    for refused in [
        "INSERT INTO reminders (id, kind, at_time, next_due_at, created_at, updated_at) \
         VALUES ('x1', 'digest', '16:00', 0, 0, 0)",
        "INSERT INTO reminders (id, kind, at_time, month_day, weekday, next_due_at, created_at, updated_at) \
         VALUES ('x2', 'monthly', '16:00', 1, 5, 0, 0, 0)",
        "INSERT INTO reminders (id, kind, at_time, weekday, quiet_when_done, next_due_at, created_at, updated_at) \
         VALUES ('x3', 'digest', '16:00', 5, 0, 0, 0, 0)",
        "INSERT INTO reminders (id, kind, at_time, next_due_at, created_at, updated_at) \
         VALUES ('x4', 'yearly', '16:00', 0, 0, 0)",
    ] {
        assert!(store.conn.execute(refused, []).is_err(), "{refused}");
    }
}
