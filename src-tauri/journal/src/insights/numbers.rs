//! The period's numbers beyond the day counts: how adjustments worked, milestones reached and on
//! pace, and the tags wins and setbacks gather under — each one aggregate query.

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
    let mut counts = FollowupCounts::default();
    let mut statement = conn.prepare_cached(
        "SELECT coalesce(f.worked, ''), count(*) FROM entries e \
         LEFT JOIN followups f ON f.setback_id = e.id \
         WHERE e.deleted_at IS NULL AND e.kind = 'setback' AND e.occurred_at >= ?1 AND e.occurred_at < ?2 \
         GROUP BY 1",
    )?;
    let mut rows = statement.query(params![start, end])?;
    while let Some(row) = rows.next()? {
        counts.add(&row.get::<_, String>(0)?, row.get(1)?);
    }
    Ok(counts)
}

/// The tags with most wins and most setbacks between `start` and `end`, and the follow-up answers
/// of the setbacks per tag: one pass over the period's tagged wins and setbacks, tallied by tag id
/// before the names are joined (the join to the tags is the cost, one index look-up an entry).
pub(super) fn tagged(conn: &Connection, start: i64, end: i64) -> Result<(TagInsights, Vec<TagFollowups>)> {
    let mut statement = conn.prepare_cached(
        "SELECT t.name, c.kind, c.worked, c.entries FROM ( \
             SELECT et.tag_id, e.kind, coalesce(f.worked, '') AS worked, count(*) AS entries FROM entries e \
             JOIN entry_tags et ON et.entry_id = e.id \
             LEFT JOIN followups f ON e.kind = 'setback' AND f.setback_id = e.id \
             WHERE e.deleted_at IS NULL AND e.kind IN ('win', 'setback') AND e.occurred_at >= ?1 AND e.occurred_at < ?2 \
             GROUP BY et.tag_id, e.kind, 3) c \
         JOIN tags t ON t.id = c.tag_id ORDER BY t.key",
    )?;
    let mut rows = statement.query(params![start, end])?;
    let mut wins: Vec<TagCount> = Vec::new();
    let mut setbacks: Vec<TagCount> = Vec::new();
    let mut by_tag: Vec<TagFollowups> = Vec::new();
    while let Some(row) = rows.next()? {
        let tag: String = row.get(0)?;
        let kind: String = row.get(1)?;
        let count: u32 = row.get(3)?;
        let tally = if kind == "win" { &mut wins } else { &mut setbacks };
        match tally.last_mut() {
            Some(last) if last.name == tag => last.count += u64::from(count),
            _ => tally.push(TagCount {
                name: tag.clone(),
                count: count.into(),
            }),
        }
        if kind == "win" {
            continue;
        }
        if by_tag.last().is_none_or(|last| last.tag != tag) {
            by_tag.push(TagFollowups {
                tag,
                yes: 0,
                partly: 0,
                no: 0,
                unanswered: 0,
            });
        }
        if let Some(last) = by_tag.last_mut() {
            let mut one = FollowupCounts::default();
            one.add(&row.get::<_, String>(2)?, count);
            last.yes += one.yes;
            last.partly += one.partly;
            last.no += one.no;
            last.unanswered += one.unanswered;
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
