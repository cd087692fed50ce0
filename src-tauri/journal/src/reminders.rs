//! Reminder rules as the front ends see them, and what a rule says when it fires.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::{DayOfWeek, format_time, parse_time};
use crate::schedule::{Repeat, Rule};
use crate::{Error, Result};

/// What a reminder prompts: the daily check-in, a review, the follow-up on past setbacks, a nudge
/// on a day with no win yet, or sending the week's team digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ReminderKind {
    Daily,
    Weekly,
    Monthly,
    /// Every day at its time, when a setback has reached its follow-up day.
    Followup,
    /// Every day at its (evening) time, when no win has been logged that day.
    Nudge,
    /// Every week on its day and time: send the team digest.
    Digest,
}

impl ReminderKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ReminderKind::Daily => "daily",
            ReminderKind::Weekly => "weekly",
            ReminderKind::Monthly => "monthly",
            ReminderKind::Followup => "followup",
            ReminderKind::Nudge => "nudge",
            ReminderKind::Digest => "digest",
        }
    }

    /// The app's screen a click on this reminder opens, as `small-wins --open` names it.
    pub fn screen(self) -> &'static str {
        match self {
            ReminderKind::Daily => "checkin",
            ReminderKind::Weekly => "weekly_review",
            ReminderKind::Monthly => "monthly_review",
            ReminderKind::Followup => "followups",
            ReminderKind::Nudge => "capture",
            ReminderKind::Digest => "team",
        }
    }
}

impl FromStr for ReminderKind {
    type Err = Error;

    fn from_str(input: &str) -> Result<ReminderKind> {
        [
            ReminderKind::Daily,
            ReminderKind::Weekly,
            ReminderKind::Monthly,
            ReminderKind::Followup,
            ReminderKind::Nudge,
            ReminderKind::Digest,
        ]
        .into_iter()
        .find(|kind| kind.as_str().eq_ignore_ascii_case(input.trim()))
        .ok_or_else(|| {
            Error::invalid(
                "kind",
                format!("{input:?} is not one of daily, weekly, monthly, followup, nudge, digest"),
            )
        })
    }
}

/// A rule to be added, as typed: `day` is a weekday for weekly and digest rules and a day of the
/// month for monthly ones, and absent otherwise.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(optional_fields)]
pub struct NewReminder {
    pub kind: ReminderKind,
    pub time: String,
    #[serde(default)]
    pub day: Option<String>,
    /// Whether it stays silent when its check-in or review is already saved (the default);
    /// `false` fires it whatever was done. Follow-ups and nudges are always quiet when done; a
    /// digest reminder speaks every week.
    #[serde(default)]
    pub quiet_when_done: Option<bool>,
}

impl NewReminder {
    /// The schedule this draft describes, or what is wrong with it.
    pub(crate) fn rule(&self) -> Result<Rule> {
        let at = parse_time("time", &self.time)?;
        let day = self.day.as_deref().map(str::trim).filter(|day| !day.is_empty());
        let repeat = match (self.kind, day) {
            (ReminderKind::Daily | ReminderKind::Followup | ReminderKind::Nudge, None) => Repeat::Daily,
            (ReminderKind::Weekly | ReminderKind::Digest, Some(day)) => Repeat::Weekly(day.parse()?),
            (ReminderKind::Monthly, Some(day)) => Repeat::Monthly(
                day.parse()
                    .ok()
                    .filter(|number| (1..=31).contains(number))
                    .ok_or_else(|| Error::invalid("day", format!("{day:?} is not a day of the month (1 … 31)")))?,
            ),
            (ReminderKind::Weekly | ReminderKind::Digest, None) => {
                return Err(Error::invalid(
                    "day",
                    format!("a {} reminder needs a day, e.g. fri", self.kind.as_str()),
                ));
            }
            (ReminderKind::Monthly, None) => {
                return Err(Error::invalid(
                    "day",
                    "a monthly reminder needs a day of the month, e.g. 1",
                ));
            }
            (kind, Some(_)) => {
                return Err(Error::invalid(
                    "day",
                    format!("a {} reminder fires every day; leave the day out", kind.as_str()),
                ));
            }
        };
        Ok(Rule { repeat, at })
    }

    /// Whether the rule is to be quiet when its work is done, or why it cannot fire regardless.
    pub(crate) fn quiet_when_done(&self) -> Result<bool> {
        match (self.kind, self.quiet_when_done) {
            (ReminderKind::Followup | ReminderKind::Nudge, Some(false)) => Err(Error::invalid(
                "always",
                format!(
                    "a {} reminder only ever fires when there is something to do; leave --always out",
                    self.kind.as_str()
                ),
            )),
            // Copying or saving the digest happens outside the journal, so there is no "done" to
            // be quiet about: it is stored like follow-ups and speaks every week.
            (ReminderKind::Digest, Some(false)) => Err(Error::invalid(
                "always",
                "a digest reminder fires every week at its time; leave --always out",
            )),
            (_, quiet) => Ok(quiet.unwrap_or(true)),
        }
    }
}

/// A stored reminder rule.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Reminder {
    pub id: String,
    pub kind: ReminderKind,
    #[serde(with = "crate::clock::hhmm")]
    #[ts(type = "string")]
    pub time: NaiveTime,
    pub weekday: Option<DayOfWeek>,
    pub month_day: Option<u32>,
    pub paused: bool,
    /// Silent when its check-in or review is already saved (always so for follow-ups, nudges and
    /// digest reminders, which have no "always").
    pub quiet_when_done: bool,
    /// When it fires next (a paused rule keeps the time it had).
    pub next_due_at: DateTime<Utc>,
    pub last_fired_at: Option<DateTime<Utc>>,
    /// "Every Friday at 16:00", for lists.
    pub description: String,
}

impl Reminder {
    pub(crate) fn rule(&self) -> Rule {
        let repeat = match (self.weekday, self.month_day) {
            (Some(weekday), _) => Repeat::Weekly(weekday),
            (_, Some(day)) => Repeat::Monthly(day),
            _ => Repeat::Daily,
        };
        Rule { repeat, at: self.time }
    }
}

pub(crate) fn describe(kind: ReminderKind, rule: &Rule) -> String {
    let at = format_time(rule.at);
    match (kind, rule.repeat) {
        (ReminderKind::Followup, _) => format!("Setback follow-ups, checked daily at {at}"),
        (ReminderKind::Nudge, _) => format!("Nudge when no win is logged, daily at {at}"),
        (ReminderKind::Digest, Repeat::Weekly(day)) => format!("Team digest every {day} at {at}"),
        (_, Repeat::Daily) => format!("Daily check-in at {at}"),
        (_, Repeat::Weekly(day)) => format!("Weekly review every {day} at {at}"),
        (_, Repeat::Monthly(day)) => format!("Monthly review on day {day} at {at}"),
    }
}

/// How long to put a reminder off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Snooze {
    TenMinutes,
    OneHour,
    /// Until the rule's own time tomorrow.
    Tomorrow,
}

impl FromStr for Snooze {
    type Err = Error;

    fn from_str(input: &str) -> Result<Snooze> {
        match input.trim().to_ascii_lowercase().as_str() {
            "10m" | "10min" => Ok(Snooze::TenMinutes),
            "1h" => Ok(Snooze::OneHour),
            "tomorrow" => Ok(Snooze::Tomorrow),
            _ => Err(Error::invalid(
                "snooze",
                format!("{input:?} is not one of 10m, 1h, tomorrow"),
            )),
        }
    }
}

/// A reminder that came due: what to tell the user, and which rule it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Firing {
    pub reminder_id: String,
    pub kind: ReminderKind,
    pub title: String,
    pub body: String,
    /// When it was due; earlier than now when the app was closed or the machine asleep.
    pub due_at: DateTime<Utc>,
}

impl fmt::Display for Firing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.title, self.body)
    }
}
