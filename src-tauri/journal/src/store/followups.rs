//! Which setbacks are waiting for their follow-up, and the answers, kept beside the setback.

use chrono::{DateTime, Days, Offset, TimeZone};
use rusqlite::{Connection, OptionalExtension, params};

use super::row::{ENTRY_COLUMNS, entry_from_row, instant_at, offset_at};
use super::{Store, non_empty};
use crate::error::Record;
use crate::followups::{Followup, FollowupAnswer, Worked};
use crate::model::Kind;
use crate::when::When;
use crate::{Error, Result};

/// A setback is followed up for this many days after its follow-up day, then let go, so an old
/// imported journal does not arrive as a wall of questions.
const FOLLOWUP_WINDOW_DAYS: u64 = 30;

/// Unanswered setbacks whose follow-up day (`days` after the local day they happened) has come,
/// oldest first; with `unasked_only`, only those no reminder has asked about yet.
pub(super) fn due_setbacks<Tz: TimeZone>(
    conn: &Connection,
    now: &DateTime<Tz>,
    days: u32,
    unasked_only: bool,
) -> Result<Vec<Followup>> {
    let zone = now.timezone();
    let today = now.date_naive();
    let last_day = today - Days::new(days.into());
    let first_day = last_day - Days::new(FOLLOWUP_WINDOW_DAYS);
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM entries e LEFT JOIN followups f ON f.setback_id = e.id \
         WHERE e.deleted_at IS NULL AND e.kind = 'setback' AND e.occurred_at >= ?1 AND e.occurred_at < ?2 \
         AND f.answered_at IS NULL AND (?3 = 0 OR f.asked_at IS NULL) ORDER BY e.occurred_at, e.id"
    ))?;
    let start = When::Day(first_day).start(&zone, "")?.timestamp_millis();
    let end = When::Day(last_day).end_exclusive(&zone, "")?.timestamp_millis();
    let setbacks = statement
        .query_map(params![start, end, unasked_only], entry_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(setbacks
        .into_iter()
        .map(|setback| Followup {
            due_on: setback.occurred_at.with_timezone(&zone).date_naive() + Days::new(days.into()),
            setback,
        })
        .collect())
}

pub(super) fn mark_asked<Tz: TimeZone>(conn: &Connection, setback_id: &str, now: &DateTime<Tz>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO followups (setback_id, asked_at) VALUES (?1, ?2) \
         ON CONFLICT (setback_id) DO UPDATE SET asked_at = excluded.asked_at",
    )?
    .execute(params![setback_id, now.timestamp_millis()])?;
    Ok(())
}

pub(crate) fn answer_of(conn: &Connection, setback_id: &str) -> Result<Option<FollowupAnswer>> {
    let answer = conn
        .prepare_cached(
            "SELECT worked, note, answered_at, utc_offset FROM followups WHERE setback_id = ?1 AND worked IS NOT NULL",
        )?
        .query_row([setback_id], |row| {
            let worked: String = row.get(0)?;
            Ok(FollowupAnswer {
                worked: worked.parse().map_err(|e| super::row::conversion_error(0, e))?,
                note: row.get(1)?,
                answered_at: instant_at(row.get(2)?, offset_at(row, 3)?, 2)?,
            })
        })
        .optional()?;
    Ok(answer)
}

impl Store {
    /// Setbacks whose follow-up day has come and that have no answer yet, oldest first.
    pub fn followups_due<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Result<Vec<Followup>> {
        due_setbacks(&self.conn, now, self.settings()?.followup_days, false)
    }

    /// Stores whether a setback's adjustment worked, with an optional note; a second answer
    /// replaces the first.
    pub fn answer_followup<Tz: TimeZone>(
        &self,
        setback_id: &str,
        worked: Worked,
        note: Option<String>,
        now: &DateTime<Tz>,
    ) -> Result<FollowupAnswer> {
        let setback = self.get(setback_id)?;
        if setback.kind != Kind::Setback {
            return Err(Error::invalid(
                "setback",
                format!("{} {setback_id} is a {}, not a setback", Record::Entry, setback.kind),
            ));
        }
        self.conn.execute(
            "INSERT INTO followups (setback_id, worked, note, answered_at, utc_offset) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (setback_id) DO UPDATE SET worked = excluded.worked, note = excluded.note, \
             answered_at = excluded.answered_at, utc_offset = excluded.utc_offset",
            params![
                setback_id,
                worked.as_str(),
                non_empty(note),
                now.timestamp_millis(),
                now.offset().fix().local_minus_utc()
            ],
        )?;
        answer_of(&self.conn, setback_id)?.ok_or_else(|| Error::not_found(Record::Entry, setback_id))
    }

    /// The answer stored with a setback, if it was followed up.
    pub fn followup_answer(&self, setback_id: &str) -> Result<Option<FollowupAnswer>> {
        answer_of(&self.conn, setback_id)
    }
}
