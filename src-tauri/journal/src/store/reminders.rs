//! Reminder rules and their due times: each rule keeps the wall-clock instant it fires next, so a
//! machine that slept or an app that was closed catches up once, not once per missed slot.

use chrono::{DateTime, Days, Duration, TimeZone, Utc, Weekday};
use rusqlite::{Row, Transaction, TransactionBehavior, params};

use super::Store;
use super::goal_reads::live_row;
use super::ids::new_id;
use super::row::{conversion_error, utc_at};
use crate::clock::{DayOfWeek, format_time, parse_time};
use crate::error::Record;
use crate::reminders::{Firing, NewReminder, Reminder, ReminderKind, Snooze, describe};
use crate::schedule::{Repeat, Rule};
use crate::when::When;
use crate::{Error, Result};

pub(super) const REMINDER_COLUMNS: &str =
    "id, kind, at_time, weekday, month_day, paused, next_due_at, last_fired_at, quiet_when_done";

pub(super) fn reminder_from_row(row: &Row<'_>) -> rusqlite::Result<Reminder> {
    let kind: String = row.get(1)?;
    let kind: ReminderKind = kind.parse().map_err(|e| conversion_error(1, e))?;
    let time: String = row.get(2)?;
    let iso_weekday: Option<u8> = row.get(3)?;
    let weekday = iso_weekday
        .map(|iso| Weekday::try_from(iso.saturating_sub(1)).map_err(|e| conversion_error(3, e)))
        .transpose()?
        .map(DayOfWeek::from_weekday);
    let last_fired_at: Option<i64> = row.get(7)?;
    let mut reminder = Reminder {
        id: row.get(0)?,
        kind,
        time: parse_time("time", &time).map_err(|e| conversion_error(2, e))?,
        weekday,
        month_day: row.get(4)?,
        paused: row.get(5)?,
        quiet_when_done: row.get(8)?,
        next_due_at: utc_at(row.get(6)?, 6)?,
        last_fired_at: last_fired_at.map(|millis| utc_at(millis, 7)).transpose()?,
        description: String::new(),
    };
    reminder.description = describe(kind, &reminder.rule());
    Ok(reminder)
}

impl Store {
    /// Adds a rule; it first fires at its next time after `now`.
    pub fn add_reminder<Tz: TimeZone>(&self, draft: NewReminder, now: &DateTime<Tz>) -> Result<Reminder> {
        let rule = draft.rule()?;
        let quiet_when_done = draft.quiet_when_done()?;
        let (weekday, month_day) = match rule.repeat {
            Repeat::Daily => (None, None),
            Repeat::Weekly(day) => (Some(day.weekday().number_from_monday()), None),
            Repeat::Monthly(day) => (None, Some(day)),
        };
        let id = new_id(now);
        self.conn.execute(
            "INSERT INTO reminders (id, kind, at_time, weekday, month_day, quiet_when_done, next_due_at, \
             created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                id,
                draft.kind.as_str(),
                format_time(rule.at),
                weekday,
                month_day,
                quiet_when_done,
                rule.next_after(now).timestamp_millis(),
                now.timestamp_millis(),
            ],
        )?;
        self.reminder(&id)
    }

    /// Every rule, in the order they were added.
    pub fn reminders(&self) -> Result<Vec<Reminder>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {REMINDER_COLUMNS} FROM reminders WHERE deleted_at IS NULL ORDER BY seq"
        ))?;
        let reminders = statement
            .query_map([], reminder_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(reminders)
    }

    pub fn reminder(&self, id: &str) -> Result<Reminder> {
        live_row(&self.conn, Record::Reminder, id)?;
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {REMINDER_COLUMNS} FROM reminders WHERE id = ?1"))?
            .query_row([id], reminder_from_row)?)
    }

    /// Soft-deletes a rule; it never fires again.
    pub fn remove_reminder<Tz: TimeZone>(&self, id: &str, now: &DateTime<Tz>) -> Result<Reminder> {
        let reminder = self.reminder(id)?;
        self.conn.execute(
            "UPDATE reminders SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![id, now.timestamp_millis()],
        )?;
        Ok(reminder)
    }

    /// Brings a deleted rule back, due at its next time after `now` (times passed while it was
    /// deleted do not fire).
    pub fn restore_reminder<Tz: TimeZone>(&self, id: &str, now: &DateTime<Tz>) -> Result<Reminder> {
        let restored = self.conn.execute(
            "UPDATE reminders SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id, now.timestamp_millis()],
        )?;
        if restored == 0 {
            live_row(&self.conn, Record::Reminder, id)?;
            return Err(Error::NotDeleted {
                record: Record::Reminder,
                id: id.to_owned(),
            });
        }
        let reminder = self.reminder(id)?;
        self.conn.execute(
            "UPDATE reminders SET next_due_at = ?2 WHERE id = ?1",
            params![id, reminder.rule().next_after(now).timestamp_millis()],
        )?;
        self.reminder(id)
    }

    /// Pauses a rule, or resumes it from its next time after `now` (slots missed while paused
    /// do not fire).
    pub fn set_reminder_paused<Tz: TimeZone>(&self, id: &str, paused: bool, now: &DateTime<Tz>) -> Result<Reminder> {
        let reminder = self.reminder(id)?;
        if reminder.paused != paused {
            let next_due_at = if paused {
                reminder.next_due_at
            } else {
                reminder.rule().next_after(now)
            };
            self.conn.execute(
                "UPDATE reminders SET paused = ?2, next_due_at = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, paused, next_due_at.timestamp_millis(), now.timestamp_millis()],
            )?;
        }
        self.reminder(id)
    }

    /// Puts a rule off: ten minutes or an hour from `now`, or to its own time tomorrow.
    pub fn snooze_reminder<Tz: TimeZone>(&self, id: &str, snooze: Snooze, now: &DateTime<Tz>) -> Result<Reminder> {
        let reminder = self.reminder(id)?;
        if reminder.paused {
            return Err(Error::invalid("snooze", "this reminder is paused; resume it first"));
        }
        let until = match snooze {
            Snooze::TenMinutes => now.to_utc() + Duration::minutes(10),
            Snooze::OneHour => now.to_utc() + Duration::hours(1),
            Snooze::Tomorrow => {
                let tomorrow = When::Day(now.date_naive() + Days::new(1)).start(&now.timezone(), "")?;
                let daily = Rule {
                    repeat: Repeat::Daily,
                    at: reminder.time,
                };
                daily.next_after(&(tomorrow - Duration::milliseconds(1)))
            }
        };
        self.conn.execute(
            "UPDATE reminders SET next_due_at = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, until.timestamp_millis(), now.timestamp_millis()],
        )?;
        self.reminder(id)
    }

    /// The earliest time a running rule is due, so a runner knows when to look again.
    pub fn next_reminder_due(&self) -> Result<Option<DateTime<Utc>>> {
        let millis: Option<i64> = self.conn.query_row(
            "SELECT min(next_due_at) FROM reminders WHERE deleted_at IS NULL AND paused = 0",
            [],
            |row| row.get(0),
        )?;
        Ok(millis.and_then(DateTime::from_timestamp_millis))
    }

    /// Makes a rule quiet when its check-in or review is already saved, or has it fire regardless.
    pub fn set_reminder_quiet_when_done<Tz: TimeZone>(
        &self,
        id: &str,
        quiet_when_done: bool,
        now: &DateTime<Tz>,
    ) -> Result<Reminder> {
        let reminder = self.reminder(id)?;
        let draft = NewReminder {
            kind: reminder.kind,
            time: format_time(reminder.time),
            day: None,
            quiet_when_done: Some(quiet_when_done),
        };
        draft.quiet_when_done()?;
        self.conn.execute(
            "UPDATE reminders SET quiet_when_done = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, quiet_when_done, now.timestamp_millis()],
        )?;
        self.reminder(id)
    }

    /// Claims every rule due at `now` and moves it to its next time after `now`, in one write
    /// transaction: a rule whose slots passed while nothing ran fires once, and of several
    /// processes looking at once (the app's runner, `wins remind run`) exactly one gets each
    /// firing. A rule due in quiet hours waits for their end; a rule with nothing to ask (see
    /// [`super::firings::firing`]) moves on silently.
    pub fn fire_due_reminders<Tz: TimeZone>(&mut self, now: &DateTime<Tz>) -> Result<Vec<Firing>> {
        // IMMEDIATE takes the write lock before the due rules are read: a second process waits
        // (busy timeout) and then reads them already moved on, instead of firing them again.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let settings = super::settings::saved_settings(&tx)?.unwrap_or_default();
        let due: Vec<Reminder> = tx
            .prepare_cached(&format!(
                "SELECT {REMINDER_COLUMNS} FROM reminders WHERE deleted_at IS NULL AND paused = 0 \
                 AND next_due_at <= ?1 ORDER BY next_due_at, seq"
            ))?
            .query_map([now.timestamp_millis()], reminder_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let quiet_until = settings
            .quiet_hours
            .filter(|quiet| quiet.contains(now.time()))
            .map(|quiet| quiet.defer(now.to_utc(), &now.timezone()));
        let mut firings = Vec::new();
        for reminder in due {
            if let Some(until) = quiet_until {
                reschedule(&tx, &reminder.id, until, None)?;
                continue;
            }
            let firing = super::firings::firing(&tx, &reminder, &settings, now)?;
            let fired_at = firing.as_ref().map(|_| now.to_utc());
            firings.extend(firing);
            reschedule(&tx, &reminder.id, reminder.rule().next_after(now), fired_at)?;
        }
        tx.commit()?;
        Ok(firings)
    }
}

fn reschedule(
    tx: &Transaction<'_>,
    id: &str,
    next_due_at: DateTime<Utc>,
    fired_at: Option<DateTime<Utc>>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE reminders SET next_due_at = ?2, last_fired_at = coalesce(?3, last_fired_at) WHERE id = ?1",
    )?
    .execute(params![
        id,
        next_due_at.timestamp_millis(),
        fired_at.map(|at| at.timestamp_millis())
    ])?;
    Ok(())
}
