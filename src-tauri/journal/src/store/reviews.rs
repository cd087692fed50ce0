//! Building a review from the store: the period's entries, setbacks with their follow-ups, and how
//! each milestone moved, in a handful of indexed queries however long the journal.

use chrono::{DateTime, NaiveDate, TimeZone};
use rusqlite::params;

use super::Store;
use super::followups::answer_of;
use super::row::{ENTRY_COLUMNS, entry_from_row, instant_at, offset_at};
use crate::Result;
use crate::insights::{day_counts, followup_counts};
use crate::model::{Entry, Kind, NewEntry};
use crate::period::{Period, PeriodKind};
use crate::review::{MilestoneChange, Review, ReviewedSetback};
use crate::streak::longest_run;

impl Store {
    /// The review of the `kind` of period holding `day`, in `now`'s zone. A check-in (`Day`) looks
    /// at the day before and at the milestones that need attention.
    pub fn review<Tz: TimeZone>(&self, kind: PeriodKind, day: NaiveDate, now: &DateTime<Tz>) -> Result<Review> {
        let zone = now.timezone();
        let week_start = self.settings()?.week_start;
        let period = Period::containing(kind, day, week_start);
        let looked_at = match kind {
            PeriodKind::Day => day
                .pred_opt()
                .map(|before| Period::containing(kind, before, week_start)),
            PeriodKind::Week | PeriodKind::Month => Some(period),
        };
        let (entries, milestones) = match &looked_at {
            Some(span) => (self.entries_between(span, &zone)?, self.milestone_changes(span, &zone)?),
            None => (Vec::new(), Vec::new()),
        };
        let (wins, setbacks): (Vec<Entry>, Vec<Entry>) = entries.into_iter().partition(|entry| entry.kind == Kind::Win);
        let setbacks = setbacks
            .into_iter()
            .map(|setback| {
                Ok(ReviewedSetback {
                    followup: answer_of(&self.conn, &setback.id)?,
                    setback,
                })
            })
            .collect::<Result<_>>()?;
        // Counted the way insights and Today count them.
        let span = looked_at.as_ref().unwrap_or(&period);
        let days = day_counts(&self.conn, span, &zone)?;
        let followups = followup_counts(
            &self.conn,
            span.start(&zone)?.timestamp_millis(),
            span.end_exclusive(&zone)?.timestamp_millis(),
        )?;
        let days_with_wins = days.iter().filter(|day| day.wins > 0).count() as u32;
        let longest_run = longest_run(days.iter().map(|day| day.wins > 0));
        let focus = if kind == PeriodKind::Day {
            self.milestones_due(now)?
        } else {
            Vec::new()
        };
        let mut review = Review {
            title: Review::title_for(&period),
            prompts: Review::prompts_for(kind),
            period,
            wins,
            setbacks,
            milestones: if kind == PeriodKind::Day {
                Vec::new()
            } else {
                milestones
            },
            focus,
            days_with_wins,
            longest_run,
            followups,
            markdown: String::new(),
        };
        review.markdown = review.compose(&[]);
        Ok(review)
    }

    /// A day in the period a review of `kind` written at `now` looks back on (see
    /// [`Period::to_review`]), for front ends asked for "this" review without a date.
    pub fn review_day<Tz: TimeZone>(&self, kind: PeriodKind, now: &DateTime<Tz>) -> Result<NaiveDate> {
        Ok(Period::to_review(kind, now.date_naive(), self.settings()?.week_start).first)
    }

    /// Saves a check-in or review written `now` as a note tagged `checkin` or `review`.
    pub fn save_reflection<Tz: TimeZone>(
        &mut self,
        kind: PeriodKind,
        text: String,
        now: &DateTime<Tz>,
    ) -> Result<Entry> {
        let tag = match kind {
            PeriodKind::Day => "checkin",
            PeriodKind::Week | PeriodKind::Month => "review",
        };
        let mut draft = NewEntry::new(Kind::Note, text);
        draft.tags.push(tag.to_owned());
        self.add(draft, now)
    }

    /// Wins and setbacks in the period, oldest first.
    fn entries_between<Tz: TimeZone>(&self, period: &Period, zone: &Tz) -> Result<Vec<Entry>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.deleted_at IS NULL AND e.kind IN ('win', 'setback') \
             AND e.occurred_at >= ?1 AND e.occurred_at < ?2 ORDER BY e.occurred_at, e.id"
        ))?;
        let entries = statement
            .query_map(
                params![
                    period.start(zone)?.timestamp_millis(),
                    period.end_exclusive(zone)?.timestamp_millis()
                ],
                entry_from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(entries)
    }

    /// Milestones measured or reached in the period, goal by goal.
    fn milestone_changes<Tz: TimeZone>(&self, period: &Period, zone: &Tz) -> Result<Vec<MilestoneChange>> {
        let mut statement = self.conn.prepare_cached(
            "WITH span AS (SELECT ?1 AS start, ?2 AS end) \
             SELECT m.id, g.title, m.title, m.unit, m.baseline, m.target, \
                (SELECT p.value FROM measurements p WHERE p.milestone_id = m.id AND p.deleted_at IS NULL \
                 AND p.measured_at < span.start ORDER BY p.measured_at DESC, p.seq DESC LIMIT 1), \
                (SELECT p.value FROM measurements p WHERE p.milestone_id = m.id AND p.deleted_at IS NULL \
                 AND p.measured_at >= span.start AND p.measured_at < span.end \
                 ORDER BY p.measured_at DESC, p.seq DESC LIMIT 1), \
                CASE WHEN m.done_at >= span.start AND m.done_at < span.end THEN m.done_at END, m.utc_offset \
             FROM span, milestones m JOIN goals g ON g.id = m.goal_id \
             WHERE m.deleted_at IS NULL AND g.deleted_at IS NULL AND ( \
                (m.done_at >= span.start AND m.done_at < span.end) OR EXISTS (SELECT 1 FROM measurements p \
                 WHERE p.milestone_id = m.id AND p.deleted_at IS NULL \
                 AND p.measured_at >= span.start AND p.measured_at < span.end)) \
             ORDER BY g.seq, m.seq",
        )?;
        let start = period.start(zone)?.timestamp_millis();
        let end = period.end_exclusive(zone)?.timestamp_millis();
        let changes = statement
            .query_map(params![start, end], |row| {
                let baseline: Option<f64> = row.get(4)?;
                let before: Option<f64> = row.get(6)?;
                let done_at: Option<i64> = row.get(8)?;
                Ok(MilestoneChange {
                    milestone_id: row.get(0)?,
                    goal_title: row.get(1)?,
                    title: row.get(2)?,
                    unit: row.get(3)?,
                    target: row.get(5)?,
                    from: before.or(baseline),
                    to: row.get(7)?,
                    done_at: done_at
                        .map(|millis| instant_at(millis, offset_at(row, 9)?, 8))
                        .transpose()?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(changes)
    }
}
