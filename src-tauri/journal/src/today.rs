//! What the Today screen shows: today's and yesterday's entries, the win streak, the milestones
//! that need attention, and how many setbacks wait for their follow-up.

use chrono::{DateTime, TimeZone};
use serde::Serialize;
use ts_rs::TS;

use crate::goals::{GoalStatus, Milestone};
use crate::progress::PaceStatus;
use crate::when::When;
use crate::{Entry, Filter, Result, Store};

/// The most entries a day shows on Today; the Journal screen pages through the rest.
const PER_DAY: usize = 200;
/// A milestone due within this many days shows on Today even when it is on pace.
const DUE_SOON_DAYS: u64 = 7;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TodayView {
    pub today: Vec<Entry>,
    pub yesterday: Vec<Entry>,
    pub streak: u32,
    /// Unfinished milestones of active goals that are overdue, behind pace or due within a week:
    /// overdue first, then by due date.
    pub milestones: Vec<MilestoneDue>,
    /// Setbacks whose follow-up day has come, waiting to hear whether the adjustment worked.
    pub followups_waiting: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MilestoneDue {
    pub goal_id: String,
    pub goal_title: String,
    /// With progress and pace, but only its latest measurement and no linked entries (the Goals
    /// screen has the rest).
    pub milestone: Milestone,
}

impl Store {
    /// Today's and yesterday's entries (newest first) and the streak, with days read in `now`'s zone.
    pub fn today_view<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Result<TodayView> {
        let zone = now.timezone();
        let today = now.date_naive();
        let day_entries = |day| -> Result<Vec<Entry>> {
            let filter = Filter {
                since: Some(When::Day(day).start(&zone, "")?),
                until: Some(When::Day(day).end_exclusive(&zone, "")?),
                ..Filter::default()
            };
            Ok(self.list(&filter, PER_DAY, None)?.entries)
        };
        Ok(TodayView {
            today: day_entries(today)?,
            yesterday: match today.pred_opt() {
                Some(yesterday) => day_entries(yesterday)?,
                None => Vec::new(),
            },
            streak: self.win_streak(now)?,
            milestones: self.milestones_due(now)?,
            followups_waiting: self.followups_due(now)?.len() as u32,
        })
    }

    pub(crate) fn milestones_due<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Result<Vec<MilestoneDue>> {
        let soon = now.date_naive() + chrono::Days::new(DUE_SOON_DAYS);
        let mut due: Vec<MilestoneDue> = self
            .active_milestones(now)?
            .into_iter()
            .filter(|due| match due.milestone.pace {
                PaceStatus::Overdue | PaceStatus::Behind => true,
                PaceStatus::Ahead | PaceStatus::OnPace => due.milestone.due_on.is_some_and(|on| on <= soon),
                PaceStatus::Done | PaceStatus::Unscheduled => false,
            })
            .collect();
        due.sort_by_key(|due| (due.milestone.pace != PaceStatus::Overdue, due.milestone.due_on));
        Ok(due)
    }

    /// Every milestone of the active goals, each with its goal, read at a glance (latest
    /// measurement, no linked entries).
    pub(crate) fn active_milestones<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Result<Vec<MilestoneDue>> {
        Ok(self
            .goals_at_a_glance(now)?
            .into_iter()
            .filter(|goal| goal.status == GoalStatus::Active)
            .flat_map(|goal| {
                let (goal_id, goal_title) = (goal.id, goal.title);
                goal.milestones.into_iter().map(move |milestone| MilestoneDue {
                    goal_id: goal_id.clone(),
                    goal_title: goal_title.clone(),
                    milestone,
                })
            })
            .collect())
    }
}
