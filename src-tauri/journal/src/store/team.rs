//! Reading what the writer chose to share: a period's shareable wins and setbacks, the saved review
//! or check-in when shared, and the milestones coming up, for the team digest and the stand-up.

use chrono::{DateTime, Days, NaiveDate, TimeZone};
use rusqlite::{OptionalExtension, params};

use super::Store;
use super::followups::answer_of;
use super::row::{ENTRY_COLUMNS, entry_from_row};
use crate::model::{Entry, Kind};
use crate::period::{Period, PeriodKind};
use crate::review::Review;
use crate::team::{BLOCKERS_PROMPT, Digest, FOCUS_PROMPT, Standup, WILL_CHANGE_PROMPT, answer_under};
use crate::today::MilestoneDue;
use crate::when::When;
use crate::{Error, Result};

/// How long after its week a weekly review may still be saved (a review is often written late).
const REVIEW_GRACE_DAYS: u64 = 7;

impl Store {
    /// The team digest of the days `first..=last` read in `now`'s zone, made only of shareable
    /// entries; with `with_followups`, shared setbacks carry their follow-up answer too.
    pub fn digest<Tz: TimeZone>(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        with_followups: bool,
        now: &DateTime<Tz>,
    ) -> Result<Digest> {
        if last < first {
            return Err(Error::invalid(
                "until",
                format!("{last} is before the first day, {first}"),
            ));
        }
        let zone = now.timezone();
        let start = When::Day(first).start(&zone, "since")?.timestamp_millis();
        let end = When::Day(last).end_exclusive(&zone, "until")?.timestamp_millis();
        let shared = self.shared_between(start, end, "'win', 'setback'")?;
        let days = (last - first).num_days().max(0) as u64 + 1;
        let next_first = last + Days::new(1);
        let next_last = last + Days::new(days);
        let plans = self.plans_due(next_first, next_last, now)?;
        let week = Period {
            kind: PeriodKind::Week,
            first,
            last,
        };
        let grace_end = When::Day(last + Days::new(REVIEW_GRACE_DAYS))
            .end_exclusive(&zone, "until")?
            .timestamp_millis();
        let will_change = self
            .saved_reflection("review", &Review::title_for(&week), start, grace_end)?
            .filter(|review| review.shareable)
            .and_then(|review| answer_under(&review.text, WILL_CHANGE_PROMPT));
        Digest::assemble(first, last, shared, plans, will_change, |setback| {
            if with_followups {
                answer_of(&self.conn, &setback.id)
            } else {
                Ok(None)
            }
        })
    }

    /// The week a digest is about: the one holding `day`, or without one the week a weekly review
    /// written at `now` looks back on, as the writer's week starts.
    pub fn digest_week<Tz: TimeZone>(&self, day: Option<NaiveDate>, now: &DateTime<Tz>) -> Result<Period> {
        let day = match day {
            Some(day) => day,
            None => self.review_day(PeriodKind::Week, now)?,
        };
        Ok(Period::containing(PeriodKind::Week, day, self.settings()?.week_start))
    }

    /// The stand-up of `day`: the day before's shared wins, and the day's check-in when shared.
    pub fn standup<Tz: TimeZone>(&self, day: NaiveDate, now: &DateTime<Tz>) -> Result<Standup> {
        let zone = now.timezone();
        let yesterday = match day.pred_opt() {
            Some(before) => {
                let start = When::Day(before).start(&zone, "date")?.timestamp_millis();
                let end = When::Day(before).end_exclusive(&zone, "date")?.timestamp_millis();
                self.shared_between(start, end, "'win'")?
            }
            None => Vec::new(),
        };
        let today = Period {
            kind: PeriodKind::Day,
            first: day,
            last: day,
        };
        let start = When::Day(day).start(&zone, "date")?.timestamp_millis();
        let end = When::Day(day).end_exclusive(&zone, "date")?.timestamp_millis();
        let checkin = self.saved_reflection("checkin", &Review::title_for(&today), start, end)?;
        let shared = checkin.as_ref().filter(|checkin| checkin.shareable);
        Ok(Standup {
            day,
            yesterday,
            focus: shared.and_then(|checkin| answer_under(&checkin.text, FOCUS_PROMPT)),
            blockers: shared.and_then(|checkin| answer_under(&checkin.text, BLOCKERS_PROMPT)),
            checkin_private: checkin.is_some() && shared.is_none(),
        })
    }

    /// Live shareable entries of the given kinds (an SQL list) in `start..end`, oldest first.
    fn shared_between(&self, start: i64, end: i64, kinds: &str) -> Result<Vec<Entry>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e INDEXED BY entries_shared \
             WHERE e.deleted_at IS NULL AND e.shareable = 1 AND e.occurred_at >= ?1 AND e.occurred_at < ?2 \
             AND e.kind IN ({kinds}) ORDER BY e.occurred_at, e.id"
        ))?;
        let entries = statement
            .query_map(params![start, end], entry_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(entries)
    }

    /// The latest live note tagged `tag` saved in `start..end` whose title is `title`, shared or not.
    fn saved_reflection(&self, tag: &str, title: &str, start: i64, end: i64) -> Result<Option<Entry>> {
        let found = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM entry_tags k JOIN entries e ON e.id = k.entry_id \
                 WHERE k.tag_id = (SELECT id FROM tags WHERE key = ?1) AND k.occurred_at >= ?2 \
                 AND k.occurred_at < ?3 AND e.deleted_at IS NULL AND e.kind = ?4 \
                 AND substr(e.text, 1, length(?5)) = ?5 ORDER BY k.occurred_at DESC, k.entry_id DESC LIMIT 1"
            ))?
            .query_row(params![tag, start, end, Kind::Note.as_str(), title], entry_from_row)
            .optional()?;
        Ok(found)
    }

    /// Unfinished milestones of active goals due on `first..=last`, soonest first.
    fn plans_due<Tz: TimeZone>(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        now: &DateTime<Tz>,
    ) -> Result<Vec<MilestoneDue>> {
        let mut due: Vec<MilestoneDue> = self
            .active_milestones(now)?
            .into_iter()
            .filter(|due| {
                due.milestone.done_at.is_none() && due.milestone.due_on.is_some_and(|on| first <= on && on <= last)
            })
            .collect();
        due.sort_by_key(|due| due.milestone.due_on);
        Ok(due)
    }
}
