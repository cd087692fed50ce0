//! Reminders that know what was done: quiet when the check-in or review is saved, the nudge on a
//! day with no win, a firing claimed once among racing processes, and the rules' new fields kept
//! through migration, export and import.

use std::sync::{Arc, Barrier};

use rusqlite::Connection;

use super::rhythm::{berlin, reminder};
use super::{journal, now, win};
use crate::export_import::{ExportFormat, export, read_source};
use crate::period::PeriodKind;
use crate::{Error, Filter, NewReminder, ReminderKind, Store};

fn save_checkin(store: &mut Store, day: &str) {
    let checkin = store
        .review(PeriodKind::Day, day.parse().unwrap(), &berlin(&format!("{day} 08:00")))
        .unwrap();
    store
        .save_reflection(PeriodKind::Day, checkin.compose(&["The parser".into()]), &now())
        .unwrap();
}

fn titles(store: &mut Store, now: &str) -> Vec<String> {
    let fired = store.fire_due_reminders(&berlin(now)).unwrap();
    fired.into_iter().map(|firing| firing.title).collect()
}

#[test]
fn a_quiet_check_in_reminder_stays_silent_once_todays_check_in_is_saved() {
    let (_dir, mut store) = journal();
    let start = berlin("2025-01-07 12:00");
    let quiet = store
        .add_reminder(reminder(ReminderKind::Daily, "09:00", None), &start)
        .unwrap();
    assert!(quiet.quiet_when_done, "new rules are quiet when done");
    let always = NewReminder {
        quiet_when_done: Some(false),
        ..reminder(ReminderKind::Daily, "09:30", None)
    };
    assert!(!store.add_reminder(always, &start).unwrap().quiet_when_done);

    // Yesterday's check-in does not count for today.
    save_checkin(&mut store, "2025-01-07");
    assert_eq!(
        titles(&mut store, "2025-01-08 10:00"),
        ["Daily check-in", "Daily check-in"]
    );
    save_checkin(&mut store, "2025-01-09");
    assert_eq!(titles(&mut store, "2025-01-09 10:00"), ["Daily check-in"]);
    let silent = store.reminder(&quiet.id).unwrap();
    assert_eq!(silent.last_fired_at, Some(berlin("2025-01-08 10:00").to_utc()));
    assert_eq!(
        silent.next_due_at,
        berlin("2025-01-10 09:00").to_utc(),
        "a quiet rule still moves on"
    );

    // Turned off, the rule fires whatever was done.
    store.set_reminder_quiet_when_done(&quiet.id, false, &start).unwrap();
    save_checkin(&mut store, "2025-01-10");
    assert_eq!(
        titles(&mut store, "2025-01-10 10:00"),
        ["Daily check-in", "Daily check-in"]
    );
}

#[test]
fn a_quiet_review_reminder_waits_for_the_review_of_its_period() {
    let (_dir, mut store) = journal();
    // 2025-01-10 is a Friday; weeks start on Monday.
    store
        .add_reminder(
            reminder(ReminderKind::Weekly, "16:00", Some("fri")),
            &berlin("2025-01-06 12:00"),
        )
        .unwrap();
    // Last week's review is not this week's.
    let last_week = store
        .review(
            PeriodKind::Week,
            "2025-01-03".parse().unwrap(),
            &berlin("2025-01-03 17:00"),
        )
        .unwrap();
    store
        .save_reflection(PeriodKind::Week, last_week.compose(&["Shipped".into()]), &now())
        .unwrap();
    assert_eq!(titles(&mut store, "2025-01-10 16:00"), ["Weekly review"]);
    let this_week = store
        .review(
            PeriodKind::Week,
            "2025-01-15".parse().unwrap(),
            &berlin("2025-01-15 17:00"),
        )
        .unwrap();
    store
        .save_reflection(PeriodKind::Week, this_week.compose(&["Early".into()]), &now())
        .unwrap();
    assert!(titles(&mut store, "2025-01-17 16:00").is_empty());
}

#[test]
fn a_nudge_fires_only_on_its_own_day_when_no_win_is_logged() {
    let (_dir, mut store) = journal();
    store
        .add_reminder(
            reminder(ReminderKind::Nudge, "20:00", None),
            &berlin("2025-01-07 12:00"),
        )
        .unwrap();
    store
        .add(win("Answered chat in 30 minutes", "2025-01-07T16:00:00+01:00"), &now())
        .unwrap();
    assert!(titles(&mut store, "2025-01-07 20:00").is_empty());

    let fired = store.fire_due_reminders(&berlin("2025-01-08 20:00")).unwrap();
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0].kind, ReminderKind::Nudge);
    assert_eq!(fired[0].body, "No win logged today — what went well, however small?");

    // Yesterday's win and the evening of the 9th slept through: nothing to say on the 10th.
    store
        .add(win("A win late the day before", "2025-01-09T23:30:00+01:00"), &now())
        .unwrap();
    assert!(titles(&mut store, "2025-01-10 09:00").is_empty());
    assert_eq!(titles(&mut store, "2025-01-10 20:00"), ["Today's small win"]);

    let always = NewReminder {
        quiet_when_done: Some(false),
        ..reminder(ReminderKind::Nudge, "20:00", None)
    };
    let refused = store.add_reminder(always, &berlin("2025-01-10 21:00"));
    assert!(
        matches!(&refused, Err(Error::Invalid { message, .. }) if message.contains("only ever fires when")),
        "{refused:?}"
    );
}

#[test]
fn racing_runners_show_a_due_reminder_exactly_once() {
    for round in 0..20 {
        let (dir, store) = journal();
        store
            .add_reminder(
                reminder(ReminderKind::Daily, "09:00", None),
                &berlin("2025-01-05 12:00"),
            )
            .unwrap();
        drop(store);
        let path = dir.path().join("journal.sqlite3");
        let start = Arc::new(Barrier::new(2));
        let runners: Vec<_> = (0..2)
            .map(|_| {
                let (path, start) = (path.clone(), Arc::clone(&start));
                std::thread::spawn(move || {
                    let mut store = Store::open(path).unwrap();
                    start.wait();
                    store.fire_due_reminders(&berlin("2025-01-08 10:00"))
                })
            })
            .collect();
        let fired: usize = runners
            .into_iter()
            .map(|runner| runner.join().unwrap().expect("neither runner fails").len())
            .sum();
        assert_eq!(fired, 1, "round {round}");
    }
}

#[test]
fn rules_from_before_the_setting_keep_firing_and_old_files_import_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    {
        let mut conn = Connection::open(&path).unwrap();
        super::super::schema::migrate_to(&mut conn, 4);
        conn.execute_batch(
            "INSERT INTO reminders (id, kind, at_time, next_due_at, created_at, updated_at) VALUES \
             ('0193a1b2-0000-7000-8000-000000000001', 'daily', '09:00', 1736323200000, 1, 1), \
             ('0193a1b2-0000-7000-8000-000000000002', 'followup', '18:00', 1736323200000, 1, 1)",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let quiet: Vec<(ReminderKind, bool)> = store
        .reminders()
        .unwrap()
        .iter()
        .map(|rule| (rule.kind, rule.quiet_when_done))
        .collect();
    assert_eq!(quiet, [(ReminderKind::Daily, false), (ReminderKind::Followup, true)]);

    // Exported and imported, each rule keeps its setting; a file without the field (written
    // before it existed) brings rules that fire as they did.
    for kind in [ReminderKind::Nudge, ReminderKind::Daily] {
        store
            .add_reminder(reminder(kind, "20:00", None), &berlin("2025-01-05 12:00"))
            .unwrap();
    }
    let file = dir.path().join("export.json");
    export(
        &store,
        ExportFormat::Json,
        &file,
        &Filter::default(),
        &berlin("2025-01-05 12:00"),
    )
    .unwrap();
    let imported_quiet = |path: &std::path::Path| -> Vec<(ReminderKind, bool)> {
        let (_dir, mut copy) = journal();
        let (_, incoming) = read_source(path, None, None, &chrono_tz::Europe::Berlin).unwrap();
        copy.import(incoming, false, &now(), &mut |_, _| {}).unwrap();
        copy.reminders()
            .unwrap()
            .iter()
            .map(|rule| (rule.kind, rule.quiet_when_done))
            .collect()
    };
    let kinds = [
        ReminderKind::Daily,
        ReminderKind::Followup,
        ReminderKind::Nudge,
        ReminderKind::Daily,
    ];
    assert_eq!(
        imported_quiet(&file),
        kinds.into_iter().zip([false, true, true, true]).collect::<Vec<_>>()
    );
    let mut old: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    for rule in old["rhythm"]["reminders"].as_array_mut().unwrap() {
        rule.as_object_mut().unwrap().remove("quiet_when_done").unwrap();
    }
    let old_file = dir.path().join("old.json");
    std::fs::write(&old_file, old.to_string()).unwrap();
    assert_eq!(
        imported_quiet(&old_file),
        kinds.into_iter().zip([false, true, true, false]).collect::<Vec<_>>()
    );
}
