//! Several connections writing one journal at once, as the app, its reminder runner and `wins` do.

use std::path::Path;
use std::sync::Barrier;
use std::thread;

use chrono::{DateTime, Utc};

use super::{count, win};
use crate::store::{Store, schema};
use crate::{NewGoal, NewReminder, ReminderKind};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-01-06T12:00:00Z").unwrap().to_utc()
}

/// Runs `work` on `writers` threads, each with a connection of its own, started together.
fn together(path: &Path, writers: usize, work: impl Fn(usize, &mut Store) + Sync) {
    let start = Barrier::new(writers);
    thread::scope(|scope| {
        for writer in 0..writers {
            let (start, work) = (&start, &work);
            scope.spawn(move || {
                let mut store = Store::open(path).unwrap();
                start.wait();
                work(writer, &mut store);
            });
        }
    });
}

#[test]
fn writers_adding_entries_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    together(&path, 4, |writer, store| {
        for i in 0..50 {
            store
                .add(
                    win(&format!("writer {writer} entry {i}"), "2025-01-06T10:00:00Z"),
                    &now(),
                )
                .unwrap_or_else(|e| panic!("writer {writer}, add {i}: {e}"));
        }
    });
    assert_eq!(count(&Store::open(&path).unwrap()), 200);
}

fn daily_reminder() -> NewReminder {
    NewReminder {
        kind: ReminderKind::Daily,
        time: "09:00".into(),
        day: None,
        quiet_when_done: None,
    }
}

#[test]
fn entries_goals_and_the_reminder_runner_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    together(&path, 3, |writer, store| {
        for i in 0..30 {
            let done = match writer {
                0 => store
                    .add(win(&format!("entry {i}"), "2025-01-06T10:00:00Z"), &now())
                    .map(drop),
                1 => {
                    let goal = NewGoal {
                        title: format!("goal {i}"),
                        ..NewGoal::default()
                    };
                    store.add_goal(goal, &now()).map(drop)
                }
                // The reminder runner: a rule added yesterday fires today, in a write transaction.
                _ => store
                    .add_reminder(daily_reminder(), &(now() - chrono::Duration::days(1)))
                    .and_then(|_| store.fire_due_reminders(&now()))
                    .map(drop),
            };
            done.unwrap_or_else(|e| panic!("writer {writer}, write {i}: {e}"));
        }
    });
    let store = Store::open(&path).unwrap();
    assert_eq!(count(&store), 30);
    assert_eq!(store.goals(&now()).unwrap().len(), 30);
    assert_eq!(store.reminders().unwrap().len(), 30);
}

#[test]
fn processes_creating_a_new_journal_at_once_all_open_it() {
    for round in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("new-{round}.sqlite3"));
        let start = Barrier::new(6);
        thread::scope(|scope| {
            for opener in 0..6 {
                let (start, path) = (&start, &path);
                scope.spawn(move || {
                    start.wait();
                    let mut store = Store::open(path).unwrap_or_else(|e| panic!("round {round}, opener {opener}: {e}"));
                    store
                        .add(win(&format!("opener {opener}"), "2025-01-06T10:00:00Z"), &now())
                        .unwrap();
                });
            }
        });
        let store = Store::open(&path).unwrap();
        assert_eq!(count(&store), 6);
        let version: i64 = store
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, schema::LATEST_VERSION);
    }
}

/// What Debian's `sqlite3`, another process, counts in the journal at `path`.
fn entries_seen_by_another_process(path: &Path) -> String {
    let seen = std::process::Command::new("sqlite3")
        .arg(path)
        .arg("SELECT count(*) FROM entries")
        .output()
        .expect("sqlite3 is installed (scripts/setup.sh --test)");
    assert!(seen.status.success(), "{}", String::from_utf8_lossy(&seen.stderr));
    String::from_utf8(seen.stdout).unwrap().trim().to_owned()
}

#[test]
fn a_second_open_in_this_process_keeps_the_first_ones_writes_shared() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store
        .add(win("before the second open", "2025-01-06T10:00:00Z"), &now())
        .unwrap();
    // The app's start-up backup opens the journal a second time, then closes it.
    drop(Store::open(&path).unwrap());
    // Had that released this process's locks, the other process would take itself for the last
    // one on the journal when it closes, and delete the write-ahead log the first store writes to.
    assert_eq!(entries_seen_by_another_process(&path), "1");
    store
        .add(win("after the second open", "2025-01-06T11:00:00Z"), &now())
        .unwrap();
    assert_eq!(entries_seen_by_another_process(&path), "2");
}
