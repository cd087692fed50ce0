//! What the Today screen shows: today's and yesterday's entries and the win streak.

use chrono::{DateTime, TimeZone};
use serde::Serialize;
use ts_rs::TS;

use crate::when::When;
use crate::{Entry, Filter, Result, Store};

/// The most entries a day shows on Today; the Journal screen pages through the rest.
const PER_DAY: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TodayView {
    pub today: Vec<Entry>,
    pub yesterday: Vec<Entry>,
    pub streak: u32,
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
        })
    }
}
