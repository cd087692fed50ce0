//! The period's numbers beyond the day counts: how adjustments worked, milestones reached and on
//! pace, and the tags wins and setbacks gather under — each one aggregate query.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeZone};
use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

use crate::goals::GoalStatus;
use crate::progress::PaceStatus;
use crate::{Result, Store, TagCount};

/// How many tags each top list (and the follow-ups by tag) shows.
const TOP_TAGS: usize = 10;

/// Whether the adjustments of the period's setbacks worked, by their follow-up answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct FollowupCounts {
    pub yes: u32,
    pub partly: u32,
    pub no: u32,
    pub unanswered: u32,
    /// The same per tag of the setbacks, the tags with most setbacks first.
    pub by_tag: Vec<TagFollowups>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TagFollowups {
    pub tag: String,
    pub yes: u32,
    pub partly: u32,
    pub no: u32,
    pub unanswered: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MilestoneInsights {
    /// Milestones first reached or ticked within the period.
    pub reached: u32,
    /// Every unfinished milestone of an active goal, with its pace now.
    pub active: Vec<MilestonePace>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MilestonePace {
    pub goal_title: String,
    pub milestone_id: String,
    pub title: String,
    pub due_on: Option<NaiveDate>,
    /// From 0 to 1.
    pub progress: f64,
    /// Where the straight line from start to due date says progress should be now.
    pub expected: Option<f64>,
    pub pace: PaceStatus,
}

/// The tags with most wins and most setbacks in the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct TagInsights {
    pub wins: Vec<TagCount>,
    pub setbacks: Vec<TagCount>,
}

impl FollowupCounts {
    /// The share of answered follow-ups whose adjustment worked (partly counts half), from 0 to 1.
    pub fn success_rate(&self) -> Option<f64> {
        let answered = self.yes + self.partly + self.no;
        (answered > 0).then(|| (f64::from(self.yes) + f64::from(self.partly) / 2.0) / f64::from(answered))
    }

    fn add(&mut self, worked: &str, count: u32) {
        match worked {
            "yes" => self.yes += count,
            "partly" => self.partly += count,
            "no" => self.no += count,
            _ => self.unanswered += count,
        }
    }
}

impl TagFollowups {
    fn total(&self) -> u32 {
        self.yes + self.partly + self.no + self.unanswered
    }
}

/// Follow-up answers of the setbacks between `start` and `end` (UTC milliseconds), and per tag.
pub(crate) fn followups(conn: &Connection, start: i64, end: i64) -> Result<FollowupCounts> {
    let (_, by_tag) = tagged(conn, start, end)?;
    Ok(FollowupCounts {
        by_tag,
        ..followup_totals(conn, start, end)?
    })
}

/// Follow-up answers of the setbacks between `start` and `end`, without the per-tag counts.
pub(super) fn followup_totals(conn: &Connection, start: i64, end: i64) -> Result<FollowupCounts> {
    let setbacks: u32 = conn
        .prepare_cached(
            "SELECT count(*) FROM entries INDEXED BY entries_by_kind \
             WHERE deleted_at IS NULL AND kind = 'setback' AND occurred_at >= ?1 AND occurred_at < ?2",
        )?
        .query_row(params![start, end], |row| row.get(0))?;
    let mut counts = FollowupCounts::default();
    // The answers come from the follow-ups (far fewer than the setbacks); the rest are unanswered.
    let mut statement = conn.prepare_cached(
        "SELECT f.worked, count(*) FROM followups f JOIN entries e ON e.id = f.setback_id \
         WHERE f.worked IS NOT NULL AND e.deleted_at IS NULL AND e.kind = 'setback' \
           AND e.occurred_at >= ?1 AND e.occurred_at < ?2 \
         GROUP BY 1",
    )?;
    let mut rows = statement.query(params![start, end])?;
    while let Some(row) = rows.next()? {
        counts.add(&row.get::<_, String>(0)?, row.get(1)?);
    }
    counts.unanswered = setbacks.saturating_sub(counts.yes + counts.partly + counts.no);
    Ok(counts)
}

/// The tags with most wins and most setbacks between `start` and `end`, and the follow-up answers
/// of the setbacks per tag. The tag rows carry their entry's kind and whether it is live
/// (migration 8), so each tag's wins and its setbacks are one range of their index apiece, counted
/// in place: no entry is read and nothing is sorted but the tags. The answers come from the
/// follow-ups, joined to the tags of their setbacks.
pub(super) fn tagged(conn: &Connection, start: i64, end: i64) -> Result<(TagInsights, Vec<TagFollowups>)> {
    let mut answers: HashMap<i64, FollowupCounts> = HashMap::new();
    let mut statement = conn.prepare_cached(
        "SELECT et.tag_id, f.worked, count(*) FROM followups f JOIN entries e ON e.id = f.setback_id \
         JOIN entry_tags et ON et.entry_id = f.setback_id \
         WHERE f.worked IS NOT NULL AND e.deleted_at IS NULL AND e.kind = 'setback' \
           AND e.occurred_at >= ?1 AND e.occurred_at < ?2 \
         GROUP BY 1, 2",
    )?;
    let mut rows = statement.query(params![start, end])?;
    while let Some(row) = rows.next()? {
        answers
            .entry(row.get(0)?)
            .or_default()
            .add(&row.get::<_, String>(1)?, row.get(2)?);
    }
    let mut statement = conn.prepare_cached(
        "SELECT t.id, t.name, \
             (SELECT count(*) FROM entry_tags et INDEXED BY entry_tags_by_kind \
              WHERE et.live = 1 AND et.kind = 'win' AND et.tag_id = t.id \
                AND et.occurred_at >= ?1 AND et.occurred_at < ?2), \
             (SELECT count(*) FROM entry_tags et INDEXED BY entry_tags_by_kind \
              WHERE et.live = 1 AND et.kind = 'setback' AND et.tag_id = t.id \
                AND et.occurred_at >= ?1 AND et.occurred_at < ?2) \
         FROM tags t ORDER BY t.key",
    )?;
    let mut rows = statement.query(params![start, end])?;
    let mut wins: Vec<TagCount> = Vec::new();
    let mut setbacks: Vec<TagCount> = Vec::new();
    let mut by_tag: Vec<TagFollowups> = Vec::new();
    while let Some(row) = rows.next()? {
        let tag_id: i64 = row.get(0)?;
        let tag: String = row.get(1)?;
        let won: u64 = row.get(2)?;
        let set_back: u32 = row.get(3)?;
        if won > 0 {
            wins.push(TagCount {
                name: tag.clone(),
                count: won,
            });
        }
        if set_back > 0 {
            let answered = answers.remove(&tag_id).unwrap_or_default();
            let followed = TagFollowups {
                yes: answered.yes,
                partly: answered.partly,
                no: answered.no,
                unanswered: set_back.saturating_sub(answered.yes + answered.partly + answered.no),
                tag,
            };
            setbacks.push(TagCount {
                name: followed.tag.clone(),
                count: followed.total().into(),
            });
            by_tag.push(followed);
        }
    }
    // Stable sorts: equal counts stay in name order.
    by_tag.sort_by_key(|tag| std::cmp::Reverse(tag.total()));
    by_tag.truncate(TOP_TAGS);
    for tally in [&mut wins, &mut setbacks] {
        tally.sort_by_key(|tag| std::cmp::Reverse(tag.count));
        tally.truncate(TOP_TAGS);
    }
    Ok((TagInsights { wins, setbacks }, by_tag))
}

/// Milestones reached between `start` and `end`, and every active one's pace at `now`.
pub(super) fn milestones<Tz: TimeZone>(
    store: &Store,
    start: i64,
    end: i64,
    now: &DateTime<Tz>,
) -> Result<MilestoneInsights> {
    let reached = store
        .conn
        .prepare_cached(
            "SELECT count(*) FROM milestones m JOIN goals g ON g.id = m.goal_id \
             WHERE m.deleted_at IS NULL AND g.deleted_at IS NULL AND m.done_at >= ?1 AND m.done_at < ?2",
        )?
        .query_row(params![start, end], |row| row.get(0))?;
    let active = store
        .goals_at_a_glance(now)?
        .into_iter()
        .filter(|goal| goal.status == GoalStatus::Active)
        .flat_map(|goal| {
            let goal_title = goal.title;
            goal.milestones
                .into_iter()
                .filter(|milestone| milestone.done_at.is_none())
                .map(move |milestone| MilestonePace {
                    goal_title: goal_title.clone(),
                    milestone_id: milestone.id,
                    title: milestone.title,
                    due_on: milestone.due_on,
                    progress: milestone.progress,
                    expected: milestone.expected,
                    pace: milestone.pace,
                })
        })
        .collect();
    Ok(MilestoneInsights { reached, active })
}
