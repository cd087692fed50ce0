//! What a reminder says when it fires, read from the journal at that moment, and whether it has
//! anything to say at all.

use chrono::{DateTime, TimeZone};
use rusqlite::{Connection, params};

use super::followups::{due_setbacks, mark_asked};
use crate::Result;
use crate::period::{Period, PeriodKind};
use crate::reminders::{Firing, Reminder, ReminderKind};
use crate::review::Review;
use crate::settings::Settings;

/// What a nudge says.
const NUDGE_TEXT: &str = "No win logged today — what went well, however small?";

/// The notification for `reminder` at `now`, or `None` when it has nothing to ask: a follow-up
/// rule with no setback waiting, a nudge on a day with a win (or a day gone by), a quiet rule whose
/// check-in or review is saved (a digest reminder always has something to say). The setbacks it
/// asks about are marked, so each is asked once.
pub(super) fn firing<Tz: TimeZone>(
    conn: &Connection,
    reminder: &Reminder,
    settings: &Settings,
    now: &DateTime<Tz>,
) -> Result<Option<Firing>> {
    let zone = now.timezone();
    let today = now.date_naive();
    if reminder.quiet_when_done && is_done(conn, reminder.kind, settings, now)? {
        return Ok(None);
    }
    let (title, body) = match reminder.kind {
        ReminderKind::Nudge => {
            // A nudge is about its own day: one missed while the machine slept says nothing later.
            let due_day = reminder.next_due_at.with_timezone(&zone).date_naive();
            if due_day != today {
                return Ok(None);
            }
            ("Today's small win".to_owned(), NUDGE_TEXT.to_owned())
        }
        ReminderKind::Daily => {
            let wins = match today.pred_opt() {
                Some(yesterday) => {
                    let day = Period::containing(PeriodKind::Day, yesterday, settings.week_start);
                    count_kinds(conn, &day, &zone, Among::All)?.0
                }
                None => 0,
            };
            let body = if wins == 0 {
                "What is today's focus, and what might get in the way?".to_owned()
            } else {
                format!("Yesterday: {}. What is today's focus?", counted(wins, "win"))
            };
            ("Daily check-in".to_owned(), body)
        }
        ReminderKind::Weekly | ReminderKind::Monthly => {
            let (kind, name, unit) = if reminder.kind == ReminderKind::Weekly {
                (PeriodKind::Week, "Weekly review", "week")
            } else {
                (PeriodKind::Month, "Monthly review", "month")
            };
            let reviewed = Period::to_review(kind, today, settings.week_start);
            let this = if reviewed.last < today {
                format!("Last {unit}")
            } else {
                format!("This {unit}")
            };
            let body = match count_kinds(conn, &reviewed, &zone, Among::All)? {
                (0, 0) => format!("{this}: nothing logged. What moved forward, however small?"),
                (wins, setbacks) => format!(
                    "{this}: {} and {}. Take a few minutes to look back.",
                    counted(wins, "win"),
                    counted(setbacks, "setback")
                ),
            };
            (name.to_owned(), body)
        }
        ReminderKind::Followup => {
            let waiting = due_setbacks(conn, now, settings.followup_days, true)?;
            let Some(first) = waiting.first() else {
                return Ok(None);
            };
            for followup in &waiting {
                mark_asked(conn, &followup.setback.id, now)?;
            }
            let mut body = format!("“{}”", first.setback.title());
            if let Some(adjust) = &first.setback.adjust {
                body.push_str(&format!(": you planned to {adjust}"));
            }
            if waiting.len() > 1 {
                body.push_str(&format!(" (and {} more)", counted(waiting.len() as u64 - 1, "setback")));
            }
            ("Did the adjustment work?".to_owned(), body)
        }
        ReminderKind::Digest => ("Team digest".to_owned(), digest_body(conn, settings, now)?),
    };
    Ok(Some(Firing {
        reminder_id: reminder.id.clone(),
        kind: reminder.kind,
        title,
        body,
        due_at: reminder.next_due_at,
    }))
}

/// Whether the work `kind` reminds of is done at `now`: today's check-in or the review a review
/// written now looks back on is saved (a note opening with its title), a win is logged today.
/// Follow-ups are done when none is waiting, which [`firing`] finds out as it asks.
fn is_done<Tz: TimeZone>(
    conn: &Connection,
    kind: ReminderKind,
    settings: &Settings,
    now: &DateTime<Tz>,
) -> Result<bool> {
    let today = now.date_naive();
    let zone = now.timezone();
    let reviewed = match kind {
        ReminderKind::Daily => Period::containing(PeriodKind::Day, today, settings.week_start),
        ReminderKind::Weekly => Period::to_review(PeriodKind::Week, today, settings.week_start),
        ReminderKind::Monthly => Period::to_review(PeriodKind::Month, today, settings.week_start),
        ReminderKind::Nudge => {
            let today = Period::containing(PeriodKind::Day, today, settings.week_start);
            return Ok(count_kinds(conn, &today, &zone, Among::All)?.0 > 0);
        }
        // Sending the digest happens outside the journal: it is never known to be done.
        ReminderKind::Followup | ReminderKind::Digest => return Ok(false),
    };
    let title = Review::title_for(&reviewed);
    let saved: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM entries WHERE deleted_at IS NULL AND kind = 'note' \
             AND occurred_at >= ?1 AND (text = ?2 OR substr(text, 1, length(?2) + 1) = ?2 || char(10)))",
        )?
        .query_row(params![reviewed.start(&zone)?.timestamp_millis(), title], |row| {
            row.get(0)
        })?;
    Ok(saved)
}

/// What the digest reminder says: how much of the week `wins digest week` would show is shared
/// (counts only: a notification can be read over a shoulder), or what to share when nothing is.
fn digest_body<Tz: TimeZone>(conn: &Connection, settings: &Settings, now: &DateTime<Tz>) -> Result<String> {
    let week = Period::to_review(PeriodKind::Week, now.date_naive(), settings.week_start);
    let this = if week.last < now.date_naive() {
        "Last week"
    } else {
        "This week"
    };
    Ok(match count_kinds(conn, &week, &now.timezone(), Among::Shared)? {
        (0, 0) => format!(
            "{this}: nothing is shared yet. Mark the wins worth telling the team as shareable, then send the digest."
        ),
        (wins, setbacks) => format!(
            "{this}: {} and {} shared. Copy the digest for the team.",
            counted(wins, "win"),
            counted(setbacks, "setback")
        ),
    })
}

/// Which entries a count takes in.
#[derive(Clone, Copy)]
pub(super) enum Among {
    All,
    /// Only those the writer marked shareable.
    Shared,
}

/// How many wins and setbacks happened in `period`.
pub(super) fn count_kinds<Tz: TimeZone>(
    conn: &Connection,
    period: &Period,
    zone: &Tz,
    among: Among,
) -> Result<(u64, u64)> {
    let counts = conn
        .prepare_cached(
            "SELECT count(*) FILTER (WHERE kind = 'win'), count(*) FILTER (WHERE kind = 'setback') FROM entries \
             WHERE deleted_at IS NULL AND occurred_at >= ?1 AND occurred_at < ?2 AND (?3 = 0 OR shareable = 1)",
        )?
        .query_row(
            params![
                period.start(zone)?.timestamp_millis(),
                period.end_exclusive(zone)?.timestamp_millis(),
                matches!(among, Among::Shared),
            ],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
    Ok(counts)
}

/// "1 win", "3 wins".
pub(crate) fn counted(count: u64, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
