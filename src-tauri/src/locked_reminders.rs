//! Reminders while the journal is locked. Their rules and what they say live in the encrypted
//! journal, which is never read without its key; so at the moment it locks, the shell keeps in
//! memory the due time of each active rule (moved out of quiet hours), and at each of those times
//! the runner shows one generic notification that reveals nothing — no entry text, no counts, not
//! even which kind of reminder. After unlocking, the runner fires the due rules from the journal
//! as always, so each then shows what it says. A journal that was locked from start-up (no
//! keyring slot) has no known schedule: its reminders wait for the unlock.

use std::sync::Mutex;

use chrono::{DateTime, Local, Utc};
use journal::schedule::QuietHours;
use journal::{Reminder, Store};

pub const LOCKED_TITLE: &str = "Small Wins";
pub const LOCKED_BODY: &str = "A reminder is due. Unlock Small Wins to see it.";

/// The due times the runner knew when the journal was last readable, not yet announced.
#[derive(Debug, Default)]
struct LastKnownSchedule {
    due: Vec<DateTime<Utc>>,
}

impl LastKnownSchedule {
    /// The schedule of `rules` as they are now: every active rule's next due time, deferred past
    /// `quiet` hours as the journal would.
    fn of(rules: &[Reminder], quiet: Option<QuietHours>) -> LastKnownSchedule {
        let due = rules
            .iter()
            .filter(|rule| !rule.paused)
            .map(|rule| match quiet {
                Some(quiet) => quiet.defer(rule.next_due_at, &Local),
                None => rule.next_due_at,
            })
            .collect();
        LastKnownSchedule { due }
    }

    /// Forgets the due times that have come by `now`; whether there were any (then one generic
    /// notification says so, however many rules came due together).
    fn take_due(&mut self, now: DateTime<Utc>) -> bool {
        let known = self.due.len();
        self.due.retain(|at| *at > now);
        self.due.len() < known
    }

    /// The next due time still to come.
    fn next_due(&self) -> Option<DateTime<Utc>> {
        self.due.iter().min().copied()
    }
}

/// The schedule kept from the moment the journal locked, shared by the lock and the runner.
#[derive(Debug, Default)]
pub struct LockedReminders {
    schedule: Mutex<LastKnownSchedule>,
}

impl LockedReminders {
    /// Keeps the schedule of the journal about to lock.
    pub fn remember(&self, store: &Store) -> journal::Result<()> {
        let schedule = LastKnownSchedule::of(&store.reminders()?, store.settings()?.quiet_hours);
        if let Ok(mut kept) = self.schedule.lock() {
            *kept = schedule;
        }
        Ok(())
    }

    /// Whether a known due time has come by `now` (each is announced once).
    pub fn take_due(&self, now: DateTime<Utc>) -> bool {
        self.schedule.lock().is_ok_and(|mut schedule| schedule.take_due(now))
    }

    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        self.schedule.lock().ok().and_then(|schedule| schedule.next_due())
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Local, TimeZone};
    use journal::{NewReminder, ReminderKind};

    use super::*;

    fn rule(kind: ReminderKind, time: &str) -> NewReminder {
        NewReminder {
            kind,
            time: time.to_owned(),
            day: None,
            quiet_when_done: None,
        }
    }

    #[test]
    fn each_due_time_known_at_the_lock_is_announced_once_and_paused_rules_never() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("journal.sqlite3")).unwrap();
        let now = Local.with_ymd_and_hms(2025, 1, 6, 8, 0, 0).unwrap();
        let daily = store.add_reminder(rule(ReminderKind::Daily, "09:00"), &now).unwrap();
        let paused = store.add_reminder(rule(ReminderKind::Nudge, "08:30"), &now).unwrap();
        store.set_reminder_paused(&paused.id, true, &now).unwrap();

        let locked = LockedReminders::default();
        locked.remember(&store).unwrap();
        drop(store);
        let due = daily.next_due_at;
        assert_eq!(locked.next_due(), Some(due));
        assert!(!locked.take_due(due - chrono::Duration::seconds(1)));
        assert!(locked.take_due(due));
        assert!(!locked.take_due(due + chrono::Duration::hours(1)), "announced once");
        assert_eq!(locked.next_due(), None);
    }
}
